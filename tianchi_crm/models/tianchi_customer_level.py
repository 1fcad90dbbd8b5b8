"""Customer levels (客户等级) such as 战略客户 or 普通客户, each with the
thresholds of total sales and years of cooperation that earn it."""
from __future__ import annotations

from odoo import api, fields, models


class TianchiCustomerLevel(models.Model):
    _name = 'tianchi.customer.level'
    _description = 'Customer Level'
    _order = 'sequence, id'

    name = fields.Char(string='Level', required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Levels are tried in this order, the best first: a customer gets the "
                         "first level whose thresholds it meets.")
    color = fields.Integer(string='Color')
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', string='Company', index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one('res.currency', compute='_compute_currency_id')
    min_total_sales = fields.Monetary(
        string='Minimum Total Sales', currency_field='currency_id',
        help="Total sales the customer must have reached.")
    min_cooperation_years = fields.Float(
        string='Minimum Years of Cooperation', digits=(16, 1),
        help="Years since the start of cooperation the customer must have.")
    customer_count = fields.Integer(string='Customers', compute='_compute_customer_count')

    @api.depends('company_id')
    def _compute_currency_id(self):
        for level in self:
            level.currency_id = level.company_id.currency_id or self.env.company.currency_id

    def _compute_customer_count(self):
        counts = dict(self.env['res.partner']._read_group(
            [('customer_level_id', 'in', self.ids), ('parent_id', '=', False)],
            ['customer_level_id'], ['__count']))
        for level in self:
            level.customer_count = counts.get(level, 0)

    def _tianchi_accepts(self, total_sales: float, years: float) -> bool:
        self.ensure_one()
        return total_sales >= self.min_total_sales and years >= self.min_cooperation_years
