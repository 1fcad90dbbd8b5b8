"""Giving an employee a login with a role: how the HQ head and 人事 add
staff to their company without database-wide user administration."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import HQ_GROUP, HR_GROUP, ROLE_CATEGORY


class HrEmployeeLogin(models.TransientModel):
    _name = 'hr.employee.login'
    _description = 'Employee Login'

    employee_id = fields.Many2one('hr.employee', string='Employee', required=True)
    login = fields.Char(string='Login', required=True, help="The mobile number the employee signs in with.")
    password = fields.Char(string='Initial Password', required=True)
    role_ids = fields.Many2many(
        'res.groups', string='Roles', required=True,
        domain=lambda self: [('category_id', '=', self.env.ref(ROLE_CATEGORY).id)])

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get('active_model') == 'hr.employee' and self.env.context.get('active_id'):
            employee = self.env['hr.employee'].browse(self.env.context['active_id'])
            values.setdefault('employee_id', employee.id)
            if 'login' in fields_list and employee.mobile_phone:
                values.setdefault('login', employee.mobile_phone)
        return values

    def action_create_login(self):
        self.ensure_one()
        caller = self.env.user
        if not (caller.has_group(HQ_GROUP) or caller.has_group(HR_GROUP)):
            raise AccessError(_("Only the headquarters head and 人事 may give employees a login; "
                                "%s may not.", caller.name))
        if self.env.ref(HQ_GROUP) in self.role_ids and not caller.has_group(HQ_GROUP):
            raise AccessError(_("Only the headquarters head may make someone headquarters head."))
        employee = self.employee_id
        # the caller must be able to change the employee (same company, HR rights)
        employee.check_access('write')
        if employee.company_id not in caller.company_ids:
            raise AccessError(_("%(employee)s works for another company.", employee=employee.name))
        if employee.user_id:
            raise UserError(_("%s already has a login.", employee.name))
        company = employee.company_id
        self.env['res.company']._tianchi_check_password(self.password, self.login)
        Users = self.env['res.users'].sudo().with_context(no_reset_password=True, active_test=False)
        if Users.search_count([('login', '=', self.login)], limit=1):
            raise UserError(_("The login %s is already taken.", self.login))
        user = Users.create({
            'name': employee.name,
            'login': self.login,
            'password': self.password,
            'email': employee.work_email or False,
            'company_id': company.id,
            'company_ids': [(6, 0, company.ids)],
            'groups_id': [(6, 0, (self.role_ids | self.env.ref('base.group_user')).ids)],
        })
        employee.sudo().user_id = user
        return {'type': 'ir.actions.act_window_close'}
