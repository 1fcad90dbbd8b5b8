"""Messages of the chatter: notes, comments, logged changes and e-mails,
each attached to a record through (model, res_id)."""
from __future__ import annotations

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError


class MailMessage(models.Model):
    _name = 'mail.message'
    _description = 'Message'
    _order = 'id desc'
    _rec_name = 'record_name'

    # content
    subject = fields.Char('Subject')
    date = fields.Datetime('Date', default=fields.Datetime.now)
    body = fields.Html('Contents', default='', sanitize_style=True)
    preview = fields.Char('Preview', compute='_compute_preview',
                          help="The body as plain text, cut short.")
    attachment_ids = fields.Many2many('ir.attachment', 'message_attachment_rel', 'message_id',
                                      'attachment_id', string='Attachments')
    parent_id = fields.Many2one('mail.message', 'Parent Message', index='btree_not_null',
                                ondelete='set null')
    child_ids = fields.One2many('mail.message', 'parent_id', 'Child Messages')
    # the record the message is about
    model = fields.Char('Related Document Model')
    res_id = fields.Many2oneReference('Related Document ID', model_field='model')
    record_name = fields.Char('Message Record Name')
    record_company_id = fields.Many2one('res.company', 'Company', ondelete='set null')
    # characteristics
    message_type = fields.Selection([
        ('email', 'Incoming Email'),
        ('comment', 'Comment'),
        ('email_outgoing', 'Outgoing Email'),
        ('notification', 'System notification'),
        ('auto_comment', 'Automated Targeted Notification'),
        ('user_notification', 'User Specific Notification'),
    ], 'Type', required=True, default='comment',
        help="Where the message comes from: an incoming e-mail, a user's comment, "
             "an e-mail sent by a mailing, a system notification (tracking), an automatic "
             "notification, or a notification meant for one user.")
    subtype_id = fields.Many2one('mail.message.subtype', 'Subtype', ondelete='set null', index=True)
    mail_activity_type_id = fields.Many2one('mail.activity.type', 'Mail Activity Type',
                                            index='btree_not_null', ondelete='set null')
    is_internal = fields.Boolean('Employee Only',
                                 help="Hidden from portal and public users whatever the subtype.")
    # origin
    email_from = fields.Char('From', help="E-mail of the sender, kept when no partner matches it.")
    author_id = fields.Many2one('res.partner', 'Author', index=True, ondelete='set null',
                                help="Author of the message; when empty, email_from holds an "
                                     "address that matched no partner.")
    author_avatar = fields.Binary("Author's avatar", related='author_id.avatar_128',
                                  depends=['author_id'], readonly=False)
    is_current_user_or_guest_author = fields.Boolean(compute='_compute_is_current_user_or_guest_author')
    # recipients
    partner_ids = fields.Many2many('res.partner', string='Recipients', context={'active_test': False})
    notified_partner_ids = fields.Many2many('res.partner', 'mail_message_res_partner_needaction_rel',
                                            string='Partners with Need Action',
                                            context={'active_test': False}, copy=False)
    needaction = fields.Boolean('Need Action', compute='_compute_needaction', search='_search_needaction')
    has_error = fields.Boolean('Has error', compute='_compute_has_error', search='_search_has_error')
    # user interface
    starred_partner_ids = fields.Many2many('res.partner', 'mail_message_res_partner_starred_rel',
                                           string='Favorited By')
    pinned_at = fields.Datetime('Pinned', help='When the message was pinned')
    starred = fields.Boolean('Starred', compute='_compute_starred', search='_search_starred',
                             compute_sudo=False, help="The current user starred this message.")
    # tracking
    tracking_value_ids = fields.One2many('mail.tracking.value', 'mail_message_id',
                                         string='Tracking values', groups="base.group_system",
                                         help="The field changes this message logs.")
    # e-mail gateway
    reply_to_force_new = fields.Boolean('No threading for answers',
                                        help="Answers start a new thread instead of joining this one.")
    message_id = fields.Char('Message-Id', help='Unique identifier of the message', index='btree',
                             readonly=True, copy=False)
    reply_to = fields.Char('Reply-To', help="Address answers go to; set, it bypasses threading.")
    mail_server_id = fields.Many2one('ir.mail_server', 'Outgoing mail server')
    email_layout_xmlid = fields.Char('Layout', copy=False)
    email_add_signature = fields.Boolean(default=True)
    mail_ids = fields.One2many('mail.mail', 'mail_message_id', string='Mails', groups="base.group_system")

    @api.depends('body')
    def _compute_preview(self):
        for message in self:
            text = tools.html2plaintext(message.body or '') if message.body else ''
            text = ' '.join(text.split())
            message.preview = text[:190] + '…' if len(text) > 190 else text

    @api.depends('author_id')
    @api.depends_context('uid')
    def _compute_is_current_user_or_guest_author(self):
        me = self.env.user.partner_id
        for message in self:
            message.is_current_user_or_guest_author = bool(message.author_id) and message.author_id == me

    @api.depends_context('uid')
    def _compute_needaction(self):
        # inbox notifications (mail.notification) are not provided: nothing
        # is ever waiting in a user's inbox
        self.needaction = False

    def _search_needaction(self, operator, operand):
        positive = (operator == '=') == bool(operand)
        return [(0, '=', 1)] if positive else []

    @api.depends('mail_ids.state')
    def _compute_has_error(self):
        failed = self.sudo().filtered(lambda m: any(mail.state == 'exception' for mail in m.mail_ids))
        for message in self:
            message.has_error = message in failed

    def _search_has_error(self, operator, operand):
        positive = (operator == '=') == bool(operand)
        if positive:
            return [('mail_ids.state', '=', 'exception')]
        return [('mail_ids.state', '!=', 'exception')]

    @api.depends('starred_partner_ids')
    @api.depends_context('uid')
    def _compute_starred(self):
        me = self.env.user.partner_id
        for message in self:
            message.starred = me in message.sudo().starred_partner_ids

    def _search_starred(self, operator, operand):
        positive = (operator == '=') == bool(operand)
        return [('starred_partner_ids', 'in' if positive else 'not in', self.env.user.partner_id.ids)]

    @api.depends('record_name', 'subject', 'model', 'res_id')
    def _compute_display_name(self):
        for message in self:
            message.display_name = message.record_name or message.subject or f'{message.model},{message.res_id}'

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        trackings = []
        for vals in vals_list:
            if 'email_from' not in vals:
                _author, email_from = self.env['mail.thread']._message_compute_author(
                    vals.get('author_id'), email_from=None, raise_on_email=False)
                vals['email_from'] = email_from
            if not vals.get('message_id'):
                vals['message_id'] = self._get_message_id(vals)
            if 'record_name' not in vals and 'default_record_name' not in self.env.context:
                vals['record_name'] = self._get_record_name(vals)
            # tracking lines are written as superuser: posting a change does
            # not require the rights on mail.tracking.value
            trackings.append(vals.pop('tracking_value_ids', False))
        messages = super().create(vals_list)
        lines = []
        for message, commands in zip(messages, trackings):
            for command in commands or ():
                if command[0] == 0:
                    lines.append(dict(command[2], mail_message_id=message.id))
        if lines:
            self.env['mail.tracking.value'].sudo().create(lines)
        messages._invalidate_documents()
        return messages

    def write(self, vals):
        if 'model' in vals or 'res_id' in vals:
            self._invalidate_documents()
        res = super().write(vals)
        if vals.get('attachment_ids'):
            for message in self:
                message.attachment_ids.filtered(lambda a: not a.res_id).sudo().write({
                    'res_model': message.model, 'res_id': message.res_id})
        self._invalidate_documents()
        return res

    def unlink(self):
        if not self:
            return True
        self._invalidate_documents()
        self.sudo().attachment_ids.filtered(
            lambda a: a.res_model == self._name and a.res_id in self.ids).unlink()
        return super().unlink()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    @api.model
    def _get_record_name(self, values):
        model = values.get('model', self.env.context.get('default_model'))
        res_id = values.get('res_id', self.env.context.get('default_res_id'))
        if not model or not res_id or model not in self.env:
            return False
        return self.env[model].sudo().browse(res_id).display_name

    def is_thread_message(self, vals=None):
        if vals is None:
            self.ensure_one()
            vals = {'model': self.model, 'res_id': self.res_id, 'message_type': self.message_type}
        return bool(vals.get('model') and vals.get('res_id')
                    and vals.get('message_type') != 'user_notification')

    @api.model
    def _get_message_id(self, values):
        if values.get('reply_to_force_new') is True:
            tag = 'reply_to'
        elif self.is_thread_message(values):
            tag = f"{values['res_id']}-{values['model']}"
        else:
            tag = 'private'
        return tools.mail.generate_tracking_message_id(tag)

    def _invalidate_documents(self, model=None, res_id=None):
        """The chatter fields of the records these messages belong to are stale."""
        pairs = [(model, res_id)] if model else [(m.model, m.res_id) for m in self]
        for model_name, rid in pairs:
            if model_name and rid and model_name in self.env:
                record = self.env[model_name].browse(rid)
                names = [n for n in ('message_ids', 'has_message', 'message_attachment_count')
                         if n in record._fields]
                record.invalidate_recordset(names)

    def _check_can_update(self):
        if self.tracking_value_ids:
            raise UserError(_("A message logging field changes cannot be edited."))

    def toggle_message_starred(self):
        """Star or unstar these messages for the current user."""
        me = self.env.user.partner_id
        for message in self:
            command = fields.Command.unlink(me.id) if message.starred else fields.Command.link(me.id)
            message.sudo().write({'starred_partner_ids': [command]})

    def action_open_document(self):
        """The form of the record the message is about."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': self.model,
            'res_id': self.res_id,
            'views': [(False, 'form')],
            'view_mode': 'form',
            'target': 'current',
        }
