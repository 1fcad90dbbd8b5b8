"""Overdue follow-ups (逾期跟进): the menu's action lists the customers whose
next contact date has passed, each person's and each department's, as far
as the reader may see them."""
from datetime import timedelta

from odoo import fields
from odoo.tools.safe_eval import safe_eval

from .test_contact_record_common import TianchiContactCase


class TestOverdueFollowUps(TianchiContactCase):

    def _today(self):
        # the users of the tests live in China, whose day the records follow
        return fields.Date.context_today(self.env['res.partner'].with_context(tz='Asia/Shanghai'))

    def _overdue(self, user, groupby):
        action = self.env.ref('tianchi_crm.tianchi_customer_overdue_action')
        today = self._today()
        domain = safe_eval(action.domain, {'context_today': lambda: today})
        Partner = self.env['res.partner'].with_user(user).with_company(self.company)
        return {key.display_name if key else False: count
                for key, count in Partner._read_group(domain, [groupby], ['__count'])}

    def test_overdue_by_owner_and_department(self):
        today = self._today()
        self.record_of(self.owner, next_date=today - timedelta(days=2))
        self.record_of(self.owner, customer=self.customer_of(self.owner, '绍兴黄酒厂'),
                       next_date=today - timedelta(days=9))
        self.record_of(self.owner, customer=self.customer_of(self.owner, '金华火腿公司'), next_date=today)
        self.record_of(self.users['tech'], customer=self.customer_of(self.users['tech'], '台州模具厂'),
                       next_date=today - timedelta(days=1))
        # the HQ head sees everyone's, by person and by department
        self.assertEqual(self._overdue(self.users['hq_head'], 'user_id'), {'tc_owner': 2, 'tc_tech': 1})
        self.assertEqual(self._overdue(self.users['hq_head'], 'owner_department_id'),
                         {self.dep_south.display_name: 2, self.dep_tech.display_name: 1})
        # a head sees their branch only, a salesperson nobody else's
        self.assertEqual(self._overdue(self.users['department_head'], 'user_id'), {'tc_owner': 2})
        self.assertEqual(self._overdue(self.users['tech'], 'user_id'), {'tc_tech': 1})
        self.assertEqual(self._overdue(self.owner, 'user_id'), {'tc_owner': 2})

    def test_a_new_contact_takes_the_customer_off_the_list(self):
        today = self._today()
        self.record_of(self.owner, next_date=today - timedelta(days=2))
        self.assertEqual(self._overdue(self.owner, 'user_id'), {'tc_owner': 1})
        self.record_of(self.owner, date=fields.Datetime.now(), next_date=today + timedelta(days=7))
        self.assertEqual(self._overdue(self.owner, 'user_id'), {})
        self.assertEqual(self.customer.last_contact_date, today)
        self.assertEqual(self.customer.next_contact_date, today + timedelta(days=7))
