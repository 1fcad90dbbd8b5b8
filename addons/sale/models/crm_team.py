"""``crm.team``: a team's quotations, orders and invoicing target on the sales dashboard."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmTeam(models.Model):
    _inherit = 'crm.team'

    invoiced = fields.Float(
        compute='_compute_invoiced', string="Invoiced This Month", readonly=True,
        help="What the team invoiced this month (invoices are not provided: always 0).")
    invoiced_target = fields.Float(string="Invoicing Target", help="Revenue target for the current month.")
    quotations_count = fields.Integer(compute='_compute_quotations_to_invoice', string="Number of quotations to invoice", readonly=True)
    quotations_amount = fields.Float(compute='_compute_quotations_to_invoice', string="Amount of quotations to invoice", readonly=True)
    sales_to_invoice_count = fields.Integer(compute='_compute_sales_to_invoice', string="Number of sales to invoice", readonly=True)
    sale_order_count = fields.Integer(compute='_compute_sale_order_count', string="# Sale Orders")

    def _compute_quotations_to_invoice(self):
        figures = {}
        if self.ids:
            rows = self.env['sale.order']._read_group(
                [('team_id', 'in', self.ids), ('state', 'in', ('draft', 'sent'))],
                ['team_id', 'currency_id'], ['amount_total:sum', '__count'])
            for team, currency, amount, count in rows:
                total, number = figures.get(team.id, (0.0, 0))
                converted = currency._convert(amount, team.currency_id or self.env.company.currency_id,
                                              self.env.company, fields.Date.today())
                figures[team.id] = (total + converted, number + count)
        for team in self:
            team.quotations_amount, team.quotations_count = figures.get(team.id, (0.0, 0))

    def _compute_sales_to_invoice(self):
        counts = {}
        if self.ids:
            counts = {team.id: count for team, count in self.env['sale.order']._read_group(
                [('team_id', 'in', self.ids), ('invoice_status', '=', 'to invoice')], ['team_id'], ['__count'])}
        for team in self:
            team.sales_to_invoice_count = counts.get(team.id, 0)

    def _compute_invoiced(self):
        # journal entries are not provided: nothing is ever invoiced
        self.invoiced = 0.0

    def _compute_sale_order_count(self):
        counts = {}
        if self.ids:
            counts = {team.id: count for team, count in self.env['sale.order']._read_group(
                [('team_id', 'in', self.ids), ('state', '!=', 'cancel')], ['team_id'], ['__count'])}
        for team in self:
            team.sale_order_count = counts.get(team.id, 0)

    def _compute_dashboard_button_name(self):
        super()._compute_dashboard_button_name()
        if self.env.context.get('in_sales_app'):
            for team in self:
                team.dashboard_button_name = _("Sales Analysis")

    def action_primary_channel_button(self):
        if self.env.context.get('in_sales_app'):
            return self.env['ir.actions.act_window']._for_xml_id('sale.action_order_report_so_salesteam')
        return super().action_primary_channel_button()

    def update_invoiced_target(self, value):
        return self.write({'invoiced_target': round(float(value or 0))})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used_for_sales(self):
        if self.env['sale.order'].sudo().search_count([('team_id', 'in', self.ids)], limit=1):
            raise UserError(_(
                "Sales teams with orders cannot be deleted: archive them, or move their orders "
                "to another team first (%s).", ", ".join(self.mapped('name'))))
