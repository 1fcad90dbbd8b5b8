"""``mail.thread``: the chatter of a business record — its messages, its
followers, and the tracking of the fields declared with ``tracking=True``.

Context keys: ``tracking_disable`` (no chatter work at all on create and
write), ``mail_create_nolog`` (no "created" message), ``mail_create_nosubscribe``
(the creator does not follow), ``mail_notrack`` (no tracking messages),
``mail_notify_force_send`` (send notification e-mails now rather than through
the queue; True by default for small batches).
"""
from __future__ import annotations

import logging
import threading

from markupsafe import Markup, escape
from odoo import _, api, fields, models, tools
from odoo.exceptions import MissingError, UserError
from odoo.tools.misc import clean_context

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _name = 'mail.thread'
    _description = 'Email Thread'
    _mail_flat_thread = True
    _mail_post_access = 'write'
    _primary_email = 'email'

    message_is_follower = fields.Boolean('Is Follower', compute='_compute_message_is_follower',
                                         search='_search_message_is_follower')
    message_follower_ids = fields.One2many('mail.followers', 'res_id', string='Followers',
                                           groups='base.group_user')
    message_partner_ids = fields.Many2many(
        comodel_name='res.partner', string='Followers (Partners)',
        compute='_compute_message_partner_ids', inverse='_inverse_message_partner_ids',
        search='_search_message_partner_ids', groups='base.group_user')
    message_ids = fields.One2many(
        'mail.message', 'res_id', string='Messages',
        domain=lambda self: [('message_type', '!=', 'user_notification')], auto_join=True)
    has_message = fields.Boolean(compute='_compute_has_message', search='_search_has_message', store=False)
    message_needaction = fields.Boolean('Action Needed', compute='_compute_message_needaction',
                                        search='_search_message_needaction',
                                        help="New messages wait for your attention.")
    message_needaction_counter = fields.Integer('Number of Actions', compute='_compute_message_needaction',
                                                help="How many messages wait for an action")
    message_has_error = fields.Boolean('Message Delivery error', compute='_compute_message_has_error',
                                       search='_search_message_has_error',
                                       help="Some messages could not be delivered.")
    message_has_error_counter = fields.Integer('Number of errors', compute='_compute_message_has_error',
                                               help="How many messages could not be delivered")
    message_attachment_count = fields.Integer('Attachment Count', compute='_compute_message_attachment_count',
                                              groups='base.group_user')

    # ------------------------------------------------------------------
    # computed fields
    # ------------------------------------------------------------------

    def _followers_of(self, partner_ids=None):
        domain = [('res_model', '=', self._name), ('res_id', 'in', self.ids)]
        if partner_ids is not None:
            domain.append(('partner_id', 'in', partner_ids))
        return self.env['mail.followers'].sudo().search(domain)

    @api.depends('message_follower_ids')
    def _compute_message_partner_ids(self):
        followers = self._followers_of() if self.ids else self.env['mail.followers']
        for record in self:
            record.message_partner_ids = followers.filtered(lambda f, r=record: f.res_id == r.id).partner_id

    def _inverse_message_partner_ids(self):
        for record in self:
            current = record._followers_of().partner_id
            wanted = record.message_partner_ids
            if wanted - current:
                record._message_subscribe(partner_ids=(wanted - current).ids)
            if current - wanted:
                record.message_unsubscribe(partner_ids=(current - wanted).ids)

    def _search_message_partner_ids(self, operator, operand):
        followers = self.env['mail.followers'].sudo().search([
            ('res_model', '=', self._name), ('partner_id', operator, operand)])
        if operator in ('=', '!=') and operand is False:
            # "has (no) followers"
            followed = self.env['mail.followers'].sudo().search([('res_model', '=', self._name)])
            return [('id', 'not in' if operator == '=' else 'in', list(set(followed.mapped('res_id'))))]
        return [('id', 'in', list(set(followers.mapped('res_id'))))]

    @api.depends('message_follower_ids')
    @api.depends_context('uid')
    def _compute_message_is_follower(self):
        me = self.env.user.partner_id
        followed = set(self._followers_of(me.ids).mapped('res_id')) if self.ids else set()
        for record in self:
            record.message_is_follower = record.id in followed

    def _search_message_is_follower(self, operator, operand):
        followed = self.env['mail.followers'].sudo().search([
            ('res_model', '=', self._name), ('partner_id', '=', self.env.user.partner_id.id)])
        positive = (operator == '=') == bool(operand)
        return [('id', 'in' if positive else 'not in', list(set(followed.mapped('res_id'))))]

    def _message_counts(self, extra_domain=()):
        """{record id: number of messages} of these records."""
        if not self.ids:
            return {}
        domain = [('model', '=', self._name), ('res_id', 'in', self.ids),
                  ('message_type', '!=', 'user_notification')] + list(extra_domain)
        groups = self.env['mail.message'].sudo()._read_group(domain, ['res_id'], ['__count'])
        return dict(groups)

    def _compute_has_message(self):
        counts = self._message_counts()
        for record in self:
            record.has_message = bool(counts.get(record.id))

    def _search_has_message(self, operator, value):
        posted = self.env['mail.message'].sudo()._read_group(
            [('model', '=', self._name), ('message_type', '!=', 'user_notification')], ['res_id'])
        ids = [res_id for (res_id,) in posted]
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', ids)]

    @api.depends_context('uid')
    def _compute_message_needaction(self):
        # no inbox notifications (mail.notification) here: nothing waits
        self.message_needaction = False
        self.message_needaction_counter = 0

    def _search_message_needaction(self, operator, operand):
        positive = (operator == '=') == bool(operand)
        return [(0, '=', 1)] if positive else []

    def _compute_message_has_error(self):
        failed = {}
        if self.ids:
            mails = self.env['mail.mail'].sudo().search([
                ('model', '=', self._name), ('res_id', 'in', self.ids), ('state', '=', 'exception')])
            for mail in mails:
                failed.setdefault(mail.res_id, set()).add(mail.mail_message_id.id)
        for record in self:
            record.message_has_error_counter = len(failed.get(record.id, ()))
            record.message_has_error = bool(failed.get(record.id))

    def _search_message_has_error(self, operator, operand):
        mails = self.env['mail.mail'].sudo().search([('model', '=', self._name), ('state', '=', 'exception')])
        positive = (operator == '=') == bool(operand)
        return [('id', 'in' if positive else 'not in', list(set(mails.mapped('res_id'))))]

    def _compute_message_attachment_count(self):
        counts = {}
        if self.ids:
            groups = self.env['ir.attachment'].sudo()._read_group(
                [('res_model', '=', self._name), ('res_id', 'in', self.ids)], ['res_id'], ['__count'])
            counts = dict(groups)
        for record in self:
            record.message_attachment_count = counts.get(record.id, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get('tracking_disable'):
            threads = super().create(vals_list)
            threads._track_discard()
            return threads

        threads = super().create(vals_list)
        user = self.env.user
        if threads and not self.env.context.get('mail_create_nosubscribe') and user.active:
            self.env['mail.followers']._insert_followers(
                threads._name, threads.ids, user.partner_id.ids, subtypes=None,
                customer_ids=[], check_existing=False)

        # the values the records were created with, defaults from the context included
        created_values = {}
        for thread, vals in zip(threads, vals_list):
            full = dict(vals)
            for key, value in self._context.items():
                if key.startswith('default_') and key[8:] not in full:
                    full[key[8:]] = value
            thread._message_auto_subscribe(full, followers_existing_policy='update')
            created_values[thread.id] = full

        if not self.env.context.get('mail_create_nolog'):
            unposted = self.browse()
            for thread in threads:
                subtype = thread._creation_subtype()
                if subtype:
                    thread.sudo().message_post(
                        subtype_id=subtype.id, author_id=user.partner_id.id,
                        body=Markup('<div summary="o_mail_notification"><p>%s</p></div>')
                        % thread._creation_message())
                else:
                    unposted |= thread
            if unposted:
                unposted._message_log_batch(bodies={t.id: t._creation_message() for t in unposted})

        # a creation is not a change of tracked values, but templates may
        # still react to the tracked fields that were set
        threads._track_discard()
        if not self.env.context.get('mail_notrack'):
            tracked = self._track_get_fields()
            for thread in threads:
                changes = [fname for fname in tracked if created_values[thread.id].get(fname)]
                if changes:
                    key = f'mail.tracking.create.{self._name}.{thread.id}'
                    self.env.cr.precommit.data.setdefault(key, changes)
                    self.env.cr.precommit.add(thread._track_post_template_finalize)
        return threads

    def write(self, vals):
        if self.env.context.get('tracking_disable'):
            return super().write(vals)
        if not self.env.context.get('mail_notrack'):
            self._track_prepare(self._fields)
        result = super().write(vals)
        self._message_auto_subscribe(vals)
        return result

    def unlink(self):
        if not self:
            return True
        self._track_discard()
        ids = self.ids
        self.env['mail.message'].sudo().search([('model', '=', self._name), ('res_id', 'in', ids)]).unlink()
        result = super().unlink()
        self.env['mail.followers'].sudo().search([('res_model', '=', self._name), ('res_id', 'in', ids)]).unlink()
        return result

    def copy_data(self, default=None):
        # the intermediate values of a copy are not changes worth logging
        return super(MailThread, self.with_context(mail_notrack=True)).copy_data(default=default)

    def _compute_field_value(self, field):
        ctx = self._context
        if not ctx.get('tracking_disable') and not ctx.get('mail_notrack'):
            self._track_prepare(f.name for f in self.pool.field_computed[field] if f.store)
        return super()._compute_field_value(field)

    def _valid_field_parameter(self, field, name):
        return name == 'tracking' or super()._valid_field_parameter(field, name)

    def _creation_subtype(self):
        """The subtype of the message posted at creation (none: a log is written)."""
        return self.env['mail.message.subtype']

    def _creation_message(self):
        """Body of the message logged when the record is created."""
        self.ensure_one()
        model_label = self.env['ir.model']._get(self._name).name
        return _('%s created', model_label)

    def _fallback_lang(self):
        return self if self.env.context.get('lang') else self.with_context(lang=self.env.user.lang)

    @api.model
    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        """The access right on the document that ``operation`` on its messages requires."""
        doc_model = self.env[model_name] if model_name else self
        post_access = getattr(doc_model, '_mail_post_access', 'write')
        if operation in ('write', 'unlink'):
            return 'write'
        if operation == 'create':
            return post_access if post_access in ('create', 'read', 'write', 'unlink') else 'write'
        return operation

    # ------------------------------------------------------------------
    # tracking
    # ------------------------------------------------------------------

    @tools.ormcache('self.env.uid', 'self.env.su')
    def _track_get_fields(self):
        """Names of the tracked fields the current user may read."""
        names = {name for name, field in self._fields.items() if getattr(field, 'tracking', None)}
        if not names:
            return set()
        return set(self.fields_get(list(names), attributes=()))

    def _track_prepare(self, fields_iter):
        """Remember the current values of the tracked fields among
        ``fields_iter``; the changes are logged by ``_track_finalize``."""
        fnames = self._track_get_fields().intersection(fields_iter)
        if not fnames:
            return
        before = self._track_pending()
        for record in self:
            if not record.id:
                continue
            values = before.setdefault(record.id, {})
            if values is None:
                continue  # tracking discarded for this record
            for fname in fnames:
                if fname not in values:
                    values[fname] = record[fname]

    def _track_discard(self):
        """Log no tracking for these records in the current transaction."""
        if not self._track_get_fields():
            return
        before = self._track_pending()
        for record_id in self.ids:
            before[record_id] = None

    def _track_pending(self, kind: str = '', pop: bool = False) -> dict:
        """This model's tracking data waiting for the end of the transaction,
        kept in the cursor's precommit data: initial values by record (``kind``
        empty, which also schedules ``_track_finalize``), or the ``author`` /
        ``message`` set for the coming tracking messages."""
        key = f"mail.tracking.{kind}.{self._name}" if kind else f"mail.tracking.{self._name}"
        pending = self.env.cr.precommit
        if pop:
            return pending.data.pop(key, {})
        if not kind:
            pending.add(self._track_finalize)
        return pending.data.setdefault(key, {})

    def _track_finalize(self):
        """Log the changes remembered by ``_track_prepare`` (run at flush)."""
        before = self._track_pending(pop=True)
        ids = [record_id for record_id, values in before.items() if values]
        if not ids:
            return
        records = self.browse(ids).sudo()
        fnames = self._track_get_fields()
        tracking = records.with_context(clean_context(self._context))._message_track(fnames, before)
        for record in records:
            changes = tracking.get(record.id, (None, None))[0]
            record._message_track_post_template(changes)
        # posting may have triggered recomputations
        self.env.flush_all()

    def _track_set_author(self, author):
        """Make ``author`` (a partner) the author of the coming tracking messages."""
        if not self._track_get_fields():
            return
        self._track_pending('author').update(dict.fromkeys(self.ids, author))

    def _track_set_log_message(self, message):
        """Add ``message`` to the body of the coming tracking messages."""
        if not self._track_get_fields():
            return
        self._track_pending('message').update(dict.fromkeys(self.ids, message))

    def _track_get_default_log_message(self, tracked_fields):
        return ''

    def _track_filter_for_display(self, tracking_values):
        self.ensure_one()
        return tracking_values

    def _track_post_template_finalize(self):
        key = f'mail.tracking.create.{self._name}.{self.id}'
        self._message_track_post_template(self.env.cr.precommit.data.pop(key, []))
        self.env.flush_all()

    def _track_subtype(self, initial_values):
        """The subtype of the message logging the changes of ``initial_values``
        (a dict of the changed fields' old values), or False for a plain log."""
        self.ensure_one()
        return False

    def _track_template(self, changes):
        """{field name: (mail.template, message_post kwargs)} to post when
        the fields ``changes`` changed."""
        return {}

    def _message_track(self, fields_iter, initial_values_dict):
        """Post one message per record logging its tracked changes.

        Returns {record id: (changed field names, tracking value commands)}.
        """
        if not fields_iter:
            return {}
        described = self.fields_get(list(fields_iter), attributes=('string', 'type', 'selection', 'currency_field'))
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(described, initial_values_dict[record.id])
            except MissingError:
                continue
        bodies = self._track_pending('message', pop=True)
        authors = self._track_pending('author', pop=True)
        for record in self:
            changes, commands = tracking.get(record.id, (None, None))
            if not changes:
                continue
            old_values = {fname: initial_values_dict[record.id][fname] for fname in changes}
            subtype = record._track_subtype(old_values)
            author = authors.get(record.id)
            author_id = author.id if author else None
            body = bodies[record.id] if record.id in bodies else record._track_get_default_log_message(changes)
            if subtype:
                if not subtype.exists():
                    _logger.debug("Tracking subtype %s of %s does not exist", subtype, record)
                    continue
                record.message_post(body=body, author_id=author_id, subtype_id=subtype.id,
                                    tracking_value_ids=commands)
            elif commands:
                record._message_log(body=body, author_id=author_id, tracking_value_ids=commands)
        return tracking

    def _message_track_post_template(self, changes):
        if not self or not changes:
            return True
        records = self.with_context(clean_context(self._context))._fallback_lang()
        try:
            templates = self._track_template(changes)
        except MissingError:
            if not self.exists():
                return True
            raise
        for _fname, (template, post_kwargs) in templates.items():
            if not template:
                continue
            kwargs = dict(post_kwargs)
            kwargs.pop('composition_mode', None)
            kwargs.setdefault('message_type', 'auto_comment')
            for record in records:
                record.message_post_with_source(template, **kwargs)
        return True

    # ------------------------------------------------------------------
    # followers
    # ------------------------------------------------------------------

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Make ``partner_ids`` follow these records, for ``subtype_ids``
        (the default subtypes when not given)."""
        if not self:
            return False
        partner_ids = list(partner_ids or [])
        me = self.env.user.partner_id.id
        self.check_access('read' if set(partner_ids) <= {me} else 'write')
        return self._message_subscribe(partner_ids, subtype_ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if not self or not partner_ids:
            return True
        Followers = self.env['mail.followers']
        if subtype_ids:
            subtypes = {partner_id: list(subtype_ids) for partner_id in partner_ids}
            Followers._insert_followers(self._name, self.ids, partner_ids, subtypes=subtypes,
                                        customer_ids=customer_ids, check_existing=True,
                                        existing_policy='replace')
        else:
            Followers._insert_followers(self._name, self.ids, partner_ids, subtypes=None,
                                        customer_ids=customer_ids, check_existing=True,
                                        existing_policy='skip')
        return True

    def message_unsubscribe(self, partner_ids=None):
        """Stop ``partner_ids`` following these records."""
        if not partner_ids:
            return True
        me = self.env.user.partner_id.id
        self.check_access('read' if set(partner_ids) <= {me} else 'write')
        self._followers_of(list(partner_ids)).unlink()
        return True

    def _message_auto_subscribe_followers(self, updated_values, default_subtype_ids):
        """[(partner id, subtype ids, template xmlid)] to subscribe because of
        ``updated_values``: by default the partner of an assigned ``user_id``."""
        field = self._fields.get('user_id')
        assigned_id = updated_values.get('user_id')
        if not (field and assigned_id and field.type == 'many2one' and field.comodel_name == 'res.users'):
            return []
        assignee = self.env['res.users'].sudo().browse(assigned_id).exists()
        if not assignee.active:
            return []
        # assigning oneself needs no "you have been assigned" mail
        template = False if assignee == self.env.user else 'mail.message_user_assigned'
        return [(assignee.partner_id.id, default_subtype_ids, template)]

    def _message_auto_subscribe(self, updated_values, followers_existing_policy='skip'):
        """Subscribe the partners that ``updated_values`` designate (the
        assigned user, and the followers of parent records through subtypes
        with a relation field)."""
        if not self or not updated_values:
            return True
        Subtype = self.env['mail.message.subtype']
        child_ids, parent_of, relation_fields, _all, def_ids, _int, _ext = \
            Subtype._get_auto_subscription_subtypes(self._name)
        subtypes_by_partner = {}
        # followers of a parent record that follow the parent subtypes
        for fname in relation_fields:
            if not fname or not updated_values.get(fname) or fname not in self._fields:
                continue
            parent_model = self._fields[fname].comodel_name
            parent_followers = self.env['mail.followers'].sudo().search([
                ('res_model', '=', parent_model), ('res_id', '=', updated_values[fname])])
            for follower in parent_followers:
                wanted = [child for child in child_ids if parent_of[child] in follower.subtype_ids.ids]
                if wanted:
                    subtypes_by_partner.setdefault(follower.partner_id.id, set()).update(wanted)
        for pid, subtype_ids, _template in self._message_auto_subscribe_followers(updated_values, def_ids):
            subtypes_by_partner.setdefault(pid, set()).update(subtype_ids or ())
        if not subtypes_by_partner:
            return True
        self.env['mail.followers']._insert_followers(
            self._name, self.ids, list(subtypes_by_partner),
            subtypes={pid: list(sids) for pid, sids in subtypes_by_partner.items()},
            check_existing=True, existing_policy=followers_existing_policy)
        return True

    # ------------------------------------------------------------------
    # posting
    # ------------------------------------------------------------------

    @api.model
    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """(author partner id, sender address) of a message: the current
        user's partner when neither is given."""
        Partner = self.env['res.partner']
        if author_id is None:
            if email_from:
                author = self._mail_find_partner_from_emails([email_from])[0]
            else:
                author = self.env.user.partner_id
                email_from = author.email_formatted
            author_id = author.id
        if email_from is None and author_id:
            email_from = Partner.browse(author_id).sudo().email_formatted
        if not email_from and raise_on_email:
            raise UserError(_("The sender of the message has no e-mail address: set one on %s.",
                              self.env.user.partner_id.display_name or self.env.user.name))
        return author_id, email_from

    def _mail_find_partner_from_emails(self, emails, records=None, force_create=False, extra_domain=False):
        """For each address of ``emails``, the partner having it (empty when none)."""
        Partner = self.env['res.partner'].sudo()
        result = []
        for email in emails:
            normalized = tools.email_normalize(email) if email else False
            partner = Partner.browse()
            if normalized:
                partner = Partner.search([('email', '=ilike', normalized)], limit=1)
                if not partner and force_create:
                    partner = Partner.create({'name': email, 'email': normalized})
            result.append(partner)
        return result

    def _message_compute_parent_id(self, parent_id):
        # flat threads hang every message below the first comment or e-mail
        if parent_id or not self._mail_flat_thread or not self.id:
            return parent_id or False
        first = self.env['mail.message'].sudo().search([
            ('model', '=', self._name), ('res_id', '=', self.id),
            ('message_type', 'in', ('email', 'comment'))], order='id ASC', limit=1)
        return first.id or False

    def _message_create(self, values_list):
        """Create the messages (as superuser: access was checked by the caller)."""
        Message = self.env['mail.message']
        valid = set(Message._fields)
        messages = Message.sudo().create([
            {key: value for key, value in values.items() if key in valid} for values in values_list
        ])
        return messages.sudo(self.env.su)

    def _raise_for_invalid_parameters(self, parameter_names, forbidden_names=None, restricting_names=None):
        wrong = set(parameter_names) & set(forbidden_names or ())
        if wrong:
            raise ValueError(_("Parameters not allowed here: %s", ', '.join(sorted(wrong))))

    def _note_subtype_id(self) -> int:
        """Id of the internal note subtype (``mail.mt_note``) of logged messages."""
        data = self.env['ir.model.data']
        return data._xmlid_to_res_id('mail.mt_note')

    def message_post(self, *, body='', subject=None, message_type='notification', email_from=None,
                     author_id=None, parent_id=False, subtype_xmlid=None, subtype_id=False,
                     partner_ids=None, attachments=None, attachment_ids=None, body_is_html=False,
                     **kwargs):
        """Post a message on this record and notify its followers.

        A ``str`` body is escaped, a ``Markup`` body is HTML. ``attachments``
        are ``(name, content[, info])`` tuples, ``attachment_ids`` existing
        attachments. Keyword arguments naming mail.message fields become its
        values; the others go to the notification. Returns the message.
        """
        self.ensure_one()
        self._raise_for_invalid_parameters(set(kwargs), forbidden_names={'model', 'res_id', 'subtype'})
        if self._name == 'mail.thread' or not self.id:
            raise ValueError(_("A message is posted on a saved business record; "
                               "use message_notify to write to a user."))
        if message_type == 'user_notification':
            raise ValueError(_("Messages for one user go through message_notify."))
        if attachment_ids and not all(isinstance(aid, int) for aid in attachment_ids):
            raise ValueError(_("attachment_ids must be a list of ids, not %s", repr(attachment_ids)))
        if partner_ids and not all(isinstance(pid, int) for pid in partner_ids):
            raise ValueError(_("partner_ids must be a list of ids, not %s", repr(partner_ids)))
        if attachments and not all(isinstance(a, (list, tuple)) and len(a) in (2, 3) for a in attachments):
            raise ValueError(_("attachments must be (name, content) pairs, not %s", repr(attachments)))
        if not self.env.su:
            self.check_access(self._get_mail_message_access([self.id], 'create'))

        partner_ids = list(partner_ids or [])
        message_fields = self.env['mail.message']._fields
        msg_values = {key: val for key, val in kwargs.items() if key in message_fields}
        notify_kwargs = {key: val for key, val in kwargs.items() if key not in message_fields}
        self = self._fallback_lang()  # noqa: PLW0642 - as Odoo

        author_id, email_from = self._message_compute_author(author_id, email_from, raise_on_email=True)
        if subtype_xmlid:
            subtype_id = self.env['ir.model.data']._xmlid_to_res_id(subtype_xmlid)
        if not subtype_id:
            subtype_id = self._note_subtype_id()
        if self.env.context.get('mail_post_autofollow') and partner_ids:
            self.message_subscribe(partner_ids=partner_ids)
        if body_is_html:
            body = Markup(body)
        msg_values.setdefault('email_add_signature', True)
        if not msg_values.get('record_name'):
            msg_values['record_name'] = self.sudo().display_name
        msg_values.update({
            'author_id': author_id,
            'email_from': email_from,
            'model': self._name,
            'res_id': self.id,
            'body': escape(body or ''),
            'message_type': message_type,
            'parent_id': self._message_compute_parent_id(parent_id),
            'subject': subject or False,
            'subtype_id': subtype_id,
            'partner_ids': [fields.Command.set(partner_ids)],
        })
        if 'record_company_id' not in msg_values:
            msg_values['record_company_id'] = self._mail_get_companies(default=self.env.company)[self.id].id
        if 'reply_to' not in msg_values:
            msg_values['reply_to'] = email_from
        new_attachments = self._process_attachments_for_post(attachments, attachment_ids, msg_values)
        msg_values.update(new_attachments)
        message = self._message_create([msg_values])

        if not self.env.context.get('mail_create_nosubscribe') and message_type != 'notification':
            follower = False
            if self.env.user.active:
                follower = self.env.user.partner_id.id
            elif author_id and self.env['res.partner'].browse(author_id).active:
                follower = author_id
            if follower:
                self._message_subscribe(partner_ids=[follower])
        self._message_post_after_hook(message, msg_values)
        self._notify_thread(message, msg_values, **notify_kwargs)
        return message

    def _message_post_after_hook(self, message, msg_values):
        """Called after a message is posted, before notifications."""
        return

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        """Create the attachments given as content and attach them (and the
        existing ``attachment_ids``) to the record; returns the message's
        ``attachment_ids`` commands."""
        commands = []
        Attachment = self.env['ir.attachment']
        if attachment_ids:
            existing = Attachment.browse(attachment_ids).exists()
            # attachments still waiting for a document are given to this one
            pending = existing.filtered(lambda a: a.res_model == 'mail.compose.message' or not a.res_id)
            if pending:
                pending.sudo().write({'res_model': message_values['model'],
                                      'res_id': message_values['res_id']})
            commands += [fields.Command.link(aid) for aid in existing.ids]
        if attachments:
            vals_list = []
            for item in attachments:
                name, content = item[0], item[1]
                info = item[2] if len(item) > 2 else {}
                if isinstance(content, str):
                    content = content.encode()
                vals = {'name': name, 'raw': content, 'type': 'binary',
                        'res_model': message_values['model'], 'res_id': message_values['res_id']}
                if info.get('mimetype'):
                    vals['mimetype'] = info['mimetype']
                vals_list.append(vals)
            created = Attachment.sudo().create(vals_list)
            commands += [fields.Command.link(aid) for aid in created.ids]
        return {'attachment_ids': commands} if commands else {}

    def _get_source_from_ref(self, source_ref):
        """The mail.template or QWeb view (ir.ui.view) a source reference names."""
        if isinstance(source_ref, models.BaseModel):
            source = source_ref
        elif isinstance(source_ref, str):
            source = self.env.ref(source_ref)
        elif isinstance(source_ref, int):
            source = self.env['mail.template'].browse(source_ref)
        else:
            source = None
        if source is None or source._name not in ('mail.template', 'ir.ui.view'):
            raise ValueError(_("A message source is a mail.template or a QWeb view, not %s", repr(source_ref)))
        return source

    def _render_view_source(self, view, render_values):
        """The HTML of the QWeb view ``view`` rendered with ``render_values``."""
        if 'ir.qweb' not in self.env:
            raise UserError(_("The view %s needs the QWeb engine (ir.qweb), which this server lacks.",
                              view.xml_id or view.name))
        return Markup(self.env['ir.qweb']._render(view.id, dict(render_values or {}), minimal_qcontext=True))

    def message_post_with_source(self, source_ref, render_values=None, message_type='notification',
                                 subtype_xmlid=False, subtype_id=False, **kwargs):
        """Post on each record a message rendered from a ``mail.template``
        (subject and body) or a QWeb view (body, with ``render_values``
        and the record as ``object``)."""
        source = self._get_source_from_ref(source_ref)
        forced_subject = kwargs.pop('subject', None)
        messages = self.env['mail.message']
        for record in self:
            subject = forced_subject
            if source._name == 'mail.template':
                rendered = source._generate_template([record.id], ('subject', 'body_html'))[record.id]
                body = Markup(rendered.get('body_html') or '')
                subject = subject or rendered.get('subject')
            else:
                body = record._render_view_source(source, dict(render_values or {}, object=record))
            messages |= record.message_post(body=body, subject=subject, message_type=message_type,
                                            subtype_xmlid=subtype_xmlid, subtype_id=subtype_id, **kwargs)
        return messages

    def _message_log_with_view(self, view_ref, render_values=None, message_type='notification',
                               author_id=None, **kwargs):
        """Log on each record a note rendered from a QWeb view."""
        view = self.env.ref(view_ref) if isinstance(view_ref, str) else view_ref
        messages = self.env['mail.message']
        for record in self:
            body = record._render_view_source(view, dict(render_values or {}, object=record))
            messages |= record._message_log(body=body, message_type=message_type, author_id=author_id, **kwargs)
        return messages

    def _message_log(self, *, body='', subject=False, author_id=None, email_from=None,
                     message_type='notification', partner_ids=False, attachment_ids=False,
                     tracking_value_ids=False):
        """Log an internal note (no notification, no access check on the
        document): used for automatic messages such as tracking."""
        self.ensure_one()
        author_id, email_from = self._message_compute_author(author_id, email_from, raise_on_email=False)
        values = {
            'author_id': author_id,
            'email_from': email_from,
            'message_type': message_type,
            'model': self._name,
            'res_id': self.id,
            'body': escape(body or ''),
            'subject': subject or False,
            'is_internal': True,
            'subtype_id': self._note_subtype_id(),
            'record_name': False,
            'reply_to': email_from,
            'message_id': tools.mail.generate_tracking_message_id(f'message-notify-{self.id}'),
        }
        if partner_ids:
            values['partner_ids'] = [fields.Command.set(partner_ids)]
        if attachment_ids:
            values['attachment_ids'] = [fields.Command.set(attachment_ids)]
        if tracking_value_ids:
            values['tracking_value_ids'] = tracking_value_ids
        return self._message_create([values])

    def _message_log_batch(self, bodies, subject=False, author_id=None, email_from=None,
                           message_type='notification'):
        """Log one internal note per record, its body taken from ``bodies``
        ({record id: body})."""
        author_id, email_from = self._message_compute_author(author_id, email_from, raise_on_email=False)
        note = self._note_subtype_id()
        values_list = [{
            'author_id': author_id,
            'email_from': email_from,
            'message_type': message_type,
            'model': self._name,
            'res_id': record.id,
            'body': escape(bodies.get(record.id, '')),
            'subject': subject or False,
            'is_internal': True,
            'subtype_id': note,
            'record_name': False,
            'reply_to': email_from,
            'message_id': tools.mail.generate_tracking_message_id(f'message-notify-{record.id}'),
        } for record in self]
        return self._message_create(values_list)

    # ------------------------------------------------------------------
    # notification
    # ------------------------------------------------------------------

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """Data of the partners to notify of ``message``: the followers of
        its subtype and its explicit recipients, the author excepted."""
        msg_vals = msg_vals or {}
        subtype_id = msg_vals.get('subtype_id') or message.subtype_id.id
        pids = [cmd[2] for cmd in msg_vals.get('partner_ids', []) if cmd and cmd[0] == 6]
        pids = pids[0] if pids else message.partner_ids.ids
        message_type = msg_vals.get('message_type') or message.message_type
        # a notification for given users reaches them only, not the followers
        records = self if self.ids and message_type != 'user_notification' else self.browse()
        data = self.env['mail.followers']._get_recipient_data(records, message_type, subtype_id, pids)
        recipients = data.get(records.id if records else 0, {})
        author_id = msg_vals.get('author_id') or message.author_id.id
        internal = msg_vals.get('is_internal') or message.is_internal or \
            self.env['mail.message.subtype'].browse(subtype_id).internal
        result = []
        for pid, pdata in recipients.items():
            if pid == author_id and not self.env.context.get('mail_notify_author'):
                continue
            if not pdata['active']:
                continue
            if internal and pdata['share']:
                continue
            result.append(pdata)
        return result

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """Notify the recipients of ``message``; those preferring e-mail
        get one through ``mail.mail``. Returns the recipients' data."""
        recipients = self._notify_get_recipients(message, msg_vals or {}, **kwargs)
        if recipients:
            self._notify_thread_by_email(message, recipients, msg_vals=msg_vals, **kwargs)
        return recipients

    def _notify_thread_by_email(self, message, recipients_data, msg_vals=False, mail_auto_delete=True,
                                force_send=True, send_after_commit=True, **kwargs):
        email_pids = [r['id'] for r in recipients_data if r['notif'] == 'email' and r.get('email')]
        if not email_pids:
            return True
        values = {
            'mail_message_id': message.id,
            'body_html': message.body,
            'subject': message.subject or message.record_name or False,
            'email_from': message.email_from,
            'reply_to': message.reply_to,
            'auto_delete': mail_auto_delete,
            'references': message.parent_id.sudo().message_id if message.parent_id else False,
            'recipient_ids': [fields.Command.link(pid) for pid in email_pids],
            'state': 'outgoing',
        }
        mails = self.env['mail.mail'].sudo().create(values)
        force_send = self.env.context.get('mail_notify_force_send', force_send)
        if force_send:
            if getattr(threading.current_thread(), 'testing', False) or not send_after_commit:
                mails.send()
            else:
                mails.send_after_commit()
        return True

    def message_notify(self, *, partner_ids=False, parent_id=False, model=False, res_id=False,
                       author_id=None, email_from=None, body='', subject=False, **kwargs):
        """Send a notification to ``partner_ids`` only (no follower, no
        message in the chatter). Returns the message."""
        if self:
            self.ensure_one()
        if not partner_ids:
            return self.env['mail.message']
        author_id, email_from = self._message_compute_author(author_id, email_from, raise_on_email=False)
        message_fields = self.env['mail.message']._fields
        values = {key: val for key, val in kwargs.items() if key in message_fields}
        notify_kwargs = {key: val for key, val in kwargs.items() if key not in message_fields}
        values.update({
            'author_id': author_id,
            'email_from': email_from,
            'model': self._name if self else model,
            'res_id': self.id if self else res_id,
            'body': escape(body or ''),
            'subject': subject or False,
            'message_type': 'user_notification',
            'subtype_id': self._note_subtype_id(),
            'parent_id': parent_id or False,
            'partner_ids': [fields.Command.set(list(partner_ids))],
            'is_internal': True,
            'reply_to': email_from,
        })
        if not values.get('record_name') and self:
            values['record_name'] = self.sudo().display_name
        message = self._message_create([values])
        self._notify_thread(message, values, **notify_kwargs)
        return message
