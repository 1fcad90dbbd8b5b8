"""A customer's total sales follow its confirmed orders (its contacts'
included, drafts and cancelled orders not, other currencies converted),
the customer form shows it read-only, and the nightly level run then
upgrades the customer."""
from odoo import Command, fields
from odoo.tests import Form, tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestPartnerTotalSales(TianchiPipelineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({'tianchi_is_customer': True, 'customer_level_manual': False})
        cls.buyer = cls.env['res.partner'].create({
            'name': '陈采购', 'parent_id': cls.customer.id, 'company_id': cls.company.id})
        cls.product = cls.env['product.product'].create({'name': '年度维保服务', 'list_price': 1.0})
        Level = cls.env['tianchi.customer.level']
        cls.key = Level.create({'name': '重点客户', 'sequence': 1, 'company_id': cls.company.id,
                                'min_total_sales': 100_000})
        cls.normal = Level.create({'name': '普通客户', 'sequence': 2, 'company_id': cls.company.id})

    def _sale(self, amount, partner=None, **values):
        order = self._order(self.stage_lead, owner=self.sale_a, order_line=[Command.create({
            'product_id': self.product.id, 'product_uom_qty': 1, 'price_unit': amount, 'tax_id': False})],
            **values)
        if partner:
            order.partner_id = partner
        return order

    def test_confirmed_orders_raise_the_total_and_the_level(self):
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(self.customer.tianchi_total_sales, 0.0)
        self.assertEqual(self.customer.customer_level_id, self.normal)

        first = self._sale(60_000)
        second = self._sale(50_000, partner=self.buyer)
        self._sale(999_999)  # a quotation never counts
        self.assertEqual(self.customer.tianchi_total_sales, 0.0)
        first.action_confirm()
        self.assertEqual(self.customer.tianchi_total_sales, 60_000)
        second.action_confirm()
        self.assertEqual(self.customer.tianchi_total_sales, 110_000)
        self.assertEqual(self.buyer.tianchi_total_sales, 0.0)

        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(self.customer.customer_level_id, self.key)

        # an amount changed after confirmation, then a cancellation
        second.order_line.price_unit = 40_000
        self.assertEqual(self.customer.tianchi_total_sales, 100_000)
        first._action_cancel()
        self.assertEqual(self.customer.tianchi_total_sales, 40_000)
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(self.customer.customer_level_id, self.normal)

    def test_other_currency_converted_to_the_company_currency(self):
        company_currency = self.company.currency_id
        other = self.env.ref('base.USD') if company_currency != self.env.ref('base.USD') else self.env.ref('base.EUR')
        other.active = True
        self.env['res.currency.rate'].create([
            {'currency_id': company_currency.id, 'rate': 1.0, 'company_id': self.company.id,
             'name': fields.Date.today()},
            {'currency_id': other.id, 'rate': 0.5, 'company_id': self.company.id, 'name': fields.Date.today()},
        ])
        order = self._sale(1_000)
        # as a pricelist in that currency would set it (sale computes it from the pricelist)
        order.currency_id = other
        self.assertEqual(order.currency_id, other)
        order.action_confirm()
        self.assertAlmostEqual(self.customer.tianchi_total_sales, 2_000, places=2)

    def test_typed_total_is_replaced_by_the_orders(self):
        self.customer.tianchi_total_sales = 5_000_000
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(self.customer.tianchi_total_sales, 0.0)
        self.assertEqual(self.customer.customer_level_id, self.normal)

    def test_customer_form_shows_the_total_read_only(self):
        with Form(self.customer, view='tianchi_crm.tianchi_customer_view_form') as form:
            with self.assertRaises(AssertionError):
                form.tianchi_total_sales = 1.0
