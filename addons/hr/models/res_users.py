"""Users see and edit their employee file from their preferences, and
may be created together with their employee."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import clean_context


class ResUsers(models.Model):
    _inherit = 'res.users'

    def _employee_ids_domain(self):
        # employees are read as superuser through this field: keep to the allowed companies
        visible_companies = [*self.env.company.ids, *(self.env.context.get('allowed_company_ids') or ())]
        return [('company_id', 'in', visible_companies)]

    # a user is the employee of each company at most once
    employee_ids = fields.One2many('hr.employee', 'user_id', string='Related employee', domain=_employee_ids_domain)
    employee_id = fields.Many2one('hr.employee', string='Company employee', compute='_compute_company_employee',
                                  search='_search_company_employee', store=False)
    # the employee file, seen from the user
    job_title = fields.Char(related='employee_id.job_title', readonly=False, related_sudo=False)
    work_phone = fields.Char(related='employee_id.work_phone', readonly=False, related_sudo=False)
    mobile_phone = fields.Char(related='employee_id.mobile_phone', readonly=False, related_sudo=False)
    work_email = fields.Char(related='employee_id.work_email', readonly=False, related_sudo=False)
    category_ids = fields.Many2many(string="Employee Tags", related='employee_id.category_ids', readonly=False, related_sudo=False)
    department_id = fields.Many2one(related='employee_id.department_id', readonly=False, related_sudo=False)
    address_id = fields.Many2one(related='employee_id.address_id', readonly=False, related_sudo=False)
    work_contact_id = fields.Many2one(related='employee_id.work_contact_id', readonly=False, related_sudo=False)
    work_location_id = fields.Many2one(related='employee_id.work_location_id', readonly=False, related_sudo=False)
    employee_parent_id = fields.Many2one(related='employee_id.parent_id', readonly=False, related_sudo=False)
    coach_id = fields.Many2one(related='employee_id.coach_id', readonly=False, related_sudo=False)
    private_street = fields.Char(string="Private Street", related='employee_id.private_street', readonly=False, related_sudo=False)
    private_street2 = fields.Char(string="Private Street2", related='employee_id.private_street2', readonly=False, related_sudo=False)
    private_city = fields.Char(string="Private City", related='employee_id.private_city', readonly=False, related_sudo=False)
    private_state_id = fields.Many2one(string="Private State", related='employee_id.private_state_id', readonly=False, related_sudo=False)
    private_zip = fields.Char(string="Private Zip", related='employee_id.private_zip', readonly=False, related_sudo=False)
    private_country_id = fields.Many2one(string="Private Country", related='employee_id.private_country_id', readonly=False, related_sudo=False)
    private_phone = fields.Char(related='employee_id.private_phone', readonly=False, related_sudo=False)
    km_home_work = fields.Integer(related='employee_id.km_home_work', readonly=False, related_sudo=False)
    distance_home_work = fields.Integer(related='employee_id.distance_home_work', readonly=False, related_sudo=False)
    distance_home_work_unit = fields.Selection(related='employee_id.distance_home_work_unit', readonly=False, related_sudo=False)
    employee_bank_account_id = fields.Many2one(string="Employee's Bank Account Number", related='employee_id.bank_account_id', readonly=False, related_sudo=False)
    employee_country_id = fields.Many2one(string="Employee's Country", related='employee_id.country_id', readonly=False, related_sudo=False)
    identification_id = fields.Char(related='employee_id.identification_id', readonly=False, related_sudo=False)
    ssnid = fields.Char(related='employee_id.ssnid', readonly=False, related_sudo=False)
    passport_id = fields.Char(related='employee_id.passport_id', readonly=False, related_sudo=False)
    gender = fields.Selection(related='employee_id.gender', readonly=False, related_sudo=False)
    birthday = fields.Date(related='employee_id.birthday', readonly=False, related_sudo=False)
    place_of_birth = fields.Char(related='employee_id.place_of_birth', readonly=False, related_sudo=False)
    country_of_birth = fields.Many2one(related='employee_id.country_of_birth', readonly=False, related_sudo=False)
    marital = fields.Selection(related='employee_id.marital', readonly=False, related_sudo=False)
    spouse_complete_name = fields.Char(related='employee_id.spouse_complete_name', readonly=False, related_sudo=False)
    spouse_birthdate = fields.Date(related='employee_id.spouse_birthdate', readonly=False, related_sudo=False)
    children = fields.Integer(related='employee_id.children', readonly=False, related_sudo=False)
    emergency_contact = fields.Char(related='employee_id.emergency_contact', readonly=False, related_sudo=False)
    emergency_phone = fields.Char(related='employee_id.emergency_phone', readonly=False, related_sudo=False)
    visa_no = fields.Char(related='employee_id.visa_no', readonly=False, related_sudo=False)
    permit_no = fields.Char(related='employee_id.permit_no', readonly=False, related_sudo=False)
    visa_expire = fields.Date(related='employee_id.visa_expire', readonly=False, related_sudo=False)
    additional_note = fields.Text(related='employee_id.additional_note', readonly=False, related_sudo=False)
    barcode = fields.Char(related='employee_id.barcode', readonly=False, related_sudo=False)
    pin = fields.Char(related='employee_id.pin', readonly=False, related_sudo=False)
    certificate = fields.Selection(related='employee_id.certificate', readonly=False, related_sudo=False)
    study_field = fields.Char(related='employee_id.study_field', readonly=False, related_sudo=False)
    study_school = fields.Char(related='employee_id.study_school', readonly=False, related_sudo=False)
    employee_type = fields.Selection(related='employee_id.employee_type', readonly=False, related_sudo=False)
    private_email = fields.Char(related='employee_id.private_email', string='Private Email', readonly=False)
    private_lang = fields.Selection(related='employee_id.lang', string='Employee Lang', readonly=False)
    work_location_name = fields.Char(related='employee_id.work_location_name')
    work_location_type = fields.Selection(related='employee_id.work_location_type')
    hr_presence_state = fields.Selection(related='employee_id.hr_presence_state')
    employee_resource_calendar_id = fields.Many2one(related='employee_id.resource_calendar_id',
                                                    string="Employee's Working Hours", readonly=True)
    employee_count = fields.Integer(compute='_compute_employee_count')
    create_employee = fields.Boolean(store=False, default=False, copy=False,
                                     string='Technical field, whether to create an employee')
    create_employee_id = fields.Many2one('hr.employee', store=False, copy=False,
                                         string='Technical field, bind user to this employee on create')
    can_edit = fields.Boolean(compute='_compute_can_edit')
    is_system = fields.Boolean(compute='_compute_is_system')

    @api.depends_context('uid')
    def _compute_is_system(self):
        # the same answer for every record: it is about the current user
        current_is_system = self.env.user._is_system()
        for user in self:
            user.is_system = current_is_system

    def _compute_can_edit(self):
        allowed = bool(self.env['ir.config_parameter'].sudo().get_param('hr.hr_employee_self_edit')) \
            or self.env.user.has_group('hr.group_hr_user')
        self.can_edit = allowed

    @api.depends('employee_ids')
    def _compute_employee_count(self):
        for user in self.with_context(active_test=False):
            user.employee_count = len(user.employee_ids)

    @api.depends('employee_ids')
    @api.depends_context('company')
    def _compute_company_employee(self):
        employees = self.env['hr.employee'].search([('user_id', 'in', self.ids),
                                                    ('company_id', '=', self.env.company.id)])
        by_user = {employee.user_id: employee for employee in employees}
        for user in self:
            user.employee_id = by_user.get(user, False)

    def _search_company_employee(self, operator, value):
        return [('employee_ids', operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        to_create = []
        for user, vals in zip(users, vals_list):
            if vals.get('create_employee_id'):
                self.env['hr.employee'].browse(vals['create_employee_id']).user_id = user
            elif vals.get('create_employee'):
                to_create.append(dict(name=user.name, company_id=user.env.company.id,
                                      **self.env['hr.employee']._sync_user(user)))
        if to_create:
            self.env['hr.employee'].with_context(clean_context(self.env.context)).create(to_create)
        return users

    def _get_employee_fields_to_sync(self):
        """User fields copied to the employees of the user when they change."""
        return ['name', 'email', 'image_1920', 'tz']

    def write(self, vals):
        result = super().write(vals)
        synced = {}
        for fname in self._get_employee_fields_to_sync():
            if fname in vals:
                synced['work_email' if fname == 'email' else fname] = vals[fname]
        if synced:
            employees = self.env['hr.employee'].sudo().search([('user_id', 'in', self.ids)])
            if 'image_1920' in synced:
                # an employee keeps a picture of their own
                with_picture = employees.filtered('image_1920')
                (employees - with_picture).write(synced)
                synced.pop('image_1920')
                if synced:
                    with_picture.write(synced)
            else:
                employees.write(synced)
        return result

    def action_create_employee(self):
        """Create the employee of this user in the current company."""
        self.ensure_one()
        company = self.env.company
        if company not in self.company_ids:
            raise AccessError(_("%(user)s cannot become an employee of %(company)s: the user has no access "
                                "to that company.", user=self.name, company=company.name))
        Employee = self.env['hr.employee']
        Employee.create(dict(name=self.name, company_id=company.id, **Employee._sync_user(self)))

    def action_open_employees(self):
        self.ensure_one()
        employees = self.employee_ids
        if len(employees) > 1:
            return {'name': _('Related Employees'), 'type': 'ir.actions.act_window', 'res_model': 'hr.employee',
                    'view_mode': 'kanban,list,form', 'domain': [('id', 'in', employees.ids)]}
        return {'name': _('Employee'), 'type': 'ir.actions.act_window', 'res_model': 'hr.employee',
                'res_id': employees.id, 'view_mode': 'form'}
