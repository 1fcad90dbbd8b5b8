"""One line per stay of an order in a stage: who moved it in, when it
entered and left, how long it stayed and whether it overran the SLA. The
progress dashboards (graph and pivot) read this model."""
import logging
from datetime import timedelta

from odoo import api, fields, models
from psycopg2 import errors as pg_errors

_logger = logging.getLogger(__name__)


class TianchiOrderStageHistory(models.Model):
    _name = 'tianchi.order.stage.history'
    _description = 'Order Stage History'
    _order = 'date_in desc, id desc'
    _rec_name = 'stage_id'

    order_id = fields.Many2one('sale.order', string='Order', required=True, index=True, ondelete='cascade')
    stage_id = fields.Many2one('tianchi.order.stage', string='Stage', required=True, index=True, ondelete='cascade')
    order_type_id = fields.Many2one(related='stage_id.order_type_id', store=True, string='Order Type')
    company_id = fields.Many2one(related='order_id.company_id', store=True, index=True, string='Company')
    user_id = fields.Many2one('res.users', string='Moved By', index=True,
                              help="Who moved the order into the stage.")
    owner_id = fields.Many2one(related='order_id.user_id', store=True, index=True, string='Owner')
    currency_id = fields.Many2one(related='order_id.currency_id', string='Currency')
    # an order has one stay per move: summing its value over stays would count it once per move
    amount_total = fields.Monetary(related='order_id.amount_total', store=True, string='Order Value',
                                   currency_field='currency_id', aggregator='max',
                                   help="Grouped, the largest order value of the group (not a sum).")
    date_in = fields.Datetime(string='Entered', required=True, default=fields.Datetime.now)
    date_out = fields.Datetime(string='Left')
    sla_deadline = fields.Datetime(string='SLA Deadline', compute='_compute_sla_deadline', store=True)
    duration_hours = fields.Float(
        string='Hours in Stage', compute='_compute_duration_hours', store=True, aggregator='avg',
        digits=(16, 2),
        help="Time spent in the stage; for the current stage, its age at the last scheduled check "
             "(every 15 minutes), so that orders still waiting count in the averages.")
    sla_breached = fields.Boolean(
        string='SLA Breached', readonly=True,
        help="Set when the order leaves the stage after the deadline, or by the scheduled check while it stays.")
    breach_count = fields.Integer(string='SLA Breaches', compute='_compute_breach_count', store=True)

    @api.depends('date_in', 'stage_id.sla_hours')
    def _compute_sla_deadline(self):
        for line in self:
            hours = line.stage_id.sla_hours
            line.sla_deadline = line.date_in + timedelta(hours=hours) if hours and line.date_in else False

    @api.depends('date_in', 'date_out')
    def _compute_duration_hours(self):
        now = fields.Datetime.now()
        for line in self:
            if line.date_in:
                end = line.date_out or now
                line.duration_hours = max((end - line.date_in).total_seconds() / 3600.0, 0.0)
            else:
                line.duration_hours = 0.0

    @api.depends('sla_breached')
    def _compute_breach_count(self):
        for line in self:
            line.breach_count = 1 if line.sla_breached else 0

    def _close(self, when):
        """End the open stays at ``when``, marking those that overran."""
        for line in self.filtered(lambda line: not line.date_out):
            line.write({'date_out': when,
                        'sla_breached': line.sla_breached or bool(line.sla_deadline and when > line.sla_deadline)})

    def _mark_breaches(self, now):
        """Mark the open stays whose deadline has passed at ``now``."""
        self.search([('date_out', '=', False), ('sla_breached', '=', False),
                     ('sla_deadline', '!=', False), ('sla_deadline', '<', now)]).write({'sla_breached': True})

    def _refresh_open_durations(self, now):
        """Bring ``duration_hours`` of every open stay up to its age at
        ``now``. Stays locked by a move in progress are left to the next run."""
        self.flush_model(['date_in', 'date_out', 'duration_hours'])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute("""
                    UPDATE tianchi_order_stage_history
                       SET duration_hours = GREATEST(EXTRACT(EPOCH FROM (%s - date_in)) / 3600.0, 0)
                     WHERE id IN (SELECT id FROM tianchi_order_stage_history
                                   WHERE date_out IS NULL AND date_in IS NOT NULL
                                     FOR NO KEY UPDATE SKIP LOCKED)
                """, [now])
        except pg_errors.SerializationFailure:
            # a stay moved on since this transaction began: its duration is final anyway
            _logger.info("Open stage stays not refreshed this time: concurrent move")
        self.invalidate_model(['duration_hours'])
