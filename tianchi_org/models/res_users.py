"""Users learn whom they manage: the owners whose records the department
head rule opens to them."""
from __future__ import annotations

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    # Not stored on purpose: the rule domain that reads it is cached per
    # user by ir.rule, and hr.department / hr.employee clear that cache
    # whenever heads, parents or memberships change, so the field is
    # computed once per user per organisation change (see README).
    tianchi_managed_user_ids = fields.Many2many(
        'res.users', string='Managed Users', compute='_compute_tianchi_managed_user_ids',
        help="Users in the departments this user heads and in their sub-departments, "
             "this user included.")
    tianchi_headed_department_ids = fields.Many2many(
        'hr.department', string='Headed Departments', compute='_compute_tianchi_managed_user_ids')

    def _compute_tianchi_managed_user_ids(self):
        Department = self.env['hr.department'].sudo().with_context(active_test=False)
        Employee = self.env['hr.employee'].sudo()
        for user in self:
            # not user.employee_ids: hr filters it on the current companies
            employees = Employee.with_context(active_test=False).search([('user_id', '=', user.id)])
            headed = Department.search([
                '|', ('head_ids', 'in', employees.ids), ('manager_id', 'in', employees.ids),
            ]) if employees else Department
            subtree = Department.search([('id', 'child_of', headed.ids)]) if headed else Department
            members = Employee.search([('department_id', 'in', subtree.ids)]) if subtree else Employee
            user.tianchi_headed_department_ids = headed
            user.tianchi_managed_user_ids = members.user_id | user

    @api.model
    def _tianchi_org_changed(self) -> None:
        """Forget who manages whom: the field values of this transaction and
        the rule domains ir.rule caches per user across transactions."""
        self.env['res.users'].invalidate_model(['tianchi_managed_user_ids', 'tianchi_headed_department_ids'])
        self.env.registry.clear_cache()
