"""Internal memos (内部备忘): the smallest useful record carrying an owner,
and the model the visibility rules are tested on."""
from __future__ import annotations

from odoo import fields, models


class TianchiOrgNote(models.Model):
    _name = 'tianchi.org.note'
    _inherit = ['tianchi.owned.mixin']
    _description = 'Internal Memo'
    _order = 'date desc, id desc'

    name = fields.Char(string='Subject', required=True, tracking=True)
    date = fields.Date(string='Date', required=True, default=fields.Date.context_today)
    body = fields.Html(string='Content', sanitize=True)
    active = fields.Boolean(default=True)
