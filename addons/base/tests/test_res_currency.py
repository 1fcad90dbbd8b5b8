"""Currencies: rounding, comparisons and conversions with dated rates."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestCurrency(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cny = cls.env.ref('base.CNY')
        cls.usd = cls.env.ref('base.USD')
        cls.jpy = cls.env.ref('base.JPY')
        cls.company = cls.env.ref('base.main_company')
        # 1 CNY = 0.14 USD from 2024-01-01, 0.125 USD from 2024-07-01
        cls.env['res.currency.rate'].create([
            {'name': '2024-01-01', 'rate': 0.14, 'currency_id': cls.usd.id, 'company_id': cls.company.id},
            {'name': '2024-07-01', 'rate': 0.125, 'currency_id': cls.usd.id, 'company_id': cls.company.id},
        ])

    def test_decimal_places(self):
        self.assertEqual(self.cny.decimal_places, 2)
        self.assertEqual(self.jpy.decimal_places, 0)

    def test_round(self):
        self.assertEqual(self.cny.round(1.005), 1.01, "half-up, as Odoo's float_round")
        self.assertEqual(self.cny.round(2.344), 2.34)
        self.assertEqual(self.cny.round(-1.005), -1.01)
        self.assertEqual(self.jpy.round(1234.5), 1235.0)

    def test_is_zero(self):
        self.assertTrue(self.cny.is_zero(0.004))
        self.assertFalse(self.cny.is_zero(0.006))
        self.assertTrue(self.cny.is_zero(0.0))

    def test_compare_amounts(self):
        self.assertEqual(self.cny.compare_amounts(1.432, 1.431), 0)
        self.assertEqual(self.cny.compare_amounts(0.006, 0.002), 1,
                         "compared after rounding each amount (0.01 vs 0.00)")
        self.assertEqual(self.cny.compare_amounts(1.0, 2.0), -1)

    def test_convert_uses_rate_of_date(self):
        amount = self.usd._convert(14.0, self.cny, self.company, '2024-03-15')
        self.assertEqual(amount, 100.0)
        amount = self.cny._convert(100.0, self.usd, self.company, '2024-03-15')
        self.assertEqual(amount, 14.0)
        amount = self.cny._convert(100.0, self.usd, self.company, '2024-08-01')
        self.assertEqual(amount, 12.5, "the latest rate on or before the date")

    def test_convert_before_first_rate_uses_earliest(self):
        amount = self.cny._convert(100.0, self.usd, self.company, '2023-01-01')
        self.assertEqual(amount, 14.0)

    def test_convert_rounding(self):
        raw = self.cny._convert(1.0, self.usd, self.company, '2024-03-15', round=False)
        self.assertAlmostEqual(raw, 0.14)
        self.assertEqual(self.cny._convert(0.0, self.usd, self.company, '2024-03-15'), 0.0)
        self.assertEqual(self.cny._convert(3.33, self.cny, self.company, '2024-03-15'), 3.33)

    def test_rate_fields(self):
        usd = self.usd.with_context(date='2024-03-15')
        self.assertAlmostEqual(usd.rate, 0.14)
        self.assertAlmostEqual(usd.inverse_rate, 1 / 0.14)
        self.assertEqual(self.cny.with_context(date='2024-03-15').rate, 1.0)

    def test_second_active_currency_enables_multi_currency(self):
        employees = self.env.ref('base.group_user')
        multi = self.env.ref('base.group_multi_currency')
        active = self.env['res.currency'].search([('active', '=', True)])
        self.assertEqual(active, self.cny, "only the company's currency is active after install")
        self.assertNotIn(multi, employees.implied_ids)
        self.env.ref('base.EUR').active = True
        self.assertIn(multi, employees.implied_ids)
        self.assertTrue(self.env.ref('base.user_admin').has_group('base.group_multi_currency'))
        self.env.ref('base.EUR').active = False
        self.assertNotIn(multi, employees.implied_ids)

    def test_company_currency_stays_active(self):
        with self.assertRaises(UserError):
            self.cny.active = False
