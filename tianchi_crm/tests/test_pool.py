"""The public pool (公海): release by the owner or a head, the nightly move
of customers without contact, who sees and edits pool customers, claiming
(one winner, the loser told who won) and the daily claim limit."""
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError

from .common import TianchiCrmCase


class TestPool(TianchiCrmCase):

    def test_owner_releases_with_contacts(self):
        self.customer.with_user(self.owner).action_release_to_pool()
        self.assertFalse(self.customer.user_id)
        self.assertFalse(self.contact.user_id)
        self.assertEqual(self.customer.tianchi_pool_reason, 'released')
        self.assertTrue(self.customer.tianchi_pool_date)
        self.assertTrue(self.customer.tianchi_in_pool)
        self.assertIn('tc_owner', self.customer.message_ids[:1].body)
        pool = self.env['res.partner'].search([('tianchi_in_pool', '=', True)])
        self.assertIn(self.customer, pool)
        self.assertNotIn(self.contact, pool)

    def test_colleague_cannot_release(self):
        colleague = self.customer_of(self.users['sale'], '同事的客户')
        with self.assertRaises(AccessError):
            colleague.with_user(self.users['marketing']).action_release_to_pool()
        with self.assertRaises(UserError):
            self.pool_customer.with_user(self.users['hq_head']).action_release_to_pool()

    def test_pool_is_read_only_until_claimed(self):
        sale = self.users['sale']
        pool_customer = self.pool_customer.with_user(sale)
        pool_customer.read(['name', 'phone'])
        with self.assertRaises(AccessError):
            pool_customer.write({'phone': '0574-88889999'})
        with self.assertRaises(AccessError):
            self.pool_customer.with_user(self.users['department_head']).write({'phone': '0574-1'})
        self.pool_customer.with_user(self.users['hq_head']).write({'phone': '0574-2'})
        pool_customer.action_claim()
        pool_customer.write({'phone': '0574-88889999'})
        self.assertEqual(self.pool_customer.user_id, sale)
        self.assertEqual(self.pool_customer.tianchi_claim_user_id, sale)
        self.assertFalse(self.pool_customer.tianchi_pool_date)
        self.assertEqual(self.pool_customer.owner_department_id, self.dep_tech)

    def test_claim_takes_the_contacts_along(self):
        contact = self.Partner.create({'name': '陈调度', 'parent_id': self.pool_customer.id})
        self.assertFalse(contact.user_id)
        self.pool_customer.with_user(self.users['finance']).action_claim()
        self.assertEqual(contact.user_id, self.users['finance'])

    def test_claim_from_the_action_menu(self):
        # the list's Action menu runs the bound server action as the salesperson
        action = self.env.ref('tianchi_crm.tianchi_customer_claim_action').with_user(self.users['sale'])
        action.with_context(active_model='res.partner', active_id=self.pool_customer.id,
                            active_ids=self.pool_customer.ids).run()
        self.assertEqual(self.pool_customer.user_id, self.users['sale'])

    def test_second_claimant_learns_who_won(self):
        self.pool_customer.with_user(self.users['sale']).action_claim()
        with self.assertRaises(UserError) as caught:
            self.pool_customer.with_user(self.users['marketing']).action_claim()
        self.assertIn('tc_sale', str(caught.exception))
        self.assertEqual(self.pool_customer.user_id, self.users['sale'])

    def test_daily_claim_limit(self):
        self.company.tianchi_pool_claim_limit = 2
        sale = self.users['sale']
        pooled = [self.customer_of(False, f'公海客户{i}') for i in range(3)]
        pooled[0].with_user(sale).action_claim()
        pooled[1].with_user(sale).action_claim()
        with self.assertRaises(UserError) as caught:
            pooled[2].with_user(sale).action_claim()
        self.assertIn('2', str(caught.exception))
        self.assertFalse(pooled[2].user_id)
        self.assertEqual(sale.tianchi_claim_count, 2)
        # another person has their own allowance
        pooled[2].with_user(self.users['marketing']).action_claim()
        # a new day, a new allowance
        self.env.cr.execute("UPDATE res_users SET tianchi_claim_day = %s WHERE id = %s",
                            [date.today() - timedelta(days=2), sale.id])
        sale.invalidate_recordset(['tianchi_claim_day', 'tianchi_claim_count'])
        self.pool_customer.with_user(sale).action_claim()
        self.assertEqual(sale.tianchi_claim_count, 1)

    def test_contacts_and_strangers_cannot_be_claimed(self):
        with self.assertRaises(UserError):
            self.contact.action_claim()
        plain = self.env['res.partner'].create({'name': '非客户'})
        with self.assertRaises(UserError):
            plain.with_user(self.users['sale']).action_claim()

    def test_cron_moves_customers_without_contact(self):
        recent = self.customer_of(self.users['sale'], '常联系客户', last_contact_date=date.today() - timedelta(days=3))
        stale = self.customer_of(self.users['sale'], '久未联系客户', last_contact_date=date.today() - timedelta(days=40))
        never = self.customer_of(self.users['sale'], '从未联系客户')
        self.env.cr.execute("UPDATE res_partner SET create_date = now() - interval '60 days' WHERE id = %s",
                            [never.id])
        never.invalidate_recordset(['create_date'])
        Partner = self.env['res.partner']
        Partner._cron_tianchi_release_inactive()
        self.assertTrue(stale.user_id, "a company with a delay of 0 keeps its customers")
        self.company.tianchi_pool_days = 30
        Partner._cron_tianchi_release_inactive()
        self.assertEqual(recent.user_id, self.users['sale'])
        self.assertFalse(stale.user_id)
        self.assertEqual(stale.tianchi_pool_reason, 'no_contact')
        self.assertFalse(never.user_id)
        self.assertEqual(self.customer.user_id, self.owner, "created today, not yet stale")

    def test_people_without_email_claim_and_release(self):
        """Staff signing in by mobile number often have no e-mail address;
        the notes logged on the customer must not need one."""
        sale = self.users['sale']
        sale.partner_id.email = False
        self.pool_customer.with_user(sale).action_claim()
        self.pool_customer.with_user(sale).action_release_to_pool()
        self.assertIn('tc_sale', self.pool_customer.message_ids[:1].body)
        self.assertFalse(self.pool_customer.user_id)

    def test_pool_of_another_company_stays_closed(self):
        other = self.env['res.company'].create({'name': '别家物流公司'})
        foreign = self.env['res.partner'].create({
            'name': '别家公海客户', 'is_company': True, 'tianchi_is_customer': True,
            'company_id': other.id, 'user_id': False})
        sale = self.users['sale']
        self.assertFalse(self.env['res.partner'].with_user(sale).search([('id', '=', foreign.id)]))
        with self.assertRaises(AccessError):
            foreign.with_user(sale).action_claim()
        self.assertFalse(foreign.user_id)
