"""Grab-order (抢单): an order without owner in a grab stage is announced to
the stage's staff and goes to the first who grabs it. Exactly one winner
however many people tap at once, in any number of server processes: the
claim is one conditional UPDATE, and a per-person limit is counted under a
lock on the person's user row."""
import logging
from datetime import timedelta

from odoo import _, api, fields, models, modules
from odoo.addons.tianchi_org.const import HEAD_GROUP, HQ_GROUP
from odoo.exceptions import UserError
from psycopg2 import errors as pg_errors

_logger = logging.getLogger(__name__)



class SaleOrder(models.Model):
    _inherit = 'sale.order'

    tianchi_grab_date = fields.Datetime(
        string='Grabbed On', readonly=True, copy=False,
        help="When the current owner grabbed the order; empty when it was assigned otherwise.")
    tianchi_announce_date = fields.Datetime(string='Last Announced', readonly=True, copy=False)
    tianchi_can_grab = fields.Boolean(
        string='Can Grab', compute='_compute_tianchi_can_grab',
        help="The order waits in a grab pool and the current user is one of the stage's staff.")
    grab_log_ids = fields.One2many('tianchi.order.grab.log', 'order_id', string='Grab Log', readonly=True)

    @api.depends('stage_id', 'user_id')
    @api.depends_context('uid')
    def _compute_tianchi_can_grab(self):
        user = self.env.user
        for order in self:
            order.tianchi_can_grab = bool(
                order.stage_id.allow_grab and not order.user_id and order.stage_id._is_staff(user))

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_grab(self):
        """Take these orders for the current user. Raises a UserError naming
        the owner when someone else was first."""
        grabbed = 0
        for order in self:
            order._tianchi_grab(already_held=grabbed)
            grabbed += 1
        return True

    def action_release(self):
        """Give grabbed orders back to the pool (their owner, the owner's
        head or the HQ head) and announce them again."""
        user = self.env.user
        for order in self:
            if not order.stage_id.allow_grab:
                raise UserError(_("Order %(order)s is in stage %(stage)s, which has no grab pool to release it to.",
                                  order=order.name, stage=order.stage_id.name or _("none")))
            if not order.user_id:
                raise UserError(_("Order %s has no owner to release it from.", order.name))
            owner = order.user_id
            if not (owner == user or self.env.su or user.has_group(HQ_GROUP)
                    or (user.has_group(HEAD_GROUP) and owner in user.tianchi_managed_user_ids)):
                raise UserError(_(
                    "Only %(owner)s, their department head or the headquarters head may release order "
                    "%(order)s; %(user)s may not.", owner=owner.name, order=order.name, user=user.name))
            order.write({'user_id': False, 'tianchi_grab_date': False})
            order._tianchi_grab_log('released', user, _("Released by %(user)s (owner was %(owner)s).",
                                                         user=user.name, owner=owner.name))
            order._tianchi_announce(_("%s released the order.", user.name))
        return True

    # ------------------------------------------------------------------
    # grabbing
    # ------------------------------------------------------------------

    def _tianchi_grab(self, already_held=0):
        self.ensure_one()
        user = self.env.user
        # read as superuser: an order someone else just took is no longer
        # visible to the loser, who must still be told who took it
        order = self.sudo()
        # only what a grab reads: most taps lose, and an order or a stage has many more columns
        order.fetch(['name', 'stage_id', 'company_id', 'user_id'])
        stage = order.stage_id
        stage.fetch(['name', 'allow_grab'])
        is_staff = stage._is_staff(user)
        if not is_staff or order.company_id.id not in user._get_company_ids():
            # outside staff get the usual access error for orders they may not see
            self.check_access('read')
        if not stage.allow_grab:
            self._tianchi_grab_refuse(_(
                "Order %(order)s is in stage %(stage)s, which has no grab pool.",
                order=order.name, stage=stage.name or _("none")))
        if not is_staff:
            self._tianchi_grab_refuse(_(
                "Only the staff of stage %(stage)s may grab order %(order)s; %(user)s is not one of them.",
                stage=stage.name, order=order.name, user=user.name))
        if order.user_id:
            self._tianchi_grab_lost(order.user_id)
        limit = order.company_id.tianchi_grab_limit
        if limit:
            # one grab at a time per person, so two taps on two orders cannot both pass the count
            self.env.cr.execute('SELECT id FROM res_users WHERE id = %s FOR NO KEY UPDATE', [user.id])
            held = self._tianchi_open_grab_count(user) + already_held
            if held >= limit:
                self._tianchi_grab_refuse(_(
                    "%(user)s already holds %(count)s grabbed orders, the limit of %(company)s: "
                    "move one on or release it before grabbing order %(order)s.",
                    user=user.name, count=held, company=order.company_id.name, order=order.name))
        now = fields.Datetime.now()
        self.flush_recordset()
        won = False
        try:
            with self.env.cr.savepoint(flush=False):
                # losing this race is expected: no "bad query" in the log for it
                self.env.cr.execute(
                    'UPDATE sale_order SET user_id = %s, tianchi_grab_date = %s, write_uid = %s, write_date = %s '
                    'WHERE id = %s AND user_id IS NULL RETURNING id',
                    [user.id, now, user.id, now, self.id], log_exceptions=False)
                won = bool(self.env.cr.fetchone())
        except pg_errors.SerializationFailure:
            # someone else's claim committed after this transaction began: they won
            won = False
        self.invalidate_recordset(['user_id', 'tianchi_grab_date', 'write_uid', 'write_date'])
        if not won:
            self._tianchi_grab_lost(self._tianchi_committed_owner())
        # the claim bypassed the ORM: let what depends on the owner follow
        self.modified(['user_id', 'tianchi_grab_date'])
        # the announcement is over: it leaves everyone's activity menu, soon
        # and off this request (a to-do removed from hundreds of people costs
        # many times the grab itself, and every tap waits behind the winner)
        self.env.ref('tianchi_pipeline.ir_cron_tianchi_grab_withdraw').sudo()._trigger()
        self._tianchi_grab_log('won', user, _("Grabbed by %s.", user.name))
        # logged rather than posted: staff signing in by mobile number often have no e-mail address
        self._message_log(body=_("%(user)s grabbed the order in stage %(stage)s.", user=user.name, stage=stage.name))
        return True

    def _tianchi_open_grab_count(self, user) -> int:
        """Orders ``user`` grabbed that still wait in a grab stage, as committed
        now (this transaction's snapshot may predate the last grab)."""
        domain = [('user_id', '=', user.id), ('tianchi_grab_date', '!=', False),
                  ('stage_id.allow_grab', '=', True), ('id', '!=', self.id)]
        if modules.module.current_test:
            # under tests everything lives in one uncommitted transaction
            return self.sudo().search_count(domain)
        with self.env.registry.cursor() as cr:
            return self.env(cr=cr, su=True)['sale.order'].search_count(domain)

    def _tianchi_committed_owner(self):
        """The owner as committed by the concurrent winner."""
        if modules.module.current_test:
            return self.sudo().user_id
        with self.env.registry.cursor() as cr:
            cr.execute('SELECT user_id FROM sale_order WHERE id = %s', [self.id])
            row = cr.fetchone()
        return self.env['res.users'].sudo().browse(row[0] if row else None)

    def _tianchi_grab_lost(self, winner):
        winner = winner.sudo()
        winner.fetch(['partner_id'])
        winner.partner_id.fetch(['name'])
        message = _("Order %(order)s was already taken by %(winner)s.", order=self.sudo().name,
                    winner=winner.name or _("someone else"))
        self._tianchi_grab_log('lost', self.env.user, message, detached=True)
        raise UserError(message)

    def _tianchi_grab_refuse(self, message):
        self._tianchi_grab_log('attempt', self.env.user, message, detached=True)
        raise UserError(message)

    def _tianchi_grab_log(self, event, user, detail, recipients=None, detached=False):
        """Add a line to the grab audit trail. A ``detached`` line is written
        and committed in a transaction of its own, so that the refusal raised
        next (which rolls the request back) does not erase the attempt; it is
        one plain INSERT, as Odoo's own database log handler writes its lines,
        because every loser of a grab pays for it."""
        self.ensure_one()
        order = self.sudo()
        values = {
            'order_id': order.id, 'stage_id': order.stage_id.id, 'company_id': order.company_id.id,
            'event': event, 'user_id': user.id if user else False, 'detail': detail,
            'recipient_count': len(recipients) if recipients is not None else 0,
        }
        if not detached or modules.module.current_test:
            # under tests the order exists only in the test's own transaction
            return self.env['tianchi.order.grab.log'].sudo().create(values)
        now = fields.Datetime.now()
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    'INSERT INTO tianchi_order_grab_log (order_id, stage_id, company_id, event, user_id, detail, '
                    'recipient_count, date, create_uid, create_date, write_uid, write_date) '
                    'VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)',
                    [values['order_id'], values['stage_id'] or None, values['company_id'] or None, event,
                     values['user_id'] or None, detail, values['recipient_count'], now,
                     self.env.uid, now, self.env.uid, now])
        except Exception:
            _logger.exception("Could not log the grab attempt of %s on %s", user.name if user else '-', order.name)
        return None

    # ------------------------------------------------------------------
    # announcements
    # ------------------------------------------------------------------

    def _tianchi_announce(self, reason):
        """Tell every staff of the order's grab stage that it waits to be
        grabbed; returns the users told."""
        self.ensure_one()
        stage = self.stage_id
        staff = stage.effective_user_ids
        self.sudo().write({'tianchi_announce_date': fields.Datetime.now()})
        subject = _("Order to grab: %(order)s (%(customer)s, %(amount)s %(currency)s)",
                    order=self.name, customer=self.partner_id.display_name or '',
                    amount=self.amount_total, currency=self.currency_id.name or '')
        body = '\n'.join([
            reason,
            _("Stage: %s", stage.name),
            _("The first of the stage's staff to grab it becomes its owner."),
        ])
        if staff:
            self.env['tianchi.notification']._tianchi_notify(staff, subject, body, self, 'grab_announced')
        self._tianchi_grab_log('announced', False, _("Announced to %(count)s people. %(reason)s",
                                                      count=len(staff), reason=reason), recipients=staff)
        return staff

    @api.model
    def _cron_tianchi_grab_withdraw(self):
        """Withdraw the grab announcements of the orders that no longer wait
        in a pool (grabs trigger this job rather than withdrawing inline)."""
        orders = self.sudo().search([
            ('activity_ids.tianchi_notify_event', '=', 'grab_announced'),
            '|', ('user_id', '!=', False), ('stage_id.allow_grab', '=', False),
        ])
        if orders:
            self.env['tianchi.notification']._tianchi_notify_withdraw(orders, 'grab_announced')

    @api.model
    def _cron_tianchi_grab_sla(self):
        """Announce again what was not grabbed within the stage SLA, put back
        in the pool what was grabbed but not moved on within it, and mark
        the stays that overran."""
        now = fields.Datetime.now()
        stages = self.env['tianchi.order.stage'].search([('allow_grab', '=', True), ('sla_hours', '>', 0)])
        for stage in stages:
            limit = now - timedelta(hours=stage.sla_hours)
            waiting = self.search([('stage_id', '=', stage.id), ('user_id', '=', False),
                                   '|', ('tianchi_announce_date', '=', False), ('tianchi_announce_date', '<', limit)])
            for order in waiting:
                order._tianchi_announce(_("Not grabbed within %s hours.", stage.sla_hours))
            stale = self.search([('stage_id', '=', stage.id), ('user_id', '!=', False),
                                 ('tianchi_grab_date', '!=', False), ('tianchi_grab_date', '<', limit)])
            for order in stale:
                owner = order.user_id
                order.write({'user_id': False, 'tianchi_grab_date': False})
                order._tianchi_grab_log('expired', owner, _(
                    "%(owner)s did not move it on within %(hours)s hours; back to the pool.",
                    owner=owner.name, hours=stage.sla_hours))
                order._message_log(body=_("Back to the grab pool: %(owner)s did not move it on within %(hours)s hours.",
                                          owner=owner.name, hours=stage.sla_hours))
                order._tianchi_announce(_("Back in the pool: not moved on within %s hours.", stage.sla_hours))
        self.env['tianchi.order.stage.history'].sudo()._mark_breaches(now)
        self.env['tianchi.order.stage.history'].sudo()._refresh_open_durations(now)
