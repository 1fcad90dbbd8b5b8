"""Supplier quotes and quotation revisions are seen through their order:
an employee who cannot see the order sees neither, and revisions, the
record of what went out, are read-only."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase


@tagged('at_install', '-post_install')
class TestQuoteAccess(TianchiQuoteCase):

    def test_outsider_sees_no_supplier_quote_and_no_revision(self):
        order = self.make_quotation()
        quote = self.supplier_quote(order.order_line[0], self.supplier_a, 2100.0)
        revision = self.env['tianchi.quote.revision'].create({'order_id': order.id, 'number': 1})
        outsider = self.users['marketing']
        self.env.invalidate_all()
        self.assertFalse(self.env['tianchi.supplier.quote'].with_user(outsider).search([('id', '=', quote.id)]))
        self.assertFalse(self.env['tianchi.quote.revision'].with_user(outsider).search([('id', '=', revision.id)]))
        with self.assertRaises(AccessError):
            quote.with_user(outsider).read(['price_unit'])
        with self.assertRaises(AccessError):
            quote.with_user(outsider).write({'price_unit': 1.0})
        self.assertEqual(quote.price_unit, 2100.0)
        # the owner sees both, the HQ head too
        for user in (self.seller, self.users['hq_head']):
            self.assertEqual(self.env['tianchi.supplier.quote'].with_user(user).search([('id', '=', quote.id)]), quote)
            self.assertEqual(self.env['tianchi.quote.revision'].with_user(user).search([('id', '=', revision.id)]),
                             revision)

    def test_revisions_are_read_only_to_users(self):
        order = self.make_quotation()
        revision = self.env['tianchi.quote.revision'].create({'order_id': order.id, 'number': 1,
                                                              'amount_total': 100.0})
        with self.assertRaises(AccessError):
            revision.with_user(self.seller).write({'amount_total': 1.0})
        with self.assertRaises(AccessError):
            self.env['tianchi.quote.revision'].with_user(self.seller).create({'order_id': order.id, 'number': 2})
        self.assertEqual((revision.amount_total, len(order.quote_revision_ids)), (100.0, 1))

    def test_lists_in_messages_follow_the_language(self):
        order = self.make_quotation()
        with self.assertRaises(UserError) as caught:
            order.with_user(self.seller).with_context(lang='en_US').action_tianchi_apply_margin()
        message = str(caught.exception)
        self.assertIn('三相异步电机 YE3-132M and 配电柜 GGD', message)
        self.assertNotIn('、', message)
