"""The visibility matrix of tianchi_org for contacts (child partners of a
customer) and contact records: every role by read / write / create /
delete, on its own customer's contact and record and on those of the
owner two levels below the department head, run as the real users."""
from odoo.addons.tianchi_org.tests.common import HEADS, ROLE_GROUPS
from odoo.exceptions import AccessError

from .test_contact_record_common import TianchiContactCase

ALLOWED = {
    ('read', 'own'): set(ROLE_GROUPS),
    ('write', 'own'): set(ROLE_GROUPS),
    ('create', 'own'): set(ROLE_GROUPS),
    ('delete', 'own'): {'hq_head'},
    ('read', 'other'): HEADS,
    ('write', 'other'): HEADS,
    ('create', 'other'): HEADS,
    ('delete', 'other'): {'hq_head'},
}


class TestContactMatrix(TianchiContactCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_customers = {role: cls.customer_of(user, f'{role} 的客户') for role, user in cls.users.items()}

    def _target(self, user, role, target):
        """The customer and the person whose records are at stake."""
        if target == 'own':
            return self.own_customers[role], user
        return self.customer, self.owner

    def _run_contact(self, operation, role, target):
        user = self.users[role]
        customer, _owner = self._target(user, role, target)
        Partner = self.env['res.partner'].with_user(user).with_company(self.company)
        if operation == 'create':
            contact = Partner.create({'name': '新联系人', 'parent_id': customer.id, 'type': 'contact',
                                      'function': '采购'})
            contact.read(['name', 'function'])
            return
        contact = self.contact_of(customer, '联系人').with_user(user)
        if operation == 'read':
            contact.read(['name', 'function', 'customer_department_id'])
            self.assertEqual(Partner.search([('id', '=', contact.id)]), contact)
        elif operation == 'write':
            contact.write({'function': '总监'})
        elif operation == 'delete':
            contact.unlink()

    def _run_record(self, operation, role, target):
        user = self.users[role]
        customer, owner = self._target(user, role, target)
        Record = self.env['tianchi.contact.record'].with_user(user).with_company(self.company)
        if operation == 'create':
            record = Record.create({'partner_id': customer.id, 'user_id': owner.id, 'content': '拜访',
                                    'record_type': 'visit', 'company_id': self.company.id})
            record.read(['content'])
            return
        record = self.record_of(owner, customer=customer).with_user(user)
        if operation == 'read':
            record.read(['content', 'partner_id'])
            self.assertEqual(Record.search([('id', '=', record.id)]), record)
        elif operation == 'write':
            record.write({'content': '已修改'})
        elif operation == 'delete':
            record.unlink()

    def _matrix(self, run):
        roles = {user: role for role, user in self.users.items()}
        self.assert_visibility_matrix(ALLOWED, lambda operation, user, target: run(operation, roles[user], target))

    def test_contact_matrix(self):
        self._matrix(self._run_contact)

    def test_contact_record_matrix(self):
        self._matrix(self._run_record)

    def test_hidden_ones_are_not_listed(self):
        record = self.record_of(self.owner)
        for role in set(ROLE_GROUPS) - HEADS:
            user = self.users[role]
            self.assertFalse(self.env['res.partner'].with_user(user).search([('id', '=', self.contact.id)]), role)
            self.assertFalse(self.env['tianchi.contact.record'].with_user(user).search([('id', '=', record.id)]),
                             role)
        self.assertFalse(self.env['tianchi.contact.record'].with_user(self.tech_head).search(
            [('id', '=', record.id)]))

    def test_contacts_follow_a_transfer(self):
        self.customer.with_user(self.users['hq_head'])._tianchi_transfer(self.users['sale'])
        self.contact.with_user(self.users['sale']).write({'function': '总监'})
        with self.assertRaises(AccessError):
            self.contact.with_user(self.owner).read(['name'])

    def test_collaborator_of_the_customer_sees_its_contacts(self):
        self.customer.collaborator_ids = self.users['project_manager']
        self.contact.with_user(self.users['project_manager']).write({'function': '副总'})
