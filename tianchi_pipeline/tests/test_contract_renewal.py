"""Renewal reminders: the owner gets one activity and one message when a
valid contract comes within its reminder days of its end; contracts past
their end become expired."""
from datetime import date, timedelta

from odoo.addons.tianchi_org.tests.common import smtp_inbox
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase


@tagged('at_install', '-post_install')
class TestContractRenewal(TianchiQuoteCase):

    def setUp(self):
        super().setUp()
        inbox = smtp_inbox(self.env)
        self.smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)

    def _valid_contract(self, end_in_days, reminder_days=30, state='valid'):
        today = date.today()
        return self.env['tianchi.contract'].create({
            'company_id': self.company.id, 'user_id': self.seller.id, 'partner_id': self.customer.id,
            'amount_total': 5000.0, 'currency_id': self.cny.id, 'start_date': today - timedelta(days=300),
            'end_date': today + timedelta(days=end_in_days), 'reminder_days': reminder_days, 'state': state})

    def _reminders(self, contract):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'tianchi.contract'), ('res_id', '=', contract.id), ('user_id', '=', self.seller.id)])

    def test_reminder_within_days_once_and_expiry(self):
        due = self._valid_contract(end_in_days=20)
        later = self._valid_contract(end_in_days=45)
        draft = self._valid_contract(end_in_days=5, state='draft')
        ended = self._valid_contract(end_in_days=-1)
        self.env['tianchi.contract']._cron_contract_renewal()
        [activity] = self._reminders(due)
        self.assertEqual(activity.date_deadline, due.end_date)
        self.assertIn(due.name, activity.summary)
        self.assertTrue(due.reminder_sent)
        # the owner is also told in the chatter, as a message addressed to them
        told = due.message_ids.filtered(lambda m: self.seller.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn(due.name, str(told.body))
        self.assertFalse(self._reminders(later) or later.reminder_sent)
        self.assertFalse(self._reminders(draft))
        self.assertEqual((due.state, later.state, draft.state, ended.state), ('valid', 'valid', 'draft', 'expired'))
        self.env['tianchi.contract']._cron_contract_renewal()
        self.assertEqual(len(self._reminders(due)), 1)

    def test_cron_record_runs_the_method(self):
        cron = self.env.ref('tianchi_pipeline.ir_cron_tianchi_contract_renewal')
        self.assertEqual(cron.model_id.model, 'tianchi.contract')
        ended = self._valid_contract(end_in_days=-3)
        cron.method_direct_trigger()
        self.assertEqual(ended.state, 'expired')
