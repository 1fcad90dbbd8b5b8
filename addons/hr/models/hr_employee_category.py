"""Tags of employees (技术骨干, 实习生...)."""
from __future__ import annotations

import random

from odoo import fields, models


class HrEmployeeCategory(models.Model):
    _name = 'hr.employee.category'
    _description = 'Employee Category'

    def _get_default_color(self):
        return random.randint(1, 11)

    name = fields.Char(string='Tag Name', required=True)
    color = fields.Integer(string='Color Index', default=_get_default_color)
    employee_ids = fields.Many2many('hr.employee', 'employee_category_rel', 'category_id', 'employee_id',
                                    string='Employees')

    _sql_constraints = [
        ('name_uniq', 'unique (name)', "An employee tag of that name exists already."),
    ]
