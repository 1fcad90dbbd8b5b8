"""Departments: a tree (总经办 / 销售部 / ...) with a manager and members."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HrDepartment(models.Model):
    _name = 'hr.department'
    _description = 'Department'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'name'
    _rec_name = 'complete_name'
    _parent_store = True

    name = fields.Char('Department Name', required=True, translate=True)
    complete_name = fields.Char('Complete Name', compute='_compute_complete_name', recursive=True, store=True)
    active = fields.Boolean('Active', default=True)
    company_id = fields.Many2one('res.company', string='Company', index=True, default=lambda self: self.env.company)
    parent_id = fields.Many2one('hr.department', string='Parent Department', index=True, check_company=True)
    child_ids = fields.One2many('hr.department', 'parent_id', string='Child Departments')
    manager_id = fields.Many2one('hr.employee', string='Manager', tracking=True,
                                 domain="['|', ('company_id', '=', False), ('company_id', 'in', allowed_company_ids)]")
    member_ids = fields.One2many('hr.employee', 'department_id', string='Members', readonly=True)
    has_read_access = fields.Boolean(search='_search_has_read_access', store=False)
    total_employee = fields.Integer(compute='_compute_total_employee', string='Total Employee')
    jobs_ids = fields.One2many('hr.job', 'department_id', string='Jobs')
    note = fields.Text('Note')
    color = fields.Integer('Color Index')
    parent_path = fields.Char(index=True)
    master_department_id = fields.Many2one('hr.department', 'Master Department',
                                           compute='_compute_master_department_id', store=True)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for department in self:
            parent = department.parent_id
            department.complete_name = f'{parent.complete_name} / {department.name}' if parent else department.name

    @api.depends('parent_path')
    def _compute_master_department_id(self):
        for department in self:
            root = (department.parent_path or '').split('/')[0]
            department.master_department_id = int(root) if root else department.id or False

    @api.depends_context('hierarchical_naming')
    def _compute_display_name(self):
        if self.env.context.get('hierarchical_naming', True):
            return super()._compute_display_name()
        for department in self:
            department.display_name = department.name

    def _compute_total_employee(self):
        counts = dict(self.env['hr.employee'].sudo()._read_group(
            [('department_id', 'in', self.ids), ('company_id', 'in', self.env.companies.ids)],
            ['department_id'], ['__count']))
        for department in self:
            department.total_employee = counts.get(department, 0)

    def _search_has_read_access(self, operator, value):
        if operator != '=' or not isinstance(value, bool):
            raise NotImplementedError(_("Only “= True/False” searches are supported on has_read_access."))
        if not value:
            return [(0, '=', 1)]
        if self.env['hr.employee'].has_access('read'):
            return []
        managed = self.env['hr.department'].sudo().search(
            [('manager_id', 'in', self.env.user.employee_ids.ids)])
        return [('id', 'child_of', managed.ids)]

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A department cannot be its own parent, directly or through others."))

    @api.model
    def name_create(self, name):
        department = self.create({'name': name})
        return department.id, department.display_name

    @api.model_create_multi
    def create(self, vals_list):
        # the creator does not follow every department; the manager does
        departments = super(HrDepartment, self.with_context(mail_create_nosubscribe=True)).create(vals_list)
        for department in departments:
            if department.manager_id.user_id:
                department.message_subscribe(partner_ids=department.manager_id.user_id.partner_id.ids)
        return departments

    def write(self, vals):
        if 'manager_id' in vals:
            new_manager = self.env['hr.employee'].browse(vals['manager_id'] or [])
            leaving = self.manager_id.user_id.partner_id - new_manager.user_id.partner_id
            if new_manager.user_id:
                self.message_subscribe(partner_ids=new_manager.user_id.partner_id.ids)
            if leaving:
                self.message_unsubscribe(partner_ids=leaving.ids)
            self._update_employee_manager(vals['manager_id'])
        return super().write(vals)

    def _update_employee_manager(self, manager_id):
        """Employees reporting to a department's old manager now report to the new one."""
        Employee = self.env['hr.employee']
        employees = Employee
        for department in self:
            employees |= Employee.search([
                ('id', '!=', manager_id),
                ('department_id', '=', department.id),
                ('parent_id', '=', department.manager_id.id),
            ])
        employees.write({'parent_id': manager_id})

    def action_open_employees(self):
        """The employees of the department."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Employees'),
            'res_model': 'hr.employee',
            'view_mode': 'kanban,list,form',
            'domain': [('department_id', '=', self.id)],
            'context': {'default_department_id': self.id},
        }
