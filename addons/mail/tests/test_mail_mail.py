"""Outgoing e-mail through a real SMTP server on 127.0.0.1: the queue sends
what is due; a failing server leaves the mail in 'exception' with its
reason, and the next run of the queue sends it."""
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MailCase, SmtpServer, free_port, self_signed_context

# a small but real PDF document
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


@tagged('at_install', '-post_install')
class TestMailMail(MailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = free_port()
        cls.server = cls.env['ir.mail_server'].create({
            'name': '本机 SMTP', 'smtp_host': '127.0.0.1', 'smtp_port': cls.port, 'smtp_encryption': 'none'})
        cls.customer = cls.env['res.partner'].create({'name': '王五', 'email': 'wangwu@example.com'})
        cls.quote = cls.env['ir.attachment'].create({
            'name': '报价单.pdf', 'raw': PDF, 'mimetype': 'application/pdf'})
        cls.template = cls.env['mail.template'].create({
            'name': '报价单发送',
            'model_id': cls.env['ir.model']._get('res.partner').id,
            'subject': '您的报价单 - {{ object.name }}',
            'email_from': 'sales@tianchi.example.com',
            'partner_to': '{{ object.id }}',
            'body_html': '<p>尊敬的 <t t-out="object.name"/>：请查收报价单。</p>',
            'attachment_ids': [(6, 0, cls.quote.ids)],
            'auto_delete': False,
        })

    def _queue(self):
        mail = self.env['mail.mail'].browse(self.template.send_mail(self.customer.id))
        self.assertEqual(mail.state, 'outgoing')
        return mail

    def test_mail_with_pdf_reaches_the_server(self):
        mail = self._queue()
        self.assertEqual(mail.subject, '您的报价单 - 王五')
        self.assertEqual(mail.recipient_ids, self.customer)
        with SmtpServer() as smtp:
            # the SMTP server of the test is the one the mail server names
            self.server.smtp_port = smtp.port
            self.env['mail.mail'].process_email_queue()
        self.assertEqual(mail.state, 'sent')
        self.assertEqual(len(smtp.messages), 1)
        received = smtp.messages[0]
        self.assertEqual(received['Subject'], '您的报价单 - 王五')
        self.assertIn('wangwu@example.com', received['To'])
        self.assertEqual(smtp.envelopes[0][1], ['wangwu@example.com'])
        html = received.get_body(preferencelist=('html',)).get_content()
        self.assertIn('尊敬的 王五', html)
        attachments = list(received.iter_attachments())
        self.assertEqual([part.get_filename() for part in attachments], ['报价单.pdf'])
        self.assertEqual(attachments[0].get_content_type(), 'application/pdf')
        self.assertEqual(attachments[0].get_content(), PDF)
        # the template keeps its own attachment; the mail got a copy
        self.assertEqual(self.template.attachment_ids, self.quote)
        self.assertNotEqual(mail.attachment_ids, self.quote)

    def test_failing_server_keeps_the_mail_queued(self):
        mail = self._queue()
        # nothing listens on the port: the connection is refused
        self.env['mail.mail'].process_email_queue()
        self.assertTrue(mail.exists())
        self.assertEqual(mail.state, 'exception')
        self.assertEqual(mail.failure_type, 'mail_smtp')
        self.assertIn(str(self.port), mail.failure_reason)
        # the next run, with the server back, delivers it
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            self.env['mail.mail'].process_email_queue()
        self.assertEqual(mail.state, 'sent')
        self.assertFalse(mail.failure_reason)
        self.assertEqual(len(smtp.messages), 1)

    def test_server_refusing_the_message(self):
        mail = self._queue()
        with SmtpServer(refuse=True) as smtp:
            self.server.smtp_port = smtp.port
            mail.send()
        self.assertEqual(mail.state, 'exception')
        self.assertEqual(mail.failure_type, 'mail_smtp')
        self.assertIn('451', mail.failure_reason)

    def test_scheduled_mail_waits(self):
        mail = self._queue()
        mail.scheduled_date = '2999-01-01 00:00:00'
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            self.env['mail.mail'].process_email_queue()
        self.assertEqual(mail.state, 'outgoing')
        self.assertFalse(smtp.messages)

    def test_missing_recipient_is_not_retried(self):
        mail = self.env['mail.mail'].create({'subject': '无收件人', 'body_html': '<p>x</p>',
                                             'email_from': 'a@example.com'})
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            mail.send()
        self.assertEqual((mail.state, mail.failure_type), ('exception', 'mail_email_missing'))
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            self.env['mail.mail'].process_email_queue()
        self.assertEqual(mail.state, 'exception')
        self.assertFalse(smtp.messages)

    def test_auto_delete_removes_sent_mail_but_keeps_message(self):
        self.template.auto_delete = True
        mail = self._queue()
        message = mail.mail_message_id
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            mail.send()
        self.assertFalse(mail.exists())
        self.assertEqual(len(smtp.messages), 1)
        self.assertFalse(message.exists(), "a mail that is not a notification takes its message along")

    def test_test_smtp_connection(self):
        with SmtpServer() as smtp:
            self.server.smtp_port = smtp.port
            result = self.server.test_smtp_connection()
        self.assertEqual(result['params']['type'], 'success')
        self.server.smtp_port = free_port()
        with self.assertRaises(UserError):
            self.server.test_smtp_connection()

    def test_build_email(self):
        msg = self.env['ir.mail_server'].build_email(
            'sales@example.com', ['a@example.com', 'b@example.com'], '主题', '<p>正文</p>',
            email_cc=['c@example.com'], subtype='html',
            attachments=[('a.txt', b'hello', 'text/plain')], headers={'X-Tianchi': '1'})
        self.assertEqual(msg['Subject'], '主题')
        self.assertEqual(msg['To'], 'a@example.com, b@example.com')
        self.assertEqual(msg['Cc'], 'c@example.com')
        self.assertEqual(msg['X-Tianchi'], '1')
        self.assertIn('正文', msg.get_body(preferencelist=('plain',)).get_content())
        self.assertEqual(base64.b64decode(
            next(msg.iter_attachments()).get_payload()), b'hello')


@tagged('at_install', '-post_install')
class TestMailServerTransport(MailCase):
    """STARTTLS and SSL/TLS transports with a login, against a server using a
    self-signed certificate (not verified, as Odoo does)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tls_context = self_signed_context()
        cls.customer = cls.env['res.partner'].create({'name': '赵敏', 'email': 'zhaomin@example.com'})

    def _send_through(self, encryption, smtp):
        server = self.env['ir.mail_server'].create({
            'name': f'TLS {encryption}', 'smtp_host': '127.0.0.1', 'smtp_port': smtp.port,
            'smtp_encryption': encryption, 'smtp_user': 'mailer', 'smtp_pass': 's3cret-123'})
        mail = self.env['mail.mail'].create({
            'subject': f'加密 {encryption}', 'body_html': '<p>你好</p>', 'email_from': 'sales@example.com',
            'recipient_ids': [(4, self.customer.id)], 'mail_server_id': server.id})
        mail.send()
        return mail

    def test_starttls_with_login(self):
        if not self.tls_context:
            self.skipTest("no openssl command to make a certificate")
        with SmtpServer(tls='starttls', tls_context=self.tls_context, login=('mailer', 's3cret-123')) as smtp:
            mail = self._send_through('starttls', smtp)
        self.assertEqual(mail.state, 'sent', mail.failure_reason)
        self.assertEqual(smtp.logins, ['mailer'])
        self.assertEqual(smtp.messages[0]['Subject'], '加密 starttls')

    def test_ssl_with_login(self):
        if not self.tls_context:
            self.skipTest("no openssl command to make a certificate")
        with SmtpServer(tls='ssl', tls_context=self.tls_context, login=('mailer', 's3cret-123')) as smtp:
            mail = self._send_through('ssl', smtp)
        self.assertEqual(mail.state, 'sent', mail.failure_reason)
        self.assertEqual(smtp.logins, ['mailer'])

    def test_wrong_password_keeps_the_mail(self):
        if not self.tls_context:
            self.skipTest("no openssl command to make a certificate")
        with SmtpServer(tls='starttls', tls_context=self.tls_context, login=('mailer', 'autre')) as smtp:
            mail = self._send_through('starttls', smtp)
        self.assertEqual(mail.state, 'exception')
        self.assertEqual(mail.failure_type, 'mail_smtp')
        self.assertFalse(smtp.messages)
