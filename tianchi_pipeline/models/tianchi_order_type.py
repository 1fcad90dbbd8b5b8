"""Order types (销售型, 项目实施型…): each company designs its own, and each
type carries the ordered stages its orders walk through."""
from odoo import _, fields, models


class TianchiOrderType(models.Model):
    _name = 'tianchi.order.type'
    _description = 'Order Type'
    _order = 'sequence, id'

    name = fields.Char(string='Name', required=True, translate=True)
    sequence = fields.Integer(string='Sequence', default=10)
    active = fields.Boolean(string='Active', default=True)
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, index=True,
        default=lambda self: self.env.company)
    stage_ids = fields.One2many('tianchi.order.stage', 'order_type_id', string='Stages', copy=True)
    description = fields.Text(string='Description', translate=True)
    order_count = fields.Integer(string='Orders', compute='_compute_order_count')

    def _compute_order_count(self):
        counts = dict(self.env['sale.order']._read_group(
            [('order_type_id', 'in', self.ids)], ['order_type_id'], ['__count']))
        for order_type in self:
            order_type.order_count = counts.get(order_type, 0)

    def action_open_board(self):
        """The kanban board of this type's orders, one column per stage."""
        self.ensure_one()
        action = self.env['ir.actions.actions']._for_xml_id('tianchi_pipeline.sale_order_action_board')
        action['name'] = _("%s board", self.name)
        action['domain'] = [('order_type_id', '=', self.id)]
        action['context'] = {'default_order_type_id': self.id}
        return action
