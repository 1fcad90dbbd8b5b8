"""``res.partner.title``: courtesy titles (Mister, Doctor...)."""
from __future__ import annotations

from odoo import fields, models


class PartnerTitle(models.Model):
    _name = 'res.partner.title'
    _description = 'Partner Title'
    _order = 'name'

    name = fields.Char(string='Title', required=True, translate=True)
    shortcut = fields.Char(string='Abbreviation', translate=True)
