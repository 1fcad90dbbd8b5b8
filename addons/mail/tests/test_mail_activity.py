"""Activities: scheduling, state, the mixin's summary fields and searches,
marking done (message, archive or delete, next activity)."""
import datetime

from odoo import fields
from odoo.tests import tagged

from .common import MailCase


@tagged('at_install', '-post_install')
class TestMailActivity(MailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env['mail.activity'])
        cls.call = cls.env.ref('mail.mail_activity_data_call')
        cls.todo = cls.env.ref('mail.mail_activity_data_todo')

    def test_schedule_and_states(self):
        record = self.partner_customer
        late = record.activity_schedule('mail.mail_activity_data_call', summary='回访客户',
                                        date_deadline=self.today - datetime.timedelta(days=2),
                                        user_id=self.user_employee.id)
        self.assertEqual(late.activity_type_id, self.call)
        self.assertEqual(late.res_model, 'res.partner')
        self.assertEqual(late.res_name, record.display_name)
        self.assertTrue(late.automated)
        self.assertEqual(late.state, 'overdue')
        self.assertEqual(record.activity_state, 'overdue')
        self.assertEqual(record.activity_user_id, self.user_employee)
        self.assertEqual(record.activity_summary, '回访客户')
        self.assertEqual(record.activity_type_id, self.call)
        self.assertEqual(record.activity_date_deadline, self.today - datetime.timedelta(days=2))
        # the assignee follows the record
        self.assertIn(self.user_employee.partner_id, record.message_partner_ids)
        late.date_deadline = self.today
        self.assertEqual(late.state, 'today')
        late.date_deadline = self.today + datetime.timedelta(days=3)
        self.assertEqual(late.state, 'planned')
        self.assertEqual(record.activity_state, 'planned')

    def test_searches_on_activity_fields(self):
        with_activity = self.partner_customer
        without = self.env['res.partner'].create({'name': '无待办'})
        with_activity.activity_schedule('mail.mail_activity_data_todo', user_id=self.user_employee.id,
                                        date_deadline=self.today - datetime.timedelta(days=1))
        Partner = self.env['res.partner']
        scope = [('id', 'in', (with_activity | without).ids)]
        self.assertEqual(Partner.search(scope + [('activity_state', '=', 'overdue')]), with_activity)
        self.assertEqual(Partner.search(scope + [('activity_state', '=', False)]), without)
        self.assertEqual(Partner.search(scope + [('activity_user_id', '=', self.user_employee.id)]), with_activity)
        mine = Partner.with_user(self.user_employee).search(scope + [('my_activity_date_deadline', '<', self.today)])
        self.assertEqual(mine, with_activity)
        self.assertEqual(with_activity.with_user(self.user_employee).my_activity_date_deadline,
                         self.today - datetime.timedelta(days=1))
        self.assertFalse(with_activity.with_user(self.user_admin).my_activity_date_deadline)

    def test_activity_ids_hold_only_the_record_activities(self):
        company_model = self.env['ir.model']._get('res.company')
        self.env['mail.activity'].create({
            'res_model_id': company_model.id, 'res_id': self.partner_customer.id,
            'activity_type_id': self.todo.id, 'summary': '别的模型', 'user_id': self.user_admin.id})
        self.partner_customer.invalidate_recordset(['activity_ids'])
        self.assertFalse(self.partner_customer.activity_ids)

    def test_feedback_posts_message_and_deletes(self):
        record = self.partner_customer
        activity = record.activity_schedule('mail.mail_activity_data_call', summary='电话确认')
        record.activity_feedback(['mail.mail_activity_data_call'], feedback='客户已确认')
        self.assertFalse(activity.exists())
        message = self.messages_of(record)[0]
        self.assertEqual(message.subtype_id, self.env.ref('mail.mt_activities'))
        self.assertEqual(message.mail_activity_type_id, self.call)
        self.assertIn('客户已确认', str(message.body))
        self.assertIn('电话确认', str(message.body))

    def test_keep_done_archives(self):
        self.call.keep_done = True
        activity = self.partner_customer.activity_schedule('mail.mail_activity_data_call')
        activity.action_done()
        self.assertTrue(activity.exists())
        self.assertFalse(activity.active)
        self.assertEqual(activity.date_done, self.today)
        self.assertEqual(activity.state, 'done')
        self.assertFalse(self.partner_customer.activity_ids)

    def test_triggered_next_activity(self):
        self.call.write({'chaining_type': 'trigger', 'triggered_next_type_id': self.todo.id})
        self.todo.write({'delay_count': 3, 'delay_unit': 'days', 'delay_from': 'previous_activity'})
        activity = self.partner_customer.activity_schedule('mail.mail_activity_data_call', date_deadline=self.today)
        _messages, following = activity._action_done()
        self.assertEqual(following.activity_type_id, self.todo)
        self.assertEqual(following.previous_activity_type_id, self.call)
        self.assertEqual(following.date_deadline, self.today + datetime.timedelta(days=3))
        self.assertEqual(following.res_id, self.partner_customer.id)

    def test_activity_unlink_and_archiving_record(self):
        record = self.env['res.partner'].create({'name': '归档测试'})
        record.activity_schedule('mail.mail_activity_data_call')
        record.activity_schedule('mail.mail_activity_data_todo')
        record.activity_unlink(['mail.mail_activity_data_call'])
        self.assertEqual(record.activity_ids.activity_type_id, self.todo)
        record.action_archive()
        self.assertFalse(self.env['mail.activity'].search([('res_model', '=', 'res.partner'),
                                                            ('res_id', '=', record.id)]))

    def test_exception_decoration(self):
        warning = self.env.ref('mail.mail_activity_data_warning')
        warning.active = True
        self.partner_customer.activity_schedule(activity_type_id=warning.id, user_id=self.user_admin.id)
        self.assertEqual(self.partner_customer.activity_exception_decoration, 'warning')
        self.assertEqual(self.partner_customer.activity_exception_icon, 'fa-warning')

    def test_todo_type_cannot_be_archived(self):
        from odoo.exceptions import UserError
        with self.assertRaises(UserError):
            self.todo.action_archive()
