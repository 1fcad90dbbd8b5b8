"""The activity view type (a grid of records by activity type)."""
from __future__ import annotations

from odoo import fields, models


class IrUiView(models.Model):
    _inherit = 'ir.ui.view'

    type = fields.Selection(selection_add=[('activity', 'Activity')])

