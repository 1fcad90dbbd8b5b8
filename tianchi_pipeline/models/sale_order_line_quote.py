"""Order lines know their supplier quotes (采购询价) and which one is
selected: the cost the line's sales price is built from."""
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = 'sale.order.line'

    tianchi_supplier_quote_ids = fields.One2many(
        'tianchi.supplier.quote', 'order_line_id', string='Supplier Quotes')
    tianchi_selected_quote_id = fields.Many2one(
        'tianchi.supplier.quote', string='Selected Supplier Quote', compute='_compute_tianchi_selected_quote_id')

    @api.depends('tianchi_supplier_quote_ids.state')
    def _compute_tianchi_selected_quote_id(self):
        for line in self:
            selected = line.tianchi_supplier_quote_ids.filtered(lambda q: q.state == 'selected')
            line.tianchi_selected_quote_id = selected[:1]
