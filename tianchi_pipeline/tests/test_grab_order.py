"""Grab-order: announcements to the stage's staff, the first grab wins,
non-staff and late comers refused with the winner's name, the per-person
limit, releases, the SLA check, and the audit trail."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestGrabOrder(TianchiPipelineCase):

    def test_entering_grab_stage_announces_to_all_staff(self):
        with self.capture_notifications() as calls:
            order = self._order(self.stage_grab)
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls[0]['event'], 'grab_announced')
        self.assertEqual(calls[0]['users'], self.stage_grab.effective_user_ids)
        self.assertIn(order.name, calls[0]['subject'])
        log = order.grab_log_ids.filtered(lambda line: line.event == 'announced')
        self.assertEqual(log.recipient_count, len(self.stage_grab.effective_user_ids))
        self.assertTrue(order.tianchi_announce_date)

    def test_owned_order_in_grab_stage_not_announced(self):
        with self.capture_notifications() as calls:
            self._order(self.stage_grab, owner=self.sale_a)
        self.assertFalse(calls)

    def test_staff_grabs(self):
        order = self._order(self.stage_grab)
        self.assertTrue(self.as_user(order, self.sale_a).tianchi_can_grab)
        self.assertTrue(self.as_user(order, self.sale_a).action_grab())
        self.assertEqual(order.user_id, self.sale_a)
        self.assertTrue(order.tianchi_grab_date)
        # it leaves the pool the other staff see
        self.assertFalse(self.as_user(order, self.sale_b).search([('id', '=', order.id)]))
        won = order.grab_log_ids.filtered(lambda line: line.event == 'won')
        self.assertEqual(won.user_id, self.sale_a)
        # the grabbed order is now the owner's: visible to them through the own rule
        self.assertEqual(self.as_user(order, self.sale_a).search([('id', '=', order.id)]), order)

    def test_grab_withdraws_its_announcement_through_the_job(self):
        grabbed = self._order(self.stage_grab)
        waiting = self._order(self.stage_grab)
        job = self.env.ref('tianchi_pipeline.ir_cron_tianchi_grab_withdraw')
        triggers = self.env['ir.cron.trigger'].search([('cron_id', '=', job.id)])
        self.as_user(grabbed, self.sale_a).action_grab()
        self.assertGreater(self.env['ir.cron.trigger'].search_count([('cron_id', '=', job.id)]), len(triggers))
        announced = self.env['mail.activity'].search([
            ('res_model', '=', 'sale.order'), ('tianchi_notify_event', '=', 'grab_announced'),
            ('res_id', 'in', (grabbed | waiting).ids)])
        self.assertEqual(set(announced.mapped('res_id')), {grabbed.id, waiting.id})
        self.env['sale.order']._cron_tianchi_grab_withdraw()
        self.assertEqual(set(announced.exists().mapped('res_id')), {waiting.id})

    def test_staff_without_email_grabs(self):
        # staff often sign in by mobile number only
        self.sale_a.email = False
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        self.assertEqual(order.user_id, self.sale_a)
        self.assertIn('孙一', order.message_ids[:1].body)

    def test_second_grab_names_the_winner(self):
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        try:
            self.as_user(order, self.sale_b).action_grab()
        except UserError as error:
            self.assertIn('already taken by 孙一', str(error))
        else:
            self.fail("a second grab must be refused")
        self.assertEqual(order.user_id, self.sale_a)
        lost = order.grab_log_ids.filtered(lambda line: line.event == 'lost')
        self.assertEqual(lost.user_id, self.sale_b)

    def test_non_staff_refused(self):
        order = self._order(self.stage_grab)
        # 郑四 is 销售 but sits in 总部, outside the stage's department
        with self.assertRaisesRegex(UserError, 'Only the staff of stage 抢单'):
            self.as_user(order, self.outsider).action_grab()
        self.assertFalse(order.user_id)

    def test_staff_check_agrees_with_effective_staff(self):
        # the grab's one-query check must count exactly the people the stage shows as its staff
        people = self.sale_a | self.sale_b | self.sale_c | self.outsider | self.tech | self.finance | self.head | self.hq
        self.stage_payment.staff_department_ids = self.dep_south
        self.employee_of(self.sale_b).active = False
        self.sale_c.active = False
        for stage in (self.stage_grab, self.stage_payment, self.stage_quote):
            staff = stage.effective_user_ids
            for person in people:
                self.assertEqual(stage._is_staff(person), person in staff, f"{person.name} on {stage.name}")
        self.assertEqual(self.stage_payment.effective_user_ids, self.finance | self.sale_a)
        # below a dedicated department, archived ones still count (as child_of reads them);
        # an archived dedicated department no longer does
        self.dep_south.active = False
        self.stage_grab.invalidate_recordset(['effective_user_ids', 'staff_department_ids'])
        self.assertTrue(self.stage_grab._is_staff(self.sale_a))
        self.assertIn(self.sale_a, self.stage_grab.effective_user_ids)
        self.dep_sales.active = False
        self.stage_grab.invalidate_recordset(['effective_user_ids', 'staff_department_ids'])
        self.assertFalse(self.stage_grab._is_staff(self.sale_a))
        self.assertNotIn(self.sale_a, self.stage_grab.effective_user_ids)

    def test_grab_outside_grab_stage_refused(self):
        order = self._order(self.stage_quote)
        with self.assertRaisesRegex(UserError, 'no grab pool'):
            order.with_user(self.hq).action_grab()
        self.assertFalse(order.user_id)

    def test_limit_per_person(self):
        orders = self._order(self.stage_grab) | self._order(self.stage_grab) | self._order(self.stage_grab)
        self.as_user(orders[0], self.sale_a).action_grab()
        self.as_user(orders[1], self.sale_a).action_grab()
        with self.assertRaisesRegex(UserError, 'already holds 2 grabbed orders'):
            self.as_user(orders[2], self.sale_a).action_grab()
        self.assertFalse(orders[2].user_id)
        # moving one on frees a place
        self.as_user(orders[0], self.sale_a).action_next_stage()
        self.as_user(orders[2], self.sale_a).action_grab()
        self.assertEqual(orders[2].user_id, self.sale_a)

    def test_limit_counts_a_batch(self):
        orders = self._order(self.stage_grab) | self._order(self.stage_grab) | self._order(self.stage_grab)
        with self.assertRaisesRegex(UserError, 'already holds 2'):
            self.as_user(orders, self.sale_a).action_grab()

    def test_release_by_owner_announces_again(self):
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        with self.capture_notifications() as calls:
            self.as_user(order, self.sale_a).action_release()
        self.assertFalse(order.user_id)
        self.assertFalse(order.tianchi_grab_date)
        self.assertEqual(len(calls), 1)
        self.assertIn('released', order.grab_log_ids.mapped('event'))
        self.as_user(order, self.sale_b).action_grab()
        self.assertEqual(order.user_id, self.sale_b)

    def test_release_refused_to_others(self):
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        # 周二 no longer even sees the order 孙一 took
        with self.assertRaises(AccessError):
            self.as_user(order, self.sale_b).action_release()
        self.assertEqual(order.user_id, self.sale_a)
        # the head of 销售中心 may
        self.as_user(order, self.head).action_release()
        self.assertFalse(order.user_id)

    def test_sla_cron_announces_again_and_returns_stale_grabs(self):
        waiting = self._order(self.stage_grab)
        grabbed = self._order(self.stage_grab)
        fresh = self._order(self.stage_grab)
        self.as_user(grabbed, self.sale_a).action_grab()
        long_ago = fields.Datetime.now() - timedelta(hours=5)
        (waiting | grabbed).write({'tianchi_announce_date': long_ago})
        grabbed.write({'tianchi_grab_date': long_ago})
        with self.capture_notifications() as calls:
            self.env['sale.order']._cron_tianchi_grab_sla()
        announced = {call['record'] for call in calls}
        self.assertEqual(announced, {waiting, grabbed})
        self.assertFalse(grabbed.user_id)
        self.assertIn('expired', grabbed.grab_log_ids.mapped('event'))
        self.assertNotIn(fresh, announced)
        self.assertFalse(fresh.user_id)

    def test_grab_through_the_external_api_shape(self):
        # execute_kw(..., 'sale.order', 'action_grab', [[id]]) calls the method on a recordset
        order = self._order(self.stage_grab)
        result = self.env['sale.order'].with_user(self.sale_a).with_company(self.company).browse(
            [order.id]).action_grab()
        self.assertIs(result, True)
        self.assertEqual(order.user_id, self.sale_a)
