"""Attendances: one check-in and (once done) its check-out per record, with
where and how they were made; worked hours without the lunch break; the
extra hours of the day against the employee's schedule."""
from __future__ import annotations

import datetime
from collections import defaultdict

import pytz
from odoo import _, api, exceptions, fields, models
from odoo.addons.resource.models.utils import Intervals, sum_intervals
from odoo.tools import format_datetime, format_duration, format_time
from odoo.tools.float_utils import float_compare

_MODES = [('kiosk', "Kiosk"), ('systray', "Systray"), ('manual', "Manual"), ('technical', 'Technical')]


class HrAttendance(models.Model):
    _name = 'hr.attendance'
    _description = 'Attendance'
    _order = 'check_in desc'
    _inherit = 'mail.thread'

    def _default_employee(self):
        return self.env.user.employee_id

    employee_id = fields.Many2one('hr.employee', string='Employee', default=_default_employee, required=True,
                                  ondelete='cascade', index=True, group_expand='_read_group_employee_id')
    department_id = fields.Many2one('hr.department', string='Department', related='employee_id.department_id',
                                    readonly=True)
    manager_id = fields.Many2one(comodel_name='hr.employee', related='employee_id.parent_id', readonly=True)
    check_in = fields.Datetime(string='Check In', default=fields.Datetime.now, required=True, tracking=True)
    check_out = fields.Datetime(string='Check Out', tracking=True)
    worked_hours = fields.Float(string='Worked Hours', compute='_compute_worked_hours', store=True, readonly=True)
    color = fields.Integer(compute='_compute_color')
    overtime_hours = fields.Float(string='Over Time', compute='_compute_overtime_hours', store=True)
    overtime_status = fields.Selection(
        selection=[('to_approve', "To Approve"), ('approved', "Approved"), ('refused', "Refused")],
        compute='_compute_overtime_status', store=True, tracking=True, readonly=False)
    validated_overtime_hours = fields.Float(string='Extra Hours', compute='_compute_validated_overtime_hours',
                                            store=True, readonly=False, tracking=True)
    no_validated_overtime_hours = fields.Boolean(compute='_compute_no_validated_overtime_hours')
    # where and how the check-in and the check-out were made
    in_latitude = fields.Float(string='Latitude', digits=(10, 7), readonly=True, aggregator=None)
    in_longitude = fields.Float(string='Longitude', digits=(10, 7), readonly=True, aggregator=None)
    in_country_name = fields.Char(string='Country', help="Found from the IP address", readonly=True)
    in_city = fields.Char(string='City', readonly=True)
    in_ip_address = fields.Char(string='IP Address', readonly=True)
    in_browser = fields.Char(string='Browser', readonly=True)
    in_mode = fields.Selection(string='Mode', selection=_MODES, readonly=True, default='manual')
    out_latitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    out_longitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    out_country_name = fields.Char(help="Found from the IP address", readonly=True)
    out_city = fields.Char(readonly=True)
    out_ip_address = fields.Char(readonly=True)
    out_browser = fields.Char(readonly=True)
    out_mode = fields.Selection(selection=_MODES + [('auto_check_out', 'Automatic Check-Out')],
                                readonly=True, default='manual')
    expected_hours = fields.Float(compute='_compute_expected_hours', store=True, aggregator='sum')

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    def _get_employee_calendar(self):
        self.ensure_one()
        return self.employee_id.resource_calendar_id or self.employee_id.company_id.resource_calendar_id

    def _local_zone(self):
        """The time zone of the attendance's day: the schedule's, else the employee's."""
        calendar = self._get_employee_calendar()
        return pytz.timezone((calendar.tz if calendar else None) or self.employee_id._get_tz())

    @api.depends('check_in', 'check_out')
    def _compute_worked_hours(self):
        # the lunch break of the schedule is not worked (flexible schedules have none)
        for att in self:
            if not (att.check_in and att.check_out and att.employee_id):
                att.worked_hours = False
                continue
            zone = att._local_zone()
            start = pytz.utc.localize(att.check_in).astimezone(zone)
            stop = pytz.utc.localize(att.check_out).astimezone(zone)
            span = Intervals([(start, stop, att)])
            if not att.employee_id.is_flexible:
                span = span - att.employee_id._employee_attendance_intervals(start, stop, lunch=True)
            att.worked_hours = sum_intervals(span)

    def _day_of(self):
        """(employee, local date) of the attendance's check-in."""
        return self.employee_id, pytz.utc.localize(self.check_in).astimezone(self._local_zone()).date()

    def _expected_hours_of_day(self, employee, day):
        """Hours the employee's schedule expects on ``day`` (0 for flexible schedules)."""
        calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
        if not calendar or calendar.flexible_hours:
            return 0.0
        zone = pytz.timezone(calendar.tz or 'UTC')
        start = zone.localize(datetime.datetime.combine(day, datetime.time.min))
        stop = start + datetime.timedelta(days=1)
        intervals = employee._get_expected_attendances(start, stop)
        return sum_intervals(intervals)

    @api.depends('worked_hours', 'check_in', 'employee_id')
    def _compute_overtime_hours(self):
        """The extra (or missing) hours of each day are given to the day's last
        attendances: the difference between the hours worked that day and
        those the schedule expects, outside the company's tolerances."""
        days = defaultdict(self.browse)
        for att in self:
            att.overtime_hours = 0.0
            if att.check_in and att.employee_id and att.check_out:
                days[att._day_of()] |= att
        for (employee, day), _atts in days.items():
            zone = _atts[0]._local_zone()
            start = zone.localize(datetime.datetime.combine(day, datetime.time.min))
            start_utc = start.astimezone(pytz.utc).replace(tzinfo=None)
            day_atts = self.search([
                ('employee_id', '=', employee.id), ('check_out', '!=', False),
                ('check_in', '>=', start_utc), ('check_in', '<', start_utc + datetime.timedelta(days=1)),
            ], order='check_in desc') | _atts
            day_atts = day_atts.sorted('check_in', reverse=True)
            worked = sum(day_atts.mapped('worked_hours'))
            extra = worked - self._expected_hours_of_day(employee, day)
            company = employee.company_id
            if 0 < extra * 60 <= (company.overtime_employee_threshold or 0):
                extra = 0.0
            elif 0 < -extra * 60 <= (company.overtime_company_threshold or 0):
                extra = 0.0
            shares = {}
            if extra > 0:
                left = extra
                for att in day_atts:
                    share = min(att.worked_hours, left)
                    shares[att.id] = share
                    left -= share
            elif extra < 0:
                shares[day_atts[0].id] = extra
            for att in day_atts & self:
                att.overtime_hours = shares.get(att.id, 0.0)

    @api.depends('worked_hours', 'overtime_hours')
    def _compute_expected_hours(self):
        for att in self:
            att.expected_hours = att.worked_hours - att.overtime_hours

    @api.depends('employee_id')
    def _compute_overtime_status(self):
        for att in self:
            if att.overtime_status:
                continue
            needs_approval = att.employee_id.company_id.attendance_overtime_validation == 'by_manager'
            att.overtime_status = 'to_approve' if needs_approval else 'approved'

    @api.depends('employee_id', 'overtime_status', 'overtime_hours')
    def _compute_validated_overtime_hours(self):
        for att in self:
            if att.employee_id.company_id.attendance_overtime_validation == 'no_validation':
                att.validated_overtime_hours = att.overtime_hours
            elif att.overtime_status == 'to_approve':
                att.validated_overtime_hours = att.overtime_hours
            elif att.overtime_status == 'refused':
                att.validated_overtime_hours = 0.0

    @api.depends('validated_overtime_hours')
    def _compute_no_validated_overtime_hours(self):
        for att in self:
            att.no_validated_overtime_hours = float_compare(att.validated_overtime_hours, 0.0,
                                                            precision_digits=5) == 0

    def _compute_color(self):
        yesterday = datetime.datetime.now() - datetime.timedelta(days=1)
        for att in self:
            if att.check_out:
                suspicious = att.worked_hours > 16 or att.out_mode == 'technical'
                att.color = 1 if suspicious else 0
            else:
                att.color = 1 if att.check_in < yesterday else 10

    @api.depends('employee_id', 'check_in', 'check_out')
    def _compute_display_name(self):
        for att in self:
            check_in = format_time(self.env, att.check_in, time_format=None, lang_code=self.env.lang)
            if not att.check_out:
                att.display_name = _("From %s", check_in)
            else:
                att.display_name = _(
                    "%(worked_hours)s (%(check_in)s-%(check_out)s)",
                    worked_hours=format_duration(att.worked_hours), check_in=check_in,
                    check_out=format_time(self.env, att.check_out, time_format=None, lang_code=self.env.lang))

    @api.model
    def _read_group_employee_id(self, resources, domain):
        return resources

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------

    @api.constrains('check_in', 'check_out')
    def _check_validity_check_in_check_out(self):
        for att in self:
            if att.check_in and att.check_out and att.check_out < att.check_in:
                raise exceptions.ValidationError(_('"Check Out" time cannot be earlier than "Check In" time.'))

    @api.constrains('check_in', 'check_out', 'employee_id')
    def _check_validity(self):
        """An employee has at most one open attendance, and no two of their
        attendances overlap."""
        Attendance = self.env['hr.attendance']
        for att in self:
            others = [('employee_id', '=', att.employee_id.id), ('id', '!=', att.id)]
            previous = Attendance.search(others + [('check_in', '<=', att.check_in)], order='check_in desc', limit=1)
            if previous.check_out and previous.check_out > att.check_in:
                raise exceptions.ValidationError(_(
                    "Cannot create new attendance record for %(empl_name)s, the employee was already checked in "
                    "on %(datetime)s", empl_name=att.employee_id.name,
                    datetime=format_datetime(self.env, att.check_in, dt_format=False)))
            if not att.check_out:
                still_open = Attendance.search(others + [('check_out', '=', False)], order='check_in desc', limit=1)
                if still_open:
                    raise exceptions.ValidationError(_(
                        "Cannot create new attendance record for %(empl_name)s, the employee hasn't checked out "
                        "since %(datetime)s", empl_name=att.employee_id.name,
                        datetime=format_datetime(self.env, still_open.check_in, dt_format=False)))
                continue
            # another attendance starting inside ours overlaps it
            last_started = Attendance.search(others + [('check_in', '<', att.check_out)],
                                             order='check_in desc', limit=1)
            if last_started and last_started != previous:
                raise exceptions.ValidationError(_(
                    "Cannot create new attendance record for %(empl_name)s, the employee was already checked in "
                    "on %(datetime)s", empl_name=att.employee_id.name,
                    datetime=format_datetime(self.env, last_started.check_in, dt_format=False)))

    # ------------------------------------------------------------------
    # CRUD: the other attendances of the same days share the extra hours
    # ------------------------------------------------------------------

    def _same_day_attendances(self):
        """The closed attendances of the same employees and local days as these."""
        siblings = self.browse()
        for att in self.filtered(lambda a: a.check_in and a.employee_id):
            employee, day = att._day_of()
            zone = att._local_zone()
            start = zone.localize(datetime.datetime.combine(day, datetime.time.min))
            start_utc = start.astimezone(pytz.utc).replace(tzinfo=None)
            siblings |= self.search([('employee_id', '=', employee.id),
                                     ('check_in', '>=', start_utc),
                                     ('check_in', '<', start_utc + datetime.timedelta(days=1))])
        return siblings

    def _recompute_day_overtime(self, attendances):
        attendances = attendances.exists()
        if attendances:
            self.env.add_to_compute(self._fields['overtime_hours'], attendances)

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        self._recompute_day_overtime(attendances._same_day_attendances() - attendances)
        return attendances

    def write(self, vals):
        moved = 'employee_id' in vals or 'check_in' in vals or 'check_out' in vals
        before = self._same_day_attendances() if moved else self.browse()
        result = super().write(vals)
        if moved:
            self._recompute_day_overtime((before | self._same_day_attendances()) - self)
        return result

    def unlink(self):
        siblings = self._same_day_attendances() - self
        result = super().unlink()
        self._recompute_day_overtime(siblings)
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_approve_overtime(self):
        self.write({'overtime_status': 'approved'})

    def action_refuse_overtime(self):
        self.write({'overtime_status': 'refused'})

    @api.model
    def _cron_auto_check_out(self):
        """Close the attendances left open longer than the day's expected hours
        plus the tolerance, for the companies asking it."""
        companies = self.env['res.company'].search([('auto_check_out', '=', True)])
        if not companies:
            return
        now = fields.Datetime.now()
        still_open = self.search([('check_out', '=', False), ('employee_id.company_id', 'in', companies.ids),
                                  ('employee_id.resource_calendar_id.flexible_hours', '=', False)])
        for att in still_open:
            employee, day = att._day_of()
            expected = self._expected_hours_of_day(employee, day)
            limit = att.check_in + datetime.timedelta(hours=expected + employee.company_id.auto_check_out_tolerance)
            if expected and limit < now:
                att.write({'check_out': limit, 'out_mode': 'auto_check_out'})
                att.message_post(body=_("This attendance was closed automatically: nobody checked out."))
