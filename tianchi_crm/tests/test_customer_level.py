"""Customer levels: the first level (by sequence) whose total-sales and
years-of-cooperation thresholds a customer meets, unless the level was set
by hand; assigned on demand and by the nightly scheduled action."""
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import Form

from .common import TianchiCrmCase


class TestCustomerLevel(TianchiCrmCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env['tianchi.customer.level']
        cls.strategic = Level.create({'name': '战略客户', 'sequence': 1, 'company_id': cls.company.id,
                                      'min_total_sales': 1_000_000, 'min_cooperation_years': 3})
        cls.key = Level.create({'name': '重点客户', 'sequence': 2, 'company_id': cls.company.id,
                                'min_total_sales': 200_000})
        cls.normal = Level.create({'name': '普通客户', 'sequence': 3, 'company_id': cls.company.id})

    def _years_ago(self, years):
        return date.today() - timedelta(days=int(years * 365.25) + 2)

    def test_rules_pick_the_best_level_met(self):
        big = self.customer_of(self.owner, '大客户', tianchi_total_sales=1_500_000,
                               cooperation_start_date=self._years_ago(4))
        big_but_new = self.customer_of(self.owner, '新大客户', tianchi_total_sales=1_500_000,
                                       cooperation_start_date=self._years_ago(1))
        small = self.customer_of(self.owner, '小客户', tianchi_total_sales=5_000)
        (big | big_but_new | small).with_user(self.owner).action_tianchi_assign_level()
        self.assertEqual(big.customer_level_id, self.strategic)
        self.assertEqual(big_but_new.customer_level_id, self.key)
        self.assertEqual(small.customer_level_id, self.normal)
        self.assertAlmostEqual(big.cooperation_years, 4.0, places=1)

    def test_level_set_by_hand_is_kept(self):
        customer = self.customer_of(self.owner, '手工定级客户', tianchi_total_sales=10,
                                    customer_level_id=self.strategic.id, customer_level_manual=True)
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(customer.customer_level_id, self.strategic)
        customer.customer_level_manual = False
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(customer.customer_level_id, self.normal)

    def test_cron_follows_changed_sales(self):
        customer = self.customer_of(self.owner, '成长客户', tianchi_total_sales=100)
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(customer.customer_level_id, self.normal)
        customer.tianchi_total_sales = 300_000
        self.env['res.partner']._cron_tianchi_assign_levels()
        self.assertEqual(customer.customer_level_id, self.key)
        self.assertEqual(self.key.customer_count, 1)
        self.assertFalse(self.contact.customer_level_id)

    def test_no_level_when_none_is_met(self):
        self.normal.min_total_sales = 1_000
        customer = self.customer_of(self.owner, '零星客户', tianchi_total_sales=10,
                                    customer_level_id=self.key.id)
        customer._tianchi_assign_levels()
        self.assertFalse(customer.customer_level_id)

    def test_picking_a_level_in_the_form_marks_it_manual(self):
        with Form(self.customer.with_user(self.owner), view='tianchi_crm.tianchi_customer_view_form') as form:
            form.customer_level_id = self.key
            self.assertTrue(form.customer_level_manual)
        self.assertTrue(self.customer.customer_level_manual)

    def test_shared_levels_are_read_only_to_companies(self):
        shared = self.env['tianchi.customer.level'].create({'name': '共享等级', 'company_id': False})
        hq_head = self.users['hq_head']
        self.assertEqual(shared.with_user(hq_head).name, '共享等级')
        with self.assertRaises(AccessError):
            shared.with_user(hq_head).write({'name': '被改名'})
        self.key.with_user(hq_head).write({'min_total_sales': 300_000})
        self.assertEqual(self.key.min_total_sales, 300_000)
        self.assertEqual(shared.name, '共享等级')
