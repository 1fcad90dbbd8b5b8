"""Customer level (客户等级) on res.partner: chosen by hand, or assigned by the
level rules from total sales and years of cooperation, every night and on
demand."""
from __future__ import annotations

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    customer_level_id = fields.Many2one(
        'tianchi.customer.level', string='Customer Level', index='btree_not_null', tracking=True,
        ondelete='set null')
    customer_level_manual = fields.Boolean(
        string='Level Set by Hand',
        help="Keep the level chosen by hand; otherwise the level rules assign it.")
    tianchi_currency_id = fields.Many2one('res.currency', compute='_compute_tianchi_currency_id')
    tianchi_total_sales = fields.Monetary(
        string='Total Sales', currency_field='tianchi_currency_id',
        help="Confirmed sales to this customer, in the company's currency.")
    cooperation_start_date = fields.Date(string='Cooperation Since')
    cooperation_years = fields.Float(
        string='Years of Cooperation', digits=(16, 1), compute='_compute_cooperation_years')

    @api.depends('company_id')
    def _compute_tianchi_currency_id(self):
        for partner in self:
            partner.tianchi_currency_id = partner.company_id.currency_id or self.env.company.currency_id

    @api.depends('cooperation_start_date')
    def _compute_cooperation_years(self):
        today = fields.Date.context_today(self)
        for partner in self:
            start = partner.cooperation_start_date
            partner.cooperation_years = max((today - start).days, 0) / 365.25 if start else 0.0

    @api.onchange('customer_level_id')
    def _onchange_customer_level_id(self):
        if self.customer_level_id and self.tianchi_is_customer:
            self.customer_level_manual = True

    def action_tianchi_assign_level(self):
        """Apply the level rules now to these customers (those whose level
        was not set by hand)."""
        self._tianchi_assign_levels()
        return True

    def _tianchi_assign_levels(self) -> None:
        """Give each customer company the first level, in sequence order, of
        its company whose thresholds it meets (none if it meets none)."""
        customers = self.filtered(lambda p: p.tianchi_is_customer and not p.parent_id
                                  and not p.customer_level_manual)
        Level = self.env['tianchi.customer.level'].sudo()
        levels_by_company = {}
        for partner in customers:
            company = partner.company_id
            if company not in levels_by_company:
                levels_by_company[company] = Level.search([('company_id', 'in', [company.id, False])])
            chosen = next((level for level in levels_by_company[company]
                           if level._tianchi_accepts(partner.tianchi_total_sales, partner.cooperation_years)),
                          Level)
            if partner.customer_level_id != chosen:
                partner.customer_level_id = chosen

    @api.model
    def _cron_tianchi_assign_levels(self):
        customers = self.sudo().with_context(active_test=True).search([
            ('tianchi_is_customer', '=', True), ('parent_id', '=', False),
            ('customer_level_manual', '=', False)])
        customers._tianchi_assign_levels()
