"""The company's grab-order limit."""
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    tianchi_grab_limit = fields.Integer(
        string='Open Grabs per Person', default=5,
        help="How many grabbed orders a person may hold at once while they are still in a grab stage; "
             "0 means no limit.")
