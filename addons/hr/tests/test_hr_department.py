"""Departments: full names, cycles refused, managers and members."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HrCase


@tagged('at_install', '-post_install')
class TestHrDepartment(HrCase):

    def test_complete_name_follows_the_tree(self):
        self.assertEqual(self.dep_east.complete_name, '总经办 / 销售部 / 华东区')
        self.assertEqual(self.dep_east.display_name, '总经办 / 销售部 / 华东区')
        self.assertEqual(self.dep_east.with_context(hierarchical_naming=False).display_name, '华东区')
        self.dep_sales.name = '营销中心'
        self.assertEqual(self.dep_east.complete_name, '总经办 / 营销中心 / 华东区')
        self.assertEqual(self.dep_east.master_department_id, self.dep_top)
        children = self.env['hr.department'].search([('id', 'child_of', self.dep_top.id)])
        self.assertEqual(children, self.dep_top | self.dep_sales | self.dep_east)

    def test_department_cannot_be_its_own_parent(self):
        with self.assertRaises(UserError):
            self.dep_top.parent_id = self.dep_east
            self.dep_top.flush_recordset()
        with self.assertRaises(UserError):
            self.dep_sales.parent_id = self.dep_sales
            self.dep_sales.flush_recordset()

    def test_new_manager_becomes_manager_of_members(self):
        Employee = self.env['hr.employee'].with_user(self.hr_officer)
        old_boss = Employee.create({'name': '老经理', 'department_id': self.dep_sales.id})
        self.dep_sales.with_user(self.hr_manager).manager_id = old_boss
        member = Employee.create({'name': '组员', 'department_id': self.dep_sales.id})
        self.assertEqual(member.parent_id, old_boss)
        new_boss = Employee.create({'name': '新经理', 'department_id': self.dep_sales.id})
        self.dep_sales.with_user(self.hr_manager).manager_id = new_boss
        self.assertEqual(member.parent_id, new_boss)
        self.assertEqual(self.dep_sales.total_employee, 3)
        self.assertEqual(self.dep_sales.member_ids, old_boss | member | new_boss)

    def test_plain_users_read_departments(self):
        department = self.dep_sales.with_user(self.employee_user)
        self.assertEqual(department.name, '销售部')
        with self.assertRaises(AccessError):
            self.env['hr.department'].with_user(self.employee_user).create({'name': '不允许'})
