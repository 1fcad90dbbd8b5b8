"""The stage side of an order: its type and stage, moves (kanban drag or
buttons) checked against the roles each stage allows, the stage history,
the SLA deadline, and the people told when an order enters a stage."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    order_type_id = fields.Many2one(
        'tianchi.order.type', string='Order Type', index=True, tracking=True, copy=True,
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self.env.context.get('default_order_type_id'))
    stage_id = fields.Many2one(
        'tianchi.order.stage', string='Stage', compute='_compute_stage_id', store=True, readonly=False,
        index=True, tracking=True, copy=False, ondelete='restrict', group_expand='_read_group_stage_ids',
        domain="[('order_type_id', '=', order_type_id)]")
    stage_date = fields.Datetime(string='Stage Entered', readonly=True, copy=False)
    stage_history_ids = fields.One2many(
        'tianchi.order.stage.history', 'order_id', string='Stage History', readonly=True, copy=False)
    tianchi_sla_deadline = fields.Datetime(
        string='SLA Deadline', compute='_compute_tianchi_sla_deadline', store=True, copy=False,
        help="When the order should leave its current stage.")
    tianchi_is_overdue = fields.Boolean(
        string='Overdue', compute='_compute_tianchi_is_overdue', search='_search_tianchi_is_overdue',
        help="The order has stayed in its stage longer than the stage's SLA.")
    stage_allow_grab = fields.Boolean(related='stage_id.allow_grab', string='Stage Has Grab Pool')
    stage_is_closed = fields.Boolean(related='stage_id.is_closed', string='Closing Stage')

    @api.depends('order_type_id')
    def _compute_stage_id(self):
        for order in self:
            if not order.order_type_id:
                order.stage_id = False
            elif order.stage_id.order_type_id != order.order_type_id:
                order.stage_id = order.order_type_id.stage_ids[:1]

    @api.depends('stage_date', 'stage_id.sla_hours', 'stage_id.is_closed')
    def _compute_tianchi_sla_deadline(self):
        for order in self:
            stage = order.stage_id
            if stage.sla_hours and not stage.is_closed and order.stage_date:
                order.tianchi_sla_deadline = order.stage_date + timedelta(hours=stage.sla_hours)
            else:
                order.tianchi_sla_deadline = False

    @api.depends('tianchi_sla_deadline')
    def _compute_tianchi_is_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.tianchi_is_overdue = bool(order.tianchi_sla_deadline and order.tianchi_sla_deadline < now)

    def _search_tianchi_is_overdue(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_("The Overdue filter only accepts = and !=."))
        overdue = [('tianchi_sla_deadline', '!=', False), ('tianchi_sla_deadline', '<', fields.Datetime.now())]
        if (operator == '=') == bool(value):
            return overdue
        return ['|', ('tianchi_sla_deadline', '=', False), ('tianchi_sla_deadline', '>=', fields.Datetime.now())]

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Every stage of the order types on the board, empty ones included."""
        type_ids = [self.env.context['default_order_type_id']] if self.env.context.get('default_order_type_id') \
            else self.env['tianchi.order.type'].search([]).ids
        return stages.search([('order_type_id', 'in', type_ids)])

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.setdefault('stage_date', now)
            if vals.get('stage_id') and not vals.get('order_type_id'):
                vals['order_type_id'] = self.env['tianchi.order.stage'].browse(vals['stage_id']).order_type_id.id
        orders = super().create(vals_list)
        staged = orders.filtered('stage_id')
        if staged:
            staged._tianchi_check_enter()
            staged.sudo()._tianchi_stage_entered(now, self.env.user)
        return orders

    def write(self, vals):
        if 'stage_id' not in vals and 'order_type_id' not in vals:
            return super().write(vals)
        before = {order.id: order.stage_id for order in self}
        targets = self._tianchi_target_stages(vals)
        moving = self.filtered(lambda order: targets[order.id] != before[order.id])
        moving._tianchi_check_move(before, targets, vals.get('order_type_id'))
        now = fields.Datetime.now()
        # the entry date goes with the move: the mover may lose sight of an order it hands on
        staying = self - moving
        result = super(SaleOrder, staying).write(vals) if staying else True
        if moving:
            result = super(SaleOrder, moving).write(dict(vals, stage_date=now)) and result
            moving.sudo()._tianchi_stage_entered(now, self.env.user)
        return result

    def _tianchi_target_stages(self, vals):
        """The stage each order will be in once ``vals`` is written."""
        Stage = self.env['tianchi.order.stage']
        targets = {}
        for order in self:
            if 'stage_id' in vals:
                targets[order.id] = Stage.browse(vals['stage_id'])
            else:
                new_type = self.env['tianchi.order.type'].browse(vals['order_type_id'])
                keep = order.stage_id.order_type_id == new_type
                targets[order.id] = order.stage_id if keep else new_type.stage_ids[:1]
        return targets

    # ------------------------------------------------------------------
    # moves
    # ------------------------------------------------------------------

    def _tianchi_check_move(self, before, targets, new_type_id=None):
        """Refuse the whole move, naming the stage and the roles, when the
        user may not take an order out of its stage or into the target."""
        for order in self:
            stage, target = before[order.id], targets[order.id]
            order_type = self.env['tianchi.order.type'].browse(new_type_id) if new_type_id else order.order_type_id
            if target and target.order_type_id != order_type:
                raise UserError(_(
                    "Stage %(stage)s belongs to order type %(type)s, not to the type of order %(order)s (%(order_type)s).",
                    stage=target.name, type=target.order_type_id.name,
                    order_type=order_type.name or _("none"), order=order.name))
            if self.env.su:
                continue
            user = self.env.user
            if stage and not stage._user_may_move(user):
                raise UserError(_(
                    "%(user)s may not move order %(order)s out of stage %(stage)s: "
                    "that takes the role %(roles)s.",
                    user=user.name, order=order.name, stage=stage.name,
                    roles=' / '.join(stage.allowed_group_ids.mapped('name'))))
        self._tianchi_check_enter(targets)

    def _tianchi_check_enter(self, targets=None):
        if self.env.su:
            return
        user = self.env.user
        for order in self:
            target = targets[order.id] if targets else order.stage_id
            if target and not target._user_may_move(user):
                raise UserError(_(
                    "%(user)s may not move order %(order)s into stage %(stage)s: "
                    "that takes the role %(roles)s.",
                    user=user.name, order=order.name, stage=target.name,
                    roles=' / '.join(target.allowed_group_ids.mapped('name'))))

    def _tianchi_adjacent_stage(self, step):
        self.ensure_one()
        if not self.order_type_id:
            raise UserError(_("Order %s has no order type, so it has no stages.", self.name))
        stages = self.order_type_id.stage_ids
        position = list(stages).index(self.stage_id) if self.stage_id in stages else -1
        index = position + step
        if index < 0 or index >= len(stages):
            raise UserError(_(
                "Order %(order)s is already in the %(end)s stage of %(type)s (%(stage)s).",
                order=self.name, end=_("first") if step < 0 else _("last"),
                type=self.order_type_id.name, stage=self.stage_id.name))
        return stages[index]

    def action_next_stage(self):
        for order in self:
            order.write({'stage_id': order._tianchi_adjacent_stage(1).id})
        return True

    def action_previous_stage(self):
        for order in self:
            order.write({'stage_id': order._tianchi_adjacent_stage(-1).id})
        return True

    def _tianchi_stage_entered(self, now, mover):
        """Record the stay, announce grab-pool orders and tell the stage's
        roles (run as superuser: the mover may no longer see the order)."""
        History = self.env['tianchi.order.stage.history'].sudo()
        History.search([('order_id', 'in', self.ids), ('date_out', '=', False)])._close(now)
        # an order created with its entry date (imported, demo) starts its stay then
        History.create([{
            'order_id': order.id, 'stage_id': order.stage_id.id,
            'user_id': mover.id, 'date_in': order.stage_date or now,
        } for order in self if order.stage_id])
        for order in self.filtered('stage_id'):
            stage = order.stage_id
            announced = self.env['res.users']
            if stage.allow_grab and not order.user_id:
                announced = order._tianchi_announce(_("The order entered stage %s.", stage.name))
            order._tianchi_notify_stage_roles(exclude=announced)

    def _tianchi_notify_stage_roles(self, exclude):
        self.ensure_one()
        stage = self.stage_id
        users = stage._notified_users(self.company_id) - exclude
        if not users:
            return
        subject = _("Order %(order)s entered stage %(stage)s", order=self.name, stage=stage.name)
        lines = [
            _("Customer: %s", self.partner_id.display_name or ''),
            _("Amount: %(amount)s %(currency)s", amount=self.amount_total, currency=self.currency_id.name or ''),
            _("Owner: %s", self.user_id.name or _("nobody")),
        ]
        if stage.notify_note:
            lines.append(_("What to check: %s", stage.notify_note))
        self.env['tianchi.notification']._tianchi_notify(users, subject, '\n'.join(lines), self, 'stage_entered')
