"""The demo company's customers spread over its customer levels: their
total sales come from the demo's confirmed orders and the level rules read
them (checked only where demo data is loaded)."""
from odoo.tests import TransactionCase


class TestDemoLevels(TransactionCase):

    def test_demo_customers_spread_over_the_levels(self):
        company = self.env.ref('tianchi_org.demo_company', raise_if_not_found=False)
        if not company or not self.env.ref('tianchi_pipeline.order_01', raise_if_not_found=False):
            self.skipTest("demo data not loaded")
        customers = self.env['res.partner'].search([
            ('tianchi_is_customer', '=', True), ('parent_id', '=', False), ('company_id', '=', company.id)])
        levels = self.env['tianchi.customer.level'].search([('company_id', '=', company.id)])
        counts = {level.name: len(customers.filtered(lambda c, level=level: c.customer_level_id == level))
                  for level in levels}
        self.assertTrue(all(counts.values()), f"a demo level has no customer: {counts}")
        # the levels follow the rules on the confirmed orders' totals, not typed figures
        for customer in customers.filtered('tianchi_total_sales')[:20]:
            orders = self.env['sale.order'].search([('partner_id', 'child_of', customer.id), ('state', '=', 'sale')])
            self.assertAlmostEqual(customer.tianchi_total_sales, sum(orders.mapped('amount_untaxed')), places=2)
