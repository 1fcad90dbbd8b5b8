"""Companies: their partner, currency, branches and users."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestCompany(TransactionCase):

    def test_main_company(self):
        main = self.env.ref('base.main_company')
        self.assertEqual(main.currency_id, self.env.ref('base.CNY'))
        self.assertTrue(main.currency_id.active, "the company's currency is active")
        self.assertEqual(main.partner_id, self.env.ref('base.main_partner'))
        self.assertTrue(main.partner_id.is_company)

    def test_create_company_creates_partner(self):
        usd = self.env.ref('base.USD')
        company = self.env['res.company'].create({
            'name': '天池科技',
            'currency_id': usd.id,
            'email': 'hello@tianchi.example.com',
            'country_id': self.env.ref('base.cn').id,
        })
        partner = company.partner_id
        self.assertEqual(partner.name, '天池科技')
        self.assertTrue(partner.is_company)
        self.assertEqual(partner.email, 'hello@tianchi.example.com')
        self.assertEqual(company.country_id, self.env.ref('base.cn'), "the address comes from the partner")
        self.assertTrue(usd.active, "a currency used by a company is activated")
        self.assertIn(company, self.env.user.company_ids, "the creator may work in the new company")
        company.name = '天池软件'
        self.assertEqual(partner.name, '天池软件')

    def test_address_fields_write_through(self):
        company = self.env['res.company'].create({'name': '地址公司'})
        company.write({'city': '成都市', 'state_id': self.env.ref('base.state_cn_SC').id})
        self.assertEqual(company.partner_id.city, '成都市')
        self.assertEqual(company.partner_id.state_id, self.env.ref('base.state_cn_SC'))

    def test_default_currency_is_the_users(self):
        company = self.env['res.company'].create({'name': '默认币种'})
        self.assertEqual(company.currency_id, self.env.company.currency_id)

    def test_branch(self):
        parent = self.env['res.company'].create({'name': '总部', 'currency_id': self.env.ref('base.CNY').id})
        branch = self.env['res.company'].create({'name': '分部', 'parent_id': parent.id})
        self.assertEqual(branch.currency_id, parent.currency_id, "a branch shares its root's currency")
        self.assertEqual(branch.root_id, parent)
        self.assertEqual(branch.parent_ids, parent | branch)
        self.assertIn(branch, parent.child_ids)
        with self.assertRaises(UserError):
            branch.write({'parent_id': False})
        with self.assertRaises(ValidationError):
            branch.write({'currency_id': self.env.ref('base.USD').id})

    def test_copy_forbidden(self):
        with self.assertRaises(UserError):
            self.env.ref('base.main_company').copy()

    def test_name_unique(self):
        from odoo.tools import mute_logger
        from psycopg2 import IntegrityError
        with self.assertRaises(IntegrityError), mute_logger('odoo.sql_db'), self.cr.savepoint():
            self.env['res.company'].create({'name': '唯一公司'})
            self.env['res.company'].create({'name': '唯一公司'})
            self.env.flush_all()
