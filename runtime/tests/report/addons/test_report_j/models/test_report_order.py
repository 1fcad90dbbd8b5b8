"""``test.report.order``: a quotation-like record with lines and an amount."""
from __future__ import annotations

from odoo import api, fields, models


class TestReportOrder(models.Model):
    _name = 'test.report.order'
    _description = 'Report test order'

    name = fields.Char(required=True)
    customer = fields.Char()
    note = fields.Text()
    kind = fields.Selection([('quote', 'Quotation'), ('contract', 'Contract')], default='quote')
    date_order = fields.Date()
    signed_at = fields.Datetime()
    company_id = fields.Many2one('res.company', default=lambda self: self.env.company)
    currency_id = fields.Many2one('res.currency', default=lambda self: self.env.company.currency_id)
    partner_id = fields.Many2one('res.partner')
    line_ids = fields.One2many('test.report.order.line', 'order_id')
    amount_total = fields.Monetary(compute='_compute_amount_total', store=True)
    quantity = fields.Integer()
    ratio = fields.Float(digits=(16, 3))

    @api.depends('line_ids.subtotal')
    def _compute_amount_total(self):
        for order in self:
            order.amount_total = sum(order.line_ids.mapped('subtotal'))


class TestReportOrderLine(models.Model):
    _name = 'test.report.order.line'
    _description = 'Report test order line'

    order_id = fields.Many2one('test.report.order', required=True, ondelete='cascade')
    name = fields.Char(required=True)
    quantity = fields.Float(default=1.0)
    price = fields.Float()
    currency_id = fields.Many2one(related='order_id.currency_id')
    subtotal = fields.Monetary(compute='_compute_subtotal', store=True)

    @api.depends('quantity', 'price')
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price
