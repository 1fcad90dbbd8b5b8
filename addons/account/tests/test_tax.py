"""compute_all: percentages, prices with tax included, fixed amounts, groups, signs."""
from odoo.tests import TransactionCase


class TestTaxComputation(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tax = cls.env['account.tax']
        cls.vat13 = Tax.create({'name': 'VAT 13', 'amount': 13, 'sequence': 10})
        cls.vat6 = Tax.create({'name': 'VAT 6', 'amount': 6, 'sequence': 20})
        cls.vat13_incl = Tax.create({'name': 'VAT 13 incl', 'amount': 13, 'price_include_override': 'tax_included'})
        cls.eco = Tax.create({'name': 'Eco fee', 'amount': 1.5, 'amount_type': 'fixed', 'sequence': 1})
        cls.cny = cls.env.ref('base.CNY')

    def test_percent_excluded(self):
        result = self.vat13.compute_all(100.0, currency=self.cny, quantity=3)
        self.assertEqual(result['total_excluded'], 300.0)
        self.assertEqual(result['total_included'], 339.0)
        self.assertEqual([(t['id'], t['amount'], t['base']) for t in result['taxes']], [(self.vat13.id, 39.0, 300.0)])

    def test_percent_included(self):
        self.assertTrue(self.vat13_incl.price_include)
        result = self.vat13_incl.compute_all(113.0, currency=self.cny)
        self.assertEqual(result['total_excluded'], 100.0)
        self.assertEqual(result['total_included'], 113.0)
        self.assertEqual(result['taxes'][0]['amount'], 13.0)

    def test_included_amounts_add_up_to_the_price(self):
        vat6_incl = self.vat6.copy({'price_include_override': 'tax_included'})
        result = (self.vat13_incl | vat6_incl).compute_all(100.0, currency=self.cny)
        self.assertEqual(result['total_included'], 100.0)
        self.assertAlmostEqual(result['total_excluded'] + sum(t['amount'] for t in result['taxes']), 100.0)
        self.assertEqual(result['total_excluded'], 84.03)

    def test_company_setting_includes_taxes(self):
        self.env.company.account_price_include = 'tax_included'
        self.assertTrue(self.vat6.price_include)
        self.assertEqual(self.vat6.compute_all(106.0, currency=self.cny)['total_excluded'], 100.0)

    def test_fixed_and_group(self):
        group = self.env['account.tax'].create({
            'name': 'Group', 'amount_type': 'group', 'children_tax_ids': [(6, 0, [self.vat13.id, self.eco.id])],
        })
        result = group.compute_all(10.0, currency=self.cny, quantity=2)
        self.assertEqual([t['id'] for t in result['taxes']], [self.eco.id, self.vat13.id])
        self.assertEqual(result['total_included'], 20.0 + 3.0 + 2.6)

    def test_include_base_amount(self):
        self.eco.include_base_amount = True
        result = (self.eco | self.vat13).compute_all(100.0, currency=self.cny)
        self.assertEqual(result['taxes'][1]['base'], 101.5)
        # 13% of 101.50 is 13.195, rounded half-up to 13.20
        self.assertEqual(result['total_included'], 114.7)

    def test_negative_amounts_keep_their_sign(self):
        result = self.vat13.compute_all(-50.0, currency=self.cny, quantity=2)
        self.assertEqual(result['total_excluded'], -100.0)
        self.assertEqual(result['total_included'], -113.0)
        self.assertEqual(result['taxes'][0]['amount'], -13.0)

    def test_no_taxes(self):
        result = self.env['account.tax'].compute_all(12.5, currency=self.cny, quantity=2)
        self.assertEqual((result['total_excluded'], result['total_included'], result['taxes']), (25.0, 25.0, []))
