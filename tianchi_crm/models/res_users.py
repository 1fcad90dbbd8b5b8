"""Per-person counter of the customers claimed from the public pool today:
kept on the user's row so that concurrent claims of one person collide on
it (see res_partner_pool)."""
from __future__ import annotations

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    tianchi_claim_day = fields.Date(string='Last Claim Day', readonly=True, copy=False)
    tianchi_claim_count = fields.Integer(
        string='Claims That Day', readonly=True, copy=False,
        help="Customers claimed from the public pool on the last claim day.")
