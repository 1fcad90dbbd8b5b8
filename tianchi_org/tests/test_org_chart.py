"""The organisation chart page shows the current company's departments as a
tree, with heads and people, to signed-in users only."""
from odoo.tests import HttpCase, new_test_user, tagged


@tagged('post_install', '-at_install')
class TestOrgChart(HttpCase):

    def test_chart_lists_the_tree(self):
        company = self.env['res.company'].create({'name': '图表公司'})
        user = new_test_user(self.env, login='chart_user', groups='base.group_user', password='chart_user1',
                             company_id=company.id, company_ids=[(6, 0, company.ids)])
        Department = self.env['hr.department'].with_company(company)
        top = Department.create({'name': '图表总部', 'company_id': company.id})
        child = Department.create({'name': '图表研发部', 'parent_id': top.id, 'company_id': company.id})
        boss = self.env['hr.employee'].create({'name': '图表老板', 'company_id': company.id,
                                               'department_id': top.id})
        self.env['hr.employee'].create({'name': '图表工程师', 'company_id': company.id,
                                        'department_id': child.id, 'user_id': user.id})
        top.head_ids = boss
        self.env.flush_all()
        self.assertNotEqual(self.url_open('/tianchi/org_chart', allow_redirects=False).status_code, 200)
        self.authenticate('chart_user', 'chart_user1')
        page = self.url_open('/tianchi/org_chart')
        self.assertEqual(page.status_code, 200)
        for text in ('图表公司', '图表总部', '图表研发部', '图表老板', '图表工程师'):
            self.assertIn(text, page.text)
        self.assertLess(page.text.index('图表总部'), page.text.index('图表研发部'))
