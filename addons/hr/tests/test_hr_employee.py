"""Employees: resource, work contact, user link, private fields, constraints."""
import psycopg2.errors
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import HrCase


@tagged('at_install', '-post_install')
class TestHrEmployee(HrCase):

    def test_employee_gets_resource_and_work_contact(self):
        employee = self.env['hr.employee'].with_user(self.hr_officer).create({
            'name': '李雷', 'work_email': 'lilei@example.com', 'mobile_phone': '13900000000',
            'department_id': self.dep_sales.id})
        self.assertEqual(employee.resource_id.name, '李雷')
        self.assertEqual(employee.resource_calendar_id, self.env.company.resource_calendar_id)
        self.assertEqual(employee.company_id, self.env.company)
        self.assertEqual(employee.work_contact_id.name, '李雷')
        self.assertEqual(employee.work_contact_id.email, 'lilei@example.com')
        self.assertEqual(employee.work_contact_id.mobile, '13900000000')
        employee.work_email = 'li.lei@example.com'
        self.assertEqual(employee.work_contact_id.email, 'li.lei@example.com')
        employee.name = '李磊'
        self.assertEqual(employee.resource_id.name, '李磊')
        self.assertFalse(employee.is_flexible)

    def test_employee_of_a_user(self):
        employee = self.env['hr.employee'].with_user(self.hr_officer).create({'user_id': self.employee_user.id})
        self.assertEqual(employee.name, '普通员工')
        self.assertEqual(employee.work_contact_id, self.employee_user.partner_id)
        self.assertEqual(employee.tz, 'Asia/Shanghai')
        self.assertEqual(self.employee_user.employee_id, employee)
        self.assertEqual(self.employee_user.employee_count, 1)
        self.assertEqual(employee.resource_id.user_id, self.employee_user)
        self.assertEqual(self.env['res.users'].search([('employee_id', '=', employee.id)]), self.employee_user)
        employee.department_id = self.dep_east
        self.assertEqual(self.employee_user.department_id, self.dep_east)
        # the user's name follows to the employee
        self.employee_user.name = '普通员工甲'
        self.assertEqual(employee.name, '普通员工甲')

    def test_user_created_with_its_employee(self):
        user = self.env['res.users'].create({'name': '新同事', 'login': 'newcomer', 'create_employee': True})
        self.assertEqual(user.employee_ids.name, '新同事')

    def test_coach_follows_manager(self):
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        boss = Employee.create({'name': '经理'})
        other = Employee.create({'name': '另一位经理'})
        employee = Employee.create({'name': '员工', 'parent_id': boss.id})
        self.assertEqual(employee.coach_id, boss)
        with Form(employee) as form:
            form.parent_id = other
            self.assertEqual(form.coach_id, other, "a coach that was the manager follows the manager")
        self.assertEqual(employee.coach_id, other)

    def test_job_counts(self):
        job = self.env['hr.job'].with_user(self.hr_manager).create({'name': '销售代表', 'no_of_recruitment': 2})
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        employee = Employee.create({'name': '小王', 'job_id': job.id})
        self.assertEqual(employee.job_title, '销售代表')
        self.assertEqual((job.no_of_employee, job.expected_employees), (1, 3))

    def test_constraints(self):
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        with self.assertRaises(ValidationError):
            Employee.create({'name': 'PIN 错误', 'pin': '12a4'})
        with self.assertRaises(ValidationError):
            Employee.create({'name': '工牌错误', 'barcode': '工牌-001'})
        Employee.create({'name': '工牌一', 'barcode': 'B0001'})
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            Employee.create({'name': '工牌二', 'barcode': 'B0001'})
            self.env.flush_all()

    def test_private_data_is_for_hr(self):
        employee = self.env['hr.employee'].with_user(self.hr_officer).create({
            'name': '保密', 'private_phone': '13700000000', 'birthday': '1990-01-01'})
        self.assertEqual(employee.private_phone, '13700000000')
        with self.assertRaises(AccessError):
            employee.with_user(self.employee_user).read(['private_phone'])

    def test_form_onchange_user(self):
        form = Form(self.env['hr.employee'].with_user(self.hr_officer))
        form.user_id = self.employee_user
        self.assertEqual(form.name, '普通员工')
        employee = form.save()
        self.assertEqual(employee.user_id, self.employee_user)

    def test_archiving_clears_manager_links(self):
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        boss = Employee.create({'name': '离职经理'})
        member = Employee.create({'name': '留下的人', 'parent_id': boss.id})
        boss.action_archive()
        self.assertFalse(boss.active)
        self.assertFalse(boss.resource_id.active)
        self.assertFalse(member.parent_id)

    def test_users_outside_hr_read_public_data(self):
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        boss = Employee.create({'name': '公开经理', 'department_id': self.dep_sales.id, 'work_email': 'boss@example.com',
                                'private_phone': '13600000000'})
        mine = Employee.create({'name': '普通员工', 'user_id': self.employee_user.id, 'parent_id': boss.id})
        as_plain = self.env['hr.employee'].with_user(self.employee_user)
        found = as_plain.search([('department_id', '=', self.dep_sales.id)])
        self.assertEqual(found, boss)
        self.assertEqual(found.work_email, 'boss@example.com')
        self.assertEqual(found.department_id, self.dep_sales)
        with self.assertRaises(AccessError):
            as_plain.browse(boss.id).read(['private_phone'])
        self.assertEqual(self.employee_user.with_user(self.employee_user).employee_id, mine)
        public = self.env['hr.employee.public'].with_user(self.employee_user).browse(mine.id)
        self.assertEqual((public.name, public.parent_id.id, public.employee_id), ('普通员工', boss.id, mine))
        self.assertTrue(self.env['hr.employee.public'].with_user(self.employee_user).browse(boss.id).is_manager
                        is False)
