"""Templates and their single variant, categories, barcodes and prices."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user


class TestProduct(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, login='product_manager', groups='base.group_user,product.group_product_manager')
        cls.Template = cls.env['product.template'].with_user(cls.manager)
        cls.furniture = cls.env['product.category'].create({'name': '家具'})
        cls.desks = cls.env['product.category'].create({'name': '办公桌', 'parent_id': cls.furniture.id})

    def test_template_gets_one_variant_with_mirrored_fields(self):
        template = self.Template.create({
            'name': '升降办公桌', 'default_code': 'SJZ-01', 'barcode': '6900000000011',
            'list_price': 2000.0, 'standard_price': 1200.0, 'weight': 30.0, 'categ_id': self.desks.id,
        })
        variant = template.product_variant_id
        self.assertEqual(template.product_variant_count, 1)
        self.assertEqual(variant.default_code, 'SJZ-01')
        self.assertEqual(variant.barcode, '6900000000011')
        self.assertEqual(variant.standard_price, 1200.0)
        self.assertEqual(variant.weight, 30.0)
        self.assertEqual(variant.lst_price, 2000.0)
        self.assertEqual(variant.display_name, '[SJZ-01] 升降办公桌')
        self.assertEqual(template.uom_id, self.env.ref('uom.product_uom_unit'))
        self.assertEqual(template.uom_po_id, template.uom_id)

    def test_variant_created_directly_makes_its_template(self):
        variant = self.env['product.product'].with_user(self.manager).create({'name': '白板', 'list_price': 300.0})
        self.assertEqual(variant.product_tmpl_id.name, '白板')
        self.assertEqual(variant.product_tmpl_id.product_variant_ids, variant)
        variant.unlink()
        self.assertFalse(self.env['product.template'].search([('name', '=', '白板')]))

    def test_lst_price_in_another_unit(self):
        variant = self.Template.create({'name': '签字笔', 'list_price': 2.0}).product_variant_id
        dozen = self.env.ref('uom.product_uom_dozen')
        self.assertAlmostEqual(variant.with_context(uom=dozen.id).lst_price, 24.0)

    def test_category_tree(self):
        self.env.invalidate_all()
        self.assertEqual(self.desks.complete_name, '家具 / 办公桌')
        self.Template.create({'name': '书桌', 'categ_id': self.desks.id})
        self.assertEqual(self.furniture.product_count, 1)
        # the parent path update refuses the cycle first, as in Odoo
        with self.assertRaises(UserError):
            self.furniture.parent_id = self.desks

    def test_barcode_unique_per_company(self):
        self.Template.create({'name': 'A', 'barcode': '123456'})
        with self.assertRaises(ValidationError):
            self.Template.create({'name': 'B', 'barcode': '123456'})
        other = self.env['res.company'].create({'name': '分公司'})
        first = self.Template.sudo().create({'name': 'C', 'barcode': '777', 'company_id': self.env.company.id})
        second = self.Template.sudo().create({'name': 'D', 'barcode': '777', 'company_id': other.id})
        self.assertTrue(first and second)

    def test_archiving_template_archives_variant(self):
        template = self.Template.create({'name': '旧款椅'})
        template.action_archive()
        self.assertFalse(template.with_context(active_test=False).product_variant_ids.active)

    def test_purchase_unit_of_same_category(self):
        with self.assertRaises(ValidationError):
            self.Template.create({'name': '钢板', 'uom_id': self.env.ref('uom.product_uom_unit').id,
                                  'uom_po_id': self.env.ref('uom.product_uom_kgm').id})
