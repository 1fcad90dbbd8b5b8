"""Supplier quotes (采购询价) asked for one line of a quotation: who offers
the product, at what price, until when and how fast. One of them, the
selected quote, gives the cost the sales price is built from."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

QUOTE_STATES = [
    ('draft', 'Requested'),
    ('received', 'Received'),
    ('selected', 'Selected'),
    ('expired', 'Expired'),
]


class TianchiSupplierQuote(models.Model):
    _name = 'tianchi.supplier.quote'
    _description = 'Supplier Quote'
    _order = 'order_line_id, price_unit, id'
    _check_company_auto = True

    order_id = fields.Many2one('sale.order', string='Order', required=True, index=True, ondelete='cascade')
    order_line_id = fields.Many2one(
        'sale.order.line', string='Order Line', required=True, index=True, ondelete='cascade',
        domain="[('order_id', '=', order_id), ('display_type', '=', False)]")
    company_id = fields.Many2one('res.company', related='order_id.company_id', store=True)
    product_id = fields.Many2one('product.product', related='order_line_id.product_id', store=True)
    supplier_id = fields.Many2one(
        'res.partner', string='Supplier', required=True, index=True, check_company=True)
    price_unit = fields.Monetary(string='Unit Price', required=True, currency_field='currency_id')
    currency_id = fields.Many2one(
        'res.currency', string='Currency', required=True,
        default=lambda self: self.env.company.currency_id)
    valid_until = fields.Date(string='Valid Until', help="After this date the supplier's price no longer holds.")
    lead_time = fields.Integer(string='Lead Time (days)', help="Days between ordering and delivery.")
    note = fields.Text(string='Note')
    attachment_ids = fields.Many2many(
        'ir.attachment', 'tianchi_supplier_quote_attachment_rel', 'quote_id', 'attachment_id',
        string='Attachments', help="The supplier's own quotation, drawings, certificates...")
    state = fields.Selection(QUOTE_STATES, string='Status', required=True, default='draft', index=True)

    _sql_constraints = [
        ('price_unit_positive', 'CHECK(price_unit >= 0)', "A supplier's unit price cannot be negative."),
    ]

    @api.constrains('order_id', 'order_line_id')
    def _check_line_of_order(self):
        for quote in self:
            if quote.order_line_id.order_id != quote.order_id:
                raise ValidationError(_(
                    "Line %(line)s is not a line of %(order)s: a supplier quote belongs to a line of its order.",
                    line=quote.order_line_id.name, order=quote.order_id.name))

    @api.constrains('state', 'order_line_id')
    def _check_one_selected_per_line(self):
        selected = self.filtered(lambda q: q.state == 'selected')
        for line in selected.order_line_id:
            count = self.search_count([('order_line_id', '=', line.id), ('state', '=', 'selected')])
            if count > 1:
                raise ValidationError(_(
                    "Line %(line)s of %(order)s has %(count)s selected supplier quotes: only one may be selected.",
                    line=line.name, order=line.order_id.name, count=count))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # quotes entered on a line's own list know their order from it
            if vals.get('order_line_id') and not vals.get('order_id'):
                vals['order_id'] = self.env['sale.order.line'].browse(vals['order_line_id']).order_id.id
        return super().create(vals_list)

    def action_receive(self):
        self.filtered(lambda q: q.state == 'draft').write({'state': 'received'})

    def action_select(self):
        """Make this quote the one its line is priced from; the line's other
        selected quote goes back to received."""
        self.ensure_one()
        if self.state == 'expired' or self._is_expired_on(fields.Date.context_today(self)):
            raise UserError(_(
                "The quote of %(supplier)s expired on %(date)s: it cannot be selected.",
                supplier=self.supplier_id.display_name, date=self.valid_until))
        others = self.search([('order_line_id', '=', self.order_line_id.id), ('state', '=', 'selected'),
                              ('id', '!=', self.id)])
        others.write({'state': 'received'})
        self.state = 'selected'

    def _is_expired_on(self, day) -> bool:
        self.ensure_one()
        return bool(self.valid_until and self.valid_until < day)

    def _price_in(self, currency, date=None):
        """The unit price converted into ``currency`` at ``date``."""
        self.ensure_one()
        return self.currency_id._convert(self.price_unit, currency, self.company_id or self.env.company,
                                         date or fields.Date.context_today(self))

    @api.model
    def _cron_expire_supplier_quotes(self):
        today = fields.Date.context_today(self)
        self.search([('state', 'in', ('draft', 'received')), ('valid_until', '<', today)]).write(
            {'state': 'expired'})
