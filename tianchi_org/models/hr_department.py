"""Departments with several heads: ``manager_id`` stays the department's
manager as in Odoo, ``head_ids`` adds the other people who head it."""
from __future__ import annotations

from odoo import api, fields, models

from ..const import HEAD_GROUP, HQ_GROUP


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
        departments._tianchi_sync_head_group(self.env['res.users'])
        self.env['res.users']._tianchi_org_changed()
        return departments

    def write(self, vals):
        if not {'head_ids', 'manager_id', 'parent_id', 'active', 'company_id'} & set(vals):
            return super().write(vals)
        former_heads = self._tianchi_head_users()
        result = super().write(vals)
        self._tianchi_sync_head_group(former_heads)
        self.env['res.users']._tianchi_org_changed()
        return result

    def unlink(self):
        former_heads = self._tianchi_head_users()
        result = super().unlink()
        self.env['hr.department']._tianchi_sync_head_group(former_heads)
        self.env['res.users']._tianchi_org_changed()
        return result

    def _tianchi_head_users(self):
        return self.sudo().mapped('all_head_ids.user_id')

    def _tianchi_sync_head_group(self, former_heads) -> None:
        """Give the department head role to the heads of these departments
        (its record rules need it), and take it back from former heads who
        no longer head any department. The HQ head keeps it: their role
        implies it."""
        group = self.env.ref(HEAD_GROUP, raise_if_not_found=False)
        if not group:
            return
        group = group.sudo()
        heads = self._tianchi_head_users()
        if heads - group.users:
            group.write({'users': [(4, user.id) for user in heads - group.users]})
        candidates = former_heads - heads
        if not candidates:
            return
        Department = self.env['hr.department'].sudo()
        still_heading = Department.search([
            '|', ('head_ids.user_id', 'in', candidates.ids), ('manager_id.user_id', 'in', candidates.ids),
        ])._tianchi_head_users()
        hq_group = self.env.ref(HQ_GROUP, raise_if_not_found=False)
        hq_heads = hq_group.sudo().users if hq_group else self.env['res.users']
        released = candidates - still_heading - hq_heads
        if released:
            group.write({'users': [(3, user.id) for user in released]})
