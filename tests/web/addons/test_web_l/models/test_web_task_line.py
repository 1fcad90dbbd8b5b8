"""Lines of a fixture task (a one2many edited in the form)."""
from odoo import _, api, fields, models


class TestWebTaskLine(models.Model):
    _name = 'test_web_l.task.line'
    _description = 'Task Line'

    task_id = fields.Many2one('test_web_l.task', required=True, ondelete='cascade')
    name = fields.Char(required=True)
    quantity = fields.Float(default=1.0)

    @api.onchange('quantity')
    def _onchange_quantity(self):
        if self.quantity < 0:
            self.quantity = 0
            return {'warning': {'title': _("Quantity"), 'message': _("A quantity cannot be negative.")}}
        return None
