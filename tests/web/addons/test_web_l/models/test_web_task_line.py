"""Lines of a fixture task (a one2many edited in the form)."""
from odoo import _, api, fields, models


class TestWebTaskLine(models.Model):
    _name = 'test_web_l.task.line'
    _description = 'Task Line'

    task_id = fields.Many2one('test_web_l.task', required=True, ondelete='cascade')
    name = fields.Char(required=True)
    quantity = fields.Float(default=1.0)
    # proposed from the quantity (a tiered price), typed over by the user
    unit_price = fields.Float(compute='_compute_unit_price', store=True, readonly=False)

    @api.depends('quantity')
    def _compute_unit_price(self):
        for line in self:
            line.unit_price = 8.0 if line.quantity >= 10 else 10.0

    @api.onchange('quantity')
    def _onchange_quantity(self):
        if self.quantity < 0:
            self.quantity = 0
            return {'warning': {'title': _("Quantity"), 'message': _("A quantity cannot be negative.")}}
        return None
