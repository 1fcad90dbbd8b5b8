"""Decimal precision (decimal.precision): how many digits each kind of
amount (``Product Price``, ``Discount``...) keeps; fields refer to them with
``digits='Product Price'``.
"""
from __future__ import annotations

from odoo import _, api, fields, models, tools


class DecimalPrecision(models.Model):
    _name = 'decimal.precision'
    _description = 'Decimal Precision'

    name = fields.Char('Usage', required=True)
    digits = fields.Integer('Digits', required=True, default=2)

    _sql_constraints = [
        ('name_uniq', 'unique (name)', "Only one precision can be defined per usage."),
    ]

    @api.model
    @tools.ormcache('application')
    def precision_get(self, application: str) -> int:
        """ The digits of ``application``; 2 when it is not defined. """
        self.flush_model(['name', 'digits'])
        self.env.cr.execute("SELECT digits FROM decimal_precision WHERE name = %s", [application])
        row = self.env.cr.fetchone()
        return row[0] if row else 2

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.onchange('digits')
    def _onchange_digits_warning(self):
        if self._origin and self.digits < self._origin.digits:
            return {'warning': {
                'title': _("Warning for %s", self.name),
                'message': _("Lowering the precision of %s rounds the amounts already stored "
                             "the next time they are written.", self.name),
            }}
        return None
