"""Tracking of fields in ``ir.model.fields``: the rows tell which fields the
chatter tracks (and in which order), and custom fields are tracked when
their row says so."""
from __future__ import annotations

from odoo import fields, models


class IrModelFields(models.Model):
    _inherit = 'ir.model.fields'

    tracking = fields.Integer(string="Enable Ordered Tracking",
                              help="Changes of the field are logged in the chatter; the number orders "
                                   "the tracked fields in the messages.")

    def _reflect_field_params(self, field, model_id) -> dict:
        params = super()._reflect_field_params(field, model_id)
        tracking = getattr(field, 'tracking', None)
        # tracking=True means the default place among the tracked fields
        params['tracking'] = 100 if tracking is True else (tracking or None)
        return params

    def _instanciate_attrs(self, field_data: dict) -> dict | None:
        attrs = super()._instanciate_attrs(field_data)
        if attrs and field_data.get('tracking'):
            attrs['tracking'] = field_data['tracking']
        return attrs
