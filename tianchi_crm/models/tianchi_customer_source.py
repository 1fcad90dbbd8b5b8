"""Where customers come from (客户来源): 网络推广, 展会, 客户介绍…"""
from __future__ import annotations

from odoo import fields, models


class TianchiCustomerSource(models.Model):
    _name = 'tianchi.customer.source'
    _description = 'Customer Source'
    _order = 'sequence, id'

    name = fields.Char(string='Source', required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

