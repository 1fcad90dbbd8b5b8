"""The customer's own department tree: paths and full names, no cycles,
no mixing of customers, contacts placed only in their company's
departments, and the same visibility as the customer."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_contact_record_common import TianchiContactCase


class TestCustomerDepartment(TianchiContactCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env['tianchi.customer.department']
        cls.top = Department.create({'name': '总经办', 'partner_id': cls.customer.id})
        cls.buying = Department.create({'name': '采购部', 'partner_id': cls.customer.id, 'parent_id': cls.top.id})
        cls.raw = Department.create({'name': '原料组', 'partner_id': cls.customer.id, 'parent_id': cls.buying.id})

    def test_tree(self):
        self.assertEqual(self.raw.complete_name, '总经办 / 采购部 / 原料组')
        Department = self.env['tianchi.customer.department']
        self.assertEqual(Department.search([('id', 'child_of', self.buying.id)]), self.buying | self.raw)
        self.assertEqual(Department.search([('id', 'parent_of', self.raw.id)]), self.top | self.buying | self.raw)
        self.top.name = '董事会'
        self.assertEqual(self.raw.complete_name, '董事会 / 采购部 / 原料组')
        self.assertEqual(self.customer.customer_department_count, 3)

    def test_no_cycle(self):
        # the parent store notices first (a UserError), else the constraint (a ValidationError, a UserError too)
        with self.assertRaises(UserError):
            self.top.parent_id = self.raw

    def test_parent_of_the_same_customer(self):
        other = self.customer_of(self.owner, '别的客户')
        with self.assertRaises(ValidationError):
            self.env['tianchi.customer.department'].create({
                'name': '财务部', 'partner_id': other.id, 'parent_id': self.top.id})

    def test_contacts_and_manager_belong_to_the_customer(self):
        self.contact.write({'customer_department_id': self.buying.id, 'function': '采购经理'})
        self.buying.manager_contact_id = self.contact
        self.assertEqual(self.buying.contact_ids, self.contact)
        stranger = self.contact_of(self.customer_of(self.owner, '别的客户'), '张三')
        with self.assertRaises(ValidationError):
            stranger.customer_department_id = self.buying
        with self.assertRaises(ValidationError):
            self.raw.manager_contact_id = stranger

    def test_departments_follow_the_customer_visibility(self):
        Department = self.env['tianchi.customer.department']
        tree = self.top | self.buying | self.raw
        for user in (self.owner, self.users['department_head'], self.users['hq_head']):
            self.assertEqual(Department.with_user(user).search([('partner_id', '=', self.customer.id)]), tree)
        for role in ('sale', 'tech', 'project_manager'):
            self.assertFalse(Department.with_user(self.users[role]).search([('partner_id', '=', self.customer.id)]))
            with self.assertRaises(AccessError):
                self.buying.with_user(self.users[role]).write({'name': '改名'})
        self.assertFalse(Department.with_user(self.tech_head).search([('partner_id', '=', self.customer.id)]))
        # the owner organises their customer; others do not
        self.buying.with_user(self.owner).write({'name': '采购中心'})
        with self.assertRaises(AccessError):
            Department.with_user(self.users['sale']).create({'name': '市场部', 'partner_id': self.customer.id})
        # a collaborator of the customer sees and edits the tree too
        self.customer.collaborator_ids = self.users['project_manager']
        self.raw.with_user(self.users['project_manager']).write({'name': '辅料组'})
        # transferring the customer moves the tree with it
        self.customer.user_id = self.users['sale']
        self.assertEqual(Department.with_user(self.users['sale']).search([('partner_id', '=', self.customer.id)]), tree)
        self.assertFalse(Department.with_user(self.owner).search([('partner_id', '=', self.customer.id)]))

    def test_pool_customer_tree_is_read_only_for_everyone(self):
        self.customer.user_id = False
        self.buying.with_user(self.users['tech']).read(['name'])
        with self.assertRaises(AccessError):
            self.buying.with_user(self.users['tech']).write({'name': '改名'})
