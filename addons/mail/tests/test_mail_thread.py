"""Chatter: posting, creation log, followers, message_ids of a record only."""
import psycopg2.errors
from markupsafe import Markup
from odoo.tests import tagged

from .common import MailCase


@tagged('at_install', '-post_install')
class TestMailThread(MailCase):

    def test_creation_logs_and_subscribes_creator(self):
        partner = self.env['res.partner'].with_user(self.user_admin).create({'name': '钱七'})
        messages = self.messages_of(partner)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.message_type, 'notification')
        self.assertEqual(messages.subtype_id, self.env.ref('mail.mt_note'))
        self.assertIn('created', str(messages.body))
        self.assertEqual(partner.message_partner_ids, self.user_admin.partner_id)
        self.assertTrue(partner.with_user(self.user_admin).message_is_follower)

    def test_context_keys_skip_log_and_subscription(self):
        quiet = self.env['res.partner'].with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
        partner = quiet.create({'name': '孙八'})
        self.assertFalse(self.messages_of(partner))
        self.assertFalse(partner.message_follower_ids)
        silent = self.env['res.partner'].with_context(tracking_disable=True).create({'name': '周九'})
        self.assertFalse(self.messages_of(silent))

    def test_message_post_text_is_escaped_markup_is_html(self):
        record = self.partner_customer.with_user(self.user_admin)
        text = record.message_post(body='<b>报价</b> 已发送', message_type='comment',
                                   subtype_xmlid='mail.mt_comment')
        self.assertEqual(str(text.body), '&lt;b&gt;报价&lt;/b&gt; 已发送')
        html = record.message_post(body=Markup('<p>合同 <b>已签</b></p>'), message_type='comment')
        self.assertEqual(str(html.body), '<p>合同 <b>已签</b></p>')
        self.assertEqual(html.author_id, self.user_admin.partner_id)
        self.assertEqual(html.model, 'res.partner')
        self.assertEqual(html.res_id, self.partner_customer.id)
        self.assertEqual(html.record_name, self.partner_customer.display_name)
        self.assertIn(html, self.partner_customer.message_ids)
        # posting a comment makes its author follow the record
        self.assertIn(self.user_admin.partner_id, self.partner_customer.message_partner_ids)

    def test_message_post_refuses_bad_arguments(self):
        with self.assertRaises(ValueError):
            self.partner_customer.message_post(body='x', partner_ids=[self.user_admin.partner_id])
        with self.assertRaises(ValueError):
            self.partner_customer.message_post(body='x', message_type='user_notification')
        with self.assertRaises(ValueError):
            self.env['res.partner'].message_post(body='no record')

    def test_message_post_with_attachments(self):
        message = self.partner_customer.message_post(
            body='见附件', attachments=[('报价单.txt', '单价 100 元'.encode())])
        self.assertEqual(message.attachment_ids.name, '报价单.txt')
        self.assertEqual(message.attachment_ids.raw, '单价 100 元'.encode())
        self.assertEqual(message.attachment_ids.res_model, 'res.partner')
        self.assertEqual(self.partner_customer.message_attachment_count, 1)

    def test_message_ids_hold_only_the_record_messages(self):
        company = self.env.company
        own = self.partner_customer.message_post(body='本记录')
        # a message of another model with the same id must not appear
        self.env['mail.message'].create({
            'model': 'res.company', 'res_id': self.partner_customer.id, 'body': '别的模型',
            'record_name': company.name})
        self.partner_customer.invalidate_recordset(['message_ids'])
        self.assertIn(own, self.partner_customer.message_ids)
        self.assertEqual(set(self.partner_customer.message_ids.mapped('model')), {'res.partner'})
        self.assertTrue(self.partner_customer.has_message)
        found = self.env['res.partner'].search([('has_message', '=', True), ('id', '=', self.partner_customer.id)])
        self.assertEqual(found, self.partner_customer)

    def test_subscribe_and_unsubscribe(self):
        record = self.partner_customer
        employee_partner = self.user_employee.partner_id
        record.message_subscribe(partner_ids=employee_partner.ids)
        follower = record.message_follower_ids.filtered(lambda f: f.partner_id == employee_partner)
        self.assertEqual(follower.subtype_ids, self.env.ref('mail.mt_comment'),
                         "default subtypes only: Discussions")
        record.message_subscribe(partner_ids=employee_partner.ids, subtype_ids=self.env.ref('mail.mt_note').ids)
        self.assertEqual(follower.subtype_ids, self.env.ref('mail.mt_note'), "given subtypes replace them")
        self.assertEqual(len(record.message_follower_ids.filtered(lambda f: f.partner_id == employee_partner)), 1)
        followed = self.env['res.partner'].search([('message_partner_ids', 'in', employee_partner.ids)])
        self.assertIn(record, followed)
        record.message_unsubscribe(partner_ids=employee_partner.ids)
        self.assertNotIn(employee_partner, record.message_partner_ids)

    def test_message_partner_ids_inverse(self):
        record = self.partner_customer
        record.message_partner_ids = [(4, self.user_employee.partner_id.id)]
        self.assertIn(self.user_employee.partner_id, record.message_follower_ids.partner_id)

    def test_unlink_removes_messages_and_followers(self):
        partner = self.env['res.partner'].create({'name': '待删除'})
        partner.message_post(body='x')
        partner_id = partner.id
        partner.unlink()
        self.assertFalse(self.env['mail.message'].search([('model', '=', 'res.partner'), ('res_id', '=', partner_id)]))
        self.assertFalse(self.env['mail.followers'].search([('res_model', '=', 'res.partner'),
                                                            ('res_id', '=', partner_id)]))

    def test_follower_unique_per_record(self):
        partner = self.user_employee.partner_id
        self.partner_customer.message_subscribe(partner_ids=partner.ids)
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            self.env['mail.followers'].create({
                'res_model': 'res.partner', 'res_id': self.partner_customer.id, 'partner_id': partner.id})
            self.env.flush_all()
