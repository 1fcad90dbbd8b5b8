"""The HQ head and 人事 give employees of their company a login with
roles; nobody else, never across companies, and only the HQ head makes
another HQ head."""
from odoo.exceptions import AccessError, UserError

from .common import ROLE_GROUPS, TianchiOrgCase


class TestEmployeeLogin(TianchiOrgCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = cls.env['hr.employee'].with_company(cls.company).create({
            'name': '新同事', 'company_id': cls.company.id, 'department_id': cls.dep_tech.id,
            'mobile_phone': '13700001111'})

    def _give(self, user, employee, roles=('sale',), login='13700001111'):
        return self.env['hr.employee.login'].with_user(user).with_context(
            active_model='hr.employee', active_id=employee.id).create({
                'login': login, 'password': 'Welcome2026',
                'role_ids': [(6, 0, [self.env.ref(ROLE_GROUPS[role]).id for role in roles])],
            }).action_create_login()

    def test_hr_gives_a_login_with_a_role(self):
        self._give(self.users['hr'], self.newcomer)
        user = self.newcomer.user_id
        self.assertEqual(user.login, '13700001111')
        self.assertEqual(user.company_ids, self.company)
        self.assertTrue(user.has_group(ROLE_GROUPS['sale']))
        self.assertFalse(user.has_group(ROLE_GROUPS['hq_head']))
        user.with_user(user)._check_credentials(
            {'login': '13700001111', 'password': 'Welcome2026', 'type': 'password'}, {'interactive': True})
        with self.assertRaises(UserError):
            self._give(self.users['hr'], self.newcomer, login='13700002222')

    def test_only_the_hq_head_makes_hq_heads(self):
        with self.assertRaises(AccessError):
            self._give(self.users['hr'], self.newcomer, roles=('hq_head',))
        self._give(self.users['hq_head'], self.newcomer, roles=('hq_head',))
        self.assertTrue(self.newcomer.user_id.has_group(ROLE_GROUPS['hq_head']))

    def test_staff_and_other_companies_are_refused(self):
        with self.assertRaises(AccessError):
            self._give(self.users['sale'], self.newcomer)
        other = self.env['res.company'].create({'name': '外公司'})
        stranger = self.env['hr.employee'].create({'name': '外人', 'company_id': other.id})
        with self.assertRaises(AccessError):
            self._give(self.users['hq_head'], stranger, login='13700003333')
        self.assertFalse(stranger.user_id)

    def test_taken_login_is_refused(self):
        with self.assertRaises(UserError):
            self._give(self.users['hr'], self.newcomer, login=self.users['sale'].login)
