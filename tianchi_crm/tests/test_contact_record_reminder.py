"""The daily reminder: one e-mail per person listing the follow-ups due
today and overdue, sent to a real SMTP server on 127.0.0.1."""
from datetime import timedelta

from odoo import fields
from odoo.addons.tianchi_org.tests.common import smtp_inbox
from odoo.tests import tagged

from .test_contact_record_common import TianchiContactCase


@tagged('post_install', '-at_install')
class TestFollowUpReminder(TianchiContactCase):

    def test_one_mail_per_person_with_due_and_overdue_follow_ups(self):
        # "today" of the people reminded: the job runs in China's time zone
        today = fields.Date.context_today(self.env['res.partner'].with_context(tz='Asia/Shanghai'))
        late = self.customer_of(self.owner, '<b>苏州</b>丝绸厂')
        due = self.customer
        later = self.customer_of(self.owner, '无锡机床有限公司')
        theirs = self.customer_of(self.users['sale'], '南京电子有限公司')
        self.record_of(self.owner, customer=late, next_date=today - timedelta(days=3), next_step='催款')
        self.record_of(self.owner, customer=due, next_date=today, next_step='发送报价单')
        self.record_of(self.owner, customer=later, next_date=today + timedelta(days=1), next_step='拜访')
        self.record_of(self.users['sale'], customer=theirs, next_date=today - timedelta(days=1))
        # an ordinary to-do is not a follow-up
        later.activity_schedule('mail.mail_activity_data_todo', date_deadline=today - timedelta(days=5),
                                user_id=self.users['tech'].id)
        with smtp_inbox(self.env) as inbox:
            mails = self.env['tianchi.contact.record']._cron_send_follow_up_reminders()
            mails.send()
        # people of the database's other data (demo records) may be reminded too
        ours = sorted(r[0] for r in inbox.recipients if r[0].endswith('@tianchi.example.com'))
        self.assertEqual(ours, ['tc_owner@tianchi.example.com', 'tc_sale@tianchi.example.com'])
        owner_mail = next(m for m, r in zip(inbox.messages, inbox.recipients) if r == ['tc_owner@tianchi.example.com'])
        body = owner_mail.get_body(('html',)).get_content()
        self.assertIn('&lt;b&gt;苏州&lt;/b&gt;丝绸厂', body)
        self.assertIn('杭州西湖茶业有限公司', body)
        self.assertIn(f'/odoo/res.partner/{due.id}"', body)
        self.assertIn('发送报价单', body)
        self.assertNotIn('无锡机床', body)
        self.assertNotIn('南京电子', body)
        self.assertEqual(owner_mail['Subject'], 'Follow-ups for tc_owner: 1 due today, 1 overdue')

    def test_no_mail_without_due_follow_up(self):
        today = fields.Date.context_today(self.env['res.partner'].with_context(tz='Asia/Shanghai'))
        self.record_of(self.owner, next_date=today + timedelta(days=2))
        mails = self.env['tianchi.contact.record']._cron_send_follow_up_reminders()
        self.assertFalse(mails.filtered(lambda mail: '@tianchi.example.com' in mail.email_to))

    def test_the_scheduled_action_sends_them(self):
        today = fields.Date.context_today(self.env['res.partner'].with_context(tz='Asia/Shanghai'))
        self.record_of(self.owner, next_date=today - timedelta(days=1), next_step='回访')
        cron = self.env.ref('tianchi_crm.tianchi_contact_record_cron_follow_up_reminder')
        self.assertEqual(cron.interval_type, 'days')
        cron.method_direct_trigger()
        mail = self.env['mail.mail'].search([('email_to', 'ilike', 'tc_owner@tianchi.example.com')])
        self.assertEqual(len(mail), 1)
        self.assertIn('杭州西湖茶业有限公司', str(mail.body_html))
