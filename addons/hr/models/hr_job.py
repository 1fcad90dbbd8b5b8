"""Job positions, with their current and expected number of employees."""
from __future__ import annotations

from odoo import _, api, fields, models


class HrJob(models.Model):
    _name = 'hr.job'
    _description = 'Job Position'
    _inherit = ['mail.thread']
    _order = 'sequence'

    active = fields.Boolean(default=True)
    name = fields.Char(string='Job Position', required=True, index='trigram', translate=True)
    sequence = fields.Integer(default=10)
    expected_employees = fields.Integer(compute='_compute_employees', string='Total Forecasted Employees',
                                        store=True, help="Employees in the position once the recruitment is done.")
    no_of_employee = fields.Integer(compute='_compute_employees', string='Current Number of Employees',
                                    store=True, help="Employees holding the position now.")
    no_of_recruitment = fields.Integer(string='Target', copy=False, default=1,
                                       help="Employees still to recruit for the position.")
    employee_ids = fields.One2many('hr.employee', 'job_id', string='Employees', groups='base.group_user')
    description = fields.Html(string='Job Description', sanitize_attributes=False)
    requirements = fields.Text('Requirements')
    department_id = fields.Many2one('hr.department', string='Department', check_company=True)
    company_id = fields.Many2one('res.company', string='Company', default=lambda self: self.env.company)

    _sql_constraints = [
        ('name_company_uniq', 'unique(name, company_id, department_id)',
         "A department of a company has only one job position of a given name."),
        ('no_of_recruitment_positive', 'CHECK(no_of_recruitment >= 0)',
         "The number of employees to recruit cannot be negative."),
    ]

    @api.depends('no_of_recruitment', 'employee_ids.job_id', 'employee_ids.active')
    def _compute_employees(self):
        counts = dict(self.env['hr.employee']._read_group([('job_id', 'in', self.ids)], ['job_id'], ['__count']))
        for job in self:
            job.no_of_employee = counts.get(job, 0)
            job.expected_employees = job.no_of_employee + job.no_of_recruitment

    @api.model_create_multi
    def create(self, vals_list):
        # whoever creates a position does not need to follow it
        return super(HrJob, self.with_context(mail_create_nosubscribe=True)).create(vals_list)

    def copy_data(self, default=None):
        values_list = super().copy_data(default=default)
        for job, values in zip(self, values_list):
            values['name'] = _("%s (copy)", job.name)
        return values_list
