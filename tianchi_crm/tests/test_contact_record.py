"""Contact records keep their customer's last and next contact dates and
its single follow-up activity right, whoever records the contact; the
record's own rules are those of the owner mixin."""
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .test_contact_record_common import TianchiContactCase


class TestContactRecord(TianchiContactCase):

    def test_record_sets_dates_and_schedules_the_follow_up(self):
        # 17:30 UTC on 1 March is 01:30 on 2 March in China
        self.record_of(self.owner, date='2026-03-01 17:30:00', next_date='2026-03-09',
                       next_step='周五前发送报价单\n并确认交期', contact_id=self.contact.id)
        self.assertEqual(self.customer.last_contact_date, date(2026, 3, 2))
        self.assertEqual(self.customer.next_contact_date, date(2026, 3, 9))
        follow_up = self.follow_ups(self.customer)
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.user_id, self.owner)
        self.assertEqual(follow_up.date_deadline, date(2026, 3, 9))
        self.assertEqual(follow_up.summary, '周五前发送报价单')
        self.assertIn('并确认交期', str(follow_up.note))

    def test_newer_record_replaces_the_follow_up_and_nothing_else(self):
        todo = self.customer.activity_schedule('mail.mail_activity_data_todo', date_deadline=date(2026, 3, 3),
                                               user_id=self.owner.id)
        self.record_of(self.owner, next_date='2026-03-09')
        self.record_of(self.owner, date='2026-03-10 03:00:00', next_date='2026-03-20', next_step='拜访')
        follow_up = self.follow_ups(self.customer)
        self.assertEqual(follow_up.mapped('date_deadline'), [date(2026, 3, 20)])
        self.assertTrue(todo.exists())
        self.assertEqual(self.customer.last_contact_date, date(2026, 3, 10))

    def test_backdated_record_does_not_move_the_dates(self):
        self.record_of(self.owner, date='2026-03-10 03:00:00', next_date='2026-03-20')
        self.record_of(self.owner, date='2026-03-01 03:00:00', next_date='2026-03-05')
        self.assertEqual(self.customer.last_contact_date, date(2026, 3, 10))
        self.assertEqual(self.customer.next_contact_date, date(2026, 3, 20))
        self.assertEqual(self.follow_ups(self.customer).date_deadline, date(2026, 3, 20))

    def test_record_without_next_date_clears_the_plan(self):
        self.record_of(self.owner, next_date='2026-03-09')
        self.record_of(self.owner, date='2026-03-05 03:00:00')
        self.assertFalse(self.customer.next_contact_date)
        self.assertFalse(self.follow_ups(self.customer))

    def test_moving_a_record_updates_both_customers(self):
        other = self.customer_of(self.owner, '宁波港口物流有限公司')
        record = self.record_of(self.owner, next_date='2026-03-09')
        record.with_user(self.owner).write({'partner_id': other.id})
        self.assertFalse(self.customer.last_contact_date)
        self.assertFalse(self.follow_ups(self.customer))
        self.assertEqual(other.next_contact_date, date(2026, 3, 9))
        self.assertEqual(len(self.follow_ups(other)), 1)

    def test_collaborator_records_for_the_owner(self):
        """A collaborator's record plans the follow-up for the customer's owner."""
        self.customer.collaborator_ids = self.users['sale']
        record = self.record_of(self.users['sale'], next_date='2026-03-09')
        self.assertEqual(record.user_id, self.users['sale'])
        self.assertEqual(self.follow_ups(self.customer).user_id, self.owner)
        # the owner reads the whole timeline of the customer, not edits others' records
        self.assertEqual(self.customer.with_user(self.owner).contact_record_ids, record)
        self.assertEqual(self.customer.with_user(self.owner).contact_record_count, 1)
        with self.assertRaises(AccessError):
            record.with_user(self.owner).write({'content': '改写'})

    def test_follow_up_goes_with_the_customer(self):
        self.record_of(self.owner, next_date='2026-03-09')
        self.customer.with_user(self.users['hq_head'])._tianchi_transfer(self.users['sale'])
        self.assertEqual(self.follow_ups(self.customer).user_id, self.users['sale'])
        self.customer.user_id = False
        self.assertFalse(self.follow_ups(self.customer))
        self.assertEqual(self.customer.next_contact_date, date(2026, 3, 9))

    def test_pool_customer_follow_up_goes_to_the_author(self):
        self.customer.user_id = False
        self.record_of(self.users['sale'], next_date='2026-03-09')
        self.assertEqual(self.follow_ups(self.customer).user_id, self.users['sale'])

    def test_no_record_on_a_customer_one_cannot_see(self):
        with self.assertRaises(AccessError):
            self.record_of(self.users['tech'], user_id=self.users['tech'].id)
        self.assertFalse(self.customer.last_contact_date)

    def test_contact_must_work_for_the_customer(self):
        stranger = self.contact_of(self.customer_of(self.owner, '别的客户'), '张三')
        with self.assertRaises(ValidationError):
            self.record_of(self.owner, contact_id=stranger.id)

    def test_records_belong_to_customer_companies(self):
        with self.assertRaises(ValidationError):
            self.record_of(self.owner, customer=self.contact)
        stranger = self.env['res.partner'].create({'name': '供应商甲', 'is_company': True})
        with self.assertRaises(ValidationError):
            self.record_of(self.env.user, customer=stranger)

    def test_deleting_records_falls_back_to_the_previous_one(self):
        self.record_of(self.owner, next_date='2026-03-09')
        newest = self.record_of(self.owner, date='2026-03-10 03:00:00', next_date='2026-03-20')
        newest.with_user(self.users['hq_head']).unlink()
        self.assertEqual(self.customer.last_contact_date, date(2026, 3, 2))
        self.assertEqual(self.follow_ups(self.customer).date_deadline, date(2026, 3, 9))
        self.customer.contact_record_ids.with_user(self.users['hq_head']).unlink()
        self.assertFalse(self.customer.last_contact_date)
        self.assertFalse(self.follow_ups(self.customer))

    def test_customer_form_with_departments_and_timeline(self):
        Partner = self.env['res.partner'].with_user(self.owner).with_company(self.company).with_context(
            default_tianchi_is_customer=True, default_is_company=True)
        with Form(Partner, view='tianchi_crm.tianchi_customer_view_form') as form:
            form.name = '丽水竹木制品有限公司'
            self.assertEqual(form.contact_record_count, 0)
            with form.customer_department_ids.new() as department:
                department.name = '销售部'
        customer = form.record
        self.assertEqual(customer.customer_department_ids.mapped('name'), ['销售部'])
        self.record_of(self.owner, customer=customer)
        self.assertEqual(Form(customer, view='tianchi_crm.tianchi_customer_view_form').contact_record_count, 1)

    def test_timeline_is_newest_first(self):
        first = self.record_of(self.owner, date='2026-03-01 03:00:00')
        third = self.record_of(self.owner, date='2026-03-12 03:00:00', record_type='visit')
        second = self.record_of(self.owner, date='2026-03-05 03:00:00', record_type='wechat')
        self.assertEqual(self.customer.contact_record_ids.ids, [third.id, second.id, first.id])
        self.assertEqual(third.display_name, '杭州西湖茶业有限公司 · Visit · 2026-03-12')

    def test_attachments_are_attached_to_the_record(self):
        attachment = self.env['ir.attachment'].with_user(self.owner).create({
            'name': '报价单.txt', 'raw': b'quotation'})
        record = self.record_of(self.owner, attachment_ids=[(6, 0, attachment.ids)])
        self.assertEqual((attachment.res_model, attachment.res_id), ('tianchi.contact.record', record.id))

    def test_my_department_filter(self):
        mine = self.record_of(self.owner)
        theirs = self.record_of(self.users['tech'], customer=self.customer_of(self.users['tech']))
        Record = self.env['tianchi.contact.record']
        found = Record.with_user(self.users['department_head']).search([('is_my_department', '=', True)])
        self.assertIn(mine, found)
        self.assertNotIn(theirs, found)
        found = Record.with_user(self.tech_head).search([('is_my_department', '=', True)])
        self.assertEqual(found & (mine | theirs), theirs)
