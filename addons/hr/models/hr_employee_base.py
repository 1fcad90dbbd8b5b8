"""``hr.employee.base``: what every view of an employee shares — work
contact details, department, manager and coach, presence."""
from __future__ import annotations

import datetime

import pytz
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# colleagues without company or of the companies the user works in
_OWN_COMPANIES = "['|', ('company_id', '=', False), ('company_id', 'in', allowed_company_ids)]"


class HrEmployeeBase(models.AbstractModel):
    _name = 'hr.employee.base'
    _description = 'Basic Employee'
    _order = 'name'

    name = fields.Char()
    active = fields.Boolean('Active')
    color = fields.Integer('Color Index', default=0)
    department_id = fields.Many2one('hr.department', 'Department', check_company=True)
    member_of_department = fields.Boolean('Member of department', compute='_compute_part_of_department',
                                          search='_search_part_of_department',
                                          help="The employee is in the current user's department or below.")
    job_id = fields.Many2one('hr.job', 'Job Position', check_company=True)
    job_title = fields.Char('Job Title', compute='_compute_job_title', store=True, readonly=False)
    company_id = fields.Many2one('res.company', 'Company')
    address_id = fields.Many2one('res.partner', string='Work Address', compute='_compute_address_id',
                                 precompute=True, store=True, readonly=False, check_company=True)
    work_phone = fields.Char('Work Phone', compute='_compute_phones', store=True, readonly=False)
    phone = fields.Char(related='user_id.phone')
    mobile_phone = fields.Char('Work Mobile', compute='_compute_work_contact_details', store=True,
                               inverse='_inverse_work_contact_details')
    work_email = fields.Char('Work Email', compute='_compute_work_contact_details', store=True,
                             inverse='_inverse_work_contact_details')
    email = fields.Char(related='user_id.email')
    work_contact_id = fields.Many2one('res.partner', 'Work Contact', copy=False)
    work_location_id = fields.Many2one('hr.work.location', 'Work Location', domain="[('address_id', '=', address_id)]")
    work_location_name = fields.Char('Work Location Name', compute='_compute_work_location_name_type')
    work_location_type = fields.Selection([('home', 'Home'), ('office', 'Office'), ('other', 'Other')],
                                          compute='_compute_work_location_name_type')
    user_id = fields.Many2one('res.users')
    share = fields.Boolean(related='user_id.share')
    resource_id = fields.Many2one('resource.resource')
    resource_calendar_id = fields.Many2one('resource.calendar', check_company=True)
    is_flexible = fields.Boolean(compute='_compute_is_flexible', store=True)
    is_fully_flexible = fields.Boolean(compute='_compute_is_flexible', store=True)
    parent_id = fields.Many2one('hr.employee', 'Manager', compute='_compute_parent_id', store=True, readonly=False,
                                domain=_OWN_COMPANIES)
    coach_id = fields.Many2one('hr.employee', 'Coach', compute='_compute_coach', store=True, readonly=False,
                               domain=_OWN_COMPANIES,
                               help="The colleague who coaches this employee (no rights attached).")
    tz = fields.Selection(string='Timezone', related='resource_id.tz', readonly=False,
                          help="Time zone of the employee's working hours.")
    hr_presence_state = fields.Selection([
        ('present', 'Present'),
        ('absent', 'Absent'),
        ('archive', 'Archived'),
        ('out_of_working_hour', 'Out of Working hours'),
    ], compute='_compute_presence_state', default='out_of_working_hour')
    hr_icon_display = fields.Selection([
        ('presence_present', 'Present'),
        ('presence_out_of_working_hour',
         'Out of Working hours'),
        ('presence_absent', 'Absent'),
        ('presence_archive', 'Archived'),
        ('presence_undetermined', 'Undetermined'),
    ], compute='_compute_presence_icon')
    show_hr_icon_display = fields.Boolean(compute='_compute_presence_icon')
    newly_hired = fields.Boolean('Newly Hired', compute='_compute_newly_hired', search='_search_newly_hired')

    @api.model
    def _get_new_hire_field(self):
        return 'create_date'

    def _compute_newly_hired(self):
        fname = self._get_new_hire_field()
        limit = fields.Datetime.now() - datetime.timedelta(days=90)
        for emp in self:
            value = emp[fname]
            if not value:
                emp.newly_hired = False
            elif isinstance(value, datetime.datetime):
                emp.newly_hired = value > limit
            else:
                emp.newly_hired = value > limit.date()

    def _search_newly_hired(self, operator, value):
        fname = self._get_new_hire_field()
        recent = self.env['hr.employee'].sudo().search(
            [(fname, '>', fields.Datetime.now() - datetime.timedelta(days=90))])
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', recent.ids)]

    @api.depends('work_location_id.name', 'work_location_id.location_type')
    def _compute_work_location_name_type(self):
        for emp in self:
            location = emp.work_location_id
            emp.work_location_name = location.name or None
            emp.work_location_type = location.location_type or 'other'

    def _get_valid_employee_for_user(self):
        """The current user's employee in the current company (or any)."""
        user = self.env.user
        emp = user.employee_id
        if not emp:
            mine = self.env['hr.employee'].sudo().search([('user_id', '=', user.id)])
            emp = mine.filtered(lambda e: e.company_id == user.company_id) or mine[:1]
        return emp

    @api.depends_context('uid', 'company')
    @api.depends('department_id')
    def _compute_part_of_department(self):
        department = self._get_valid_employee_for_user().department_id
        if not department:
            self.member_of_department = False
            return
        below = self.env['hr.department'].search([('id', 'child_of', department.id)])
        for emp in self:
            emp.member_of_department = emp.department_id in below

    def _search_part_of_department(self, operator, value):
        if not (operator in ('=', '!=') and isinstance(value, bool)):
            raise UserError(_("Search the department membership with = or != and True or False."))
        positive = (operator == '=') == value
        me = self._get_valid_employee_for_user()
        if not me.department_id:
            return [('id', '=' if positive else '!=', me.id)]
        domain = [('department_id', 'child_of', me.department_id.id)]
        return domain if positive else ['!'] + domain

    def _compute_presence_state(self):
        # without the bus (online status), presence comes from other modules
        # (attendances); an archived employee is archived
        for emp in self:
            emp.hr_presence_state = 'out_of_working_hour' if emp.active else 'archive'

    @api.depends('parent_id')
    def _compute_coach(self):
        for emp in self:
            manager = emp.parent_id
            previous = emp._origin.parent_id
            if manager and (not emp.coach_id or emp.coach_id == previous):
                emp.coach_id = manager
            elif not emp.coach_id:
                emp.coach_id = False

    @api.depends('job_id')
    def _compute_job_title(self):
        for emp in self:
            if emp.job_id:
                emp.job_title = emp.job_id.name

    @api.depends('address_id')
    def _compute_phones(self):
        for emp in self:
            emp.work_phone = emp.address_id.phone or False

    @api.depends('work_contact_id', 'work_contact_id.mobile', 'work_contact_id.email')
    def _compute_work_contact_details(self):
        for emp in self:
            contact = emp.work_contact_id
            if contact:
                emp.mobile_phone, emp.work_email = contact.mobile, contact.email

    def _create_work_contacts(self):
        """Give each of these employees a partner to be reached at."""
        if any(self.mapped('work_contact_id')):
            raise UserError(_("Some of these employees already have a work contact."))
        partners = self.env['res.partner'].create([{
            'name': emp.name,
            'email': emp.work_email,
            'mobile': emp.mobile_phone,
            'image_1920': emp.image_1920,
            'company_id': emp.company_id.id,
        } for emp in self])
        for emp, partner in zip(self, partners):
            emp.work_contact_id = partner

    def _inverse_work_contact_details(self):
        without_contact = self.browse()
        for emp in self:
            if emp.work_contact_id:
                emp.work_contact_id.sudo().write({'email': emp.work_email,
                                                       'mobile': emp.mobile_phone})
            else:
                without_contact |= emp
        if without_contact:
            without_contact.sudo()._create_work_contacts()

    @api.depends('company_id')
    def _compute_address_id(self):
        for emp in self:
            addresses = emp.company_id.partner_id.address_get(['default'])
            emp.address_id = addresses.get('default', False) if addresses else False

    @api.depends('department_id')
    def _compute_parent_id(self):
        for emp in self:
            head = emp.department_id.manager_id
            if head:
                emp.parent_id = head

    @api.depends('resource_calendar_id', 'hr_presence_state')
    def _compute_presence_icon(self):
        for emp in self:
            emp.hr_icon_display = f'presence_{emp.hr_presence_state}'
            emp.show_hr_icon_display = bool(emp.user_id.id)

    @api.depends('resource_calendar_id.flexible_hours')
    def _compute_is_flexible(self):
        for emp in self:
            schedule = emp.resource_calendar_id
            emp.is_fully_flexible = not schedule
            emp.is_flexible = not schedule or schedule.flexible_hours

    @api.model
    def _get_employee_working_now(self):
        """Ids of these employees whose schedule has them at work now."""
        working = []
        now = fields.Datetime.now()
        for emp in self:
            calendar = emp.resource_calendar_id
            if not calendar:
                continue
            zone = pytz.timezone(emp.tz or calendar.tz or 'UTC')
            start = pytz.utc.localize(now).astimezone(zone)
            intervals = calendar._work_intervals_batch(start, start + datetime.timedelta(hours=1))[False]
            if intervals:
                working.append(emp.id)
        return working

    def _get_calendar_periods(self, start, stop):
        """{emp: [(start, stop, calendar)]}."""
        return {emp: [(start, stop, emp.resource_calendar_id or emp.company_id.resource_calendar_id)]
                for emp in self}
