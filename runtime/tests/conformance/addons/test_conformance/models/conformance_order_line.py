from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ConformanceOrderLine(models.Model):
    _name = "conformance.order.line"
    _description = "Conformance order line"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    order_id = fields.Many2one("conformance.order", required=True, ondelete="cascade", index=True)
    product_name = fields.Char(required=True)
    quantity = fields.Float(default=1.0, digits=(16, 2))
    price_unit = fields.Float()
    subtotal = fields.Float(compute="_compute_subtotal", store=True)
    order_partner_id = fields.Many2one(related="order_id.partner_id", store=True)

    @api.depends("quantity", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity of %s must be positive.", line.product_name))
