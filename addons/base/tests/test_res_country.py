"""Countries and the Chinese provinces shipped with base."""
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestCountry(TransactionCase):

    def test_china_and_provinces(self):
        china = self.env.ref('base.cn')
        self.assertEqual(china.code, 'CN', "codes are stored upper-case")
        self.assertEqual(china.currency_id, self.env.ref('base.CNY'))
        self.assertEqual(china.phone_code, 86)
        self.assertEqual(len(china.state_ids), 34)
        guangdong = self.env.ref('base.state_cn_GD')
        self.assertEqual(guangdong.name, '广东省')
        self.assertEqual(guangdong.display_name, '广东省 (CN)')

    def test_name_search_by_code(self):
        result = self.env['res.country'].name_search('cn')
        self.assertEqual(result[0][0], self.env.ref('base.cn').id)

    def test_state_search_display_form(self):
        states = self.env['res.country.state'].search([('display_name', '=', '广东省 (CN)')])
        self.assertEqual(states, self.env.ref('base.state_cn_GD'))
