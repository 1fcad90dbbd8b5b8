"""``hr.employee``: the employee file — identity, work contact, position,
manager, private data (HR officers only), backed by a resource."""
from __future__ import annotations

import random
import re
import string

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# the fields of the employee file only HR officers read
HR = 'hr.group_hr_user'


class HrEmployee(models.Model):
    _name = 'hr.employee'
    _description = 'Employee'
    _order = 'name'
    _inherit = ['hr.employee.base', 'mail.thread.main.attachment', 'mail.activity.mixin', 'resource.mixin',
                'avatar.mixin']
    _mail_post_access = 'read'

    @api.model
    def _lang_get(self):
        installed = self.env['res.lang'].get_installed()
        return installed

    def _get_marital_status_selection(self):
        return [
            ('single', _('Single')),
            ('married', _('Married')),
            ('cohabitant', _("Legal Cohabitant")),
            ('widower', _('Widower')),
            ('divorced', _('Divorced')),
        ]

    # the resource carries name, user, activity and schedule
    name = fields.Char(string='Employee Name', related='resource_id.name', store=True, readonly=False,
                       tracking=True)
    user_id = fields.Many2one('res.users', 'User', related='resource_id.user_id', store=True, readonly=False,
                              check_company=True, precompute=True, ondelete='restrict')
    user_partner_id = fields.Many2one(related='user_id.partner_id', related_sudo=False, string="User's partner")
    active = fields.Boolean('Active', related='resource_id.active', default=True, store=True, readonly=False)
    resource_calendar_id = fields.Many2one(tracking=True)
    department_id = fields.Many2one(tracking=True)
    job_id = fields.Many2one(tracking=True)
    company_id = fields.Many2one('res.company', required=True)
    # custom fields the company defines for its employees
    employee_properties = fields.Properties('Properties', definition='company_id.employee_properties_definition',
                                            precompute=False, groups='hr.group_hr_user')
    company_country_id = fields.Many2one('res.country', 'Company Country', related='company_id.country_id',
                                         readonly=True, groups='base.group_system,hr.group_hr_user')
    company_country_code = fields.Char(related='company_country_id.code', depends=['company_country_id'],
                                       readonly=True, groups='base.group_system,hr.group_hr_user')
    # private address and contact
    private_street = fields.Char(string='Private Street', groups=HR)
    private_street2 = fields.Char(string='Private Street2', groups=HR)
    private_city = fields.Char(string='Private City', groups=HR)
    private_state_id = fields.Many2one('res.country.state', string='Private State', groups=HR,
                                       domain="[('country_id', '=?', private_country_id)]"
                                       )
    private_zip = fields.Char(string='Private Zip', groups=HR)
    private_country_id = fields.Many2one('res.country', string='Private Country', groups=HR)
    private_phone = fields.Char(string='Private Phone', groups=HR)
    private_email = fields.Char(string='Private Email', groups=HR)
    lang = fields.Selection(selection=_lang_get, string='Lang', groups=HR)
    # personal data
    country_id = fields.Many2one('res.country', 'Nationality (Country)', groups=HR, tracking=True)
    gender = fields.Selection([('male', 'Male'), ('female', 'Female'), ('other', 'Other')], groups=HR,
                              tracking=True)
    marital = fields.Selection(selection='_get_marital_status_selection', string='Marital Status', groups=HR,
                               default='single', required=True, tracking=True)
    spouse_complete_name = fields.Char(string='Spouse Complete Name', groups=HR, tracking=True)
    spouse_birthdate = fields.Date(string='Spouse Birthdate', groups=HR, tracking=True)
    children = fields.Integer(string='Number of Dependent Children', groups=HR, tracking=True)
    place_of_birth = fields.Char('Place of Birth', groups=HR, tracking=True)
    country_of_birth = fields.Many2one('res.country', string='Country of Birth', groups=HR, tracking=True)
    birthday = fields.Date('Date of Birth', groups=HR, tracking=True)
    ssnid = fields.Char('SSN No', help="Social security number", groups=HR, tracking=True)
    sinid = fields.Char('SIN No', help="Social insurance number", groups=HR, tracking=True)
    identification_id = fields.Char(string='Identification No', groups=HR, tracking=True)
    passport_id = fields.Char('Passport No', groups=HR, tracking=True)
    bank_account_id = fields.Many2one(
        'res.partner.bank', 'Bank Account', groups=HR, tracking=True,
        domain="[('partner_id', '=', work_contact_id), '|', ('company_id', '=', False), "
               "('company_id', '=', company_id)]",
        help="Account the salary is paid to")
    permit_no = fields.Char('Work Permit No', groups=HR, tracking=True)
    visa_no = fields.Char('Visa No', groups=HR, tracking=True)
    visa_expire = fields.Date('Visa Expiration Date', groups=HR, tracking=True)
    work_permit_expiration_date = fields.Date('Work Permit Expiration Date', groups=HR, tracking=True)
    has_work_permit = fields.Binary(string='Work Permit', groups=HR)
    work_permit_scheduled_activity = fields.Boolean(default=False, groups=HR)
    work_permit_name = fields.Char('work_permit_name', compute='_compute_work_permit_name', groups=HR)
    additional_note = fields.Text(string='Additional Note', groups=HR, tracking=True)
    certificate = fields.Selection([
        ('graduate', 'Graduate'),
        ('bachelor', 'Bachelor'),
        ('master', 'Master'),
        ('doctor', 'Doctor'),
        ('other', 'Other'),
    ], 'Certificate Level', groups=HR, tracking=True)
    study_field = fields.Char('Field of Study', groups=HR, tracking=True)
    study_school = fields.Char('School', groups=HR, tracking=True)
    emergency_contact = fields.Char('Contact Name', groups=HR, tracking=True)
    emergency_phone = fields.Char('Contact Phone', groups=HR, tracking=True)
    distance_home_work = fields.Integer(string='Home-Work Distance', groups=HR, tracking=True)
    km_home_work = fields.Integer(string='Home-Work Distance in Km', groups=HR, compute='_compute_km_home_work',
                                  inverse='_inverse_km_home_work', store=True)
    distance_home_work_unit = fields.Selection([('kilometers', 'km'), ('miles', 'mi')],
                                               'Home-Work Distance unit', tracking=True, groups=HR,
                                               default='kilometers', required=True)
    employee_type = fields.Selection([
        ('employee', 'Employee'),
        ('worker', 'Worker'),
        ('student', 'Student'),
        ('trainee', 'Trainee'),
        ('contractor', 'Contractor'),
        ('freelance', 'Freelancer'),
    ], string='Employee Type', default='employee', required=True, groups=HR,
        help="Kind of employment; employees, students and trainees have contracts.")
    # in the company
    child_ids = fields.One2many('hr.employee', 'parent_id', string='Direct subordinates')
    category_ids = fields.Many2many('hr.employee.category', 'employee_category_rel', 'employee_id', 'category_id',
                                    groups=HR, string='Tags')
    notes = fields.Text('Notes', groups=HR)
    color = fields.Integer('Color Index', default=0)
    barcode = fields.Char(string='Badge ID', help="Identifies the employee at a badge reader.", groups=HR,
                          copy=False)
    pin = fields.Char(string='PIN', groups=HR, copy=False,
                      help="Digits identifying the employee at the attendance kiosk.")
    departure_description = fields.Html(string='Additional Information', groups=HR, copy=False)
    departure_date = fields.Date(string='Departure Date', groups=HR, copy=False, tracking=True)
    message_main_attachment_id = fields.Many2one(groups=HR)
    id_card = fields.Binary(string='ID Card Copy', groups=HR)
    driving_license = fields.Binary(string='Driving License', groups=HR)
    private_car_plate = fields.Char(groups=HR, help="Several plates are separated by spaces.")
    currency_id = fields.Many2one('res.currency', related='company_id.currency_id', readonly=True, groups=HR)
    related_partners_count = fields.Integer(compute='_compute_related_partners_count', groups=HR)
    # the chatter and activities of an employee are HR's
    activity_ids = fields.One2many(groups=HR)
    activity_state = fields.Selection(groups=HR)
    activity_user_id = fields.Many2one(groups=HR)
    activity_type_id = fields.Many2one(groups=HR)
    activity_type_icon = fields.Char(groups=HR)
    activity_date_deadline = fields.Date(groups=HR)
    my_activity_date_deadline = fields.Date(groups=HR)
    activity_summary = fields.Char(groups=HR)
    activity_exception_decoration = fields.Selection(groups=HR)
    activity_exception_icon = fields.Char(groups=HR)
    message_is_follower = fields.Boolean(groups=HR)
    message_follower_ids = fields.One2many(groups=HR)
    message_partner_ids = fields.Many2many(groups=HR)
    message_ids = fields.One2many(groups=HR)
    has_message = fields.Boolean(groups=HR)
    message_needaction = fields.Boolean(groups=HR)
    message_needaction_counter = fields.Integer(groups=HR)
    message_has_error = fields.Boolean(groups=HR)
    message_has_error_counter = fields.Integer(groups=HR)
    message_attachment_count = fields.Integer(groups=HR)

    _sql_constraints = [
        ('barcode_uniq', 'unique (barcode)', "Another employee already has this badge ID."),
        ('user_uniq', 'unique (user_id, company_id)', "A user is the employee of a company only once."),
    ]

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends('name', 'user_id.avatar_1920', 'image_1920')
    def _compute_avatar_1920(self):
        super()._compute_avatar_1920()

    @api.depends('name', 'user_id.avatar_1024', 'image_1024')
    def _compute_avatar_1024(self):
        super()._compute_avatar_1024()

    @api.depends('name', 'user_id.avatar_512', 'image_512')
    def _compute_avatar_512(self):
        super()._compute_avatar_512()

    @api.depends('name', 'user_id.avatar_256', 'image_256')
    def _compute_avatar_256(self):
        super()._compute_avatar_256()

    @api.depends('name', 'user_id.avatar_128', 'image_128')
    def _compute_avatar_128(self):
        super()._compute_avatar_128()

    def _compute_avatar(self, avatar_field, image_field):
        # an employee without picture shows the one of their user
        generated = self.browse()
        for emp in self:
            picture = emp._origin[image_field]
            if not picture and emp.user_id:
                picture = emp.user_id.sudo()[avatar_field]
            if picture:
                emp[avatar_field] = picture
            else:
                generated |= emp
        if generated:
            super(HrEmployee, generated)._compute_avatar(avatar_field, image_field)

    @api.depends('name', 'permit_no')
    def _compute_work_permit_name(self):
        for emp in self:
            prefix = f"{emp.name.replace(' ', '_')}_" if emp.name else ''
            suffix = f'_{emp.permit_no}' if emp.permit_no else ''
            emp.work_permit_name = f'{prefix}work_permit{suffix}'

    @api.depends('distance_home_work', 'distance_home_work_unit')
    def _compute_km_home_work(self):
        for emp in self:
            factor = 1.609 if emp.distance_home_work_unit == 'miles' else 1
            emp.km_home_work = emp.distance_home_work * factor

    def _inverse_km_home_work(self):
        for emp in self:
            factor = 1.609 if emp.distance_home_work_unit == 'miles' else 1
            emp.distance_home_work = emp.km_home_work / factor

    def _get_partner_count_depends(self):
        return ['user_id']

    @api.depends(lambda self: self._get_partner_count_depends())
    def _compute_related_partners_count(self):
        for emp in self:
            emp.related_partners_count = len(emp._get_related_partners())

    def _get_related_partners(self):
        return self.user_id.partner_id | self.work_contact_id

    # ------------------------------------------------------------------
    # constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains('pin')
    def _verify_pin(self):
        for emp in self:
            if emp.pin and not emp.pin.isdecimal():
                raise ValidationError(_("The PIN of %s may only contain digits.", emp.name))

    @api.constrains('barcode')
    def _verify_barcode(self):
        for emp in self:
            badge = emp.barcode
            if badge and (len(badge) > 18 or not re.fullmatch(r'[A-Za-z0-9]+', badge)):
                raise ValidationError(_("The badge ID of %s must be letters and digits (no accents), "
                                        "18 characters at most.", emp.name))

    @api.onchange('user_id')
    def _onchange_user(self):
        self.update(self._sync_user(self.user_id, bool(self.image_1920)))
        if not self.name:
            self.name = self.user_id.name

    @api.onchange('resource_calendar_id')
    def _onchange_timezone(self):
        schedule = self.resource_calendar_id
        if schedule and not self.tz:
            self.tz = schedule.tz

    @api.onchange('company_id')
    def _onchange_company_id(self):
        if self._origin:
            return {'warning': {
                'title': _("Warning"),
                'message': _("Moving an employee to another company may lose the access to their records "
                             "in the previous one; create a new employee in that company instead."),
            }}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _sync_user(self, user, employee_has_image=False):
        """Values taking over the user's partner (work contact), picture and time zone."""
        vals = {'work_contact_id': user.partner_id.id if user else self.work_contact_id.id, 'user_id': user.id}
        if not employee_has_image:
            vals.update(image_1920=user.image_1920)
        if user.tz:
            vals['tz'] = user.tz
        return vals

    def _remove_work_contact_id(self, user, employee_company):
        """Former employees of ``user`` (without user) lose the user's partner as work contact."""
        company = employee_company or self.company_id.id
        stale = user.partner_id.employee_ids.filtered(
            lambda e: not e.user_id and e.company_id.id == company and e not in self)
        stale.work_contact_id = False

    def _prepare_resource_values(self, vals, tz):
        values = super()._prepare_resource_values(vals, tz)
        # name and user live on the resource (related fields)
        vals.pop('name', None)
        linked_user = vals.pop('user_id', None)
        if linked_user:
            values['user_id'] = linked_user
        if 'active' in vals and vals['active'] is not None:
            values['active'] = vals['active']
        return values

    @api.model_create_multi
    def create(self, vals_list):
        Users = self.env['res.users']
        for vals in vals_list:
            linked = Users.browse(vals.get('user_id') or [])
            if not linked:
                continue
            vals.update(self._sync_user(linked, employee_has_image=bool(vals.get('image_1920'))))
            vals.setdefault('name', linked.name)
            self._remove_work_contact_id(linked, vals.get('company_id'))
        employees = super().create(vals_list)
        uncontacted = employees.filtered(lambda emp: not emp.work_contact_id)
        if uncontacted:
            uncontacted.sudo()._create_work_contacts()
        employees._message_log_batch({
            emp.id: Markup('<b>%s</b>') % self.env._("Welcome to %s!", emp.company_id.name or '')
            for emp in employees
        })
        return employees

    def write(self, vals):
        new_contact = vals.get('work_contact_id', None)
        if new_contact is not None:
            # the bank accounts and the chatter follow the new work contact
            account_ids = vals.get('bank_account_id') or self.sudo().bank_account_id.ids
            for account in self.env['res.partner.bank'].sudo().browse(account_ids):
                if new_contact and account.partner_id.id != new_contact:
                    account.partner_id = new_contact
            self.message_unsubscribe(partner_ids=self.work_contact_id.ids)
            if new_contact:
                self._message_subscribe(partner_ids=[new_contact])
        linked = self.env['res.users'].browse(vals.get('user_id') or [])
        if linked:
            vals.update(self._sync_user(linked, employee_has_image=all(self.mapped('image_1920'))))
            self._remove_work_contact_id(linked, vals.get('company_id'))
        if 'work_permit_expiration_date' in vals:
            # a new expiry date deserves a new reminder
            vals.update(work_permit_scheduled_activity=False)
        result = super().write(vals)
        if vals.get('departure_description', False):
            for emp in self:
                emp.message_post(body=_("Additional Information: \n %(description)s",
                                             description=vals['departure_description']))
        return result

    def unlink(self):
        resources = self.resource_id
        super().unlink()
        # the resources go with their employees
        return resources.unlink()

    def _get_employee_m2o_to_empty_on_archived_employees(self):
        return ['parent_id', 'coach_id']

    def _get_user_m2o_to_empty_on_archived_employees(self):
        return []

    def action_archive(self):
        result = super().action_archive()
        self._clear_links_to_archived()
        return result

    def action_unarchive(self):
        result = super().action_unarchive()
        self.write({'departure_description': False, 'departure_date': False})
        return result

    def _clear_links_to_archived(self):
        """Colleagues managed or coached by archived employees lose that link."""
        archived = self.filtered(lambda e: not e.active)
        if not archived:
            return
        for fname in self._get_employee_m2o_to_empty_on_archived_employees():
            self.env['hr.employee'].search([(fname, 'in', archived.ids)]).write({fname: False})

    # ------------------------------------------------------------------
    # users outside HR read employees through hr.employee.public
    # ------------------------------------------------------------------

    def _public_fallback(self):
        """Whether the current user reads employees through the public view."""
        return not self.browse().has_access('read')

    def _check_private_fields(self, field_names):
        public_fields = self.env['hr.employee.public']._fields
        private = [fname for fname in field_names if fname not in public_fields]
        if private:
            raise AccessError(_("The fields “%s” of employees are not public; ask an HR officer.",
                                ', '.join(private)))

    def _copy_cache_from(self, public, field_names):
        cache = self.env.cache
        for fname in field_names:
            values = list(cache.get_values(public, public._fields[fname]))
            if len(values) == len(public):
                cache.update(self, self._fields[fname], values)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self._public_fallback():
            return super()._search(domain, offset, limit, order)
        try:
            public_ids = self.env['hr.employee.public']._search(domain, offset, limit, order)
        except ValueError as exc:
            raise AccessError(_("You may not search employees on these criteria.")) from exc
        return super(HrEmployee, self.sudo())._search([('id', 'in', public_ids)], order=order)

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        if not self._public_fallback():
            return super().search_fetch(domain, field_names, offset, limit, order)
        self._check_private_fields(field_names)
        self.flush_model(field_names)
        public = self.env['hr.employee.public'].search_fetch(domain, field_names, offset, limit, order)
        employees = self.browse(public._ids)
        employees._copy_cache_from(public, field_names)
        return employees

    def fetch(self, field_names=None):
        if not self._public_fallback():
            return super().fetch(field_names)
        if field_names is None:
            public_fields = self.env['hr.employee.public']._fields
            field_names = [name for name, field in self._fields.items()
                           if field.store and name in public_fields and field.prefetch is True]
        self._check_private_fields(field_names)
        self.flush_recordset(field_names)
        public = self.env['hr.employee.public'].browse(self._ids)
        public.fetch(field_names)
        self._copy_cache_from(public, field_names)

    # ------------------------------------------------------------------
    # actions and business methods
    # ------------------------------------------------------------------

    def action_related_contacts(self):
        self.ensure_one()
        partners = self._get_related_partners()
        action = {'name': _("Related Contacts"), 'type': 'ir.actions.act_window', 'res_model': 'res.partner',
                  'view_mode': 'form'}
        if len(partners) > 1:
            action.update(view_mode='kanban,list,form', domain=[('id', 'in', partners.ids)])
        else:
            action['res_id'] = partners.id
        return action

    def generate_random_barcode(self):
        for emp in self:
            emp.barcode = '041' + ''.join(random.choice(string.digits) for _i in range(9))

    def _get_tz(self):
        """The employee's time zone, else their schedule's, else the company's, else UTC."""
        self.ensure_one()
        return self.tz or self.resource_calendar_id.tz or self.company_id.resource_calendar_id.tz or 'UTC'

    def _get_tz_batch(self):
        return {emp.id: emp._get_tz() for emp in self}

    def _employee_attendance_intervals(self, start, stop, lunch=False):
        """Expected work (or lunch breaks) of the employee between two aware datetimes."""
        self.ensure_one()
        if lunch:
            schedule = self._get_schedule()
            breaks = schedule._attendance_intervals_batch(start, stop, self.resource_id, lunch=True)
            return breaks[self.resource_id.id]
        return self._get_expected_attendances(start, stop)

    def _get_schedule(self):
        """The working schedule of the employee, else of the company."""
        return self.resource_calendar_id or self.company_id.resource_calendar_id

    def _get_expected_attendances(self, date_from, date_to):
        self.ensure_one()
        zone = pytz.timezone(self.tz) if self.tz else None
        leaves_domain = [('company_id', 'in', [False, self.company_id.id])]
        work = self._get_schedule()._work_intervals_batch(date_from, date_to, tz=zone, resources=self.resource_id,
                                                          compute_leaves=True, domain=leaves_domain)
        return work[self.resource_id.id]

    def _get_age(self, target_date=None):
        self.ensure_one()
        if target_date is None:
            target_date = fields.Date.context_today(self)
        if not self.birthday:
            return 0
        return relativedelta(target_date, self.birthday).years

    def _phone_get_number_fields(self):
        return ['mobile_phone']

    def _mail_get_partner_fields(self, introspect_fields=False):
        return ['user_partner_id']

    @api.model
    def _cron_check_work_permit_validity(self):
        """Remind the managers of the work permits expiring within a month."""
        soon = fields.Date.today() + relativedelta(months=1)
        expiring = self.search([('work_permit_scheduled_activity', '=', False),
                                ('work_permit_expiration_date', '<', soon)])
        reminded = self.browse()
        for emp in expiring.filtered(lambda e: e.parent_id.user_id):
            manager = emp.parent_id.user_id
            emp.activity_schedule(
                'mail.mail_activity_data_todo', user_id=manager.id,
                note=_("The work permit of %(employee)s expires on %(date)s.",
                       employee=emp.name, date=emp.work_permit_expiration_date))
            reminded |= emp
        reminded.write({'work_permit_scheduled_activity': True})
