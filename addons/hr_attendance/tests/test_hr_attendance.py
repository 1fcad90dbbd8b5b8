"""Attendances: worked hours without lunch, no overlap and one open
attendance, check in/out, presence, extra hours, record rules."""
import datetime

from odoo.addons.hr.tests.common import HrCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged


def utc(*args):
    return datetime.datetime(*args)


@tagged('at_install', '-post_install')
class TestHrAttendance(HrCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(cls.env, login='att_officer', name='考勤专员',
                                    groups='base.group_user,hr_attendance.group_hr_attendance_officer')
        cls.admin_att = new_test_user(cls.env, login='att_admin', name='考勤管理员',
                                      groups='base.group_user,hr_attendance.group_hr_attendance_manager')
        Employee = cls.env['hr.employee'].with_user(cls.hr_officer)
        cls.calendar = cls.env['resource.calendar'].create({'name': '上海标准工时', 'tz': 'Asia/Shanghai'})
        cls.employee = Employee.create({'name': '韩梅梅', 'user_id': cls.employee_user.id,
                                        'resource_calendar_id': cls.calendar.id,
                                        'attendance_manager_id': cls.officer.id})
        cls.colleague = Employee.create({'name': '李华', 'resource_calendar_id': cls.calendar.id})
        cls.Attendance = cls.env['hr.attendance'].with_user(cls.admin_att)

    def test_worked_hours_without_lunch(self):
        # Monday 4 March 2024, 09:00-18:00 in Shanghai (UTC+8)
        att = self.Attendance.create({'employee_id': self.employee.id,
                                      'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 10)})
        self.assertAlmostEqual(att.worked_hours, 8.0)
        self.assertAlmostEqual(att.expected_hours, 8.0)
        self.assertAlmostEqual(att.overtime_hours, 0.0)
        self.assertEqual(att.overtime_status, 'approved')

    def test_flexible_schedule_counts_every_hour(self):
        self.calendar.flexible_hours = True
        att = self.Attendance.create({'employee_id': self.employee.id,
                                      'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 10)})
        self.assertAlmostEqual(att.worked_hours, 9.0)

    def test_check_out_before_check_in(self):
        with self.assertRaises(ValidationError):
            self.Attendance.create({'employee_id': self.employee.id,
                                    'check_in': utc(2024, 3, 4, 10), 'check_out': utc(2024, 3, 4, 9)})

    def test_overlapping_attendances_are_refused(self):
        self.Attendance.create({'employee_id': self.employee.id,
                                'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 4)})
        for check_in, check_out in ((utc(2024, 3, 4, 3), utc(2024, 3, 4, 5)),
                                    (utc(2024, 3, 4, 0), utc(2024, 3, 4, 2)),
                                    (utc(2024, 3, 4, 0), utc(2024, 3, 4, 6))):
            with self.assertRaises(ValidationError):
                self.Attendance.create({'employee_id': self.employee.id,
                                        'check_in': check_in, 'check_out': check_out})
        # another employee at the same time is fine, so is a later slot
        self.Attendance.create({'employee_id': self.colleague.id,
                                'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 4)})
        self.Attendance.create({'employee_id': self.employee.id,
                                'check_in': utc(2024, 3, 4, 5), 'check_out': utc(2024, 3, 4, 9)})

    def test_only_one_open_attendance(self):
        self.Attendance.create({'employee_id': self.employee.id, 'check_in': utc(2024, 3, 4, 1)})
        with self.assertRaises(ValidationError) as caught:
            self.Attendance.create({'employee_id': self.employee.id, 'check_in': utc(2024, 3, 5, 1)})
        self.assertIn('韩梅梅', str(caught.exception))

    def test_check_in_and_out(self):
        employee = self.employee.sudo()
        self.assertEqual(employee.attendance_state, 'checked_out')
        geo = {'latitude': 31.2304, 'longitude': 121.4737, 'ip_address': '10.1.2.3', 'browser': 'chrome',
               'city': '上海', 'country_name': '中国', 'mode': 'systray'}
        att = employee._attendance_action_change(geo)
        self.assertEqual(employee.attendance_state, 'checked_in')
        self.assertEqual(employee.last_attendance_id, att)
        self.assertEqual((att.in_latitude, att.in_longitude, att.in_city, att.in_mode),
                         (31.2304, 121.4737, '上海', 'systray'))
        self.assertFalse(att.check_out)
        same = employee._attendance_action_change(dict(geo, mode='kiosk'))
        self.assertEqual(same, att)
        self.assertTrue(att.check_out)
        self.assertEqual(att.out_mode, 'kiosk')
        self.assertEqual(employee.attendance_state, 'checked_out')
        self.assertEqual(employee.last_check_out, att.check_out)
        self.assertGreaterEqual(employee.hours_today, 0.0)

    def test_extra_hours_of_a_day(self):
        first = self.Attendance.create({'employee_id': self.employee.id,
                                        'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 10)})
        second = self.Attendance.create({'employee_id': self.employee.id,
                                         'check_in': utc(2024, 3, 4, 11), 'check_out': utc(2024, 3, 4, 12, 30)})
        self.env.flush_all()
        # 8 + 1.5 hours worked against 8 expected: the last attendance carries the extra hours
        self.assertAlmostEqual(second.overtime_hours, 1.5)
        self.assertAlmostEqual(first.overtime_hours, 0.0)
        saturday = self.Attendance.create({'employee_id': self.employee.id,
                                           'check_in': utc(2024, 3, 9, 1), 'check_out': utc(2024, 3, 9, 3)})
        self.assertAlmostEqual(saturday.overtime_hours, 2.0, msg="nothing is expected on a Saturday")
        short = self.Attendance.create({'employee_id': self.employee.id,
                                        'check_in': utc(2024, 3, 5, 1), 'check_out': utc(2024, 3, 5, 7)})
        # 09:00-15:00 less the lunch hour: 5 hours of the 8 expected
        self.assertAlmostEqual(short.worked_hours, 5.0)
        self.assertAlmostEqual(short.overtime_hours, -3.0)
        self.assertAlmostEqual(self.employee.sudo().total_overtime, 1.5 + 2.0 - 3.0)

    def test_extra_hours_need_approval_when_configured(self):
        self.env.company.attendance_overtime_validation = 'by_manager'
        att = self.Attendance.create({'employee_id': self.employee.id,
                                      'check_in': utc(2024, 3, 9, 1), 'check_out': utc(2024, 3, 9, 3)})
        self.assertEqual(att.overtime_status, 'to_approve')
        self.assertAlmostEqual(att.validated_overtime_hours, 2.0)
        att.action_refuse_overtime()
        self.assertEqual(att.validated_overtime_hours, 0.0)
        self.assertTrue(att.no_validated_overtime_hours)

    def test_tolerance_in_favour_of_the_company(self):
        self.env.company.overtime_company_threshold = 30
        att = self.Attendance.create({'employee_id': self.employee.id,
                                      'check_in': utc(2024, 3, 4, 1, 20), 'check_out': utc(2024, 3, 4, 10)})
        self.assertAlmostEqual(att.overtime_hours, 0.0, msg="20 missing minutes are within the tolerance")

    def test_record_rules(self):
        own = self.Attendance.create({'employee_id': self.employee.id,
                                      'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 10)})
        other = self.Attendance.create({'employee_id': self.colleague.id,
                                        'check_in': utc(2024, 3, 4, 1), 'check_out': utc(2024, 3, 4, 10)})
        visible = self.env['hr.attendance'].with_user(self.employee_user).search([('id', 'in', (own | other).ids)])
        self.assertEqual(visible, own, "a user reads their own attendances only")
        with self.assertRaises(AccessError):
            own.with_user(self.employee_user).write({'check_out': utc(2024, 3, 4, 11)})
        managed = self.env['hr.attendance'].with_user(self.officer).search([('id', 'in', (own | other).ids)])
        self.assertEqual(managed, own, "an officer sees the employees they manage")
        everything = self.env['hr.attendance'].with_user(self.admin_att).search([('id', 'in', (own | other).ids)])
        self.assertEqual(everything, own | other)

    def test_manager_becomes_officer(self):
        plain = new_test_user(self.env, login='future_officer', groups='base.group_user')
        self.colleague.sudo().attendance_manager_id = plain
        self.assertTrue(plain.has_group('hr_attendance.group_hr_attendance_officer'))

    def test_user_sees_own_state(self):
        self.employee.sudo()._attendance_action_change()
        self.assertEqual(self.employee_user.with_user(self.employee_user).attendance_state, 'checked_in')

    def test_check_out_without_open_attendance_is_refused(self):
        employee = self.colleague.sudo()
        att = employee._attendance_action_change()
        # someone closed it behind the employee's back, leaving the state stale in cache
        self.env.cr.execute("UPDATE hr_attendance SET check_out = check_in WHERE id = %s", (att.id,))
        self.assertEqual(employee.attendance_state, 'checked_in')
        with self.assertRaises(UserError):
            employee._attendance_action_change()
