"""``mail.activity.mixin``: activities on a model's records, with the summary
fields (state, next deadline, responsible...) lists and kanbans show."""
from __future__ import annotations

import datetime
import logging

from odoo import api, fields, models
from odoo.osv import expression

_logger = logging.getLogger(__name__)


class MailActivityMixin(models.AbstractModel):
    _name = 'mail.activity.mixin'
    _description = 'Activity Mixin'

    def _default_activity_type(self):
        """The type used when a scheduled activity names none (or a wrong one)."""
        return self.env['mail.activity']._default_activity_type_for_model(self._name)

    activity_ids = fields.One2many('mail.activity', 'res_id', 'Activities', auto_join=True,
                                   groups="base.group_user")
    activity_state = fields.Selection(
        [('overdue', 'Overdue'), ('today', 'Today'), ('planned', 'Planned')], string='Activity State',
        compute='_compute_activity_state', search='_search_activity_state', groups="base.group_user",
        help="Overdue: a deadline has passed.\nToday: an activity is due today.\n"
             "Planned: every deadline is in the future.")
    activity_user_id = fields.Many2one('res.users', 'Responsible User', compute='_compute_activity_user_id',
                                       readonly=True, search='_search_activity_user_id',
                                       groups="base.group_user")
    activity_type_id = fields.Many2one('mail.activity.type', 'Next Activity Type',
                                       related='activity_ids.activity_type_id', readonly=False,
                                       search='_search_activity_type_id', groups="base.group_user")
    activity_type_icon = fields.Char('Activity Type Icon', related='activity_ids.icon')
    activity_date_deadline = fields.Date('Next Activity Deadline', compute='_compute_activity_date_deadline',
                                         search='_search_activity_date_deadline', compute_sudo=False,
                                         readonly=True, store=False, groups="base.group_user")
    my_activity_date_deadline = fields.Date('My Activity Deadline',
                                            compute='_compute_my_activity_date_deadline',
                                            search='_search_my_activity_date_deadline', compute_sudo=False,
                                            readonly=True, groups="base.group_user")
    activity_summary = fields.Char('Next Activity Summary', related='activity_ids.summary', readonly=False,
                                   search='_search_activity_summary', groups="base.group_user")
    activity_exception_decoration = fields.Selection(
        [('warning', 'Alert'), ('danger', 'Error')], compute='_compute_activity_exception_type',
        search='_search_activity_exception_decoration', help="Exception shown on the record.")
    activity_exception_icon = fields.Char('Icon', help="Icon of the exception activity.",
                                          compute='_compute_activity_exception_type')

    # ------------------------------------------------------------------
    # computes and searches
    # ------------------------------------------------------------------

    def _activity_ids_where(self, domain):
        """Domain on these records: those having an active activity matching ``domain``."""
        activities = self.env['mail.activity'].sudo().search(
            [('res_model', '=', self._name)] + list(domain))
        return [('id', 'in', list(set(activities.mapped('res_id'))))]

    @api.depends('activity_ids.activity_type_id.decoration_type', 'activity_ids.activity_type_id.icon')
    def _compute_activity_exception_type(self):
        for record in self:
            exception = False
            for kind in record.activity_ids.activity_type_id:
                if kind.decoration_type == 'danger':
                    exception = kind
                    break
                if kind.decoration_type == 'warning':
                    exception = kind
            record.activity_exception_decoration = exception and exception.decoration_type
            record.activity_exception_icon = exception and exception.icon

    def _search_activity_exception_decoration(self, operator, operand):
        return self._activity_ids_where([('activity_type_id.decoration_type', operator, operand)])

    @api.depends('activity_ids.user_id')
    def _compute_activity_user_id(self):
        for record in self:
            record.activity_user_id = record.activity_ids[:1].user_id

    @api.depends('activity_ids.state')
    def _compute_activity_state(self):
        for record in self:
            states = set(record.activity_ids.mapped('state'))
            record.activity_state = next((s for s in ('overdue', 'today', 'planned') if s in states), False)

    def _search_activity_state(self, operator, value):
        every = {'overdue', 'today', 'planned', False}
        if operator == '=':
            wanted = {value}
        elif operator == '!=':
            wanted = every - {value}
        elif operator == 'in':
            wanted = set(value)
        elif operator == 'not in':
            wanted = every - set(value)
        else:
            raise ValueError(f"Operator {operator!r} is not supported on {self._name}.activity_state")
        activities = self.env['mail.activity'].sudo().search([('res_model', '=', self._name)])
        per_record = {}
        for activity in activities:
            per_record.setdefault(activity.res_id, set()).add(activity.state)
        state_of = {
            rid: next(s for s in ('overdue', 'today', 'planned') if s in states)
            for rid, states in per_record.items() if states & {'overdue', 'today', 'planned'}
        }
        if False in wanted:
            # records without activities are many: exclude the others instead
            return [('id', 'not in', [rid for rid, s in state_of.items() if s not in wanted])]
        return [('id', 'in', [rid for rid, s in state_of.items() if s in wanted])]

    @api.depends('activity_ids.date_deadline')
    def _compute_activity_date_deadline(self):
        for record in self:
            record.activity_date_deadline = record.activity_ids[:1].date_deadline

    def _search_activity_date_deadline(self, operator, operand):
        if operator == '=' and not operand:
            having = self._activity_ids_where([])
            return [('id', 'not in', having[0][2])]
        return self._activity_ids_where([('date_deadline', operator, operand)])

    @api.model
    def _search_activity_user_id(self, operator, operand):
        # "no responsible": records without activities at all
        without_any = operator in ('=', '!=') and isinstance(operand, bool) and operand == (operator == '!=')
        if without_any:
            having = self._activity_ids_where([])
            return [('id', 'not in', having[0][2])]
        return self._activity_ids_where([('active', 'in', [True, False]), ('user_id', operator, operand)])

    @api.model
    def _search_activity_type_id(self, operator, operand):
        return self._activity_ids_where([('activity_type_id', operator, operand)])

    @api.model
    def _search_activity_summary(self, operator, operand):
        return self._activity_ids_where([('summary', operator, operand)])

    @api.depends('activity_ids.date_deadline', 'activity_ids.user_id')
    @api.depends_context('uid')
    def _compute_my_activity_date_deadline(self):
        uid = self.env.uid
        for record in self:
            mine = record.activity_ids.filtered(lambda a: a.user_id.id == uid)
            record.my_activity_date_deadline = mine[:1].date_deadline

    def _search_my_activity_date_deadline(self, operator, operand):
        return self._activity_ids_where([('active', '=', True), ('date_deadline', operator, operand),
                                         ('user_id', '=', self.env.user.id)])

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _activities_of(self, active_test=True):
        return self.env['mail.activity'].with_context(active_test=active_test).sudo().search([
            ('res_model', '=', self._name), ('res_id', 'in', self.ids)])

    def write(self, vals):
        # an archived record has nothing left to do
        if vals.get('active', True) is False:
            self._activities_of().unlink()
        return super().write(vals)

    def unlink(self):
        doomed = self.browse(self.ids)
        activities = doomed._activities_of(active_test=False)
        result = super().unlink()
        activities.unlink()
        return result

    def toggle_active(self):
        active_name = self._active_name
        archiving = self.filtered(lambda rec: rec[active_name])
        if archiving:
            archiving._activities_of().unlink()
        return super().toggle_active()

    # ------------------------------------------------------------------
    # scheduling API
    # ------------------------------------------------------------------

    def _activity_type_ids(self, xmlids):
        imd = self.env['ir.model.data'].sudo()
        found = [imd._xmlid_to_res_id(xmlid, raise_if_not_found=False) for xmlid in xmlids or ()]
        return list(filter(None, found))

    def _activity_automation_skipped(self) -> bool:
        # set by imports and other bulk operations that must not schedule anything
        return bool(self.env.context.get('mail_activity_automation_skip'))

    def _matching_automated(self, act_type_xmlids, user_id):
        """The automated activities of ``activity_search``; None when
        automation is off or none of the types exists."""
        if self._activity_automation_skipped() or not self._activity_type_ids(act_type_xmlids):
            return None
        return self.activity_search(act_type_xmlids, user_id=user_id)

    def activity_send_mail(self, template_id):
        """Post the ``mail.template`` of id ``template_id`` on each record."""
        template = self.env['mail.template'].browse(template_id)
        if not template.exists():
            return False
        self.message_post_with_source(template, subtype_xmlid='mail.mt_comment')
        return True

    def activity_search(self, act_type_xmlids='', user_id=None, additional_domain=None):
        """The automated activities of these records whose type is one of
        ``act_type_xmlids``, of ``user_id`` when given."""
        Activity = self.env['mail.activity']
        type_ids = [] if self._activity_automation_skipped() else self._activity_type_ids(act_type_xmlids)
        if not type_ids:
            return Activity
        domain = [('res_model', '=', self._name), ('res_id', 'in', self.ids),
                  ('automated', '=', True), ('activity_type_id', 'in', type_ids)]
        if user_id:
            domain.append(('user_id', '=', user_id))
        extra = list(additional_domain or ())
        return Activity.search(expression.AND([domain, extra]) if extra else domain)

    def activity_schedule(self, act_type_xmlid='', date_deadline=None, summary='', note='', **act_values):
        """Schedule one activity per record, of the type with external id
        ``act_type_xmlid`` (or ``activity_type_id`` in ``act_values``), due
        ``date_deadline`` (today by default). Returns the activities."""
        if self._activity_automation_skipped():
            return False
        date_deadline = date_deadline or fields.Date.context_today(self)
        if isinstance(date_deadline, datetime.datetime):
            _logger.warning("activity_schedule on %s: the deadline %s should be a date", self._name, date_deadline)
        if act_type_xmlid:
            type_id = self.env['ir.model.data']._xmlid_to_res_id(act_type_xmlid, raise_if_not_found=False)
        else:
            type_id = act_values.get('activity_type_id', False)
        kind = self.env['mail.activity.type'].browse(type_id)
        if kind and kind.res_model and kind.res_model != self._name:
            _logger.warning("Activity type %s is meant for %s, not %s (xml id %s)",
                            kind.name, kind.res_model, self._name, act_type_xmlid or '')
        if not kind:
            kind = self._default_activity_type()
        model = self.env['ir.model']._get(self._name)
        vals_list = []
        for record in self:
            vals = {
                'activity_type_id': kind.id,
                'summary': summary or kind.summary,
                'automated': True,
                'note': note or kind.default_note,
                'date_deadline': date_deadline,
                'res_model_id': model.id,
                'res_id': record.id,
            }
            vals.update(act_values)
            if not vals.get('user_id'):
                vals['user_id'] = kind.default_user_id.id or self.env.uid
            vals_list.append(vals)
        return self.env['mail.activity'].create(vals_list)

    def activity_reschedule(self, act_type_xmlids, user_id=None, date_deadline=None, new_user_id=None):
        """Move the deadline and/or assignee of the matching automated activities."""
        activities = self._matching_automated(act_type_xmlids, user_id)
        if activities is None:
            return False
        if activities:
            changes = {}
            if date_deadline:
                changes['date_deadline'] = date_deadline
            if new_user_id:
                changes['user_id'] = new_user_id
            activities.write(changes)
        return activities

    def activity_feedback(self, act_type_xmlids, user_id=None, feedback=None, attachment_ids=None):
        """Mark the matching automated activities done, with ``feedback``."""
        to_close = self._matching_automated(act_type_xmlids, user_id)
        if to_close is None:
            return False
        if to_close:
            to_close.action_feedback(feedback=feedback, attachment_ids=attachment_ids)
        return True

    def activity_unlink(self, act_type_xmlids, user_id=None):
        """Delete the matching automated activities."""
        to_delete = self._matching_automated(act_type_xmlids, user_id)
        if to_delete is None:
            return False
        to_delete.unlink()
        return True
