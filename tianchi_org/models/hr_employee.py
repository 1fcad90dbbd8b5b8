"""Employees: whether they head their department, marking heads from the
list in one action, and keeping the visibility rules current when people
move between departments."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    is_department_head = fields.Boolean(
        string='Department Head', compute='_compute_is_department_head',
        help="Heads their own department (as manager or as one of its heads).")

    @api.depends('department_id.head_ids', 'department_id.manager_id')
    def _compute_is_department_head(self):
        for employee in self:
            department = employee.department_id
            employee.is_department_head = bool(department) and (
                employee in department.head_ids or employee == department.manager_id)

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        self.env['res.users']._tianchi_org_changed()
        employees._tianchi_refresh_owner_departments()
        return employees

    def write(self, vals):
        result = super().write(vals)
        if {'department_id', 'user_id', 'active', 'company_id'} & set(vals):
            self.env['res.users']._tianchi_org_changed()
            self._tianchi_refresh_owner_departments()
        return result

    def unlink(self):
        result = super().unlink()
        self.env['res.users']._tianchi_org_changed()
        return result

    def _tianchi_refresh_owner_departments(self) -> None:
        """Records owned by these employees' users follow them to their new
        department (the stored ``owner_department_id`` of the owner mixin)."""
        users = self.sudo().user_id
        if not users:
            return
        for model_name in self.env.registry:
            Model = self.env[model_name]
            if Model._abstract or Model._transient or not hasattr(Model, '_tianchi_transfer') \
                    or 'owner_department_id' not in Model._fields:
                continue
            Model.sudo().with_context(active_test=False).search(
                [('user_id', 'in', users.ids)])._compute_owner_department_id()

    def action_tianchi_mark_head(self):
        """Make each selected employee a head of their own department."""
        without = self.filtered(lambda e: not e.department_id)
        if without:
            raise UserError(_("%s has no department and cannot head one.",
                              ', '.join(without.mapped('name'))))
        for department, employees in self.grouped('department_id').items():
            department.write({'head_ids': [(4, employee.id) for employee in employees]})
        return True

    def action_tianchi_unmark_head(self):
        """Remove the selected employees from the heads of their department."""
        for department, employees in self.filtered('department_id').grouped('department_id').items():
            department.write({'head_ids': [(3, employee.id) for employee in employees]})
        return True
