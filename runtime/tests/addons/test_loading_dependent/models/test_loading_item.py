from odoo import api, fields, models


class TestLoadingItem(models.Model):
    _name = 'test.loading.item'
    _description = 'Test loading item'
    _order = 'sequence, id'

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one('res.partner')
    note = fields.Char()
    quantity = fields.Integer()
    double = fields.Integer(compute='_compute_double', store=True)
    line_ids = fields.One2many('test.loading.line', 'item_id')
    tag_ids = fields.Many2many('res.partner.category')
    tag_count = fields.Integer(compute='_compute_tag_count')
    total = fields.Integer(compute='_compute_total', store=True)

    @api.depends('quantity')
    def _compute_double(self):
        for item in self:
            item.double = 2 * item.quantity

    @api.depends('tag_ids')
    def _compute_tag_count(self):
        for item in self:
            item.tag_count = len(item.tag_ids)

    @api.depends('line_ids.quantity')
    def _compute_total(self):
        for item in self:
            item.total = sum(item.line_ids.mapped('quantity'))

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.partner_id:
            self.note = f"for {self.partner_id.name}"

    def mark_done(self, note):
        self.write({'note': note})
        return True
