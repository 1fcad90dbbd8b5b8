"""Activities: dated follow-ups (call, e-mail, meeting, to-do) assigned to a
user on any record having ``mail.activity.mixin``."""
from __future__ import annotations

import datetime
from collections import defaultdict

import pytz
from markupsafe import Markup, escape
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class MailActivity(models.Model):
    _name = 'mail.activity'
    _description = 'Activity'
    _order = 'date_deadline ASC, id ASC'
    _rec_name = 'summary'

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if 'res_model_id' in fields_list and values.get('res_model'):
            values['res_model_id'] = self.env['ir.model']._get(values['res_model']).id
        return values

    @api.model
    def _default_activity_type(self):
        defaults = self.default_get(['res_model_id', 'res_model'])
        if not defaults.get('res_model_id'):
            return False
        model_name = self.env['ir.model'].sudo().browse(defaults['res_model_id']).model
        return self._default_activity_type_for_model(model_name)

    @api.model
    def _default_activity_type_for_model(self, model):
        """The To-Do type when it applies to ``model``, else a type of the
        model, else any generic type."""
        Type = self.env['mail.activity.type']
        todo = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        if todo and todo.active and todo.res_model in (False, model):
            return todo
        return Type.search([('res_model', '=', model)], limit=1) or Type.search([('res_model', '=', False)], limit=1)

    # the record the activity is about
    res_model_id = fields.Many2one('ir.model', 'Document Model', index=True, ondelete='cascade',
                                   required=True)
    res_model = fields.Char('Related Document Model', index=True, related='res_model_id.model',
                            precompute=True, store=True, readonly=True)
    res_id = fields.Many2oneReference(string='Related Document ID', index=True, model_field='res_model')
    res_name = fields.Char('Document Name', compute='_compute_res_name', compute_sudo=True, store=True,
                           readonly=True)
    # what to do
    activity_type_id = fields.Many2one('mail.activity.type', string='Activity Type',
                                       domain="['|', ('res_model', '=', False), ('res_model', '=', res_model)]",
                                       ondelete='restrict', default=_default_activity_type)
    activity_category = fields.Selection(related='activity_type_id.category', readonly=True)
    activity_decoration = fields.Selection(related='activity_type_id.decoration_type', readonly=True)
    icon = fields.Char('Icon', related='activity_type_id.icon', readonly=True)
    summary = fields.Char('Summary')
    note = fields.Html('Note', sanitize_style=True)
    date_deadline = fields.Date('Due Date', index=True, required=True, default=fields.Date.context_today)
    date_done = fields.Date('Done Date', compute='_compute_date_done', store=True)
    automated = fields.Boolean('Automated activity', readonly=True,
                               help="Scheduled by the application rather than by a user.")
    attachment_ids = fields.Many2many('ir.attachment', 'activity_attachment_rel', 'activity_id',
                                      'attachment_id', string='Attachments')
    # who
    user_id = fields.Many2one('res.users', 'Assigned to', default=lambda self: self.env.user,
                              index=True, required=True, ondelete='cascade')
    user_tz = fields.Selection(string='Timezone', related='user_id.tz', store=True)
    request_partner_id = fields.Many2one('res.partner', string='Requesting Partner')
    state = fields.Selection([('overdue', 'Overdue'), ('today', 'Today'), ('planned', 'Planned'), ('done', 'Done')],
                             'State', compute='_compute_state')
    recommended_activity_type_id = fields.Many2one('mail.activity.type', string="Recommended Activity Type")
    previous_activity_type_id = fields.Many2one('mail.activity.type', string='Previous Activity Type', readonly=True)
    has_recommended_activities = fields.Boolean('Next activities available',
                                                compute='_compute_has_recommended_activities')
    mail_template_ids = fields.Many2many(related='activity_type_id.mail_template_ids', readonly=True)
    chaining_type = fields.Selection(related='activity_type_id.chaining_type', readonly=True)
    can_write = fields.Boolean(compute='_compute_can_write')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('check_res_id_is_set', 'CHECK(res_id IS NOT NULL AND res_id !=0 )',
         'An activity must be linked to a document.'),
    ]

    @api.depends('previous_activity_type_id')
    def _compute_has_recommended_activities(self):
        for activity in self:
            activity.has_recommended_activities = bool(activity.previous_activity_type_id.suggested_next_type_ids)

    @api.depends('active')
    def _compute_date_done(self):
        done_on = fields.Date.context_today(self)
        for activity in self:
            if activity.active:
                activity.date_done = False
            elif not activity.date_done:
                activity.date_done = done_on

    @api.depends('res_model', 'res_id')
    def _compute_res_name(self):
        for activity in self:
            if activity.res_model and activity.res_model in self.env and activity.res_id:
                activity.res_name = self.env[activity.res_model].browse(activity.res_id).display_name
            else:
                activity.res_name = False

    @api.depends('active', 'date_deadline')
    def _compute_state(self):
        for activity in self:
            if not activity.date_deadline:
                activity.state = False
            elif not activity.active:
                activity.state = 'done'
            else:
                activity.state = self._compute_state_from_date(activity.date_deadline, activity.user_id.sudo().tz)

    @api.model
    def _compute_state_from_date(self, date_deadline, tz=False):
        """'overdue', 'today' or 'planned': ``date_deadline`` against today
        in the time zone ``tz`` (the assignee's)."""
        deadline = fields.Date.to_date(date_deadline)
        today = datetime.date.today()
        if tz:
            today = datetime.datetime.now(pytz.timezone(tz)).date()
        delta = (deadline - today).days
        if delta < 0:
            return 'overdue'
        return 'today' if delta == 0 else 'planned'

    @api.depends('res_model', 'res_id', 'user_id')
    def _compute_can_write(self):
        writable = self._filtered_access('write')
        for activity in self:
            activity.can_write = activity in writable

    @api.depends('summary', 'activity_type_id')
    def _compute_display_name(self):
        for activity in self:
            activity.display_name = activity.summary or activity.activity_type_id.display_name or ''

    @api.onchange('previous_activity_type_id')
    def _onchange_previous_activity_type_id(self):
        for activity in self:
            if activity.previous_activity_type_id.triggered_next_type_id:
                activity.activity_type_id = activity.previous_activity_type_id.triggered_next_type_id

    @api.onchange('activity_type_id')
    def _onchange_activity_type_id(self):
        kind = self.activity_type_id
        if not kind:
            return
        if kind.summary:
            self.summary = kind.summary
        self.date_deadline = kind._get_date_deadline()
        self.user_id = kind.default_user_id or self.env.user
        if kind.default_note:
            self.note = kind.default_note

    @api.onchange('recommended_activity_type_id')
    def _onchange_recommended_activity_type_id(self):
        recommended = self.recommended_activity_type_id
        if recommended:
            self.activity_type_id = recommended

    # ------------------------------------------------------------------
    # access: the rules, widened by the rights on the related document
    # ------------------------------------------------------------------

    def _check_access(self, operation):
        """Reading needs the rules and (being the assignee or reading the
        document); creating needs the rules and posting on the document;
        writing and deleting need the rules or posting on the document."""
        refusal = super()._check_access(operation)
        if not self:
            return refusal
        if operation in ('read', 'create'):
            # allowed by the rules, still subject to the documents
            candidates = (self - refusal[0]) if refusal else self
            if operation == 'read':
                uid = self.env.uid
                candidates -= candidates.sudo().filtered(lambda a: a.user_id.id == uid)
        else:
            model_refusal = self.browse()._check_access(operation)
            if model_refusal:
                return refusal  # no right on the model at all
            # refused by the rules: the documents may still allow it
            candidates = refusal[0] if refusal else self.browse()
            refusal = None
        if not candidates:
            return refusal
        by_document = defaultdict(lambda: defaultdict(list))
        for activity in candidates.sudo():
            by_document[activity.res_model][activity.res_id].append(activity.id)
        refused = []
        for model_name, per_record in by_document.items():
            documents = self.env[model_name].browse(list(per_record))
            doc_operation = getattr(documents, '_mail_post_access', 'write')
            if operation == 'read':
                doc_operation = 'read'
            documents_refusal = documents._check_access(doc_operation)
            if documents_refusal:
                for document in documents_refusal[0]:
                    refused.extend(per_record[document.id])
        if not refused:
            return refusal
        forbidden = self.browse(refused)
        if refusal:
            return (refusal[0] + forbidden, refusal[1])
        return (forbidden, lambda: forbidden._make_access_error(operation))

    def _make_access_error(self, operation):
        return AccessError(_(
            "You may not %(operation)s the activities %(activities)s: you cannot access "
            "the documents they are about (user %(user)s).",
            operation=operation, activities=', '.join(str(a.id) for a in self), user=self.env.user.login))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        if not self.env.context.get('mail_activity_quick_update'):
            for_others = activities.filtered(lambda a: a.user_id != self.env.user)
            if for_others:
                for_others.sudo().action_notify()
        # the assignee follows the document
        for model_name, data in activities._classify_by_model().items():
            documents_of = defaultdict(set)
            for activity in data['activities'].filtered('user_id'):
                documents_of[activity.user_id].add(activity.res_id)
            for assignee, document_ids in documents_of.items():
                self.env[model_name].browse(list(document_ids)).sudo()._message_subscribe(
                    partner_ids=assignee.sudo().partner_id.ids)
        return activities

    def write(self, vals):
        if vals.get('user_id'):
            reassigned = self.filtered(lambda a: a.user_id.id != vals['user_id'])
        else:
            reassigned = self.browse()
        result = super().write(vals)
        if reassigned:
            if not self.env.context.get('mail_activity_quick_update'):
                reassigned.filtered(lambda a: a.user_id != self.env.user).sudo().action_notify()
            new_partner = self.env['res.users'].sudo().browse(vals['user_id']).partner_id
            for model_name, data in reassigned._classify_by_model().items():
                self.env[model_name].browse(data['record_ids']).sudo()._message_subscribe(
                    partner_ids=new_partner.ids)
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_notify(self):
        """Tell the assignees, by a notification on the document, that the
        activity was given to them."""
        for activity in self:
            if not activity.user_id or activity.res_model not in self.env:
                continue
            document = self.env[activity.res_model].browse(activity.res_id)
            if not hasattr(document, 'message_notify') or not document.exists():
                continue
            label = activity.summary or activity.activity_type_id.name or _('Activity')
            document_name = activity.res_name or document.display_name
            body = Markup('<p>%s</p>') % _(
                "%(user)s assigned you the activity “%(activity)s” on %(record)s, due %(date)s.",
                user=self.env.user.name, activity=label, record=document_name, date=activity.date_deadline)
            assignee_partner = activity.user_id.partner_id
            document.message_notify(
                partner_ids=assignee_partner.ids,
                body=body,
                subject=_("%(activity)s: %(record)s assigned to you", activity=label, record=document_name),
                record_name=activity.res_name,
                email_layout_xmlid='mail.mail_notification_layout',
            )

    def action_done(self):
        """Mark as done without feedback; returns the posted messages' ids."""
        messages, _next = self._action_done()
        return (messages.ids and messages.ids[0]) or False

    def action_feedback(self, feedback=False, attachment_ids=None):
        """Mark as done with a feedback; returns the id of the posted message."""
        messages, _next = self._action_done(feedback=feedback, attachment_ids=attachment_ids)
        return messages[:1].id or False

    def action_done_schedule_next(self):
        return self.action_feedback_schedule_next()

    def action_feedback_schedule_next(self, feedback=False, attachment_ids=None):
        """Mark as done, then open the scheduling of the next activity."""
        ctx = dict(
            self.env.context,
            default_previous_activity_type_id=self.activity_type_id.id,
            activity_previous_deadline=self.date_deadline,
            default_res_id=self.res_id,
            default_res_model=self.res_model,
        )
        _messages, next_activities = self._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if next_activities:
            return False
        return {
            'name': _('Schedule an Activity'),
            'context': ctx,
            'view_mode': 'form',
            'res_model': 'mail.activity',
            'views': [(False, 'form')],
            'type': 'ir.actions.act_window',
            'target': 'new',
        }

    def _action_done(self, feedback=False, attachment_ids=None):
        """Post a "done" message on each document, create the triggered
        next activities, then archive (types keeping done activities) or
        delete the activities. Returns (messages, next activities)."""
        messages = self.env['mail.message']
        author = self.env.user.partner_id
        next_values = []
        for model_name, data in self._classify_by_model().items():
            records = self.env[model_name].sudo().browse(data['record_ids'])
            by_id = {rec.id: rec for rec in records}
            for activity in data['activities']:
                document = by_id[activity.res_id]
                kind = activity.activity_type_id
                if activity.chaining_type == 'trigger' and kind.triggered_next_type_id:
                    next_values.append(activity.with_context(
                        activity_previous_deadline=activity.date_deadline)._prepare_next_activity_values())
                message = document.message_post(
                    body=activity._done_message_body(feedback),
                    attachment_ids=attachment_ids,
                    author_id=author.id,
                    mail_activity_type_id=kind.id,
                    subtype_xmlid='mail.mt_activities',
                )
                if kind.keep_done and attachment_ids:
                    activity.attachment_ids = [fields.Command.link(aid) for aid in attachment_ids]
                messages |= message
        Activity = self.env['mail.activity']
        next_activities = Activity.create(next_values) if next_values else Activity
        kept = self.filtered(lambda a: a.activity_type_id.keep_done)
        if kept:
            kept.action_archive()
        (self - kept).unlink()
        return messages, next_activities

    def _done_message_body(self, feedback):
        """HTML body of the message telling this activity is done."""
        self.ensure_one()
        label = self.activity_type_id.name or _('Activity')
        parts = [Markup('<div><p><span class="fa %s"></span> %s: <b>%s</b></p>') % (
            self.activity_type_id.icon or 'fa-check', escape(label), escape(self.summary or label))]
        if self.user_id and self.user_id != self.env.user:
            parts.append(Markup('<p>%s</p>') % _("Original assignee: %s", self.user_id.name))
        if self.note and str(self.note).strip():
            parts.append(Markup('<div class="o_mail_note_title">%s</div>%s') % (_("Original note:"), self.note))
        if feedback:
            parts.append(Markup('<div class="o_mail_feedback">%s</div><p>%s</p>') % (
                _("Feedback:"), feedback))
        parts.append(Markup('</div>'))
        return Markup('').join(parts)

    def action_close_dialog(self):
        return {'type': 'ir.actions.act_window_close'}

    def action_open_document(self):
        """The form of the document the activity is about."""
        self.ensure_one()
        return {
            'res_id': self.res_id,
            'res_model': self.res_model,
            'target': 'current',
            'type': 'ir.actions.act_window',
            'views': [(False, 'form')],
        }

    def action_snooze(self):
        """Push the deadline a week later."""
        not_before = fields.Date.context_today(self)
        for activity in self.filtered('active'):
            activity.date_deadline = max(activity.date_deadline, not_before) + datetime.timedelta(days=7)

    def action_cancel(self):
        """Cancel the activities (archived when their type keeps done activities)."""
        kept = self.filtered(lambda a: a.activity_type_id.keep_done)
        kept.action_archive()
        (self - kept).unlink()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _classify_by_model(self):
        """{model: {'activities': activities, 'record_ids': ids}}."""
        result = {}
        for activity in self.filtered('res_model'):
            bucket = result.setdefault(activity.res_model, {'activities': self.browse(), 'record_ids': []})
            bucket['activities'] |= activity
            if activity.res_id not in bucket['record_ids']:
                bucket['record_ids'].append(activity.res_id)
        return result

    def _prepare_next_activity_values(self):
        """Values of the activity following this one, as the type's chaining says."""
        self.ensure_one()
        values = self.default_get(list(self.fields_get()))
        kind = self.activity_type_id
        values.update({
            'previous_activity_type_id': kind.id,
            'res_id': self.res_id,
            'res_model': self.res_model,
            'res_model_id': self.env['ir.model']._get_id(self.res_model),
        })
        draft = self.new(values)
        draft._onchange_previous_activity_type_id()
        draft._onchange_activity_type_id()
        # the draft's values, in the form create() takes
        names = set(values) | {'activity_type_id', 'summary', 'date_deadline', 'user_id', 'note'}
        return {name: draft._fields[name].convert_to_write(draft[name], draft)
                for name in names if name in draft._fields and not draft._fields[name].compute}

    @api.autovacuum
    def _gc_delete_old_overdue_activities(self):
        """Drop the activities overdue for longer than the configured number
        of days (parameter mail.activity.gc.delete_overdue_years, 0: never)."""
        years = int(self.env['ir.config_parameter'].sudo().get_param(
            'mail.activity.gc.delete_overdue_years', 0))
        if years > 0:
            limit = datetime.date.today() - datetime.timedelta(days=365 * years)
            self.with_context(active_test=False).search([('date_deadline', '<', limit)], limit=10000).unlink()
