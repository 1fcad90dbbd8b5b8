"""Partners: company/contact hierarchy, commercial entity, complete and
display names, synchronisation of commercial and address fields."""
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestPartnerHierarchy(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.china = cls.env.ref('base.cn')
        cls.zhejiang = cls.env.ref('base.state_cn_ZJ')
        cls.company = cls.Partner.create({
            'name': '西湖贸易',
            'is_company': True,
            'vat': '91330100MA27XXXX1A',
            'street': '文三路 100 号',
            'city': '杭州市',
            'zip': '310012',
            'state_id': cls.zhejiang.id,
            'country_id': cls.china.id,
        })

    def test_commercial_partner(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        assistant = self.Partner.create({'name': '小李', 'parent_id': contact.id})
        loner = self.Partner.create({'name': '独立个人'})
        self.assertEqual(self.company.commercial_partner_id, self.company)
        self.assertEqual(contact.commercial_partner_id, self.company)
        self.assertEqual(assistant.commercial_partner_id, self.company,
                         "the commercial entity is the closest company up the tree")
        self.assertEqual(loner.commercial_partner_id, loner)
        self.assertEqual(contact.commercial_company_name, '西湖贸易')

    def test_commercial_partner_follows_parent_change(self):
        other = self.Partner.create({'name': '南山科技', 'is_company': True})
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        contact.parent_id = other
        self.assertEqual(contact.commercial_partner_id, other)
        contact.parent_id = False
        self.assertEqual(contact.commercial_partner_id, contact)

    def test_company_with_parent_is_its_own_commercial_entity(self):
        branch = self.Partner.create({'name': '西湖贸易上海分公司', 'is_company': True,
                                      'parent_id': self.company.id})
        self.assertEqual(branch.commercial_partner_id, branch)

    def test_complete_and_display_name(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        self.assertEqual(contact.complete_name, '西湖贸易, 王芳')
        self.assertEqual(contact.display_name, '西湖贸易, 王芳')
        invoice = self.Partner.create({'parent_id': self.company.id, 'type': 'invoice'})
        self.assertEqual(invoice.complete_name, '西湖贸易, Invoice Address',
                         "a nameless address is named after its type")
        contact.name = '王芳芳'
        self.assertEqual(contact.complete_name, '西湖贸易, 王芳芳')
        self.company.name = '西湖集团'
        self.assertEqual(contact.complete_name, '西湖集团, 王芳芳',
                         "renaming the company renames its contacts")

    def test_display_name_contexts(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id, 'email': 'wf@example.com'})
        self.assertEqual(contact.with_context(show_email=True).display_name, '西湖贸易, 王芳 <wf@example.com>')
        self.assertEqual(self.company.with_context(show_vat=True).display_name, '西湖贸易 ‒ 91330100MA27XXXX1A')
        with_address = contact.with_context(show_address=True).display_name
        self.assertIn('杭州市', with_address)
        self.assertTrue(with_address.startswith('西湖贸易, 王芳\n'))
        inline = contact.with_context(show_address=True, address_inline=True).display_name
        self.assertNotIn('\n', inline)

    def test_commercial_fields_synced(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        self.assertEqual(contact.vat, '91330100MA27XXXX1A', "a new contact takes the company's VAT")
        self.company.vat = '91330100MA27YYYY2B'
        self.assertEqual(contact.vat, '91330100MA27YYYY2B', "the VAT follows the company")

    def test_address_synced_to_contacts(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        other_address = self.Partner.create({'name': '仓库', 'type': 'delivery', 'parent_id': self.company.id,
                                             'city': '宁波市'})
        self.assertEqual(contact.city, '杭州市', "a contact takes the company's address")
        self.assertEqual(contact.state_id, self.zhejiang)
        self.company.write({'city': '绍兴市'})
        self.assertEqual(contact.city, '绍兴市')
        self.assertEqual(other_address.city, '宁波市', "other address types keep their own address")

    def test_first_contact_gives_address_to_empty_company(self):
        company = self.Partner.create({'name': '空地址公司', 'is_company': True})
        self.Partner.create({'name': '赵六', 'parent_id': company.id, 'city': '北京市',
                             'country_id': self.china.id})
        self.assertEqual(company.city, '北京市')
        self.assertEqual(company.country_id, self.china)

    def test_display_address_chinese_format(self):
        address = self.company._display_address(without_company=True)
        self.assertEqual(address.split('\n')[0], 'China, 310012')
        self.assertIn('浙江省 杭州市 文三路 100 号', address)

    def test_address_get(self):
        invoice = self.Partner.create({'name': '财务部', 'type': 'invoice', 'parent_id': self.company.id})
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        result = contact.address_get(['invoice', 'delivery'])
        self.assertEqual(result['invoice'], invoice.id)
        self.assertEqual(result['contact'], contact.id)
        self.assertEqual(result['delivery'], contact.id, "a missing type falls back on the contact")

    def test_no_recursive_hierarchy(self):
        contact = self.Partner.create({'name': '王芳', 'parent_id': self.company.id})
        with self.assertRaises(ValidationError):
            self.company.parent_id = contact

    def test_website_gets_a_scheme(self):
        partner = self.env['res.partner'].create({'name': '西湖龙井茶社', 'website': 'www.xihu-tea.cn'})
        self.assertEqual(partner.website, 'http://www.xihu-tea.cn')
        partner.write({'website': 'https://xihu-tea.cn/about'})
        self.assertEqual(partner.website, 'https://xihu-tea.cn/about')

    def test_company_type(self):
        person = self.Partner.create({'name': '张三'})
        self.assertEqual(person.company_type, 'person')
        person.company_type = 'company'
        self.assertTrue(person.is_company)

    def test_name_create_parses_email(self):
        partner_id, display_name = self.Partner.name_create('张三 <zhang.san@example.com>')
        partner = self.Partner.browse(partner_id)
        self.assertEqual(partner.name, '张三')
        self.assertEqual(partner.email, 'zhang.san@example.com')
        self.assertEqual(display_name, '张三')

    def test_email_formatted(self):
        partner = self.Partner.create({'name': '张三', 'email': 'zhang.san@example.com'})
        self.assertIn('zhang.san@example.com', partner.email_formatted)
        self.assertTrue(partner.email_formatted.endswith('<zhang.san@example.com>'))

    def test_state_onchange_clears_on_other_country(self):
        partner = self.Partner.new({'name': 'x', 'country_id': self.china.id, 'state_id': self.zhejiang.id})
        partner.country_id = self.env.ref('base.us')
        partner._onchange_country_id()
        self.assertFalse(partner.state_id)

    def test_search_by_state_code_and_name(self):
        found = self.env['res.country.state'].name_search('浙', args=[('country_id', '=', self.china.id)])
        self.assertEqual(found[0][0], self.zhejiang.id)

    def test_name_search_uses_vat_and_ref(self):
        self.company.ref = 'KH-0001'
        by_vat = self.Partner.name_search('91330100MA27XXXX1A')
        self.assertIn(self.company.id, [pid for pid, _name in by_vat])
        by_ref = self.Partner.name_search('KH-0001')
        self.assertIn(self.company.id, [pid for pid, _name in by_ref])

    def test_find_or_create(self):
        first = self.Partner.find_or_create('李四 <li.si@example.com>')
        self.assertEqual(first.name, '李四')
        again = self.Partner.find_or_create('LI.SI@example.com')
        self.assertEqual(again, first, "the email is matched case-insensitively")
        with self.assertRaises(ValueError):
            self.Partner.find_or_create('')

    def test_create_company_from_typed_name(self):
        person = self.Partner.create({'name': '赵敏', 'company_name': '新兴科技', 'city': '苏州市'})
        person.create_company()
        self.assertTrue(person.parent_id.is_company)
        self.assertEqual(person.parent_id.name, '新兴科技')
        self.assertEqual(person.parent_id.city, '苏州市')
        self.assertEqual(person.commercial_partner_id, person.parent_id)

    def test_copy_names_the_copy(self):
        twin = self.company.copy()
        self.assertEqual(twin.name, '西湖贸易 (copy)')


@tagged('at_install', '-post_install')
class TestPartnerForm(TransactionCase):
    """The partner form's onchanges, driven like a user would."""

    def test_contact_form_takes_company_address(self):
        company = self.env['res.partner'].create({
            'name': '南山科技', 'is_company': True, 'city': '深圳市',
            'state_id': self.env.ref('base.state_cn_GD').id, 'country_id': self.env.ref('base.cn').id,
        })
        with Form(self.env['res.partner']) as form:
            form.name = '李强'
            form.parent_id = company
            self.assertEqual(form.city, '深圳市')
            self.assertEqual(form.country_id, self.env.ref('base.cn'))
        contact = form.record
        self.assertEqual(contact.commercial_partner_id, company)
        self.assertEqual(contact.state_id, self.env.ref('base.state_cn_GD'))

    def test_company_type_radio(self):
        with Form(self.env['res.partner']) as form:
            form.name = '一家公司'
            form.company_type = 'company'
            self.assertTrue(form.is_company)
        self.assertTrue(form.record.is_company)

    def test_state_sets_country(self):
        with Form(self.env['res.partner']) as form:
            form.name = '浙江客户'
            form.state_id = self.env.ref('base.state_cn_ZJ')
            self.assertEqual(form.country_id, self.env.ref('base.cn'))


@tagged('at_install', '-post_install')
class TestPartnerCategory(TransactionCase):

    def test_hierarchy_names_and_search(self):
        Category = self.env['res.partner.category']
        parent = Category.create({'name': '客户等级'})
        child = Category.create({'name': 'VIP', 'parent_id': parent.id})
        self.assertEqual(child.display_name, '客户等级 / VIP')
        found = Category.search([('display_name', 'ilike', '客户等级')])
        self.assertEqual(found, parent | child, "searching a tag finds its sub-tags too")
        # Odoo's parent-store update refuses it (UserError) before the constraint runs
        with self.assertRaises(UserError):
            parent.parent_id = child

    def test_partners_by_tag(self):
        tag = self.env['res.partner.category'].create({'name': '渠道商'})
        partner = self.env['res.partner'].create({'name': '渠道甲', 'category_id': [Command.link(tag.id)]})
        self.assertEqual(tag.partner_ids, partner)
        tagged_partners = self.env['res.partner'].with_context(category_id=tag.id).create({'name': '渠道乙'})
        self.assertIn(tag, tagged_partners.category_id, "the category of the context is the default tag")


@tagged('at_install', '-post_install')
class TestPartnerBarcode(TransactionCase):

    def test_barcode_unique_and_per_company(self):
        Partner = self.env['res.partner']
        first = Partner.create({'name': '条码甲', 'barcode': 'TC-0001'})
        with self.assertRaises(ValidationError):
            Partner.create({'name': '条码乙', 'barcode': 'TC-0001'})
        other = self.env['res.company'].create({'name': '条码公司'})
        self.assertFalse(first.with_company(other).barcode, "the barcode is company-dependent")
