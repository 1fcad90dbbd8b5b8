"""Window actions may open the activity view."""
from __future__ import annotations

from odoo import fields, models


class IrActionsActWindowView(models.Model):
    _inherit = 'ir.actions.act_window.view'

    view_mode = fields.Selection(selection_add=[('activity', 'Activity')], ondelete={'activity': 'cascade'})
