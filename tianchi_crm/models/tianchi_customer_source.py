"""Where customers come from (客户来源): 网络推广, 展会, 客户介绍…

A source belongs to one company, or to none: those are shared by every
company of the database (the ones this addon installs), so the record rules
leave them read-only to everyone but the database administrator."""
from __future__ import annotations

from odoo import fields, models


class TianchiCustomerSource(models.Model):
    _name = 'tianchi.customer.source'
    _description = 'Customer Source'
    _order = 'sequence, id'

    name = fields.Char(string='Source', required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, default=lambda self: self.env.company,
        help="The company using this source; empty: shared by every company of the database, "
             "which only the database administrator may change.")
