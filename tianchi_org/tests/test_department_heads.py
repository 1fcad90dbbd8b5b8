"""Several heads per department, marking heads from the employee list,
departments created by name, and people moving between departments."""
from odoo.exceptions import UserError

from .common import ROLE_GROUPS, TianchiOrgCase


class TestDepartmentHeads(TianchiOrgCase):

    def test_manager_and_heads_together(self):
        self.dep_sales.manager_id = self.employees['marketing']
        self.assertEqual(self.dep_sales.all_head_ids,
                         self.employees['marketing'] | self.employees['department_head'])
        self.assertTrue(self.employees['department_head'].is_department_head)
        # heading another department does not make one head of one's own
        self.assertFalse(self.employees['marketing'].is_department_head)

    def test_managed_users_cover_sub_departments(self):
        head = self.users['department_head']
        self.assertIn(self.owner, head.tianchi_managed_user_ids)
        self.assertIn(head, head.tianchi_managed_user_ids)
        self.assertNotIn(self.users['tech'], head.tianchi_managed_user_ids)
        self.assertEqual(self.users['tech'].tianchi_managed_user_ids, self.users['tech'])
        self.assertIn(self.owner, self.users['hq_head'].tianchi_managed_user_ids)

    def test_mark_heads_from_the_list_in_one_action(self):
        hr_user = self.users['hr']
        employees = (self.employees['tech'] | self.employees['stock'] | self.owner_employee)
        employees.with_user(hr_user).action_tianchi_mark_head()
        self.assertIn(self.employees['tech'], self.dep_tech.head_ids)
        self.assertIn(self.employees['stock'], self.dep_tech.head_ids)
        self.assertIn(self.owner_employee, self.dep_south.head_ids)
        # heading gives the head group, which the visibility rules need
        self.assertTrue(self.owner.has_group(ROLE_GROUPS['department_head']))
        self.assertTrue(self.owner_employee.is_department_head)
        self.employees['stock'].with_user(hr_user).action_tianchi_unmark_head()
        self.assertNotIn(self.employees['stock'], self.dep_tech.head_ids)
        # no longer heading anything, the role goes too
        self.assertFalse(self.users['stock'].has_group(ROLE_GROUPS['department_head']))

    def test_former_heads_keep_the_role_only_while_heading_somewhere(self):
        tech = self.employees['tech']
        self.dep_south.head_ids = tech
        self.dep_sales.head_ids = tech | self.employees['department_head']
        self.dep_south.head_ids = False
        # still heads 销售中心
        self.assertTrue(self.users['tech'].has_group(ROLE_GROUPS['department_head']))
        self.dep_sales.head_ids = self.employees['department_head']
        self.assertFalse(self.users['tech'].has_group(ROLE_GROUPS['department_head']))
        self.assertNotIn(self.owner, self.users['tech'].tianchi_managed_user_ids)
        # a manager replaced loses it as well; the HQ head never does
        self.dep_tech.manager_id = self.employees['hq_head']
        self.assertFalse(self.tech_head.has_group(ROLE_GROUPS['department_head']))
        self.dep_tech.manager_id = self.employees['stock']
        self.assertTrue(self.users['hq_head'].has_group(ROLE_GROUPS['department_head']))
        # deleting a department removes its heads too
        project = self.env['hr.department'].create({
            'name': '测试项目组', 'company_id': self.company.id, 'head_ids': [(4, self.employees['service'].id)]})
        self.assertTrue(self.users['service'].has_group(ROLE_GROUPS['department_head']))
        project.unlink()
        self.assertFalse(self.users['service'].has_group(ROLE_GROUPS['department_head']))

    def test_marking_without_department_is_refused(self):
        self.owner_employee.department_id = False
        with self.assertRaises(UserError):
            self.owner_employee.with_user(self.users['hr']).action_tianchi_mark_head()

    def test_department_created_by_typing_its_name(self):
        department_id, name = self.env['hr.department'].with_user(self.users['hr']).name_create('新建事业部')
        department = self.env['hr.department'].browse(department_id)
        self.assertEqual(department.name, '新建事业部')
        self.assertTrue(name)

    def test_move_people_between_departments(self):
        head = self.users['department_head']
        self.assertIn(self.owner, head.tianchi_managed_user_ids)
        note = self.env['tianchi.org.note'].create({'name': '调动前', 'user_id': self.owner.id,
                                                    'company_id': self.company.id, 'date': '2026-03-01'})
        self.assertEqual(note.owner_department_id, self.dep_south)
        move = self.env['hr.employee.move'].with_user(self.users['hr']).with_context(
            active_model='hr.employee', active_ids=self.owner_employee.ids).create({
                'department_id': self.dep_tech.id})
        self.assertEqual(move.employee_ids, self.owner_employee)
        move.action_move()
        self.assertEqual(self.owner_employee.department_id, self.dep_tech)
        self.assertEqual(self.owner_employee.parent_id, self.tech_head_employee)
        self.assertNotIn(self.owner, head.tianchi_managed_user_ids)
        self.assertIn(self.owner, self.tech_head.tianchi_managed_user_ids)
        self.assertEqual(note.owner_department_id, self.dep_tech)

    def test_staff_cannot_move_people(self):
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.env['hr.employee.move'].with_user(self.users['sale']).create({
                'employee_ids': [(6, 0, self.owner_employee.ids)], 'department_id': self.dep_tech.id})
