"""Groups: implied groups, their transitive closure and propagation to users."""
from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestGroups(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Groups = cls.env['res.groups']
        cls.g_c = Groups.create({'name': 'C'})
        cls.g_b = Groups.create({'name': 'B', 'implied_ids': [Command.set([cls.g_c.id])]})
        cls.g_a = Groups.create({'name': 'A', 'implied_ids': [Command.set([cls.g_b.id])]})
        cls.user = cls.env['res.users'].create({'name': '测试', 'login': 'group.tester'})

    def test_trans_implied_ids(self):
        self.assertEqual(self.g_a.trans_implied_ids, self.g_b | self.g_c)
        self.assertEqual(self.g_b.trans_implied_ids, self.g_c)
        self.assertFalse(self.g_c.trans_implied_ids)

    def test_user_gets_transitive_groups(self):
        self.user.write({'groups_id': [Command.link(self.g_a.id)]})
        self.assertTrue({self.g_a, self.g_b, self.g_c} <= set(self.user.groups_id))

    def test_adding_users_to_group_adds_implied(self):
        self.g_a.write({'users': [Command.link(self.user.id)]})
        self.assertIn(self.g_c, self.user.groups_id)
        self.assertIn(self.user, self.g_c.users)

    def test_new_implication_reaches_existing_users(self):
        self.user.write({'groups_id': [Command.link(self.g_c.id)]})
        g_d = self.env['res.groups'].create({'name': 'D'})
        self.g_c.write({'implied_ids': [Command.link(g_d.id)]})
        self.assertIn(g_d, self.user.groups_id)

    def test_remove_group(self):
        g_d = self.env['res.groups'].create({'name': 'D'})
        self.g_c._apply_group(g_d)
        self.user.write({'groups_id': [Command.link(self.g_c.id)]})
        self.assertIn(g_d, self.user.groups_id)
        self.g_c._remove_group(g_d)
        self.assertNotIn(g_d, self.g_c.implied_ids)
        self.assertNotIn(g_d, self.user.groups_id)

    def test_full_name(self):
        group_system = self.env.ref('base.group_system')
        self.assertEqual(group_system.full_name, 'Administration / Settings')
        self.assertEqual(self.g_a.full_name, 'A')
        found = self.env['res.groups'].search([('full_name', '=', 'Administration / Settings')])
        self.assertEqual(found, group_system)


@tagged('at_install', '-post_install')
class TestUserTypes(TransactionCase):

    def test_demoted_user_keeps_only_given_groups(self):
        user = self.env['res.users'].create({'name': '转门户', 'login': 'to.portal'})
        self.assertTrue(user._is_internal())
        portal = self.env.ref('base.group_portal')
        user.write({'groups_id': [Command.set([portal.id])]})
        self.assertEqual(user.groups_id, portal)
        self.assertTrue(user.share)

    def test_groups_added_to_template_reach_internal_users(self):
        employee = self.env['res.users'].create({'name': '老员工', 'login': 'old.employee'})
        extra = self.env['res.groups'].create({'name': '新增权限'})
        self.env.ref('base.default_user').write({'groups_id': [Command.link(extra.id)]})
        self.assertIn(extra, employee.groups_id)
        newcomer = self.env['res.users'].create({'name': '新员工', 'login': 'new.employee.b'})
        self.assertIn(extra, newcomer.groups_id)
