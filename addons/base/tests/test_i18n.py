"""The Chinese translations of base: records, and messages raised in code."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestChineseTerms(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env['res.lang']._activate_lang('zh_CN')
        cls.env['ir.module.module']._load_module_terms(['base'], ['zh_CN'], overwrite=True)

    def test_records_translated(self):
        self.assertEqual(self.env.ref('base.cn').with_context(lang='zh_CN').name, '中国')
        self.assertEqual(self.env.ref('base.cn').with_context(lang='en_US').name, 'China')
        self.assertEqual(self.env.ref('base.group_system').with_context(lang='zh_CN').name, '设置')
        self.assertEqual(self.env.ref('base.menu_users').with_context(lang='zh_CN').name, '用户与公司')

    def test_code_messages_translated(self):
        company = self.env.ref('base.main_company')
        with self.assertRaisesRegex(UserError, '公司不能复制'):
            company.with_context(lang='zh_CN').copy()
        with self.assertRaisesRegex(UserError, 'cannot be duplicated'):
            company.with_context(lang='en_US').copy()

    def test_field_labels_translated(self):
        described = self.env['res.partner'].with_context(lang='zh_CN').fields_get(['vat', 'type'])
        self.assertEqual(described['vat']['string'], '税号')
        self.assertIn(('invoice', '开票地址'), described['type']['selection'])
        english = self.env['res.partner'].with_context(lang='en_US').fields_get(['vat'])
        self.assertEqual(english['vat']['string'], 'Tax ID')

    def test_view_terms_translated(self):
        view = self.env.ref('base.view_partner_form')
        arch = self.env['res.partner'].with_context(lang='zh_CN').get_view(view.id, 'form')['arch']
        self.assertIn('联系人与地址', arch)
