"""One period of a working schedule: a day of the week, from an hour to an
hour (a morning, a lunch break, an afternoon)."""
from __future__ import annotations

import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResourceCalendarAttendance(models.Model):
    _name = 'resource.calendar.attendance'
    _description = 'Work Detail'
    _order = 'sequence, week_type, dayofweek, hour_from'

    name = fields.Char(required=True)
    dayofweek = fields.Selection([
        ('0', 'Monday'), ('1', 'Tuesday'), ('2', 'Wednesday'), ('3', 'Thursday'),
        ('4', 'Friday'), ('5', 'Saturday'), ('6', 'Sunday'),
    ], 'Day of Week', required=True, index=True, default='0')
    date_from = fields.Date(string='Starting Date')
    date_to = fields.Date(string='End Date')
    hour_from = fields.Float(string='Work from', required=True, index=True,
                             help="Start of the period, in hours (8.5 is 08:30)")
    hour_to = fields.Float(string='Work to', required=True,
                           help="End of the period, in hours (24 is midnight)")
    duration_hours = fields.Float(compute='_compute_duration_hours', string='Duration (hours)')
    duration_days = fields.Float(compute='_compute_duration_days', string='Duration (days)')
    calendar_id = fields.Many2one('resource.calendar', string="Resource's Calendar", required=True,
                                  ondelete='cascade', index=True)
    day_period = fields.Selection([('morning', 'Morning'), ('lunch', 'Break'), ('afternoon', 'Afternoon')],
                                  required=True, default='morning')
    resource_id = fields.Many2one('resource.resource', 'Resource')
    week_type = fields.Selection([('1', 'Second'), ('0', 'First')], 'Week Number', default=False)
    two_weeks_calendar = fields.Boolean("Calendar in 2 weeks mode", related='calendar_id.two_weeks_calendar')
    display_type = fields.Selection([('line_section', 'Section')], default=False,
                                    help="Sections group the lines of a two weeks schedule.")
    sequence = fields.Integer(default=10,
                              help="Lines of the same week type are ordered by it.")

    @api.onchange('hour_from', 'hour_to')
    def _onchange_hours(self):
        # keep the hours inside one day and in order
        self.hour_from = min(max(self.hour_from, 0.0), 23.99)
        self.hour_to = min(max(self.hour_to, 0.0), 24.0)
        self.hour_to = max(self.hour_to, self.hour_from)

    @api.depends('hour_from', 'hour_to', 'day_period')
    def _compute_duration_hours(self):
        for line in self:
            line.duration_hours = 0.0 if line.day_period == 'lunch' else line.hour_to - line.hour_from

    @api.depends('duration_hours', 'calendar_id.hours_per_day')
    def _compute_duration_days(self):
        for line in self:
            if line.day_period == 'lunch':
                line.duration_days = 0.0
            elif line.calendar_id.hours_per_day and line.duration_hours > line.calendar_id.hours_per_day / 2:
                line.duration_days = 1.0
            else:
                line.duration_days = 0.5

    @api.constrains('hour_from', 'hour_to')
    def _check_hours(self):
        for line in self:
            if line.hour_from > line.hour_to:
                raise ValidationError(_("The working period “%s” ends before it starts.", line.name))

    @api.model
    def get_week_type(self, date):
        """0 or 1: which week of a two weeks schedule ``date`` falls in
        (weeks counted from 1 January 1970, a Thursday)."""
        return int(math.floor((date.toordinal() - 1) / 7) % 2)

    def _copy_attendance_vals(self):
        self.ensure_one()
        return {
            'name': self.name,
            'dayofweek': self.dayofweek,
            'date_from': self.date_from,
            'date_to': self.date_to,
            'hour_from': self.hour_from,
            'hour_to': self.hour_to,
            'day_period': self.day_period,
            'week_type': self.week_type,
            'display_type': self.display_type,
            'sequence': self.sequence,
        }
