"""The notification interface: every ``_tianchi_notify_channel_<name>``
is called, one failing channel leaves the others working, e-mails go to
each user with an address, the in-app channel gives each user an activity."""
from unittest.mock import patch

from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestNotificationChannels(TianchiPipelineCase):

    def test_channels_discovered(self):
        channels = self.env['tianchi.notification']._tianchi_notify_channels()
        self.assertIn('inapp', channels)
        self.assertIn('email', channels)

    def test_all_channels_receive_the_call(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        users = self.sale_a | self.finance
        with self.capture_notifications() as calls:
            results = self.env['tianchi.notification']._tianchi_notify(users, '主题', '第一行\n第二行', order, 'custom')
        self.assertEqual(set(results), {'inapp', 'email', 'test'})
        self.assertEqual(calls[0]['users'], users)
        mails = self.env['mail.mail'].browse(results['email'])
        self.assertEqual(len(mails), 2)
        self.assertIn(self.finance.email, ' '.join(mails.mapped('email_to')))
        self.assertEqual(set(mails.mapped('res_id')), {order.id})
        activities = self.env['mail.activity'].browse(results['inapp'])
        self.assertEqual(activities.user_id, users)
        self.assertEqual(set(activities.mapped('res_id')), {order.id})
        self.assertIn('第二行', str(activities[0].note))

    def test_failing_channel_does_not_stop_the_others(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        Notification = type(self.env['tianchi.notification'])

        def broken(model, users, subject, body, record, event):
            raise ConnectionError("gateway down")

        with patch.object(Notification, '_tianchi_notify_channel_broken', broken, create=True), \
                self.capture_notifications() as calls, \
                self.assertLogs('odoo.addons.tianchi_pipeline.models.tianchi_notification', level='ERROR'):
            results = self.env['tianchi.notification']._tianchi_notify(self.finance, 's', 'b', order, 'custom')
        self.assertIs(results['broken'], False)
        self.assertTrue(results['email'])
        self.assertEqual(len(calls), 1)

    def test_inactive_and_portal_users_skipped(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        self.sale_b.active = False
        with self.capture_notifications() as calls:
            self.env['tianchi.notification']._tianchi_notify(self.sale_b, 's', 'b', order, 'custom')
        self.assertFalse(calls)
