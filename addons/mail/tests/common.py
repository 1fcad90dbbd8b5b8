"""Shared set-up of the mail tests: users, tracking flush, and a real SMTP
server on 127.0.0.1 (aiosmtpd) that records what it receives."""
from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
from email import message_from_bytes, policy

from odoo.tests import TransactionCase, new_test_user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def self_signed_context() -> ssl.SSLContext | None:
    """A server TLS context with a fresh self-signed certificate (None
    without the openssl command)."""
    if not shutil.which('openssl'):
        return None
    with tempfile.TemporaryDirectory() as folder:
        cert, key = os.path.join(folder, 'cert.pem'), os.path.join(folder, 'key.pem')
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
                        '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
    return context


class SmtpServer:
    """An SMTP server on 127.0.0.1 keeping the messages it accepts
    (``messages``: parsed e-mails, ``envelopes``: sender and recipients).
    ``refuse`` makes it answer every message with a temporary failure;
    ``tls`` ('starttls' or 'ssl') needs a TLS context; ``login`` a
    (user, password) pair it requires."""

    def __init__(self, refuse: bool = False, tls: str | None = None, tls_context=None,
                 login: tuple[str, str] | None = None) -> None:
        from aiosmtpd.controller import Controller

        self.messages = []
        self.envelopes = []
        self.logins = []
        self.refuse = refuse
        self.port = free_port()
        options = {}
        if tls == 'starttls':
            options.update(tls_context=tls_context, require_starttls=True)
        elif tls == 'ssl':
            options.update(ssl_context=tls_context)
        if login:
            options.update(authenticator=self._authenticator(login), auth_require_tls=tls == 'starttls',
                           auth_exclude_mechanism=['LOGIN'])
        self._controller = Controller(self, hostname='127.0.0.1', port=self.port, **options)

    def _authenticator(self, expected):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        def check(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and \
                (auth_data.login.decode(), auth_data.password.decode()) == expected
            if ok:
                self.logins.append(auth_data.login.decode())
            return AuthResult(success=ok, handled=False)
        return check

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return '451 4.3.0 Mailbox temporarily unavailable'
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return '250 OK'

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


class MailCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_employee = new_test_user(
            cls.env, login='mail_employee', groups='base.group_user', name='赵六',
            email='zhaoliu@example.com')
        cls.user_admin = cls.env.ref('base.user_admin')
        cls.user_admin.partner_id.email = 'admin@example.com'
        cls.partner_customer = cls.env['res.partner'].create({
            'name': '杭州西湖贸易有限公司', 'email': 'contact@xihu.example.com', 'is_company': True})

    def flush_tracking(self):
        """Run what the end of the transaction runs: the tracking messages."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def messages_of(self, record):
        return self.env['mail.message'].sudo().search(
            [('model', '=', record._name), ('res_id', '=', record.id)], order='id desc')
