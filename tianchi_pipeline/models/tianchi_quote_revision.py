"""Quotation revisions (报价版本 V1, V2…): what the customer was sent, kept
each time the quotation is e-mailed: the lines and amounts as they were,
and the PDF that went out."""
import json

from odoo import api, fields, models


class TianchiQuoteRevision(models.Model):
    _name = 'tianchi.quote.revision'
    _description = 'Quotation Revision'
    _order = 'order_id, number desc'
    _rec_name = 'name'

    order_id = fields.Many2one('sale.order', string='Quotation', required=True, index=True, ondelete='cascade')
    company_id = fields.Many2one('res.company', related='order_id.company_id', store=True)
    number = fields.Integer(string='Revision Number', required=True, readonly=True)
    name = fields.Char(string='Revision', compute='_compute_name', store=True)
    date = fields.Datetime(string='Sent On', required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', string='Sent By', required=True, readonly=True,
                              default=lambda self: self.env.user)
    partner_id = fields.Many2one('res.partner', string='Customer', readonly=True)
    currency_id = fields.Many2one('res.currency', string='Currency', readonly=True)
    amount_untaxed = fields.Monetary(string='Untaxed Amount', readonly=True)
    amount_tax = fields.Monetary(string='Taxes', readonly=True)
    amount_total = fields.Monetary(string='Total', readonly=True)
    line_count = fields.Integer(string='Lines', readonly=True)
    snapshot = fields.Text(string='Snapshot', readonly=True,
                           help="The quotation's lines and amounts when it was sent, as JSON.")
    attachment_id = fields.Many2one('ir.attachment', string='PDF', readonly=True, ondelete='set null')

    _sql_constraints = [
        ('order_number_unique', 'UNIQUE(order_id, number)', "A quotation cannot have two revisions with one number."),
    ]

    @api.depends('number')
    def _compute_name(self):
        for revision in self:
            revision.name = f'V{revision.number}'

    @api.model
    def _snapshot_of(self, order) -> str:
        """The JSON of the order's lines and amounts, in the order's currency."""
        lines = [{
            'product': line.product_id.display_name or '',
            'description': line.name or '',
            'quantity': line.product_uom_qty,
            'uom': line.product_uom.name or '',
            'price_unit': line.price_unit,
            'discount': line.discount,
            'taxes': line.tax_id.mapped('name'),
            'price_subtotal': line.price_subtotal,
            'price_total': line.price_total,
        } for line in order.order_line if not line.display_type]
        return json.dumps({
            'order': order.name,
            'customer': order.partner_id.display_name,
            'currency': order.currency_id.name,
            'lines': lines,
            'amount_untaxed': order.amount_untaxed,
            'amount_tax': order.amount_tax,
            'amount_total': order.amount_total,
        }, ensure_ascii=False)
