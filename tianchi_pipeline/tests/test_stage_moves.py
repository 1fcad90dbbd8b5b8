"""Moving orders between stages: the roles each stage allows (leaving and
entering), refusals that change nothing, the buttons, the chatter tracking
and the stage roles told with what to check."""
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestStageMoves(TianchiPipelineCase):

    def test_owner_moves_own_order_forward(self):
        order = self._order(self.stage_grab, owner=self.sale_a)
        self.as_user(order, self.sale_a).action_next_stage()
        self.assertEqual(order.stage_id, self.stage_quote)
        self.as_user(order, self.sale_a).action_previous_stage()
        self.assertEqual(order.stage_id, self.stage_grab)

    def test_entering_refused_without_role(self):
        # 冯五 (技术) owns the order but 报价 takes 销售 or 总部负责人
        order = self._order(self.stage_grab, owner=self.tech)
        stage_date = order.stage_date
        with self.assertRaises(UserError) as caught:
            self.as_user(order, self.tech).write({'stage_id': self.stage_quote.id})
        message = str(caught.exception)
        self.assertIn('报价', message)
        self.assertIn('Sales', message)
        self.assertIn(self.tech.name, message)
        self.assertEqual(order.stage_id, self.stage_grab)
        self.assertEqual(order.stage_date, stage_date)
        self.assertEqual(len(order.stage_history_ids), 1)

    def test_leaving_refused_without_role(self):
        order = self._order(self.stage_quote, owner=self.tech)
        with self.assertRaisesRegex(UserError, 'out of stage 报价'):
            self.as_user(order, self.tech).action_next_stage()
        self.assertEqual(order.stage_id, self.stage_quote)

    def test_closing_stage_only_for_finance(self):
        order = self._order(self.stage_payment, owner=self.sale_a)
        with self.assertRaisesRegex(UserError, '完成'):
            self.as_user(order, self.sale_a).write({'stage_id': self.stage_done.id})
        self.assertEqual(order.stage_id, self.stage_payment)
        self.as_user(order, self.finance).write({'stage_id': self.stage_done.id})
        self.assertEqual(order.stage_id, self.stage_done)

    def test_no_stage_beyond_the_last(self):
        order = self._order(self.stage_done, owner=self.finance)
        with self.assertRaisesRegex(UserError, 'last'):
            self.as_user(order, self.finance).action_next_stage()
        order = self._order(self.stage_lead, owner=self.sale_a)
        with self.assertRaisesRegex(UserError, 'first'):
            self.as_user(order, self.sale_a).action_previous_stage()

    def test_move_tracked_in_chatter(self):
        tracked_env = self.env(context=dict(self.env.context, tracking_disable=False))
        order = self._order(self.stage_quote, owner=self.sale_a).with_env(tracked_env)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.as_user(order, self.sale_a).write(
            {'stage_id': self.stage_payment.id})
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = order.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == 'stage_id')
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.mail_message_id.author_id, self.sale_a.partner_id)
        self.assertEqual(tracked.old_value_char, '报价')
        self.assertEqual(tracked.new_value_char, '回款')

    def test_entering_stage_tells_its_roles_what_to_check(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        with self.capture_notifications() as calls:
            self.as_user(order, self.sale_a).action_next_stage()
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls[0]['event'], 'stage_entered')
        self.assertIn(self.finance, calls[0]['users'])
        self.assertNotIn(self.sale_a, calls[0]['users'])
        self.assertIn('核对到账金额与合同一致', calls[0]['body'])
        self.assertIn('回款', calls[0]['subject'])

    def test_history_records_each_stay(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        self.as_user(order, self.sale_a).action_next_stage()
        history = order.stage_history_ids.sorted('id')
        self.assertEqual(history.stage_id, self.stage_quote | self.stage_payment)
        self.assertTrue(history[0].date_out)
        self.assertFalse(history[1].date_out)
        self.assertEqual(history[1].user_id, self.sale_a)
