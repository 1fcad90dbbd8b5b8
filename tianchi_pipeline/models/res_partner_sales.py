"""Total sales of a customer (the figure the level rules read) kept from its
confirmed orders once sale is installed: the untaxed amounts of the orders
in state 'sale' of the customer and its contacts, in the customer's company
currency. Recomputed whenever such an order is confirmed, cancelled or
changes amount, and again before levels are assigned (rates move, contacts
move between companies)."""
from collections import defaultdict

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    tianchi_total_sales = fields.Monetary(
        compute='_compute_tianchi_total_sales', store=True, readonly=True,
        help="Untaxed amount of the confirmed sales orders of this customer and its contacts, "
             "in the company's currency.")

    @api.depends('sale_order_ids.state', 'sale_order_ids.amount_untaxed', 'sale_order_ids.currency_id',
                 'child_ids.sale_order_ids.state', 'child_ids.sale_order_ids.amount_untaxed',
                 'child_ids.sale_order_ids.currency_id', 'company_id', 'is_company', 'parent_id')
    def _compute_tianchi_total_sales(self):
        commercial = self.filtered(lambda partner: partner.id and partner.commercial_partner_id == partner)
        (self - commercial).tianchi_total_sales = 0.0
        if not commercial:
            return
        # every order counts, whoever may read it: the level is the company's view of the customer
        groups = self.env['sale.order'].sudo()._read_group(
            [('partner_id', 'child_of', commercial.ids), ('state', '=', 'sale')],
            ['partner_id', 'currency_id', 'company_id'], ['amount_untaxed:sum'])
        totals = defaultdict(float)
        today = fields.Date.context_today(self)
        for partner, currency, company, amount in groups:
            customer = partner.commercial_partner_id
            if customer not in commercial:
                continue
            target = customer.tianchi_currency_id
            totals[customer.id] += currency._convert(amount, target, company, today) if currency else amount
        for customer in commercial:
            customer.tianchi_total_sales = totals.get(customer.id, 0.0)

    def _tianchi_refresh_total_sales(self):
        """Compute the total sales of these partners again from their orders."""
        self.env.add_to_compute(self._fields['tianchi_total_sales'], self)
        self._recompute_recordset(['tianchi_total_sales'])

    @api.model
    def _cron_tianchi_assign_levels(self):
        # the nightly run starts from figures as of today (rates, contacts moved)
        self.sudo().with_context(active_test=True).search([
            ('tianchi_is_customer', '=', True), ('parent_id', '=', False),
        ])._tianchi_refresh_total_sales()
        return super()._cron_tianchi_assign_levels()
