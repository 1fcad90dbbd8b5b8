"""Working schedules: weekly (or two-weekly) attendance lines in a time zone,
with leaves; they give the working intervals and hours of a period."""
from __future__ import annotations

import datetime
from collections import defaultdict

import pytz
from dateutil.relativedelta import relativedelta
from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .utils import HOURS_PER_DAY, Intervals, float_to_time, make_aware, sum_intervals

# the standard week: Monday to Friday, 8-12 and 13-17, lunch in between
_STANDARD_WEEK = [
    (day, period, start, stop)
    for day in range(5)
    for period, start, stop in (('morning', 8, 12), ('lunch', 12, 13), ('afternoon', 13, 17))
]


class ResourceCalendar(models.Model):
    _name = 'resource.calendar'
    _description = 'Resource Working Time'

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if not values.get('name') and 'name' in fields_list and values.get('company_id'):
            company = self.env['res.company'].browse(values['company_id'])
            values['name'] = _('Working Hours of %s', company.name)
        if 'attendance_ids' in fields_list and not values.get('attendance_ids'):
            # a new schedule starts as a copy of its company's, else the standard week
            company = self.env['res.company'].browse(values.get('company_id') or self.env.company.id)
            model_lines = company.resource_calendar_id.attendance_ids.filtered(lambda a: not a.resource_id)
            if model_lines and not company.resource_calendar_id.two_weeks_calendar:
                lines = [line._copy_attendance_vals() for line in model_lines]
            else:
                lines = self._standard_attendance_values()
            values['attendance_ids'] = [fields.Command.create(vals) for vals in lines]
        return values

    def _default_tz(self):
        return self.env.context.get('tz') or self.env.user.tz or self.env.company.partner_id.tz or 'UTC'

    name = fields.Char(required=True)
    active = fields.Boolean('Active', default=True,
                            help="Archived schedules are no longer offered.")
    company_id = fields.Many2one('res.company', 'Company', default=lambda self: self.env.company)
    attendance_ids = fields.One2many('resource.calendar.attendance', 'calendar_id', 'Working Time',
                                     compute='_compute_attendance_ids', store=True, readonly=False, copy=True)
    leave_ids = fields.One2many('resource.calendar.leaves', 'calendar_id', 'Time Off')
    global_leave_ids = fields.One2many('resource.calendar.leaves', 'calendar_id', 'Global Time Off',
                                       compute='_compute_global_leave_ids', store=True, readonly=False,
                                       domain=[('resource_id', '=', False)], copy=True)
    hours_per_day = fields.Float('Average Hour per Day', store=True, compute='_compute_hours_per_day',
                                 digits=(2, 2), readonly=False,
                                 help="Average number of hours worked per working day.")
    tz = fields.Selection(_tz_get, string='Timezone', required=True, default=_default_tz,
                          help="Time zone the attendance hours are expressed in.")
    tz_offset = fields.Char(compute='_compute_tz_offset', string='Timezone offset')
    two_weeks_calendar = fields.Boolean(string="Calendar in 2 weeks mode")
    two_weeks_explanation = fields.Char('Explanation', compute='_compute_two_weeks_explanation')
    flexible_hours = fields.Boolean(string="Flexible Hours",
                                    help="Employees work a number of hours, whenever they want.")
    full_time_required_hours = fields.Float(string="Company Full Time", default=40.0,
                                            help="Hours a full-time employee works per week.")

    @api.depends('company_id')
    def _compute_attendance_ids(self):
        for calendar in self.filtered(lambda c: not c._origin or c._origin.company_id != c.company_id):
            source = calendar.company_id.resource_calendar_id
            if source and source != calendar._origin:
                lines = [fields.Command.create(vals) for vals in source.attendance_ids.copy_data()]
            else:
                lines = [fields.Command.create(vals) for vals in self._standard_attendance_values()]
            calendar.attendance_ids = [fields.Command.clear()] + lines

    @api.model
    def _standard_attendance_values(self):
        labels = dict(self.env['resource.calendar.attendance']._fields['dayofweek']._description_selection(self.env))
        period_labels = {'morning': _('Morning'), 'lunch': _('Lunch'), 'afternoon': _('Afternoon')}
        return [{
            'name': f'{labels[str(day)]} {period_labels[period]}',
            'dayofweek': str(day),
            'hour_from': start,
            'hour_to': stop,
            'day_period': period,
        } for day, period, start, stop in _STANDARD_WEEK]

    @api.depends('company_id')
    def _compute_global_leave_ids(self):
        for calendar in self.filtered(lambda c: not c._origin or c._origin.company_id != c.company_id):
            source = calendar.company_id.resource_calendar_id
            if source and source != calendar._origin:
                calendar.global_leave_ids = [fields.Command.clear()] + [
                    fields.Command.create(vals) for vals in source.global_leave_ids.copy_data()]

    @api.depends('attendance_ids.hour_from', 'attendance_ids.hour_to', 'attendance_ids.day_period',
                 'two_weeks_calendar', 'flexible_hours')
    def _compute_hours_per_day(self):
        for calendar in self:
            if calendar.flexible_hours:
                continue
            lines = calendar.attendance_ids.filtered(
                lambda a: a.day_period != 'lunch' and not a.display_type and not a.resource_id)
            calendar.hours_per_day = calendar._average_hours_per_day(lines)

    def _average_hours_per_day(self, lines):
        """Worked hours divided by the number of (week, day) worked."""
        if not lines:
            return 0.0
        days = {(line.week_type if self.two_weeks_calendar else False, line.dayofweek) for line in lines}
        hours = sum(line.hour_to - line.hour_from for line in lines)
        return round(hours / len(days), 2) if days else HOURS_PER_DAY

    @api.depends('tz')
    def _compute_tz_offset(self):
        for calendar in self:
            calendar.tz_offset = datetime.datetime.now(pytz.timezone(calendar.tz or 'GMT')).strftime('%z')

    @api.depends('two_weeks_calendar')
    def _compute_two_weeks_explanation(self):
        today = fields.Date.today()
        week_type = self.env['resource.calendar.attendance'].get_week_type(today)
        first_day = today - relativedelta(days=today.weekday())
        last_day = first_day + relativedelta(days=6)
        for calendar in self:
            calendar.two_weeks_explanation = _(
                "The current week (from %(first)s to %(last)s) is week %(number)s.",
                first=first_day, last=last_day, number=_('1') if week_type == 0 else _('2'))

    @api.constrains('attendance_ids')
    def _check_attendance(self):
        for calendar in self:
            for line in calendar.attendance_ids:
                if line.hour_from > line.hour_to:
                    raise ValidationError(_("In the schedule %(calendar)s, “%(line)s” ends before it starts.",
                                            calendar=calendar.name, line=line.name))
            if calendar.two_weeks_calendar:
                weeks = {line.week_type for line in calendar.attendance_ids if not line.display_type}
                if any(week not in ('0', '1') for week in weeks):
                    raise ValidationError(_("In a two weeks schedule every line must say its week (%s).",
                                            calendar.name))

    def copy_data(self, default=None):
        values_list = super().copy_data(default=default)
        for calendar, values in zip(self, values_list):
            values.setdefault('name', _("%s (copy)", calendar.name))
        return values_list

    # ------------------------------------------------------------------
    # working intervals
    # ------------------------------------------------------------------

    def _get_global_attendances(self):
        return self.attendance_ids.filtered(lambda a: not a.resource_id and not a.display_type)

    def _attendance_intervals_batch(self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False):
        """{resource id (0: the calendar itself): Intervals} of the
        attendance lines between two aware datetimes; ``lunch`` selects the
        breaks instead of the worked periods."""
        self.ensure_one()
        resources = resources or self.env['resource.resource']
        targets = list(resources) + [self.env['resource.resource']]
        start_dt, _revert = make_aware(start_dt)
        end_dt, _revert = make_aware(end_dt)
        lines = self._get_global_attendances()
        if domain:
            lines = lines.filtered_domain(domain)
        if lunch:
            lines = lines.filtered(lambda a: a.day_period == 'lunch')
        else:
            lines = lines.filtered(lambda a: a.day_period != 'lunch')
        result = {}
        for resource in targets:
            zone = pytz.timezone(tz.zone if hasattr(tz, 'zone') else (tz or resource.tz or self.tz or 'UTC'))
            local_start = start_dt.astimezone(zone)
            local_end = end_dt.astimezone(zone)
            pieces = []
            day = local_start.date()
            while day <= local_end.date():
                week_type = str(self.env['resource.calendar.attendance'].get_week_type(day))
                for line in lines:
                    if int(line.dayofweek) != day.weekday():
                        continue
                    if self.two_weeks_calendar and line.week_type and line.week_type != week_type:
                        continue
                    if (line.date_from and day < line.date_from) or (line.date_to and day > line.date_to):
                        continue
                    begin = zone.localize(datetime.datetime.combine(day, float_to_time(line.hour_from)))
                    finish = zone.localize(datetime.datetime.combine(day, float_to_time(line.hour_to)))
                    begin, finish = max(begin, local_start), min(finish, local_end)
                    if begin < finish:
                        pieces.append((begin, finish, line))
                day += datetime.timedelta(days=1)
            result[resource.id] = Intervals(pieces)
        return result

    def _leave_intervals_batch(self, start_dt, end_dt, resources=None, domain=None, tz=None):
        """{resource id: Intervals} of the time off of the calendar (global
        leaves) and of each resource."""
        self.ensure_one()
        resources = resources or self.env['resource.resource']
        targets = list(resources) + [self.env['resource.resource']]
        start_dt, _revert = make_aware(start_dt)
        end_dt, _revert = make_aware(end_dt)
        base_domain = [('time_type', '=', 'leave'), ('calendar_id', 'in', [False, self.id]),
                       ('resource_id', 'in', [False] + [r.id for r in resources]),
                       ('date_from', '<=', end_dt.astimezone(pytz.utc).replace(tzinfo=None)),
                       ('date_to', '>=', start_dt.astimezone(pytz.utc).replace(tzinfo=None))]
        if domain is not None:
            base_domain = expression.AND([base_domain, domain])
        leaves = self.env['resource.calendar.leaves'].search(base_domain)
        result = defaultdict(list)
        for leave in leaves:
            begin = pytz.utc.localize(leave.date_from)
            finish = pytz.utc.localize(leave.date_to)
            for resource in targets:
                if leave.resource_id and leave.resource_id != resource:
                    continue
                result[resource.id].append((max(begin, start_dt), min(finish, end_dt), leave))
        return {resource.id: Intervals(result[resource.id]) for resource in targets}

    def _work_intervals_batch(self, start_dt, end_dt, resources=None, domain=None, tz=None,
                              compute_leaves=True):
        """{resource id: Intervals} worked: attendances minus time off."""
        attendances = self._attendance_intervals_batch(start_dt, end_dt, resources, tz=tz)
        if not compute_leaves:
            return attendances
        leaves = self._leave_intervals_batch(start_dt, end_dt, resources, domain, tz=tz)
        return {rid: attendances[rid] - leaves.get(rid, Intervals()) for rid in attendances}

    def get_work_hours_count(self, start_dt, end_dt, compute_leaves=True, domain=None):
        """Hours of work of the calendar between two datetimes."""
        self.ensure_one()
        start_dt, _revert = make_aware(start_dt)
        end_dt, _revert = make_aware(end_dt)
        batch = self._work_intervals_batch(start_dt, end_dt, domain=domain, compute_leaves=compute_leaves)
        intervals = batch[self.env['resource.resource'].id]
        return sum_intervals(intervals)

    def _get_days_data(self, intervals, day_total):
        """{'days': worked days (fractions of the day's hours), 'hours': hours}."""
        per_day = defaultdict(float)
        for start, stop, _meta in intervals:
            per_day[start.date()] += (stop - start).total_seconds() / 3600
        days = sum(hours / day_total[day] if day_total.get(day) else 0 for day, hours in per_day.items())
        return {'days': round(days * 16) / 16, 'hours': sum(per_day.values())}

    def _get_work_duration_data(self, start_dt, end_dt, compute_leaves=True, domain=None):
        """{'days', 'hours'} of work between two datetimes."""
        self.ensure_one()
        start_dt, _revert = make_aware(start_dt)
        end_dt, _revert = make_aware(end_dt)
        key = self.env['resource.resource'].id
        full = self._attendance_intervals_batch(start_dt, end_dt)[key]
        day_total = defaultdict(float)
        for start, stop, _meta in full:
            day_total[start.date()] += (stop - start).total_seconds() / 3600
        worked = self._work_intervals_batch(start_dt, end_dt, domain=domain, compute_leaves=compute_leaves)[key]
        return self._get_days_data(worked, day_total)

    def plan_hours(self, hours, day_dt, compute_leaves=False, domain=None, resource=None):
        """The datetime at which ``hours`` of work starting at ``day_dt`` end
        (False beyond a year)."""
        self.ensure_one()
        day_dt, revert = make_aware(day_dt)
        remaining = hours
        horizon = day_dt + datetime.timedelta(days=366)
        window_start = day_dt
        while window_start < horizon:
            window_end = window_start + datetime.timedelta(days=14)
            resources = resource or self.env['resource.resource']
            intervals = self._work_intervals_batch(window_start, window_end, resources, domain=domain,
                                                   compute_leaves=compute_leaves)[resources.id]
            for start, stop, _meta in intervals:
                length = (stop - start).total_seconds() / 3600
                if remaining <= length:
                    return revert(start + datetime.timedelta(hours=remaining))
                remaining -= length
            window_start = window_end
        return False
