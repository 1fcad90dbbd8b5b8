"""Templates: inline and QWeb rendering, recipients, restricted expressions."""
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MailCase


@tagged('at_install', '-post_install')
class TestMailTemplate(MailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.model_partner = cls.env['ir.model']._get('res.partner')
        cls.contact = cls.env['res.partner'].create({
            'name': '陈小姐', 'email': 'chen@example.com', 'parent_id': cls.partner_customer.id})

    def test_render_inline_and_qweb(self):
        template = self.env['mail.template'].create({
            'name': '问候', 'model_id': self.model_partner.id,
            'subject': '{{ object.name }}，您好 {{ object.ref ||| （无编号）}}',
            'body_html': '<div><p>公司：<span t-out="object.name">客户</span></p></div>',
        })
        values = template._generate_template([self.contact.id], ['subject', 'body_html'])[self.contact.id]
        self.assertEqual(values['subject'], '陈小姐，您好 （无编号）')
        self.assertEqual(str(values['body_html']), '<div><p>公司：<span>陈小姐</span></p></div>')

    def test_editor_may_use_any_expression(self):
        template = self.env['mail.template'].create({
            'name': '任意表达式', 'model_id': self.model_partner.id,
            'subject': '{{ object.parent_id.name }} / {{ len(object.name) }}',
        })
        subject = template._render_field('subject', [self.contact.id])[self.contact.id]
        self.assertEqual(subject, '杭州西湖贸易有限公司 / 3')

    def test_plain_user_limited_to_allowed_expressions(self):
        user = new_test_user(self.env, login='template_writer', groups='base.group_user')
        Template = self.env['mail.template'].with_user(user)
        safe = Template.create({'name': '安全', 'model_id': self.model_partner.id,
                                'subject': '{{ object.name }}'})
        self.assertTrue(safe)
        with self.assertRaises(AccessError):
            Template.create({'name': '危险', 'model_id': self.model_partner.id,
                             'subject': "{{ object.env['res.users'].search([]) }}"})

    def test_recipients(self):
        template = self.env['mail.template'].create({
            'name': '收件人', 'model_id': self.model_partner.id,
            'email_to': 'boss@example.com', 'email_cc': '{{ object.email }}',
            'partner_to': '{{ object.parent_id.id }},{{ object.id }}',
        })
        values = template._generate_template([self.contact.id], ['email_to', 'email_cc', 'partner_to'])
        result = values[self.contact.id]
        self.assertEqual(result['email_to'], 'boss@example.com')
        self.assertEqual(result['email_cc'], 'chen@example.com')
        self.assertEqual(set(result['partner_ids']), {self.partner_customer.id, self.contact.id})
        self.assertEqual(self.env['mail.template']._parse_partner_to('[3, 4]'), [3, 4])
        self.assertEqual(self.env['mail.template']._parse_partner_to(' 5, x ,6'), [5, 6])

    def test_use_default_to(self):
        template = self.env['mail.template'].create({
            'name': '默认收件人', 'model_id': self.model_partner.id, 'use_default_to': True,
            'email_to': 'ignored@example.com'})
        result = template._generate_template([self.contact.id], ['email_to', 'partner_to'])[self.contact.id]
        self.assertEqual(result['partner_ids'], [self.contact.id])

    def test_send_mail_queues_one_mail(self):
        template = self.env['mail.template'].create({
            'name': '排队', 'model_id': self.model_partner.id, 'subject': '通知 {{ object.name }}',
            'email_from': 'noreply@example.com', 'partner_to': '{{ object.id }}', 'body_html': '<p>内容</p>'})
        mail = self.env['mail.mail'].browse(template.send_mail(self.contact.id))
        self.assertEqual((mail.state, mail.subject, mail.model, mail.res_id),
                         ('outgoing', '通知 陈小姐', 'res.partner', self.contact.id))
        self.assertEqual(mail.recipient_ids, self.contact)
        self.assertEqual(mail.body_html, '<p>内容</p>')
        self.assertTrue(self.env.ref('mail.ir_cron_mail_scheduler_action').active)

    def test_post_with_source_template(self):
        template = self.env['mail.template'].create({
            'name': '贴到沟通记录', 'model_id': self.model_partner.id, 'subject': '关于 {{ object.name }}',
            'body_html': '<p>您好，<t t-out="object.name"/></p>'})
        message = self.contact.message_post_with_source(template, subtype_xmlid='mail.mt_note')
        self.assertEqual(message.subject, '关于 陈小姐')
        self.assertEqual(str(message.body), '<p>您好，陈小姐</p>')
        self.assertEqual(message.subtype_id, self.env.ref('mail.mt_note'))
        with self.assertRaises(ValueError):
            self.contact.message_post_with_source(self.contact)

    def test_report_attached_to_each_mail(self):
        view = self.env['ir.ui.view'].create({
            'name': 'partner_card', 'type': 'qweb', 'key': 'mail.test_partner_card',
            'arch': '<t t-name="mail.test_partner_card"><t t-foreach="docs" t-as="doc">'
                    '<p t-out="doc.name"/></t></t>'})
        report = self.env['ir.actions.report'].create({
            'name': '名片', 'model': 'res.partner', 'report_type': 'qweb-html',
            'report_name': view.key, 'print_report_name': "'名片 %s' % object.name"})
        template = self.env['mail.template'].create({
            'name': '带报表', 'model_id': self.model_partner.id, 'subject': '名片',
            'partner_to': '{{ object.id }}', 'report_template_ids': [(4, report.id)]})
        self.assertEqual(template.report_template_ids, report)
        mail = self.env['mail.mail'].browse(template.send_mail(self.contact.id))
        [attachment] = mail.attachment_ids
        # qweb-html reports go through _render_qweb_pdf, which gives HTML back in tests
        self.assertRegex(attachment.name, r'^名片 陈小姐\.(pdf|html)$')
        self.assertTrue(attachment.raw)
