"""The visibility matrix of tianchi_org, for customers: every role by read /
write / create / delete / transfer / release / claim, on the role's own
customer, on the customer of tc_owner (two levels below the department
head) and on a customer of the public pool, run as the real users; each
cell either works or raises AccessError."""
from odoo.addons.tianchi_org.tests.common import HEADS
from odoo.exceptions import AccessError

from .common import ROLE_GROUPS, TianchiCrmCase

EVERYONE = set(ROLE_GROUPS)
ALLOWED = {
    ('read', 'own'): EVERYONE,
    ('write', 'own'): EVERYONE,
    ('create', 'own'): EVERYONE,
    ('delete', 'own'): {'hq_head'},
    ('transfer', 'own'): HEADS,
    ('release', 'own'): EVERYONE,
    ('read', 'other'): HEADS,
    ('write', 'other'): HEADS,
    ('create', 'other'): HEADS,
    ('delete', 'other'): {'hq_head'},
    ('transfer', 'other'): HEADS,
    ('release', 'other'): HEADS,
    ('read', 'pool'): EVERYONE,
    ('write', 'pool'): {'hq_head'},
    ('delete', 'pool'): {'hq_head'},
    ('claim', 'pool'): EVERYONE,
    # pool customers are claimed: no head hands them out by transfer
    ('transfer', 'pool'): {'hq_head'},
}


class TestCustomerMatrix(TianchiCrmCase):

    def _target(self, user, target):
        if target == 'own':
            return self.customer_of(user, '自有客户')
        if target == 'other':
            return self.customer_of(self.owner, '他人客户')
        return self.customer_of(False, '公海客户')

    def _run(self, operation, user, target):
        Partner = self.env['res.partner'].with_user(user).with_company(self.company)
        if operation == 'create':
            owner = user if target == 'own' else self.owner
            customer = Partner.with_context(default_tianchi_is_customer=True).create({
                'name': '新客户', 'is_company': True, 'user_id': owner.id})
            customer.read(['name'])
            self.assertTrue(customer.tianchi_is_customer)
            return
        customer = self._target(user, target).with_user(user)
        if operation == 'read':
            customer.read(['name', 'user_id'])
            self.assertEqual(Partner.search([('id', '=', customer.id)]), customer)
        elif operation == 'write':
            customer.write({'phone': '0571-88886666'})
        elif operation == 'delete':
            customer.unlink()
        elif operation == 'transfer':
            self.env['tianchi.transfer'].with_user(user).create({
                'res_model': 'res.partner', 'res_ids': customer.ids,
                'user_id': self.users['tech'].id}).action_transfer()
            self.assertEqual(customer.sudo().user_id, self.users['tech'])
        elif operation == 'release':
            customer.action_release_to_pool()
            self.assertFalse(customer.sudo().user_id)
        elif operation == 'claim':
            customer.action_claim()
            self.assertEqual(customer.sudo().user_id, user)

    def test_matrix(self):
        self.assert_visibility_matrix(ALLOWED, self._run)

    def test_hidden_customer_is_not_listed(self):
        for role in EVERYONE - HEADS:
            Partner = self.env['res.partner'].with_user(self.users[role])
            self.assertFalse(Partner.search([('id', 'in', (self.customer | self.contact).ids)]), role)

    def test_contacts_follow_their_customer(self):
        self.assertTrue(self.contact.tianchi_is_customer)
        self.assertEqual(self.contact.user_id, self.owner)
        self.contact.with_user(self.owner).write({'phone': '13800000001'})
        with self.assertRaises(AccessError):
            self.contact.with_user(self.users['sale']).read(['name'])
        self.contact.with_user(self.users['department_head']).read(['name'])

    def test_collaborator_sees_customer_and_contacts(self):
        self.customer.collaborator_ids = self.users['project_manager']
        pm = self.users['project_manager']
        self.customer.with_user(pm).write({'phone': '0571-12345678'})
        self.contact.with_user(pm).write({'function': '总经理'})
        with self.assertRaises(AccessError):
            self.customer.with_user(pm).unlink()

    def test_owner_cannot_give_away_by_writing(self):
        customer = self.customer_of(self.users['sale'], '销售的客户')
        with self.assertRaises(AccessError):
            customer.with_user(self.users['sale']).write({'user_id': self.users['tech'].id})

    def test_head_of_another_branch_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.tech_head).read(['name'])
        mine = self.customer_of(self.users['tech'], '技术部客户')
        mine.with_user(self.tech_head).write({'phone': '010-66668888'})

    def test_new_head_sees_at_once(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.users['finance']).read(['name'])
        self.dep_south.head_ids = self.employees['finance']
        self.customer.with_user(self.users['finance']).read(['name'])

    def test_other_company_is_invisible_to_its_hq_head(self):
        other = self.env['res.company'].create({'name': '别家贸易公司'})
        customer = self.env['res.partner'].create({
            'name': '别家客户', 'tianchi_is_customer': True, 'is_company': True,
            'company_id': other.id, 'user_id': False})
        found = self.env['res.partner'].with_user(self.users['hq_head']).search([('id', '=', customer.id)])
        self.assertFalse(found)

    def test_other_partners_keep_odoo_rules(self):
        """Partners outside the customer file stay readable and editable
        by internal users, and only customers are guarded."""
        sale = self.users['sale']
        Partner = self.env['res.partner'].with_user(sale)
        supplier = Partner.create({'name': '上海某供应商', 'is_company': True})
        self.assertFalse(supplier.tianchi_is_customer)
        self.assertFalse(supplier.user_id)
        supplier.write({'phone': '021-55556666'})
        # colleagues' own partners stay visible (Odoo's rule on internal users' partners)
        self.assertTrue(Partner.search([('id', '=', self.owner.partner_id.id)]))
        foreign = self.env['res.partner'].create({'name': '另一家供应商', 'user_id': self.users['tech'].id})
        foreign.with_user(sale).write({'phone': '021-77778888'})

    def test_transfer_moves_contacts_of_the_same_owner(self):
        other_contact = self.Partner.create({'name': '李秘书', 'parent_id': self.customer.id,
                                             'user_id': self.users['sale'].id})
        self.env['tianchi.transfer'].with_user(self.users['department_head']).create({
            'res_model': 'res.partner', 'res_ids': self.customer.ids,
            'user_id': self.users['marketing'].id, 'reason': '调整区域'}).action_transfer()
        self.assertEqual(self.customer.user_id, self.users['marketing'])
        self.assertEqual(self.contact.user_id, self.users['marketing'])
        self.assertEqual(other_contact.user_id, self.users['sale'])
        body = self.customer.message_ids[:1].body
        self.assertIn('tc_department_head', body)
        self.assertIn('调整区域', body)
        self.assertEqual(self.customer.owner_department_id, self.dep_tech)

    def test_hq_head_deletes_in_bulk(self):
        customers = self.customer_of(self.owner, '甲') | self.customer_of(self.users['tech'], '乙')
        self.env['res.partner'].with_user(self.users['hq_head']).browse(customers.ids).unlink()
        self.assertFalse(customers.exists())
