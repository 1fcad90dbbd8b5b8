"""Tracking: changes of fields declared with tracking=True are logged as a
message with tracking values when the transaction flushes."""
from odoo.tests import tagged

from .common import MailCase


@tagged('at_install', '-post_install')
class TestMailTracking(MailCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env['res.partner'].create({'name': '李四', 'email': 'lisi@example.com'})

    def setUp(self):
        super().setUp()
        # the creation of the contact was flushed with the class set-up
        self.flush_tracking()

    def _tracking(self, message):
        return {line.field_id.name: line for line in message.sudo().tracking_value_ids}

    def test_changes_are_logged_at_flush(self):
        before = self.messages_of(self.contact)
        self.contact.write({'email': 'li.si@example.com', 'phone': '0571-8888 0000'})
        self.assertEqual(self.messages_of(self.contact), before, "nothing is logged before the flush")
        self.flush_tracking()
        message = self.messages_of(self.contact)[0]
        self.assertNotIn(message, before)
        self.assertEqual(message.message_type, 'notification')
        lines = self._tracking(message)
        self.assertEqual(set(lines), {'email', 'phone'})
        self.assertEqual(lines['email'].old_value_char, 'lisi@example.com')
        self.assertEqual(lines['email'].new_value_char, 'li.si@example.com')
        self.assertFalse(lines['phone'].old_value_char)
        self.assertEqual(lines['phone'].new_value_char, '0571-8888 0000')

    def test_many2one_tracking_keeps_id_and_name(self):
        self.contact.parent_id = self.partner_customer
        self.flush_tracking()
        line = self._tracking(self.messages_of(self.contact)[0])['parent_id']
        self.assertEqual(line.old_value_integer, 0)
        self.assertEqual(line.new_value_integer, self.partner_customer.id)
        self.assertEqual(line.new_value_char, self.partner_customer.display_name)

    def test_several_writes_one_message_with_first_old_value(self):
        self.contact.email = 'a@example.com'
        self.contact.email = 'b@example.com'
        self.flush_tracking()
        line = self._tracking(self.messages_of(self.contact)[0])['email']
        self.assertEqual((line.old_value_char, line.new_value_char), ('lisi@example.com', 'b@example.com'))

    def test_back_to_initial_value_logs_nothing(self):
        before = self.messages_of(self.contact)
        self.contact.email = 'temp@example.com'
        self.contact.email = 'lisi@example.com'
        self.flush_tracking()
        self.assertEqual(self.messages_of(self.contact), before)

    def test_untracked_field_and_context_keys(self):
        before = self.messages_of(self.contact)
        self.contact.comment = '不跟踪的字段'
        self.flush_tracking()
        self.contact.with_context(mail_notrack=True).email = 'notrack@example.com'
        self.flush_tracking()
        self.contact.with_context(tracking_disable=True).phone = '123'
        self.flush_tracking()
        self.assertEqual(self.messages_of(self.contact), before)

    def test_tracking_values_are_for_system_users(self):
        self.contact.email = 'x@example.com'
        self.flush_tracking()
        message = self.messages_of(self.contact)[0]
        lines = message.sudo().tracking_value_ids
        self.assertTrue(lines)
        self.assertTrue(lines._filter_has_field_access(self.env))
        self.assertEqual(lines._format_display_value('char', new=True), ['x@example.com'])
