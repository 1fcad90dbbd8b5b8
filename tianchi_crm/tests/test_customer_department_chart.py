"""The customer's organisation chart page: the department tree with its
contacts, escaped, for those who see the customer; nobody else learns
that it exists."""
from odoo.addons.tianchi_org.tests.common import ROLE_GROUPS
from odoo.tests import HttpCase, tagged


@tagged('post_install', '-at_install')
class TestCustomerOrgChart(HttpCase):

    def setUp(self):
        super().setUp()
        self.company = self.env['res.company'].create({'name': '图表测试公司'})
        self.owner = self._user('chart_owner', 'base.group_user')
        self.other = self._user('chart_other', ROLE_GROUPS['sale'])
        self.customer = self.env['res.partner'].create({
            'name': '嘉兴<纺织>有限公司', 'is_company': True, 'tianchi_is_customer': True,
            'user_id': self.owner.id, 'company_id': self.company.id})
        Department = self.env['tianchi.customer.department']
        top = Department.create({'name': '总经办', 'partner_id': self.customer.id})
        buying = Department.create({'name': '采购部', 'partner_id': self.customer.id, 'parent_id': top.id})
        buyer = self._contact('李采购', '<script>alert(1)</script>', buying)
        buying.manager_contact_id = buyer
        self._contact('赵总', '总经理', top)
        self._contact('钱会计', '会计', False)
        self.env.flush_all()

    def _user(self, login, groups):
        user = self.env['res.users'].create({
            'name': login, 'login': login, 'password': f'{login}-2026', 'company_id': self.company.id,
            'company_ids': [(6, 0, self.company.ids)],
            'groups_id': [(6, 0, [self.env.ref(group).id for group in groups.split(',')])]})
        self.env['hr.employee'].create({'name': login, 'user_id': user.id, 'company_id': self.company.id})
        return user

    def _contact(self, name, function, department):
        return self.env['res.partner'].create({
            'name': name, 'function': function, 'parent_id': self.customer.id, 'type': 'contact',
            'customer_department_id': department and department.id, 'mobile': '13800000000'})

    def test_owner_sees_the_tree(self):
        url = f'/tianchi/customer/{self.customer.id}/org_chart'
        self.assertNotEqual(self.url_open(url, allow_redirects=False).status_code, 200)
        self.authenticate('chart_owner', 'chart_owner-2026')
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn('嘉兴&lt;纺织&gt;有限公司', text)
        self.assertIn('&lt;script&gt;alert(1)&lt;/script&gt;', text)
        self.assertNotIn('<script>alert', text)
        self.assertIn('width=device-width', text)
        self.assertIn(f'href="/odoo/res.partner/{self.customer.id}"', text)
        # 采购部 sits under 总经办, with its manager; the unplaced contact at the end
        self.assertLess(text.index('总经办'), text.index('赵总'))
        self.assertLess(text.index('赵总'), text.index('采购部'))
        self.assertLess(text.index('采购部'), text.index('李采购'))
        self.assertLess(text.index('李采购'), text.index('钱会计'))

    def test_others_get_not_found(self):
        self.authenticate('chart_other', 'chart_other-2026')
        page = self.url_open(f'/tianchi/customer/{self.customer.id}/org_chart')
        self.assertEqual(page.status_code, 404)
        self.assertNotIn('纺织', page.text)
        self.assertEqual(self.url_open('/tianchi/customer/999999999/org_chart').status_code, 404)
