"""Saved favourites (ir.filters) tied to a window action."""
from odoo.tests import TransactionCase


class TestIrFilters(TransactionCase):

    def test_filter_of_a_window_action(self):
        action = self.env.ref('base.action_partner_form')
        favourite = self.env['ir.filters'].create({
            'name': '上海客户', 'model_id': 'res.partner', 'action_id': action.id,
            'domain': "[('city', '=', '上海')]", 'user_id': self.env.uid,
        })
        self.env.flush_all()
        names = [found['name'] for found in self.env['ir.filters'].get_filters('res.partner', action.id)]
        self.assertIn(favourite.name, names)
        self.assertEqual(favourite.action_id.id, action.id)
