"""Progress tracking: time spent per stage, SLA deadlines and breaches,
overdue orders found by the filter, the dashboard's grouped figures, and
who sees which orders (the record rules)."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestProgressTracking(TianchiPipelineCase):

    def test_history_duration_and_breach(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        stay = order.stage_history_ids
        stay.write({'date_in': datetime(2026, 3, 1, 8, 0)})
        stay._close(datetime(2026, 3, 4, 8, 30))
        self.assertAlmostEqual(stay.duration_hours, 72.5)
        self.assertEqual(stay.sla_deadline, datetime(2026, 3, 3, 8, 0))
        self.assertTrue(stay.sla_breached)
        self.assertEqual(stay.breach_count, 1)

    def test_stay_within_sla_not_breached(self):
        order = self._order(self.stage_quote, owner=self.sale_a)
        stay = order.stage_history_ids
        stay.write({'date_in': datetime(2026, 3, 1, 8, 0)})
        stay._close(datetime(2026, 3, 2, 8, 0))
        self.assertAlmostEqual(stay.duration_hours, 24.0)
        self.assertFalse(stay.sla_breached)

    def test_overdue_order_found_and_marked(self):
        late = self._order(self.stage_quote, owner=self.sale_a)
        on_time = self._order(self.stage_quote, owner=self.sale_a)
        late.write({'stage_date': fields.Datetime.now() - timedelta(hours=49)})
        late.stage_history_ids.write({'date_in': fields.Datetime.now() - timedelta(hours=49)})
        self.assertTrue(late.tianchi_is_overdue)
        self.assertFalse(on_time.tianchi_is_overdue)
        found = self.env['sale.order'].search([('tianchi_is_overdue', '=', True),
                                               ('order_type_id', '=', self.order_type.id)])
        self.assertEqual(found, late)
        self.env['sale.order']._cron_tianchi_grab_sla()
        self.assertTrue(late.stage_history_ids.sla_breached)
        self.assertFalse(on_time.stage_history_ids.sla_breached)

    def test_closed_stage_has_no_deadline(self):
        order = self._order(self.stage_done, owner=self.finance)
        self.assertFalse(order.tianchi_sla_deadline)

    def test_dashboard_per_stage_and_person(self):
        first = self._order(self.stage_quote, owner=self.sale_a)
        second = self._order(self.stage_quote, owner=self.sale_b)
        for order, hours in ((first, 10), (second, 30)):
            order.stage_history_ids.write({'date_in': datetime(2026, 3, 1, 0, 0)})
            order.stage_history_ids._close(datetime(2026, 3, 1, 0, 0) + timedelta(hours=hours))
        groups = self.env['tianchi.order.stage.history']._read_group(
            [('stage_id', '=', self.stage_quote.id)], ['stage_id'], ['duration_hours:avg', '__count'])
        self.assertEqual(groups, [(self.stage_quote, 20.0, 2)])
        per_person = dict(self.env['tianchi.order.stage.history']._read_group(
            [('stage_id', '=', self.stage_quote.id)], ['owner_id'], ['duration_hours:avg']))
        self.assertEqual(per_person, {self.sale_a: 10.0, self.sale_b: 30.0})


@tagged('at_install')
class TestOrderVisibility(TianchiPipelineCase):

    def _visible(self, user):
        orders = self.env['sale.order'].with_user(user).with_company(self.company).search(
            [('order_type_id', '=', self.order_type.id)])
        return orders.sudo()

    def test_who_sees_what(self):
        pool = self._order(self.stage_grab)
        mine = self._order(self.stage_quote, owner=self.sale_a)
        other_sales = self._order(self.stage_quote, owner=self.sale_b)
        payment = self._order(self.stage_payment, owner=self.sale_b)
        tech_own = self._order(self.stage_quote, owner=self.tech)
        # 销售 keeps sale's own-and-unassigned rule and adds the stage staff rule
        self.assertEqual(self._visible(self.sale_a), pool | mine)
        # 财务 sees the orders of the stage it staffs, nothing else
        self.assertEqual(self._visible(self.finance), payment)
        # 技术 staffs nothing: its own order only
        self.assertEqual(self._visible(self.tech), tech_own)
        # the head of 销售中心 sees the orders of 华南大区's people and the pool it staffs
        self.assertEqual(self._visible(self.head), pool | mine | other_sales | payment)
        self.assertEqual(self._visible(self.hq), pool | mine | other_sales | payment | tech_own)

    def test_non_staff_cannot_read_pool_order(self):
        pool = self._order(self.stage_grab)
        with self.assertRaises(AccessError):
            pool.with_user(self.tech).with_company(self.company).read(['name'])

    def test_grabbed_order_leaves_the_other_staff(self):
        pool = self._order(self.stage_grab)
        self.as_user(pool, self.head).action_grab()
        self.assertNotIn(pool, self._visible(self.finance))
        self.assertIn(pool, self._visible(self.head))
