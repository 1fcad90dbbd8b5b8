"""The in-app channel: each staff user of a grab stage gets one to-do
activity per order announced, announcing again refreshes it rather than
adding a second, and the grab takes it out of everyone's activity menu
(through the withdrawal job the grab triggers)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestNotificationActivities(TianchiPipelineCase):

    def _announcements(self, order):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'sale.order'), ('res_id', '=', order.id),
            ('tianchi_notify_event', '=', 'grab_announced')])

    def test_each_staff_gets_one_activity_and_the_grab_removes_them(self):
        staff = self.stage_grab.effective_user_ids
        self.assertGreater(len(staff), 2)
        order = self._order(self.stage_grab)
        activities = self._announcements(order)
        self.assertEqual(len(activities), len(staff))
        self.assertEqual(activities.user_id, staff)
        self.assertEqual(activities.activity_type_id, self.env.ref('mail.mail_activity_data_todo'))
        self.assertIn(order.name, activities[0].summary)
        # the user's own view of their activities (what the activity menu lists)
        mine = self.env['mail.activity'].with_user(self.sale_b).search([('user_id', '=', self.sale_b.id)])
        self.assertIn(order.id, mine.mapped('res_id'))

        # announced again (SLA cron): refreshed, not doubled
        order.tianchi_announce_date = fields.Datetime.now() - timedelta(hours=5)
        self.env['sale.order']._cron_tianchi_grab_sla()
        self.assertEqual(len(order.grab_log_ids.filtered(lambda line: line.event == 'announced')), 2)
        again = self._announcements(order)
        self.assertEqual(again, activities)

        # a grab has the withdrawal job run (a scheduled action, off the grab's request)
        self.as_user(order, self.sale_a).action_grab()
        self.env['sale.order']._cron_tianchi_grab_withdraw()
        self.assertFalse(self._announcements(order))
        # other orders' announcements stay
        other = self._order(self.stage_grab)
        self.as_user(other, self.sale_b).action_grab()
        self.env['sale.order']._cron_tianchi_grab_withdraw()
        self.assertFalse(self._announcements(other))
        third = self._order(self.stage_grab)
        self.assertEqual(self._announcements(third).user_id, staff)

    def test_release_announces_again_once_per_user(self):
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        self.as_user(order, self.sale_a).action_release()
        activities = self._announcements(order)
        self.assertEqual(len(activities), len(self.stage_grab.effective_user_ids))
        self.assertEqual(len(activities.user_id), len(activities))

    def test_announcement_withdrawn_when_the_order_leaves_the_pool(self):
        moved = self._order(self.stage_grab)
        assigned = self._order(self.stage_grab)
        waiting = self._order(self.stage_grab)
        self.assertTrue(self._announcements(moved) and self._announcements(assigned))
        moved.write({'stage_id': self.stage_quote.id})
        self.assertFalse(self._announcements(moved))
        assigned.sudo().write({'user_id': self.sale_c.id})
        self.assertFalse(self._announcements(assigned))
        waiting.write({'note': '加急'})
        self.assertEqual(self._announcements(waiting).user_id, self.stage_grab.effective_user_ids)
