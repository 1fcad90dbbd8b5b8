"""``get_base_url``: every model answers the root URL of links to its records."""
from odoo.tests import TransactionCase


class TestBaseUrl(TransactionCase):

    def test_base_url_from_parameter(self):
        self.env['ir.config_parameter'].set_param('web.base.url', 'https://erp.tianchi.example')
        partner = self.env['res.partner'].create({'name': '杭州某某公司'})
        self.assertEqual(partner.get_base_url(), 'https://erp.tianchi.example')
        self.assertEqual(self.env['res.partner'].get_base_url(), 'https://erp.tianchi.example')
        with self.assertRaises(ValueError):
            (partner | self.env.user.partner_id).get_base_url()
