"""The standard views keep Odoo 18's external ids and the named elements
that inheriting views written for Odoo anchor on."""
from lxml import etree
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestStandardViews(TransactionCase):

    def _arch(self, xmlid, model, view_type):
        view = self.env.ref(xmlid)
        return etree.fromstring(self.env[model].get_view(view.id, view_type)['arch'])

    def test_partner_form_anchors(self):
        arch = self._arch('base.view_partner_form', 'res.partner', 'form')
        for xpath in ("//field[@name='vat']",
                      "//page[@name='contact_addresses']",
                      "//page[@name='sales_purchases']",
                      "//page[@name='internal_notes']",
                      "//group[@name='sale']",
                      "//group[@name='purchase']",
                      "//group[@name='misc']",
                      "//div[@name='button_box']",
                      "//field[@name='child_ids']",
                      "//field[@name='category_id']",
                      "//div[hasclass('o_address_format')]"):
            self.assertTrue(arch.xpath(xpath), f"base.view_partner_form lacks {xpath}")

    def test_partner_views_exist(self):
        for xmlid, view_type in (('base.view_partner_tree', 'list'),
                                 ('base.view_res_partner_filter', 'search'),
                                 ('base.view_partner_simple_form', 'form'),
                                 ('base.res_partner_kanban_view', 'kanban')):
            arch = self._arch(xmlid, 'res.partner', view_type)
            self.assertEqual(arch.tag, view_type)

    def test_other_views_exist(self):
        for xmlid, model, view_type in (('base.view_users_form', 'res.users', 'form'),
                                        ('base.view_users_tree', 'res.users', 'list'),
                                        ('base.view_company_form', 'res.company', 'form'),
                                        ('base.view_country_form', 'res.country', 'form'),
                                        ('base.view_currency_form', 'res.currency', 'form'),
                                        ('base.view_groups_form', 'res.groups', 'form'),
                                        ('base.view_partner_bank_form', 'res.partner.bank', 'form')):
            self.assertEqual(self._arch(xmlid, model, view_type).tag, view_type)
        users_form = self._arch('base.view_users_form', 'res.users', 'form')
        self.assertTrue(users_form.xpath("//page[@name='access_rights']"))
        self.assertTrue(users_form.xpath("//page[@name='preferences']"))

    def test_inheriting_view_applies(self):
        self.env['ir.ui.view'].create({
            'name': 'res.partner.view.form.inherit.test',
            'model': 'res.partner',
            'inherit_id': self.env.ref('base.view_partner_form').id,
            'arch': """<data>
                <xpath expr="//page[@name='sales_purchases']//group[@name='misc']" position="inside">
                    <field name="barcode"/>
                </xpath>
                <field name="vat" position="after"><field name="company_registry"/></field>
            </data>""",
        })
        arch = self._arch('base.view_partner_form', 'res.partner', 'form')
        self.assertTrue(arch.xpath("//group[@name='misc']/field[@name='barcode']"))
        vat = arch.xpath("//field[@name='vat']")[0]
        self.assertEqual(vat.getnext().get('name'), 'company_registry')

    def test_menus(self):
        settings = self.env.ref('base.menu_administration')
        users_menu = self.env.ref('base.menu_action_res_users')
        self.assertEqual(users_menu.parent_id, self.env.ref('base.menu_users'))
        self.assertEqual(self.env.ref('base.menu_users').parent_id, settings)
