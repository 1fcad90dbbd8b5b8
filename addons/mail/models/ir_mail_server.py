"""``ir.mail_server``: outgoing SMTP servers, building RFC 5322 messages and
handing them to the server (smtplib), with plain, STARTTLS or SSL transport."""
from __future__ import annotations

import base64
import email.policy
import email.utils
import logging
import os
import smtplib
import ssl
import tempfile
from email.message import EmailMessage

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import config

_logger = logging.getLogger(__name__)

SMTP_TIMEOUT = 60


class MailDeliveryException(Exception):
    """The SMTP server refused or could not take a message."""


class IrMailServer(models.Model):
    _name = 'ir.mail_server'
    _description = 'Mail Server'
    _order = 'sequence, id'

    name = fields.Char(string='Name', required=True, index=True)
    from_filter = fields.Char('FROM Filtering',
                              help="Sender addresses or domains (comma separated) this server sends for; "
                                   "empty: any sender.")
    smtp_host = fields.Char(string='SMTP Server', help="Host name or IP address of the SMTP server")
    smtp_port = fields.Integer(string='SMTP Port', default=25,
                               help="25 for plain SMTP or STARTTLS (587 on many servers), 465 for SSL/TLS.")
    smtp_authentication = fields.Selection([('login', 'Username'), ('certificate', 'SSL Certificate'),
                                            ('cli', 'Command Line Interface')],
                                           string='Authenticate with', required=True, default='login')
    smtp_authentication_info = fields.Text('Authentication Info', compute='_compute_smtp_authentication_info')
    smtp_user = fields.Char(string='Username', help="Login on the SMTP server, if it requires one",
                            groups='base.group_system')
    smtp_pass = fields.Char(string='Password', help="Password on the SMTP server, if it requires one",
                            groups='base.group_system')
    smtp_encryption = fields.Selection([('none', 'None'), ('starttls', 'TLS (STARTTLS)'), ('ssl', 'SSL/TLS')],
                                       string='Connection Encryption', required=True, default='none',
                                       help="None: plain text. TLS (STARTTLS): the session is upgraded to "
                                            "TLS (usually port 587 or 25). SSL/TLS: TLS from the start "
                                            "(usually port 465).")
    smtp_ssl_certificate = fields.Binary('SSL Certificate', groups='base.group_system', attachment=False,
                                         help="Client certificate used to authenticate")
    smtp_ssl_private_key = fields.Binary('SSL Private Key', groups='base.group_system', attachment=False,
                                         help="Private key of the client certificate")
    smtp_debug = fields.Boolean(string='Debugging', help="Log the SMTP session (verbose).")
    sequence = fields.Integer(string='Priority', default=10,
                              help="Servers are tried by increasing priority when none is chosen.")
    active = fields.Boolean(default=True)

    @api.depends('smtp_authentication')
    def _compute_smtp_authentication_info(self):
        texts = {
            'login': _("Connect with the username and password below."),
            'certificate': _("Authenticate with an SSL client certificate and its private key."),
            'cli': _("Use the SMTP settings of the server's configuration file or command line."),
        }
        for server in self:
            server.smtp_authentication_info = texts.get(server.smtp_authentication, False)

    @api.constrains('smtp_port')
    def _check_smtp_port(self):
        for server in self:
            if server.smtp_port is not None and not 0 < server.smtp_port < 65536:
                raise UserError(_("The SMTP port of “%(server)s” must be between 1 and 65535, not %(port)s.",
                                  server=server.name, port=server.smtp_port))

    # ------------------------------------------------------------------
    # connection
    # ------------------------------------------------------------------

    def connect(self, host=None, port=None, user=None, password=None, encryption=None,
                smtp_from=None, ssl_certificate=None, ssl_private_key=None, smtp_debug=False,
                mail_server_id=None, allow_archived=False):
        """An open SMTP session, to the server ``mail_server_id`` (or this
        one), to the given host, or to the server of the configuration."""
        server = self.browse(mail_server_id) if mail_server_id else self
        if not server and smtp_from:
            server, smtp_from = self.sudo()._find_mail_server(smtp_from)
        server = server.sudo()
        if server and not (server.active or allow_archived):
            raise UserError(_("The mail server “%s” is archived.", server.name))
        if server and server.smtp_authentication != 'cli':
            host, port = server.smtp_host, server.smtp_port
            encryption = server.smtp_encryption
            smtp_debug = smtp_debug or server.smtp_debug
            if server.smtp_authentication == 'certificate':
                ssl_certificate, ssl_private_key = server.smtp_ssl_certificate, server.smtp_ssl_private_key
                user = password = None
            else:
                user, password = server.smtp_user, server.smtp_pass
        elif not host:
            host = config.get('smtp_server') or 'localhost'
            port = config.get('smtp_port') or 25
            user = config.get('smtp_user')
            password = config.get('smtp_password')
            encryption = 'ssl' if config.get('smtp_ssl') else 'none'
        encryption = encryption or 'none'
        if not host:
            raise UserError(_("No SMTP host is configured: set one on the mail server or in the configuration."))
        # as Odoo, the server's certificate is not verified (internal relays
        # often use self-signed ones); a client certificate may authenticate us
        ssl_context = self._smtp_ssl_context(ssl_certificate, ssl_private_key)
        session = None
        try:
            if encryption == 'ssl':
                session = smtplib.SMTP_SSL(host, port or 465, timeout=SMTP_TIMEOUT, context=ssl_context)
            else:
                session = smtplib.SMTP(host, port or 25, timeout=SMTP_TIMEOUT)
            session.set_debuglevel(1 if smtp_debug else 0)
            if encryption == 'starttls':
                session.starttls(context=ssl_context)
            if user:
                self._smtp_login(session, user, password or '')
        except (OSError, smtplib.SMTPException) as exc:
            if session is not None:
                session.close()
            raise UserError(_("Cannot connect to the SMTP server %(host)s:%(port)s: %(error)s",
                              host=host, port=port, error=exc)) from exc
        session.ehlo_or_helo_if_needed()
        return session

    def _smtp_login(self, connection, smtp_user, smtp_password):
        """Authenticate the session (other modules may log in differently)."""
        connection.login(smtp_user, smtp_password)

    @staticmethod
    def _smtp_ssl_context(certificate=None, private_key=None):
        """A TLS context not verifying the server, holding our client
        certificate when one is given (base64 PEM, as the fields store it)."""
        ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ssl_context.check_hostname = False
        ssl_context.verify_mode = ssl.CERT_NONE
        if certificate and private_key:
            with tempfile.TemporaryDirectory() as folder:
                cert_path = os.path.join(folder, 'cert.pem')
                key_path = os.path.join(folder, 'key.pem')
                for path, content in ((cert_path, certificate), (key_path, private_key)):
                    with open(path, 'wb') as handle:
                        handle.write(base64.b64decode(content))
                try:
                    ssl_context.load_cert_chain(cert_path, key_path)
                except ssl.SSLError as exc:
                    raise UserError(_("The SSL certificate or private key of the mail server is invalid: %s",
                                      exc)) from exc
        return ssl_context

    def test_smtp_connection(self):
        """Check that the server answers and accepts our sender; returns a
        notification action saying so."""
        for server in self:
            session = None
            try:
                session = server.connect(mail_server_id=server.id, allow_archived=True)
                sender = server._get_test_email_from()
                code, reply = session.mail(sender)
                if code != 250:
                    raise UserError(_("The server %(server)s refused the sender %(sender)s: %(reply)s",
                                      server=server.name, sender=sender, reply=reply.decode(errors='replace')))
                code, reply = session.rcpt('noreply@odoo.com')
                if code not in (250, 251):
                    raise UserError(_("The server %(server)s refused a recipient: %(reply)s",
                                      server=server.name, reply=reply.decode(errors='replace')))
                session.rset()
            finally:
                if session is not None:
                    try:
                        session.quit()
                    except smtplib.SMTPException:
                        pass
        return {
            'type': 'ir.actions.client',
            'tag': 'display_notification',
            'params': {'message': _("Connection Test Successful!"), 'type': 'success', 'sticky': False},
        }

    def _get_test_email_from(self):
        self.ensure_one()
        if self.from_filter and '@' in self.from_filter.split(',')[0]:
            return self.from_filter.split(',')[0].strip()
        return self._get_default_from_address() or 'noreply@localhost'

    @api.model
    def _get_default_from_address(self):
        """The sender used when a message has none: ``mail.default.from`` @
        ``mail.catchall.domain``, else the configuration's ``email_from``."""
        params = self.env['ir.config_parameter'].sudo()
        local = params.get_param('mail.default.from')
        domain = params.get_param('mail.catchall.domain')
        if local and '@' in local:
            return local
        if local and domain:
            return f'{local}@{domain}'
        return config.get('email_from') or False

    @api.model
    def _find_mail_server(self, email_from, mail_servers=None):
        """(server, sender) for ``email_from``: the first server whose
        from_filter matches the address or its domain, else one without filter."""
        if mail_servers is None:
            mail_servers = self.sudo().search([], order='sequence, id')
        normalized = tools.email_normalize(email_from) if email_from else False
        domain = normalized.split('@')[1] if normalized else False
        for server in mail_servers:
            filters = [f.strip().lower() for f in (server.from_filter or '').split(',') if f.strip()]
            if normalized and normalized in filters:
                return server, email_from
        for server in mail_servers:
            filters = [f.strip().lower() for f in (server.from_filter or '').split(',') if f.strip()]
            if domain and domain in filters:
                return server, email_from
        unfiltered = mail_servers.filtered(lambda s: not s.from_filter)
        if unfiltered:
            return unfiltered[0], email_from
        return self.browse(), email_from

    # ------------------------------------------------------------------
    # messages
    # ------------------------------------------------------------------

    @api.model
    def build_email(self, email_from, email_to, subject, body, email_cc=None, email_bcc=None,
                    reply_to=False, attachments=None, message_id=None, references=None,
                    object_id=False, subtype='plain', headers=None, body_alternative=None,
                    subtype_alternative='plain'):
        """An ``email.message.EmailMessage`` ready for ``send_email``.

        ``attachments`` are ``(filename, content bytes[, mimetype])`` tuples;
        an HTML body (subtype 'html') gets a plain-text alternative.
        """
        email_from = email_from or self._get_default_from_address()
        if not email_from:
            raise UserError(_("An e-mail needs a sender: set mail.default.from and mail.catchall.domain "
                              "or the email_from option of the configuration."))
        msg = EmailMessage(policy=email.policy.SMTP)
        msg['Message-Id'] = message_id or tools.mail.generate_tracking_message_id(object_id or 'mail')
        if references:
            msg['References'] = references
        msg['Subject'] = subject or ''
        msg['From'] = email_from
        msg['Reply-To'] = reply_to or email_from
        msg['To'] = ', '.join(email_to) if isinstance(email_to, (list, tuple)) else (email_to or '')
        if email_cc:
            msg['Cc'] = ', '.join(email_cc) if isinstance(email_cc, (list, tuple)) else email_cc
        if email_bcc:
            msg['Bcc'] = ', '.join(email_bcc) if isinstance(email_bcc, (list, tuple)) else email_bcc
        msg['Date'] = email.utils.formatdate(localtime=False)
        for key, value in (headers or {}).items():
            msg[key] = str(value)

        body = body or ''
        if subtype == 'html':
            text = body_alternative or tools.html2plaintext(body)
            msg.set_content(text, subtype=subtype_alternative if body_alternative else 'plain', charset='utf-8')
            msg.add_alternative(body, subtype='html', charset='utf-8')
        else:
            msg.set_content(body, subtype=subtype, charset='utf-8')
        for attachment in attachments or ():
            name, content = attachment[0], attachment[1]
            mimetype = attachment[2] if len(attachment) > 2 and attachment[2] else 'application/octet-stream'
            maintype, _sep, subtype_ = mimetype.partition('/')
            if isinstance(content, str):
                content = content.encode()
            msg.add_attachment(content, maintype=maintype, subtype=subtype_ or 'octet-stream', filename=name)
        return msg

    def _prepare_email_message(self, message, smtp_session):
        """(sender, recipients, message) as the SMTP envelope needs them."""
        bounce = self.env['ir.config_parameter'].sudo().get_param('mail.bounce.alias')
        sender = message['Return-Path'] or message['From']
        if bounce and '@' in bounce:
            sender = bounce
        sender = email.utils.parseaddr(str(sender))[1] or str(sender)
        recipients = []
        for header in ('To', 'Cc', 'Bcc'):
            for _name, address in email.utils.getaddresses([str(v) for v in message.get_all(header, [])]):
                if address:
                    recipients.append(address)
        if not recipients:
            raise MailDeliveryException(_("The message %s has no recipient.", message['Message-Id']))
        del message['Bcc']
        return sender, recipients, message

    @api.model
    def send_email(self, message, mail_server_id=None, smtp_server=None, smtp_port=None, smtp_user=None,
                   smtp_password=None, smtp_encryption=None, smtp_ssl_certificate=None,
                   smtp_ssl_private_key=None, smtp_debug=False, smtp_session=None):
        """Hand ``message`` to an SMTP server; returns its Message-Id.
        Raises ``MailDeliveryException`` when the server refuses it."""
        session = smtp_session
        own_session = session is None
        try:
            if own_session:
                session = self.connect(smtp_server, smtp_port, smtp_user, smtp_password, smtp_encryption,
                                       smtp_from=message['From'], ssl_certificate=smtp_ssl_certificate,
                                       ssl_private_key=smtp_ssl_private_key, smtp_debug=smtp_debug,
                                       mail_server_id=mail_server_id)
            sender, recipients, prepared = self._prepare_email_message(message, session)
            session.send_message(prepared, sender, recipients)
        except MailDeliveryException:
            raise
        except (UserError, OSError, smtplib.SMTPException) as exc:
            raise MailDeliveryException(_("Mail delivery failed via SMTP server: %s", exc)) from exc
        finally:
            if own_session and session is not None:
                try:
                    session.quit()
                except (OSError, smtplib.SMTPException):
                    pass
        return message['Message-Id']
