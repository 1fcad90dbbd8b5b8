from odoo import fields, models


class TestLoadingLine(models.Model):
    _name = 'test.loading.line'
    _description = 'Test loading line'

    item_id = fields.Many2one('test.loading.item', required=True, ondelete='cascade')
    name = fields.Char()
    quantity = fields.Integer()
