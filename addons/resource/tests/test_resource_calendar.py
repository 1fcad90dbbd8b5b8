"""Working schedules: the standard 40 hours week, work hours of a period with
time off, planning hours, two-week schedules, resources of records."""
import datetime

import psycopg2.errors
import pytz
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


def shanghai(*args):
    return pytz.timezone('Asia/Shanghai').localize(datetime.datetime(*args))


@tagged('at_install', '-post_install')
class TestResourceCalendar(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env['resource.calendar'].create({'name': '标准工时', 'tz': 'Asia/Shanghai'})

    def test_new_calendar_is_the_standard_week(self):
        lines = self.calendar.attendance_ids
        self.assertEqual(len(lines.filtered(lambda a: a.day_period != 'lunch')), 10)
        self.assertEqual(set(lines.mapped('dayofweek')), {'0', '1', '2', '3', '4'})
        self.assertEqual(self.calendar.hours_per_day, 8.0)
        self.assertEqual(self.env.company.resource_calendar_id.hours_per_day, 8.0)
        self.assertTrue(self.env.ref('resource.resource_calendar_std').attendance_ids)

    def test_work_hours_of_a_week_with_a_holiday(self):
        monday, next_monday = shanghai(2024, 9, 30), shanghai(2024, 10, 7)
        self.assertEqual(self.calendar.get_work_hours_count(monday, next_monday), 40.0)
        self.env['resource.calendar.leaves'].create({
            'name': '国庆节', 'calendar_id': self.calendar.id,
            'date_from': datetime.datetime(2024, 9, 30, 16, 0),  # 1 October 00:00 in Shanghai
            'date_to': datetime.datetime(2024, 10, 2, 16, 0)})
        self.assertEqual(self.calendar.get_work_hours_count(monday, next_monday), 24.0)
        self.assertEqual(self.calendar.get_work_hours_count(monday, next_monday, compute_leaves=False), 40.0)
        data = self.calendar._get_work_duration_data(monday, next_monday)
        self.assertEqual(data, {'days': 3.0, 'hours': 24.0})

    def test_lunch_break_is_not_worked(self):
        day = self.calendar._attendance_intervals_batch(shanghai(2024, 3, 4, 0), shanghai(2024, 3, 5, 0))[False]
        self.assertEqual([(a.hour, b.hour) for a, b, _m in day], [(8, 12), (13, 17)])
        lunch = self.calendar._attendance_intervals_batch(shanghai(2024, 3, 4, 0), shanghai(2024, 3, 5, 0),
                                                          lunch=True)[False]
        self.assertEqual([(a.hour, b.hour) for a, b, _m in lunch], [(12, 13)])

    def test_plan_hours(self):
        # Friday 16-17, Monday 8-12 and 13-17, then one hour on Tuesday
        end = self.calendar.plan_hours(10, shanghai(2024, 3, 1, 16))
        self.assertEqual(end, shanghai(2024, 3, 5, 9))

    def test_two_weeks_calendar(self):
        calendar = self.env['resource.calendar'].create({
            'name': '大小周', 'tz': 'UTC', 'two_weeks_calendar': True,
            'attendance_ids': [(5, 0, 0)] + [
                (0, 0, {'name': f'{week}-{day}', 'dayofweek': str(day), 'hour_from': 9, 'hour_to': 17,
                        'week_type': week})
                for week, days in (('0', range(5)), ('1', range(6))) for day in days
            ]})
        first = datetime.date(2024, 3, 4)
        week_type = self.env['resource.calendar.attendance'].get_week_type(first)
        start = pytz.utc.localize(datetime.datetime(2024, 3, 4))
        hours = calendar.get_work_hours_count(start, start + datetime.timedelta(days=14))
        self.assertEqual(hours, 11 * 8.0)
        self.assertIn(week_type, (0, 1))

    def test_attendance_must_end_after_start(self):
        with self.assertRaises(ValidationError):
            self.env['resource.calendar.attendance'].create({
                'name': '错误', 'calendar_id': self.calendar.id, 'dayofweek': '0',
                'hour_from': 15, 'hour_to': 9})

    def test_company_gets_a_calendar(self):
        company = self.env['res.company'].create({'name': '天池分公司'})
        self.assertTrue(company.resource_calendar_id)
        self.assertEqual(company.resource_calendar_id.company_id, company)

    def test_resource_takes_calendar_timezone(self):
        resource = self.env['resource.resource'].create({'name': '会议室A', 'resource_type': 'material',
                                                         'calendar_id': self.calendar.id})
        self.assertEqual(resource.tz, 'Asia/Shanghai')
        with self.assertRaises(psycopg2.errors.CheckViolation), self.env.cr.savepoint():
            resource.time_efficiency = 0
            resource.flush_recordset()
