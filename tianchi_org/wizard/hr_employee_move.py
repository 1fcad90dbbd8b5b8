"""Moving people between departments in one step, optionally under a new
manager, from the employee list."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrEmployeeMove(models.TransientModel):
    _name = 'hr.employee.move'
    _description = 'Move Employees'

    employee_ids = fields.Many2many('hr.employee', string='Employees', required=True)
    department_id = fields.Many2one('hr.department', string='New Department', required=True)
    update_manager = fields.Boolean(
        string='Report to the Department Manager', default=True,
        help="Set the manager of the moved employees to the manager of the new department.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get('active_model') == 'hr.employee' and 'employee_ids' in fields_list:
            values['employee_ids'] = [(6, 0, self.env.context.get('active_ids') or [])]
        return values

    def action_move(self):
        self.ensure_one()
        if not self.employee_ids:
            raise UserError(_("Choose the employees to move."))
        values = {'department_id': self.department_id.id}
        manager = self.department_id.manager_id
        if self.update_manager and manager:
            self.employee_ids.filtered(lambda e: e != manager).write(dict(values, parent_id=manager.id))
            (self.employee_ids & manager).write(values)
        else:
            self.employee_ids.write(values)
        return {'type': 'ir.actions.act_window_close'}
