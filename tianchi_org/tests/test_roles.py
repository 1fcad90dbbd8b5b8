"""Roles are groups of one category; the HQ head holds every role and
administers the database."""
from .common import ROLE_GROUPS, TianchiOrgCase


class TestRoles(TianchiOrgCase):

    def test_roles_share_one_category(self):
        category = self.env.ref('tianchi_org.module_category_tianchi_org')
        for role, xmlid in ROLE_GROUPS.items():
            self.assertEqual(self.env.ref(xmlid).category_id, category, role)

    def test_every_role_is_an_internal_user(self):
        for role, user in self.users.items():
            self.assertTrue(user.has_group('base.group_user'), role)
            self.assertFalse(user.share, role)

    def test_hq_head_implies_every_role_and_hr_administration(self):
        hq_head = self.users['hq_head']
        for xmlid in ROLE_GROUPS.values():
            self.assertTrue(hq_head.has_group(xmlid), xmlid)
        self.assertTrue(hq_head.has_group('hr.group_hr_manager'))
        # database-wide settings would open the other companies of the database
        self.assertFalse(hq_head.has_group('base.group_system'))
        self.assertFalse(hq_head.has_group('base.group_erp_manager'))

    def test_staff_roles_do_not_imply_each_other(self):
        sale = self.users['sale']
        self.assertFalse(sale.has_group(ROLE_GROUPS['finance']))
        self.assertFalse(sale.has_group(ROLE_GROUPS['department_head']))
        self.assertFalse(sale.has_group('base.group_system'))

    def test_hr_role_manages_employees(self):
        self.assertTrue(self.users['hr'].has_group('hr.group_hr_user'))
        self.assertFalse(self.users['tech'].has_group('hr.group_hr_user'))
