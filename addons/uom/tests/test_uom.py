"""Conversions between units and the one-reference-per-category rule."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase


class TestUom(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env.ref('uom.product_uom_unit')
        cls.dozen = cls.env.ref('uom.product_uom_dozen')
        cls.kg = cls.env.ref('uom.product_uom_kgm')
        cls.gram = cls.env.ref('uom.product_uom_gram')
        cls.ton = cls.env.ref('uom.product_uom_ton')

    def test_factor_inv_is_stored_as_factor(self):
        self.assertAlmostEqual(self.dozen.factor, 1 / 12)
        self.assertAlmostEqual(self.dozen.factor_inv, 12.0)
        self.assertEqual(self.dozen.ratio, 12.0)
        self.assertEqual(self.gram.ratio, 1000.0)

    def test_compute_quantity(self):
        self.assertEqual(self.dozen._compute_quantity(2, self.unit), 24.0)
        self.assertEqual(self.unit._compute_quantity(30, self.dozen), 2.5)
        self.assertEqual(self.ton._compute_quantity(1.5, self.gram), 1500000.0)
        # rounded up to the target's precision by default
        self.assertEqual(self.gram._compute_quantity(1234, self.kg), 1.24)
        self.assertEqual(self.gram._compute_quantity(1234, self.kg, rounding_method='HALF-UP'), 1.23)
        self.assertAlmostEqual(self.gram._compute_quantity(1234, self.kg, round=False), 1.234)

    def test_compute_quantity_across_categories(self):
        with self.assertRaises(UserError):
            self.unit._compute_quantity(3, self.kg)
        self.assertEqual(self.unit._compute_quantity(3, self.kg, raise_if_failure=False), 3)

    def test_compute_price(self):
        self.assertAlmostEqual(self.unit._compute_price(10.0, self.dozen), 120.0)
        self.assertAlmostEqual(self.kg._compute_price(50.0, self.gram), 0.05)
        self.assertEqual(self.unit._compute_price(10.0, self.kg), 10.0)

    def test_one_reference_per_category(self):
        category = self.env['uom.category'].create({'name': '包装'})
        self.env['uom.uom'].create({'name': '箱', 'category_id': category.id, 'uom_type': 'reference'})
        with self.assertRaises(ValidationError):
            self.env['uom.uom'].create({'name': '托', 'category_id': category.id, 'uom_type': 'reference'})

    def test_system_units_are_protected(self):
        with self.assertRaises(UserError):
            self.kg.unlink()
