"""``hr.employee.public``: the part of the employee files every user may read
(a SQL view on hr_employee). Users outside HR read employees through it."""
from __future__ import annotations

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists


class HrEmployeePublic(models.Model):
    _name = 'hr.employee.public'
    _inherit = ['hr.employee.base']
    _description = 'Public Employee'
    _order = 'name'
    _auto = False
    _log_access = True

    # the columns of the view, read-only copies of the employee's
    create_date = fields.Datetime(readonly=True)
    name = fields.Char(readonly=True)
    active = fields.Boolean(readonly=True)
    department_id = fields.Many2one(readonly=True)
    job_id = fields.Many2one(readonly=True)
    job_title = fields.Char(readonly=True)
    company_id = fields.Many2one(readonly=True)
    address_id = fields.Many2one(readonly=True)
    mobile_phone = fields.Char(readonly=True)
    work_phone = fields.Char(readonly=True)
    work_email = fields.Char(readonly=True)
    work_contact_id = fields.Many2one(readonly=True)
    work_location_id = fields.Many2one(readonly=True)
    user_id = fields.Many2one(readonly=True)
    resource_id = fields.Many2one(readonly=True)
    tz = fields.Selection(readonly=True)
    color = fields.Integer(readonly=True)
    parent_id = fields.Many2one('hr.employee.public', 'Manager', readonly=True)
    coach_id = fields.Many2one('hr.employee.public', 'Coach', readonly=True)
    child_ids = fields.One2many('hr.employee.public', 'parent_id', string='Direct subordinates', readonly=True)
    is_manager = fields.Boolean(compute='_compute_is_manager')
    employee_id = fields.Many2one('hr.employee', 'Employee', compute='_compute_employee_id',
                                  search='_search_employee_id', compute_sudo=True)
    user_partner_id = fields.Many2one(related='user_id.partner_id', related_sudo=False, string="User's partner")

    @api.depends_context('uid')
    @api.depends('parent_id')
    def _compute_is_manager(self):
        me = self.env.user.employee_id.id
        reports = set(self.search([('id', 'child_of', me)]).ids) if me else set()
        for emp in self:
            emp.is_manager = emp.id in reports

    def _compute_employee_id(self):
        # the view keeps the ids of the employees
        for emp in self:
            emp.employee_id = self.env['hr.employee'].browse(emp.id)

    def _search_employee_id(self, operator, value):
        return [('id', operator, value)]

    @api.model
    def _view_columns(self):
        return [name for name, field in self._fields.items()
                if field.store and field.type not in ('many2many', 'one2many')]

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        columns = SQL(', ').join(SQL('emp.%s', SQL.identifier(name)) for name in self._view_columns())
        self.env.cr.execute(SQL('CREATE OR REPLACE VIEW %s AS (SELECT %s FROM hr_employee emp)',
                                SQL.identifier(self._table), columns))
