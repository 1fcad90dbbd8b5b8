"""Access rights and record rules of the business models, exercised as the
least-privileged user who should (or should not) be able to act."""
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import new_test_user


@tagged('at_install', '-post_install')
class TestBusinessSecurity(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_company = cls.env.ref('base.main_company')
        cls.other_company = cls.env['res.company'].create({'name': '分公司乙'})
        cls.employee = new_test_user(cls.env, login='sec.employee', groups='base.group_user')
        cls.contact_manager = new_test_user(cls.env, login='sec.manager',
                                            groups='base.group_user,base.group_partner_manager')
        cls.rights_manager = new_test_user(cls.env, login='sec.rights',
                                           groups='base.group_erp_manager,base.group_partner_manager')
        cls.customer = cls.env['res.partner'].create({'name': '客户甲', 'is_company': True})
        cls.customer_contact = cls.env['res.partner'].create({'name': '客户甲联系人', 'parent_id': cls.customer.id})
        cls.stranger = cls.env['res.partner'].create({'name': '无关客户'})
        portal_partner = cls.env['res.partner'].create({'name': '门户联系人', 'parent_id': cls.customer.id})
        cls.portal = new_test_user(cls.env, login='sec.portal', groups='base.group_portal',
                                   partner_id=portal_partner.id)
        cls.foreign_partner = cls.env['res.partner'].create({'name': '乙公司客户', 'company_id': cls.other_company.id})
        cls.shared_partner = cls.env['res.partner'].create({'name': '共享客户', 'company_id': False})

    def test_employee_reads_but_does_not_create_partners(self):
        Partner = self.env['res.partner'].with_user(self.employee)
        self.assertTrue(Partner.search([('id', '=', self.customer.id)]))
        with self.assertRaises(AccessError):
            Partner.create({'name': '不允许'})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.employee).write({'name': '改名'})

    def test_contact_manager_manages_partners(self):
        Partner = self.env['res.partner'].with_user(self.contact_manager)
        created = Partner.create({'name': '新客户', 'is_company': True})
        created.write({'city': '南京市'})
        created.unlink()
        self.assertFalse(created.exists())

    def test_partner_company_rule(self):
        visible = self.env['res.partner'].with_user(self.employee).search(
            [('id', 'in', (self.foreign_partner | self.shared_partner).ids)])
        self.assertEqual(visible, self.shared_partner,
                         "partners of a company the user is not in stay hidden; shared ones are visible")
        self.employee.write({'company_ids': [Command.link(self.other_company.id)]})
        visible = self.env['res.partner'].with_user(self.employee).with_context(
            allowed_company_ids=[self.main_company.id, self.other_company.id]).search(
            [('id', '=', self.foreign_partner.id)])
        self.assertEqual(visible, self.foreign_partner)

    def test_internal_users_partners_always_visible(self):
        colleague_partner = self.env['res.partner'].create({'name': '乙公司员工', 'company_id': self.other_company.id})
        new_test_user(self.env, login='sec.colleague.b', groups='base.group_user', partner_id=colleague_partner.id,
                      company_id=self.other_company.id)
        found = self.env['res.partner'].with_user(self.employee).search([('id', '=', colleague_partner.id)])
        self.assertEqual(found, colleague_partner, "partners of internal users are visible from every company")

    def test_portal_sees_its_commercial_partner_only(self):
        Partner = self.env['res.partner'].with_user(self.portal)
        found = Partner.search([('id', 'in', (self.customer | self.customer_contact | self.stranger).ids)])
        self.assertEqual(found, self.customer | self.customer_contact)
        with self.assertRaises(AccessError):
            self.stranger.with_user(self.portal).read(['name'])

    def test_company_rules(self):
        Company = self.env['res.company']
        self.assertEqual(Company.with_user(self.employee).search([]), self.main_company)
        self.assertIn(self.other_company, Company.with_user(self.rights_manager).search([]))

    def test_users_and_groups_managed_by_access_rights_managers(self):
        with self.assertRaises(AccessError):
            self.env['res.users'].with_user(self.employee).create({'name': '越权', 'login': 'sec.forbidden'})
        created = self.env['res.users'].with_user(self.rights_manager).create(
            {'name': '新同事', 'login': 'sec.colleague'})
        self.assertTrue(created._is_internal(), "new users get the template user's groups")
        with self.assertRaises(AccessError):
            self.env['res.groups'].with_user(self.employee).create({'name': '自建组'})

    def test_user_edits_own_preferences_not_own_groups(self):
        me = self.employee.with_user(self.employee)
        me.write({'tz': 'Asia/Shanghai', 'signature': '<p>--<br/>员工</p>'})
        self.assertEqual(self.employee.tz, 'Asia/Shanghai')
        with self.assertRaises(AccessError):
            me.write({'groups_id': [Command.link(self.env.ref('base.group_system').id)]})
        self.assertFalse(self.employee.has_group('base.group_system'))

    def test_has_group_of_others_needs_internal_user(self):
        self.assertTrue(self.employee.with_user(self.employee).has_group('base.group_user'))
        # an internal user may ask about others
        self.assertFalse(self.portal.with_user(self.employee).has_group('base.group_user'))
        with self.assertRaises(AccessError):
            self.employee.with_user(self.portal).has_group('base.group_user')

    def test_reference_data_readable_by_everyone(self):
        for user in (self.employee, self.portal):
            self.assertTrue(self.env['res.country'].with_user(user).search([('code', '=', 'CN')]))
            self.assertTrue(self.env['res.currency'].with_user(user).search([('name', '=', 'CNY')]))
            self.assertTrue(self.env['res.country.state'].with_user(user).search([('code', '=', '粤')]))
        with self.assertRaises(AccessError):
            self.env['res.country'].with_user(self.employee).create({'name': 'Atlantis', 'code': 'QA'})
