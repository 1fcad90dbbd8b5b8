"""Shared set-up of the mail tests: users, tracking flush, and a real SMTP
server on 127.0.0.1 (aiosmtpd) that records what it receives."""
from __future__ import annotations

import socket
from email import message_from_bytes, policy

from odoo.tests import TransactionCase, new_test_user


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class SmtpServer:
    """An SMTP server on 127.0.0.1 keeping the messages it accepts
    (``messages``: parsed e-mails, ``envelopes``: sender and recipients).
    ``refuse`` makes it answer every message with a temporary failure."""

    def __init__(self, refuse: bool = False) -> None:
        from aiosmtpd.controller import Controller

        self.messages = []
        self.envelopes = []
        self.refuse = refuse
        self.port = free_port()
        self._controller = Controller(self, hostname='127.0.0.1', port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
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
