"""``product.template``: how a product is invoiced and sold (invoice policy,
expense re-invoicing, sale line warnings, optional products, quantities sold)."""
from __future__ import annotations

from datetime import timedelta

from odoo import api, fields, models

from .res_partner import WARNING_HELP, WARNING_MESSAGE


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    service_type = fields.Selection(
        selection=[('manual', "Manually set quantities on order")], string="Track Service",
        compute='_compute_service_type', store=True, readonly=False, precompute=True,
        help="How the delivered quantity of a service is updated.")
    sale_line_warn = fields.Selection(
        WARNING_MESSAGE, string="Sales Order Line", help=WARNING_HELP, required=True, default='no-message')
    sale_line_warn_msg = fields.Text(string="Message for Sales Order Line")
    expense_policy = fields.Selection(
        selection=[('no', "No"), ('cost', "At cost"), ('sales_price', "Sales price")],
        string="Re-Invoice Costs", compute='_compute_expense_policy', store=True, readonly=False,
        help="Whether costs and expenses booked on this product are re-invoiced to customers.")
    visible_expense_policy = fields.Boolean(
        string="Re-Invoice Policy visible", compute='_compute_visible_expense_policy')
    sales_count = fields.Float(
        string="Sold", compute='_compute_sales_count', digits='Product Unit of Measure')
    invoice_policy = fields.Selection(
        selection=[('order', "Ordered quantities"), ('delivery', "Delivered quantities")],
        string="Invoicing Policy", compute='_compute_invoice_policy', store=True, readonly=False,
        precompute=True, help="Invoice what was ordered, or what was delivered.")
    optional_product_ids = fields.Many2many(
        'product.template', 'product_optional_rel', 'src_id', 'dest_id', string="Optional Products",
        check_company=True, help="Products suggested when this one is added to a quotation.")

    @api.depends('type')
    def _compute_service_type(self):
        for template in self:
            template.service_type = template.service_type or 'manual'

    @api.depends('sale_ok')
    def _compute_expense_policy(self):
        for template in self:
            if not template.sale_ok or not template.expense_policy:
                template.expense_policy = 'no'

    @api.depends('purchase_ok')
    def _compute_visible_expense_policy(self):
        # expenses and vendor bills are not provided: only analytic-account users would see it
        allowed = self.env.user.has_group('analytic.group_analytic_accounting') if 'account.analytic.account' in self.env else False
        for template in self:
            template.visible_expense_policy = bool(allowed and template.purchase_ok)

    @api.depends('type')
    def _compute_invoice_policy(self):
        for template in self:
            template.invoice_policy = template.invoice_policy or 'order'

    @api.depends('product_variant_ids.sales_count')
    def _compute_sales_count(self):
        for template in self:
            variants = template.with_context(active_test=False).product_variant_ids
            template.sales_count = round(sum(variants.mapped('sales_count')), 2)

    @api.model
    def _sales_count_date_from(self):
        # Odoo counts what was sold over the last year
        return fields.Datetime.now() - timedelta(days=365)

    def action_view_sales(self):
        action = self.env['ir.actions.act_window']._for_xml_id('sale.action_order_line_product_tree')
        action['domain'] = [('product_id', 'in', self.with_context(active_test=False).product_variant_ids.ids),
                            ('state', '=', 'sale')]
        return action
