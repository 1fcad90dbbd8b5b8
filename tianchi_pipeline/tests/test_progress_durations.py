"""The progress dashboard's averages count the orders still in a stage at
their current age (refreshed by the SLA check), and an order's value is
not multiplied by its number of stays."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestProgressDurations(TianchiPipelineCase):

    def test_open_stay_counts_at_its_age_in_the_average(self):
        now = fields.Datetime.now()
        waiting = self._order(self.stage_quote, owner=self.sale_a)
        done = self._order(self.stage_quote, owner=self.sale_b)
        done.stage_history_ids.write({'date_in': now - timedelta(hours=3)})
        done.stage_history_ids._close(now - timedelta(hours=2))
        open_stay = waiting.stage_history_ids
        open_stay.write({'date_in': now - timedelta(hours=5)})
        self.assertAlmostEqual(open_stay.duration_hours, 5.0, places=1)
        # as stored at the last check, hours ago: the scheduled check brings it up to date
        open_stay.flush_recordset()
        self.env.cr.execute('UPDATE tianchi_order_stage_history SET duration_hours = 0 WHERE id = %s',
                            [open_stay.id])
        open_stay.invalidate_recordset(['duration_hours'])
        self.env['sale.order']._cron_tianchi_grab_sla()
        self.assertAlmostEqual(open_stay.duration_hours, 5.0, places=1)
        self.assertAlmostEqual(done.stage_history_ids.duration_hours, 1.0, places=3)
        [(stage, average)] = self.env['tianchi.order.stage.history']._read_group(
            [('order_id', 'in', (waiting | done).ids)], ['stage_id'], ['duration_hours:avg'])
        self.assertEqual(stage, self.stage_quote)
        self.assertAlmostEqual(average, 3.0, places=1)
        # a later check ages it further
        self.env['tianchi.order.stage.history']._refresh_open_durations(now + timedelta(hours=2))
        self.assertAlmostEqual(open_stay.duration_hours, 7.0, places=1)
        self.assertAlmostEqual(done.stage_history_ids.duration_hours, 1.0, places=3)

    def test_order_value_not_summed_over_its_stays(self):
        order = self._order(self.stage_quote, owner=self.sale_a, order_line=[fields.Command.create({
            'product_id': self.env['product.product'].create({'name': '测试服务', 'list_price': 100.0}).id,
            'product_uom_qty': 1, 'price_unit': 100.0, 'tax_id': False})])
        order.with_user(self.hq).with_company(self.company).write({'stage_id': self.stage_payment.id})
        self.assertEqual(len(order.stage_history_ids), 2)
        [(_owner, value)] = self.env['tianchi.order.stage.history']._read_group(
            [('order_id', '=', order.id)], ['owner_id'], ['amount_total:max'])
        self.assertEqual(value, order.amount_total)
        self.assertEqual(self.env['tianchi.order.stage.history']._fields['amount_total'].aggregator, 'max')
