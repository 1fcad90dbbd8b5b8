"""Merging duplicate customers: what moves to the kept customer (contacts,
collaborators, tags, chatter, followers, documents pointing at the others),
what is filled in, who may merge, and what is refused."""
from odoo.exceptions import AccessError, UserError

from .common import TianchiCrmCase, make_credit_code


class TestMerge(TianchiCrmCase):

    def _merge(self, user, kept, partners):
        wizard = self.env['tianchi.customer.merge'].with_user(user).with_context(
            active_model='res.partner', active_ids=partners.ids).create({'dst_partner_id': kept.id})
        self.assertEqual(wizard.partner_ids, partners)
        return wizard.action_merge()

    def test_merge_moves_everything_to_the_kept_customer(self):
        tag_a = self.env['res.partner.category'].create({'name': '老客户'})
        tag_b = self.env['res.partner.category'].create({'name': '华东'})
        self.customer.category_id = tag_a
        twin = self.customer_of(self.owner, '杭州西湖龙井茶业', phone='0571-87654321', category_id=[(6, 0, (tag_a | tag_b).ids)],
                                tianchi_total_sales=5000, collaborator_ids=[(6, 0, self.users['sale'].ids)])
        twin_contact = self.Partner.create({'name': '刘出纳', 'parent_id': twin.id})
        twin.message_post(body='二号档案的跟进记录')
        twin.message_subscribe(partner_ids=self.users['marketing'].partner_id.ids)
        # any many2one pointing at the removed customer follows it
        elsewhere = self.env['mail.message'].create({
            'model': 'res.partner', 'res_id': self.pool_customer.id, 'body': '二号写给公海客户',
            'author_id': twin.id, 'message_type': 'comment'})

        self._merge(self.users['department_head'], self.customer, self.customer | twin)

        self.assertFalse(twin.exists())
        customer = self.customer
        self.assertEqual(customer.child_ids, self.contact | twin_contact)
        self.assertEqual(twin_contact.commercial_partner_id, customer)
        self.assertEqual(twin_contact.vat, customer.vat)
        self.assertEqual(customer.category_id, tag_a | tag_b)
        self.assertEqual(customer.collaborator_ids, self.users['sale'])
        self.assertEqual(customer.phone, '0571-87654321')
        self.assertEqual(customer.tianchi_total_sales, 5000)
        self.assertIn('二号档案的跟进记录', ''.join(customer.message_ids.mapped('body')))
        self.assertIn(self.users['marketing'].partner_id, customer.message_partner_ids)
        self.assertIn('tc_department_head', customer.message_ids[:1].body)
        self.assertEqual(elsewhere.author_id, customer)

    def test_blank_credit_code_is_taken_from_the_removed_customer(self):
        kept = self.customer_of(self.owner, '无代码客户')
        code = make_credit_code(31)
        other = self.customer_of(self.owner, '有代码客户', vat=code)
        self._merge(self.users['hq_head'], kept, kept | other)
        self.assertEqual(kept.vat, code)

    def test_staff_may_not_merge(self):
        twin = self.customer_of(self.users['sale'], '重复客户甲')
        mine = self.customer_of(self.users['sale'], '重复客户乙')
        with self.assertRaises(AccessError):
            self._merge(self.users['sale'], mine, mine | twin)
        self.assertTrue(twin.exists())

    def test_head_merges_only_their_branch(self):
        # the pool customer is visible to the head, but not theirs to edit
        with self.assertRaises(AccessError):
            self._merge(self.users['department_head'], self.customer, self.customer | self.pool_customer)
        self.assertTrue(self.pool_customer.exists())
        # customers of another branch, which the head cannot even see
        elsewhere = self.customer_of(self.users['tech'], '技术部的客户')
        wizard = self.env['tianchi.customer.merge'].with_user(self.users['department_head']).with_context(
            active_model='res.partner', active_ids=(self.customer | elsewhere).ids).create({
                'dst_partner_id': self.customer.id})
        wizard.invalidate_recordset()
        self.assertEqual(wizard.partner_ids, self.customer)
        # refused either way (AccessError is a UserError)
        with self.assertRaises(UserError):
            wizard.action_merge()
        self.assertTrue(elsewhere.exists())

    def test_refused_merges(self):
        with self.assertRaises(UserError):
            self._merge(self.users['hq_head'], self.customer, self.customer | self.contact)
        plain = self.env['res.partner'].create({'name': '不是客户'})
        with self.assertRaises(UserError):
            self._merge(self.users['hq_head'], self.customer, self.customer | plain)
        with self.assertRaises(UserError):
            self._merge(self.users['hq_head'], self.customer, self.customer)

    def test_possible_duplicates(self):
        same_name = self.customer_of(self.users['sale'], '杭州西湖龙井茶业有限公司 ')
        same_phone = self.customer_of(self.users['sale'], '别名公司', phone='0571 8888 0000')
        self.customer.phone = '0571-88880000'
        self.assertEqual(self.customer._tianchi_find_duplicates(), same_name | same_phone)
        flagged = self.env['res.partner'].search([('tianchi_has_duplicate', '=', True)])
        self.assertIn(self.customer, flagged)
        self.assertIn(same_name, flagged)
        self.assertIn(same_phone, flagged)
        self.assertNotIn(self.pool_customer, flagged)
        self.assertTrue(same_phone.tianchi_has_duplicate)
        action = self.customer.action_tianchi_show_duplicates()
        self.assertEqual(self.env['res.partner'].search(action['domain']), self.customer | same_name | same_phone)
