"""``uom.category``: a family of units that can be converted into one another."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class UomCategory(models.Model):
    _name = 'uom.category'
    _description = 'Product UoM Categories'

    name = fields.Char('Unit of Measure Category', required=True, translate=True)
    uom_ids = fields.One2many('uom.uom', 'category_id')
    # not stored: the form uses it to notice that the user switched references
    reference_uom_id = fields.Many2one('uom.uom', "Reference UoM", store=False)

    @api.onchange('uom_ids')
    def _onchange_uom_ids(self):
        references = self.uom_ids.filtered(lambda u: u.uom_type == 'reference')
        if not self.uom_ids:
            return
        if not references:
            raise UserError(_("The unit category %s needs a reference unit of measure.", self.name))
        if len(references) > 1:
            # the user just promoted another unit: the former reference becomes a bigger unit
            previous = references.filtered(lambda u: u._origin == self.reference_uom_id._origin)
            for unit in previous:
                unit.uom_type = 'bigger'
            references -= previous
        self.reference_uom_id = references[:1]
