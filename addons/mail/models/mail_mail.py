"""``mail.mail``: the outgoing e-mail queue. Each mail is a ``mail.message``
(by delegation) plus its recipients and delivery state; the scheduled action
``process_email_queue`` sends what is due. A delivery failure leaves the mail
in state 'exception' with the reason: it is never lost, and a failure of the
server (not of the address) is retried by the next run of the queue."""
from __future__ import annotations

import datetime
import logging
import threading

from odoo import _, api, fields, models, tools
from odoo.modules.registry import Registry

from .ir_mail_server import MailDeliveryException

_logger = logging.getLogger(__name__)

# failures that another attempt may cure (the server was down, refused the
# connection or the message for a temporary reason)
RETRIED_FAILURES = ('mail_smtp', 'unknown')


class MailMail(models.Model):
    _name = 'mail.mail'
    _description = 'Outgoing Mails'
    _inherits = {'mail.message': 'mail_message_id'}
    _order = 'id desc'
    _rec_name = 'subject'

    @api.model
    def default_get(self, fields_list):
        # the composer's default message_type is not an outgoing one
        if self._context.get('default_type') and self._context['default_type'] not in \
                self._fields['message_type'].get_values(self.env):
            self = self.with_context(dict(self._context, default_type=None))  # noqa: PLW0642 - as Odoo
        return super().default_get(fields_list)

    mail_message_id = fields.Many2one('mail.message', 'Message', required=True, ondelete='cascade',
                                      index=True, auto_join=True)
    mail_message_id_int = fields.Integer(compute='_compute_mail_message_id_int', compute_sudo=True)
    message_type = fields.Selection(related='mail_message_id.message_type', inherited=True,
                                    default='email_outgoing')
    body_html = fields.Text('Text Contents', help="Rich-text/HTML message")
    references = fields.Text('References', readonly=True,
                             help="Message-Ids this one answers (e-mail threading)")
    headers = fields.Text('Headers', copy=False)
    is_notification = fields.Boolean('Notification Email',
                                     help="Sent to notify people of an existing message (kept when "
                                          "the mail is deleted).")
    email_to = fields.Text('To', help="Recipient addresses")
    email_cc = fields.Char('Cc', help="Carbon copy addresses")
    recipient_ids = fields.Many2many('res.partner', string='To (Partners)', context={'active_test': False})
    state = fields.Selection([
        ('outgoing', 'Outgoing'),
        ('sent', 'Sent'),
        ('received', 'Received'),
        ('exception', 'Delivery Failed'),
        ('cancel', 'Cancelled'),
    ], 'Status', readonly=True, copy=False, default='outgoing')
    failure_type = fields.Selection(selection=[
        ('unknown', 'Unknown error'),
        ('mail_email_invalid', 'Invalid email address'),
        ('mail_email_missing', 'Missing email'),
        ('mail_from_invalid', 'Invalid from address'),
        ('mail_from_missing', 'Missing from address'),
        ('mail_smtp', 'Connection failed (outgoing mail server problem)'),
        ('mail_bl', 'Blacklisted Address'),
        ('mail_optout', 'Opted Out'),
        ('mail_dup', 'Duplicated Email'),
    ], string='Failure type')
    failure_reason = fields.Text('Failure Reason', readonly=True, copy=False,
                                 help="What the mail server answered, for the diagnosis.")
    auto_delete = fields.Boolean('Auto Delete',
                                 help="Delete the mail once sent (the chatter message stays).")
    scheduled_date = fields.Datetime('Scheduled Send Date',
                                     help="Not sent before this moment (UTC); empty: as soon as possible.")

    def _compute_mail_message_id_int(self):
        for mail in self:
            mail.mail_message_id_int = mail.mail_message_id.id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if 'is_notification' not in vals and vals.get('mail_message_id'):
                vals['is_notification'] = True
            if vals.get('scheduled_date'):
                vals['scheduled_date'] = self._parse_scheduled_datetime(vals['scheduled_date'])
        mails = super().create(vals_list)
        # the attachments belong to the message, not to whoever created them
        for mail, vals in zip(mails, vals_list):
            if vals.get('attachment_ids') and mail.attachment_ids:
                mail.attachment_ids.filtered(lambda a: not a.res_id).sudo().write(
                    {'res_model': 'mail.message', 'res_id': mail.mail_message_id.id})
        return mails

    def write(self, vals):
        if vals.get('scheduled_date'):
            vals['scheduled_date'] = self._parse_scheduled_datetime(vals['scheduled_date'])
        return super().write(vals)

    def unlink(self):
        # a mail that only carried a notification keeps its chatter message
        own_messages = self.filtered(lambda m: not m.is_notification).mail_message_id
        result = super().unlink()
        if own_messages:
            own_messages.exists().unlink()
        return result

    @api.model
    def _parse_scheduled_datetime(self, value):
        """A naive UTC datetime from a date, datetime or string (with or without zone)."""
        if not value:
            return False
        if isinstance(value, datetime.datetime):
            parsed = value
        elif isinstance(value, datetime.date):
            parsed = datetime.datetime.combine(value, datetime.time.min)
        else:
            try:
                parsed = datetime.datetime.fromisoformat(str(value).strip().replace('Z', '+00:00'))
            except ValueError:
                return fields.Datetime.to_datetime(value)
        if parsed.tzinfo:
            parsed = parsed.astimezone(datetime.UTC).replace(tzinfo=None)
        return parsed

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_retry(self):
        self.filtered(lambda m: m.state == 'exception').mark_outgoing()

    def mark_outgoing(self):
        return self.write({'state': 'outgoing', 'failure_type': False, 'failure_reason': False})

    def cancel(self):
        return self.write({'state': 'cancel'})

    def action_open_document(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'view_mode': 'form',
            'res_model': self.model,
            'res_id': self.res_id,
            'target': 'current',
        }

    # ------------------------------------------------------------------
    # queue
    # ------------------------------------------------------------------

    @api.model
    def process_email_queue(self, ids=None, batch_size=1000):
        """Send the due mails: outgoing ones whose scheduled date has come,
        and those a server failure left in 'exception'. Commits after each
        mail outside of tests (the run is not one transaction)."""
        now = fields.Datetime.now()
        domain = [
            '|', ('state', '=', 'outgoing'),
            '&', ('state', '=', 'exception'), ('failure_type', 'in', RETRIED_FAILURES),
            '|', ('scheduled_date', '=', False), ('scheduled_date', '<=', now),
        ]
        if 'filters' in self._context:
            domain += self._context['filters']
        batch_size = int(self.env['ir.config_parameter'].sudo().get_param(
            'mail.mail.queue.batch.size', batch_size))
        mails = self.search(domain, limit=batch_size if not ids else batch_size * 10, order='id')
        if ids:
            mails = mails.filtered(lambda m: m.id in set(ids))
        result = None
        try:
            auto_commit = not getattr(threading.current_thread(), 'testing', False)
            result = mails.send(auto_commit=auto_commit)
        except Exception:
            _logger.exception("The mail queue could not be processed")
        return result

    def send_after_commit(self):
        """Send these mails once the current transaction is committed (at
        once during tests, which never commit)."""
        if getattr(threading.current_thread(), 'testing', False):
            self.send()
            return
        mail_ids = self.ids
        db_name = self.env.cr.dbname
        context = dict(self.env.context)

        @self.env.cr.postcommit.add
        def send_in_new_transaction():
            with Registry(db_name).cursor() as cr:
                env = api.Environment(cr, 1, context)
                env['mail.mail'].browse(mail_ids).exists().send()

    def _split_by_mail_configuration(self):
        """[(mail server id, sender, mail ids)]: the mails grouped by the
        server that sends them."""
        groups = {}
        Server = self.env['ir.mail_server'].sudo()
        servers = Server.search([], order='sequence, id')
        for mail in self.sudo():
            server = mail.mail_server_id
            if not server:
                server, _sender = Server._find_mail_server(mail.email_from, servers)
            groups.setdefault((server.id or False, mail.email_from), []).append(mail.id)
        return [(server_id, sender, ids) for (server_id, sender), ids in groups.items()]

    def send(self, auto_commit=False, raise_exception=False, post_send_callback=None):
        """Send these mails now, whatever their state. A server that cannot
        be reached puts the whole batch in 'exception' (to be retried)."""
        IrMailServer = self.env['ir.mail_server']
        for server_id, sender, batch_ids in self._split_by_mail_configuration():
            batch = self.browse(batch_ids)
            session = None
            try:
                session = IrMailServer.connect(mail_server_id=server_id, smtp_from=sender)
            except Exception as exc:
                if raise_exception:
                    raise MailDeliveryException(_("Cannot connect to the SMTP server: %s", exc)) from exc
                batch.write({'state': 'exception', 'failure_type': 'mail_smtp', 'failure_reason': str(exc)})
                _logger.warning("Mails %s kept for a later attempt: %s", batch.ids, exc)
            else:
                batch._send(auto_commit=auto_commit, raise_exception=raise_exception, smtp_session=session,
                            mail_server_id=server_id)
            finally:
                if session is not None:
                    try:
                        session.quit()
                    except Exception:  # noqa: BLE001 - the server may already be gone
                        pass
            if auto_commit:
                self._cr.commit()
            if post_send_callback:
                post_send_callback(batch_ids)
        return True

    def _prepare_outgoing_list(self, mail_server=False, recipients_follower_status=None):
        """The e-mails to build for this mail: one per partner recipient
        (personal To), plus one for the raw ``email_to`` addresses.
        Each is a dict of build_email's arguments."""
        self.ensure_one()
        body = self.body_html or ''
        attachments = [(att.name, att.raw, att.mimetype) for att in self.attachment_ids.sudo()]
        common = {
            'body': body,
            'body_alternative': tools.html2plaintext(body) if body else '',
            'email_cc': tools.email_split_and_format(self.email_cc) if self.email_cc else [],
            'attachments': attachments,
            'headers': self._parse_headers(),
        }
        result = []
        if self.email_to:
            result.append(dict(common, email_to=tools.email_split_and_format(self.email_to), partner_id=False))
        for partner in self.recipient_ids:
            addresses = tools.email_normalize_all(partner.email or '')
            formatted = [tools.formataddr((partner.name or '', addr)) for addr in addresses] \
                or ([partner.email] if partner.email else [])
            result.append(dict(common, email_to=formatted, partner_id=partner.id))
        return result

    def _parse_headers(self):
        if not self.headers:
            return {}
        try:
            headers = tools.safe_eval.safe_eval(self.headers)
        except Exception:  # noqa: BLE001 - a malformed header text is ignored, as Odoo does
            return {}
        return headers if isinstance(headers, dict) else {}

    def _send(self, auto_commit=False, raise_exception=False, smtp_session=None, mail_server_id=False, **kwargs):
        IrMailServer = self.env['ir.mail_server']
        for mail_id in self.ids:
            mail = self.browse(mail_id).sudo()
            if mail.state not in ('outgoing', 'exception') and not self._context.get('mail_force_send'):
                continue
            try:
                outgoing = mail._prepare_outgoing_list()
                if not outgoing or not any(item['email_to'] for item in outgoing):
                    mail.write({'state': 'exception', 'failure_type': 'mail_email_missing',
                                'failure_reason': _("The mail has no recipient address.")})
                    continue
                if not mail.email_from:
                    mail.write({'state': 'exception', 'failure_type': 'mail_from_missing',
                                'failure_reason': _("The mail has no sender address.")})
                    continue
                message_id = False
                for item in outgoing:
                    if not item['email_to']:
                        continue
                    msg = IrMailServer.build_email(
                        email_from=mail.email_from,
                        email_to=item['email_to'],
                        subject=mail.subject,
                        body=item['body'],
                        body_alternative=item['body_alternative'],
                        email_cc=item['email_cc'],
                        reply_to=mail.reply_to,
                        attachments=item['attachments'],
                        message_id=mail.message_id,
                        references=mail.references,
                        object_id=mail.res_id and f'{mail.res_id}-{mail.model}',
                        subtype='html',
                        subtype_alternative='plain',
                        headers=item['headers'],
                    )
                    message_id = IrMailServer.send_email(msg, mail_server_id=mail_server_id,
                                                         smtp_session=smtp_session)
                mail.write({'state': 'sent', 'message_id': message_id or mail.message_id,
                            'failure_type': False, 'failure_reason': False})
                _logger.info("Mail %s (message-id %s) sent", mail.id, message_id)
                mail._postprocess_sent_message(success=True)
            except MailDeliveryException as exc:
                if raise_exception:
                    raise
                mail.write({'state': 'exception', 'failure_type': 'mail_smtp', 'failure_reason': str(exc)})
                _logger.warning("Mail %s not delivered, kept for a later attempt: %s", mail.id, exc)
            except (UnicodeError, ValueError) as exc:
                if raise_exception:
                    raise
                mail.write({'state': 'exception', 'failure_type': 'mail_email_invalid',
                            'failure_reason': str(exc)})
                _logger.warning("Mail %s refused: %s", mail.id, exc)
            if auto_commit:
                self._cr.commit()
        return True

    def _postprocess_sent_message(self, success=True, **kwargs):
        """Delete the sent mails marked auto_delete."""
        if success:
            self.filtered(lambda m: m.auto_delete and m.state == 'sent').sudo().unlink()
        return True
