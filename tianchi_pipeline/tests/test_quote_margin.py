"""Supplier quotes per line, one selected per line, and the sales price
built from the selected quote with the company's margin rules."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase


@tagged('at_install', '-post_install')
class TestQuoteMargin(TianchiQuoteCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env['tianchi.margin.rule']
        cls.rule_all = Rule.create({'name': '默认毛利 20%', 'company_id': cls.company.id, 'sequence': 30,
                                    'applies_to': 'all', 'margin_type': 'percent', 'margin_percent': 20})
        cls.rule_equipment = Rule.create({
            'name': '机电设备 35%', 'company_id': cls.company.id, 'sequence': 20,
            'applies_to': 'category', 'categ_id': cls.categ_equipment.id,
            'margin_type': 'percent', 'margin_percent': 35})
        cls.rule_cabinet = Rule.create({
            'name': '配电柜加价 1500', 'company_id': cls.company.id, 'sequence': 10,
            'applies_to': 'product', 'product_id': cls.cabinet.id, 'margin_type': 'fixed', 'fixed_markup': 1500})

    def setUp(self):
        super().setUp()
        self.order = self.make_quotation([(self.motor, 2, 1.0), (self.cabinet, 1, 1.0), (self.install, 4, 1.0)])
        self.line_motor, self.line_cabinet, self.line_install = self.order.order_line

    def _select_all(self):
        self.supplier_quote(self.line_motor, self.supplier_a, 2000.0, state='selected')
        self.supplier_quote(self.line_motor, self.supplier_b, 1900.0)
        self.supplier_quote(self.line_cabinet, self.supplier_b, 6000.0, state='selected')
        self.supplier_quote(self.line_install, self.supplier_a, 300.0, state='selected')

    def test_rule_found_by_sequence_product_then_category_tree(self):
        Rule = self.env['tianchi.margin.rule']
        self.assertEqual(Rule._find_rule(self.cabinet, self.company), self.rule_cabinet)
        # 电机 is a sub-category of 机电设备
        self.assertEqual(Rule._find_rule(self.motor, self.company), self.rule_equipment)
        self.assertEqual(Rule._find_rule(self.install, self.company), self.rule_all)
        other_company = self.env['res.company'].create({'name': '别家公司'})
        self.assertFalse(Rule._find_rule(self.motor, other_company))
        self.assertEqual(Rule.browse()._apply(123.0), 123.0)

    def test_price_from_selected_quote_plus_margin(self):
        self._select_all()
        self.order.with_user(self.seller).action_tianchi_apply_margin()
        self.assertEqual(self.line_motor.price_unit, 2700.0)      # 2000 x 1.35, not the cheaper unselected quote
        self.assertEqual(self.line_cabinet.price_unit, 7500.0)    # 6000 + 1500
        self.assertEqual(self.line_install.price_unit, 360.0)     # 300 x 1.20
        self.assertAlmostEqual(self.order.amount_untaxed, 2 * 2700 + 7500 + 4 * 360)

    def test_line_without_selected_quote_refused_nothing_changed(self):
        self.supplier_quote(self.line_motor, self.supplier_a, 2000.0, state='selected')
        self.supplier_quote(self.line_cabinet, self.supplier_b, 6000.0)   # received, not selected
        with self.assertRaisesRegex(UserError, '配电柜 GGD.*安装调试服务|安装调试服务.*配电柜 GGD'):
            self.order.with_user(self.seller).action_tianchi_apply_margin()
        self.assertEqual(self.order.order_line.mapped('price_unit'), [1.0, 1.0, 1.0])

    def test_no_lines_and_confirmed_orders_refused(self):
        empty = self.make_quotation([])
        with self.assertRaisesRegex(UserError, 'no lines'):
            empty.with_user(self.seller).action_tianchi_apply_margin()
        self._select_all()
        self.order.action_confirm()
        with self.assertRaisesRegex(UserError, 'no longer a quotation'):
            self.order.with_user(self.seller).action_tianchi_apply_margin()

    def test_one_selected_quote_per_line(self):
        first = self.supplier_quote(self.line_motor, self.supplier_a, 2000.0)
        second = self.supplier_quote(self.line_motor, self.supplier_b, 1900.0)
        first.with_user(self.seller).action_select()
        second.with_user(self.seller).action_select()
        self.assertEqual((first.state, second.state), ('received', 'selected'))
        self.assertEqual(self.line_motor.tianchi_selected_quote_id, second)
        with self.assertRaises(ValidationError):
            first.with_user(self.seller).write({'state': 'selected'})

    def test_expired_quote_not_selectable_and_expired_by_cron(self):
        old = self.supplier_quote(self.line_motor, self.supplier_a, 2000.0, valid_until='2020-01-31')
        with self.assertRaisesRegex(UserError, '2020-01-31'):
            old.with_user(self.seller).action_select()
        self.assertEqual(old.state, 'received')
        fresh = self.supplier_quote(self.line_motor, self.supplier_b, 2100.0, valid_until='2999-12-31')
        self.env['tianchi.supplier.quote']._cron_expire_supplier_quotes()
        self.assertEqual((old.state, fresh.state), ('expired', 'received'))

    def test_quote_must_belong_to_a_line_of_its_order(self):
        other = self.make_quotation([(self.motor, 1, 1.0)])
        with self.assertRaises(ValidationError):
            self.supplier_quote(other.order_line, self.supplier_a, 100.0).write({'order_id': self.order.id})
        # entered from a line, a quote takes the line's order
        quote = self.env['tianchi.supplier.quote'].create({
            'order_line_id': self.line_cabinet.id, 'supplier_id': self.supplier_a.id, 'price_unit': 5.0})
        self.assertEqual(quote.order_id, self.order)

    def test_rule_needs_its_target(self):
        with self.assertRaises(ValidationError):
            self.env['tianchi.margin.rule'].create({'name': '缺类别', 'company_id': self.company.id,
                                                    'applies_to': 'category'})
