"""Memberships (one team per salesperson by default) and the default team."""
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user


class TestSalesTeam(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = new_test_user(cls.env, login='team_manager', groups='sales_team.group_sale_manager')
        cls.seller = new_test_user(cls.env, login='team_seller', groups='sales_team.group_sale_salesman')
        Team = cls.env['crm.team'].with_user(cls.manager)
        cls.north = Team.create({'name': '华北组', 'sequence': 1})
        cls.south = Team.create({'name': '华南组', 'sequence': 2})

    def test_member_ids_create_memberships(self):
        self.north.member_ids = self.seller
        self.assertEqual(self.north.crm_team_member_ids.user_id, self.seller)
        self.assertEqual(self.seller.sale_team_id, self.north)
        self.assertIn(self.north, self.seller.crm_team_ids)

    def test_single_membership_moves_the_salesperson(self):
        self.north.member_ids = self.seller
        self.south.member_ids = self.seller
        self.assertFalse(self.north.member_ids)
        self.assertEqual(self.south.member_ids, self.seller)
        self.assertEqual(self.seller.sale_team_id, self.south)

    def test_multi_membership_when_allowed(self):
        self.env['ir.config_parameter'].sudo().set_param('sales_team.membership_multi', True)
        self.north.member_ids = self.seller
        self.south.member_ids = self.seller
        self.assertEqual(self.north.member_ids, self.seller)
        self.assertEqual(self.south.member_ids, self.seller)

    def test_default_team_of_a_member(self):
        self.south.member_ids = self.seller
        Team = self.env['crm.team'].with_user(self.seller)
        self.assertEqual(Team._get_default_team_id(), self.south)
        self.assertEqual(Team.with_context(default_team_id=self.north.id)._get_default_team_id(), self.south)

    def test_groups_imply_each_other(self):
        self.assertTrue(self.manager.has_group('sales_team.group_sale_salesman_all_leads'))
        self.assertTrue(self.manager.has_group('sales_team.group_sale_salesman'))
        self.assertFalse(self.seller.has_group('sales_team.group_sale_salesman_all_leads'))

    def test_salesperson_cannot_create_teams(self):
        with self.assertRaises(AccessError):
            self.env['crm.team'].with_user(self.seller).create({'name': '自建组'})
