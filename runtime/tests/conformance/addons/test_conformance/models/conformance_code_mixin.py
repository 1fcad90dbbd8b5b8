from odoo import api, fields, models


class ConformanceCodeMixin(models.AbstractModel):
    _name = "conformance.code.mixin"
    _description = "Code mixin"

    code = fields.Char(copy=False)
    display_code = fields.Char(compute="_compute_display_code")

    @api.depends("code")
    def _compute_display_code(self):
        for record in self:
            record.display_code = "[%s]" % (record.code or "-")
