"""Partners know the employees they are the work contact of."""
from __future__ import annotations

from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    employee_ids = fields.One2many('hr.employee', 'work_contact_id', string='Employees', groups='hr.group_hr_user',
                                   help="Employees this partner is the work contact of")
    employees_count = fields.Integer(compute='_compute_employees_count', groups='hr.group_hr_user')

    def _compute_employees_count(self):
        for partner in self:
            partner.employees_count = len(partner.sudo().employee_ids.filtered(
                lambda e: e.company_id in self.env.companies))

    def action_open_employees(self):
        self.ensure_one()
        employees = self.employee_ids.filtered(lambda e: e.company_id in self.env.companies)
        if len(employees) > 1:
            return {'name': _('Related Employees'), 'type': 'ir.actions.act_window', 'res_model': 'hr.employee',
                    'view_mode': 'kanban', 'domain': [('id', 'in', employees.ids)]}
        return {'name': _('Employee'), 'type': 'ir.actions.act_window', 'res_model': 'hr.employee',
                'res_id': employees.id, 'view_mode': 'form'}
