"""Changing the roles of people who already have a login: the HQ head
changes any role, 人事 any but 总部负责人, nobody else, never across
companies; the last HQ head cannot drop the role; implied groups follow."""
from odoo.exceptions import AccessError, UserError

from .common import ROLE_GROUPS, TianchiOrgCase


class TestRoleChange(TianchiOrgCase):

    def _change(self, actor, user, roles):
        return self.env['tianchi.role.change'].with_user(actor).with_context(
            active_model='res.users', active_id=user.id).create({
                'role_ids': [(6, 0, [self.env.ref(ROLE_GROUPS[role]).id for role in roles])],
            }).action_apply()

    def test_defaults_show_the_roles_given_directly(self):
        wizard = self.env['tianchi.role.change'].with_user(self.users['hq_head']).with_context(
            active_model='hr.employee', active_id=self.employees['hq_head'].id).create({})
        self.assertEqual(wizard.role_ids, self.env.ref(ROLE_GROUPS['hq_head']))
        wizard = self.env['tianchi.role.change'].with_user(self.users['hq_head']).with_context(
            active_model='hr.employee', active_id=self.employees['sale'].id).create({})
        self.assertEqual(wizard.role_ids, self.env.ref(ROLE_GROUPS['sale']))

    def test_hq_head_changes_roles_and_implied_groups_follow(self):
        seller = self.users['sale']
        self._change(self.users['hq_head'], seller, ['finance', 'hr'])
        self.assertFalse(seller.has_group(ROLE_GROUPS['sale']))
        self.assertTrue(seller.has_group(ROLE_GROUPS['finance']))
        self.assertTrue(seller.has_group('hr.group_hr_user'))
        self._change(self.users['hq_head'], seller, ['sale'])
        self.assertFalse(seller.has_group(ROLE_GROUPS['hr']))
        self.assertFalse(seller.has_group('hr.group_hr_user'))
        self.assertTrue(seller.has_group('base.group_user'))

    def test_taking_the_hq_role_takes_what_it_implied(self):
        self._change(self.users['hq_head'], self.users['tech'], ['hq_head'])
        self.assertTrue(self.users['tech'].has_group(ROLE_GROUPS['finance']))
        self._change(self.users['hq_head'], self.users['tech'], ['tech'])
        self.assertFalse(self.users['tech'].has_group(ROLE_GROUPS['hq_head']))
        self.assertFalse(self.users['tech'].has_group(ROLE_GROUPS['finance']))

    def test_hr_may_not_touch_the_hq_role(self):
        with self.assertRaises(AccessError):
            self._change(self.users['hr'], self.users['sale'], ['hq_head'])
        with self.assertRaises(AccessError):
            self._change(self.users['hr'], self.users['hq_head'], ['sale'])
        self._change(self.users['hr'], self.users['sale'], ['service'])
        self.assertTrue(self.users['sale'].has_group(ROLE_GROUPS['service']))

    def test_staff_and_other_companies_are_refused(self):
        with self.assertRaises(AccessError):
            self._change(self.users['sale'], self.users['tech'], ['sale'])
        other = self.env['res.company'].create({'name': '外公司'})
        self.users['tech'].write({'company_ids': [(4, other.id)]})
        with self.assertRaises(AccessError):
            self._change(self.users['hq_head'], self.users['tech'], ['sale'])
        self.assertFalse(self.users['tech'].has_group(ROLE_GROUPS['sale']))

    def test_last_hq_head_keeps_the_role(self):
        with self.assertRaises(UserError):
            self._change(self.users['hq_head'], self.users['hq_head'], ['sale'])
        self.assertTrue(self.users['hq_head'].has_group(ROLE_GROUPS['hq_head']))
