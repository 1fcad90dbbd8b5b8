"""One column of a sheet being imported: its header, sample values and where it goes."""

from odoo import api, fields, models


class TianchiCustomerImportColumn(models.TransientModel):
    _name = 'tianchi.customer.import.column'
    _description = 'Customer Import Column'
    _order = 'sequence'

    import_id = fields.Many2one('tianchi.customer.import', required=True, ondelete='cascade')
    sequence = fields.Integer(string='Column', help="Position of the column in the sheet, from 0.")
    header = fields.Char(string='Header', readonly=True)
    target = fields.Selection(selection='_selection_target', string='Import As',
                              help="Where the column's values go; empty to leave the column out.")
    sample = fields.Char(string='Sample Values', readonly=True)

    @api.model
    def _selection_target(self):
        return self.env['tianchi.customer.import']._selection_target()
