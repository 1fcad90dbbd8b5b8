"""``product.product``: the quantity of a variant sold over the last year."""
from __future__ import annotations

from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = 'product.product'

    sales_count = fields.Float(compute='_compute_sales_count', string="Sold", digits='Product Unit of Measure')
    product_catalog_product_is_in_sale_order = fields.Boolean(
        compute='_compute_product_is_in_sale_order', search='_search_product_is_in_sale_order')

    def _compute_sales_count(self):
        counts = dict.fromkeys(self.ids, 0.0)
        if self.ids and self.env.user.has_group('sales_team.group_sale_salesman'):
            since = self.env['product.template']._sales_count_date_from()
            lines = self.env['sale.order.line'].search_fetch([
                ('product_id', 'in', self.ids), ('state', '=', 'sale'), ('display_type', '=', False),
                ('order_id.date_order', '>=', since),
            ], ['product_id', 'product_uom_qty', 'product_uom'])
            for line in lines:
                product = line.product_id
                counts[product.id] += line.product_uom._compute_quantity(
                    line.product_uom_qty, product.uom_id, raise_if_failure=False)
        for product in self:
            product.sales_count = round(counts.get(product.id, 0.0), 2)

    def _compute_product_is_in_sale_order(self):
        order_id = self.env.context.get('order_id')
        if not order_id:
            self.product_catalog_product_is_in_sale_order = False
            return
        present = set(self.env['sale.order.line'].search([('order_id', '=', order_id)]).product_id.ids)
        for product in self:
            product.product_catalog_product_is_in_sale_order = product.id in present

    def _search_product_is_in_sale_order(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise ValueError(f"product.product: cannot search 'in the sale order' with {operator!r} {value!r}")
        lines = self.env['sale.order.line'].search([('order_id', '=', self.env.context.get('order_id', False))])
        inside = (operator == '=') == value
        return [('id', 'in' if inside else 'not in', lines.product_id.ids)]

    def _get_invoice_policy(self):
        return self.invoice_policy

    def _filter_to_unlink(self, *args, **kwargs):
        sold = self.env['sale.order.line'].sudo().search([('product_id', 'in', self.ids)]).product_id
        return self - sold
