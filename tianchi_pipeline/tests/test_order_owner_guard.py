"""Owners of orders change through Grab and Release, or by a head: a plain
write of the salesperson on a pool order, or by a salesperson giving an
owned order away, is refused and changes nothing; grab and release still
work."""
from lxml import etree
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install', '-post_install')
class TestOrderOwnerGuard(TianchiPipelineCase):

    def test_pool_order_is_taken_only_by_grab(self):
        order = self._order(self.stage_grab)
        for taker in (self.sale_a, self.sale_b):
            with self.assertRaises(UserError):
                self.as_user(order, self.sale_a).write({'user_id': taker.id})
            self.assertFalse(order.user_id)
        self.assertFalse(self.env['tianchi.order.grab.log'].search(
            [('order_id', '=', order.id), ('event', '=', 'won')]))
        self.as_user(order, self.sale_a).action_grab()
        self.assertEqual(order.user_id, self.sale_a)

    def test_salesperson_cannot_give_an_owned_order_away(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        with self.assertRaises(UserError):
            self.as_user(order, self.sale_a).write({'user_id': self.sale_b.id})
        self.assertEqual(order.user_id, self.sale_a)
        with self.assertRaises(UserError):
            self.as_user(order, self.sale_b).write({'user_id': self.sale_b.id})
        self.assertEqual(order.user_id, self.sale_a)
        # outside a grab stage the owner cannot drop the order either
        with self.assertRaises(UserError):
            self.as_user(order, self.sale_a).write({'user_id': False})
        self.assertEqual(order.user_id, self.sale_a)

    def test_heads_hand_orders_on(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        self.as_user(order, self.head).write({'user_id': self.sale_b.id})
        self.assertEqual(order.user_id, self.sale_b)
        self.as_user(order, self.hq).write({'user_id': self.sale_c.id})
        self.assertEqual(order.user_id, self.sale_c)

    def test_grab_then_release_by_owner(self):
        order = self._order(self.stage_grab)
        self.as_user(order, self.sale_a).action_grab()
        self.as_user(order, self.sale_a).action_release()
        self.assertFalse(order.user_id)
        self.as_user(order, self.sale_b).action_grab()
        self.assertEqual(order.user_id, self.sale_b)

    def test_salesperson_read_only_on_pool_orders_in_the_form(self):
        arch = self.env['sale.order'].with_user(self.sale_a).get_views([(False, 'form')])['views']['form']['arch']
        [node] = etree.fromstring(arch).xpath("//group[@name='sales_person']/field[@name='user_id']")
        self.assertEqual(node.get('readonly'), 'stage_allow_grab and not user_id')
