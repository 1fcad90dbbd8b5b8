"""Departments with several heads: ``manager_id`` stays the department's
manager as in Odoo, ``head_ids`` adds the other people who head it."""
from __future__ import annotations

from odoo import api, fields, models

HEAD_GROUP = 'tianchi_org.tianchi_org_group_department_head'


class HrDepartment(models.Model):
    _inherit = 'hr.department'

    head_ids = fields.Many2many(
        'hr.employee', 'hr_department_head_rel', 'department_id', 'employee_id',
        string='Heads', tracking=True,
        domain="['|', ('company_id', '=', False), ('company_id', 'in', allowed_company_ids)]",
        help="Everyone who heads this department besides its manager: each sees and edits "
             "the records of the people of this department and of its sub-departments.")
    all_head_ids = fields.Many2many(
        'hr.employee', string='All Heads', compute='_compute_all_head_ids',
        help="The manager and the other heads.")

    @api.depends('head_ids', 'manager_id')
    def _compute_all_head_ids(self):
        for department in self:
            department.all_head_ids = department.head_ids | department.manager_id

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        departments._tianchi_grant_head_group()
        self.env['res.users']._tianchi_org_changed()
        return departments

    def write(self, vals):
        result = super().write(vals)
        if {'head_ids', 'manager_id', 'parent_id', 'active', 'company_id'} & set(vals):
            self._tianchi_grant_head_group()
            self.env['res.users']._tianchi_org_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self.env['res.users']._tianchi_org_changed()
        return result

    def _tianchi_grant_head_group(self) -> None:
        """Heads need the department head group for its record rules to apply."""
        users = self.sudo().mapped('all_head_ids.user_id')
        group = self.env.ref(HEAD_GROUP, raise_if_not_found=False)
        if group and users - group.sudo().users:
            group.sudo().write({'users': [(4, user.id) for user in users - group.sudo().users]})
