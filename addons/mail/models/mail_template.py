"""``mail.template``: e-mails written once and rendered on records —
subject and addresses as inline templates, body as QWeb — then queued as
``mail.mail`` (or posted in the chatter)."""
from __future__ import annotations

import ast
import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class MailTemplate(models.Model):
    _name = 'mail.template'
    _inherit = ['mail.render.mixin']
    _description = 'Email Templates'
    _order = 'user_id,name,id'

    _unrestricted_rendering = True

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get('model'):
            values['model_id'] = self.env['ir.model']._get(values.pop('model')).id
        return values

    name = fields.Char('Name', translate=True)
    description = fields.Text('Template Description', translate=True,
                              help="What the template is used for (internal note).")
    active = fields.Boolean(default=True)
    template_category = fields.Selection(
        [('base_template', 'Base Template'), ('hidden_template', 'Hidden Template'),
         ('custom_template', 'Custom Template')],
        compute='_compute_template_category', search='_search_template_category')
    model_id = fields.Many2one('ir.model', 'Applies to', ondelete='cascade')
    model = fields.Char('Related Document Model', related='model_id.model', index=True, store=True,
                        readonly=True)
    subject = fields.Char('Subject', translate=True, prefetch=True, render_engine='inline_template',
                          help="Subject; placeholders such as {{ object.name }} may be used")
    email_from = fields.Char('From', render_engine='inline_template',
                             help="Sender address (placeholders allowed); by default the author's address.")
    user_id = fields.Many2one('res.users', string='User', domain="[('share', '=', False)]",
                              help="Owner of the template")
    use_default_to = fields.Boolean('Default recipients',
                                    help="Send to the record's default recipients (its partner, or its "
                                         "e-mail field).")
    email_to = fields.Char('To (Emails)', render_engine='inline_template',
                           help="Recipient addresses, comma separated (placeholders allowed)")
    partner_to = fields.Char('To (Partners)', render_engine='inline_template',
                             help="Ids of recipient partners, comma separated (placeholders allowed)")
    email_cc = fields.Char('Cc', render_engine='inline_template', help="Carbon copy recipients")
    reply_to = fields.Char('Reply To', render_engine='inline_template',
                           help="Address the answers go to")
    body_html = fields.Html('Body', render_engine='qweb', render_options={'post_process': True},
                            prefetch=True, translate=True, sanitize=False)
    attachment_ids = fields.Many2many('ir.attachment', 'email_template_attachment_rel', 'email_template_id',
                                      'attachment_id', 'Attachments',
                                      help="Files attached to every e-mail of this template")
    report_template_ids = fields.Many2many(
        'ir.actions.report', relation='mail_template_ir_actions_report_rel', column1='mail_template_id',
        column2='ir_actions_report_id', string='Dynamic Reports', domain="[('model', '=', model)]",
        help="Reports printed on the record and attached to each e-mail")
    email_layout_xmlid = fields.Char('Email Notification Layout', copy=False)
    mail_server_id = fields.Many2one('ir.mail_server', 'Outgoing Mail Server', readonly=False,
                                     help="Server sending these e-mails; by default the one of "
                                          "highest priority.")
    scheduled_date = fields.Char('Scheduled Date', render_engine='inline_template',
                                 help="Not sent before this moment (placeholders allowed); empty: at once.")
    auto_delete = fields.Boolean('Auto Delete', default=True,
                                 help="Delete the e-mails once sent to save space.")
    template_fs = fields.Char(help="File the template was loaded from", copy=False, readonly=True)
    can_write = fields.Boolean(compute='_compute_can_write', help="The current user may edit the template.")
    is_template_editor = fields.Boolean(compute='_compute_is_template_editor')
    lang = fields.Char(render_engine='inline_template')

    @api.depends('model')
    def _compute_render_model(self):
        for template in self:
            template.render_model = template.model

    @api.depends_context('uid')
    def _compute_can_write(self):
        writable = self._filtered_access('write')
        for template in self:
            template.can_write = template in writable

    @api.depends_context('uid')
    def _compute_is_template_editor(self):
        self.is_template_editor = self.env.user.has_group('mail.group_mail_template_editor')

    def _compute_template_category(self):
        with_xmlid = set(self.env['ir.model.data'].sudo().search([
            ('model', '=', 'mail.template'), ('res_id', 'in', self.ids)]).mapped('res_id'))
        for template in self:
            if template.id in with_xmlid:
                hidden = not template.active or not template.description
                template.template_category = 'hidden_template' if hidden else 'base_template'
            else:
                template.template_category = 'custom_template'

    def _search_template_category(self, operator, value):
        if operator not in ('=', '!=', 'in', 'not in'):
            raise UserError(_("Operator %s is not supported on the template category.", operator))
        wanted = {value} if operator in ('=', '!=') else set(value)
        templates = self.with_context(active_test=False).search([])
        ids = [t.id for t in templates if t.template_category in wanted]
        positive = operator in ('=', 'in')
        return [('id', 'in' if positive else 'not in', ids)]

    def copy_data(self, default=None):
        values_list = super().copy_data(default=default)
        for template, values in zip(self, values_list):
            values.setdefault('name', _("%s (copy)", template.name))
        return values_list

    # ------------------------------------------------------------------
    # generation
    # ------------------------------------------------------------------

    @classmethod
    def _parse_partner_to(cls, partner_to):
        """The partner ids of a rendered ``partner_to`` ("1,2" or "[1, 2]")."""
        try:
            parsed = ast.literal_eval(partner_to or '[]')
        except (ValueError, SyntaxError):
            parsed = (partner_to or '').split(',')
        if not isinstance(parsed, (list, tuple)):
            parsed = [parsed]
        ids = []
        for item in parsed:
            if isinstance(item, str):
                item = item.strip()
                if item.isdigit():
                    ids.append(int(item))
            elif item:
                ids.append(int(item))
        return ids

    def _generate_template_recipients(self, res_ids, render_fields, render_results=None,
                                      find_or_create_partners=False):
        """Fill ``email_to``, ``email_cc`` and ``partner_ids`` of the results."""
        self.ensure_one()
        results = render_results if render_results is not None else {}
        records = self.env[self.render_model].browse(res_ids)
        if self.use_default_to:
            defaults = records._message_get_default_recipients() \
                if hasattr(records, '_message_get_default_recipients') else {}
            for res_id in res_ids:
                values = results.setdefault(res_id, {})
                found = defaults.get(res_id) or {}
                values['partner_ids'] = list(found.get('partner_ids') or [])
                values['email_to'] = found.get('email_to') or False
                values['email_cc'] = found.get('email_cc') or False
            return results
        for fname in ('email_to', 'email_cc', 'partner_to'):
            if fname not in render_fields:
                continue
            for res_id, rendered in self._render_field(fname, res_ids).items():
                results.setdefault(res_id, {})[fname] = rendered
        Partner = self.env['res.partner']
        for res_id in res_ids:
            values = results.setdefault(res_id, {})
            partner_ids = self._parse_partner_to(values.pop('partner_to', ''))
            if find_or_create_partners and values.get('email_to'):
                for address in tools.email_split_and_format(values['email_to']):
                    partner_ids.append(Partner.find_or_create(address).id)
                values['email_to'] = False
            existing = Partner.sudo().browse(partner_ids).exists()
            values['partner_ids'] = existing.ids
        return results

    def _generate_template_attachments(self, res_ids, render_fields, render_results=None):
        """Add to the results the static attachments (``attachment_ids``)
        and, once reports exist, the PDF of each report of
        ``report_template_ids`` as ``attachments`` (name, content)."""
        self.ensure_one()
        results = render_results if render_results is not None else {}
        for res_id in res_ids:
            values = results.setdefault(res_id, {})
            if 'attachment_ids' in render_fields:
                values['attachment_ids'] = self.attachment_ids.ids
            if 'report_template_ids' in render_fields and 'report_template_ids' in self._fields:
                attachments = []
                Report = self.env['ir.actions.report']
                for report in self['report_template_ids']:
                    content, fmt = Report._render_qweb_pdf(report, [res_id])
                    name = report.name
                    if report.print_report_name:
                        record = self.env[self.render_model].browse(res_id)
                        name = tools.safe_eval.safe_eval(report.print_report_name, {'object': record,
                                                                                  'time': tools.safe_eval.time})
                    extension = f'.{fmt}'
                    attachments.append((name if name.endswith(extension) else name + extension, content))
                values['attachments'] = attachments
        return results

    def _generate_template(self, res_ids, render_fields, find_or_create_partners=False):
        """{res_id: {field: rendered value}} of ``render_fields`` on the records."""
        self.ensure_one()
        render_fields = set(render_fields)
        special = {'attachment_ids', 'email_cc', 'email_to', 'partner_to', 'report_template_ids',
                   'scheduled_date', 'auto_delete', 'email_layout_xmlid', 'mail_server_id', 'model', 'res_id'}
        results = {}
        for _lang, (template, ids) in self._classify_per_lang(res_ids).items():
            for fname in render_fields - special:
                for res_id, value in template._render_field(fname, ids).items():
                    results.setdefault(res_id, {})[fname] = value
            if render_fields & {'email_cc', 'email_to', 'partner_to'}:
                template._generate_template_recipients(ids, render_fields, render_results=results,
                                                       find_or_create_partners=find_or_create_partners)
            if 'scheduled_date' in render_fields:
                for res_id, value in template._render_field('scheduled_date', ids).items():
                    results.setdefault(res_id, {})['scheduled_date'] = \
                        self.env['mail.mail']._parse_scheduled_datetime(value) if value else False
            for res_id in ids:
                values = results.setdefault(res_id, {})
                for fname in ('auto_delete', 'email_layout_xmlid', 'mail_server_id'):
                    if fname in render_fields:
                        value = template[fname]
                        values[fname] = value.id if fname == 'mail_server_id' else value
                if 'model' in render_fields:
                    values['model'] = template.render_model
                if 'res_id' in render_fields:
                    values['res_id'] = res_id or False
            if render_fields & {'attachment_ids', 'report_template_ids'}:
                template._generate_template_attachments(ids, render_fields, render_results=results)
        return results

    # ------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------

    def _send_check_access(self, res_ids):
        self.env[self.model].browse(res_ids).check_access('read')

    def send_mail(self, res_id, force_send=False, raise_exception=False, email_values=None,
                  email_layout_xmlid=False):
        """Render the template on record ``res_id`` and queue the e-mail
        (sent at once with ``force_send``). Returns the mail.mail id."""
        self.ensure_one()
        return self.send_mail_batch([res_id], force_send=force_send, raise_exception=raise_exception,
                                    email_values=email_values, email_layout_xmlid=email_layout_xmlid)[0].id

    def send_mail_batch(self, res_ids, force_send=False, raise_exception=False, email_values=None,
                        email_layout_xmlid=False):
        """One mail.mail per record of ``res_ids``; returns them."""
        self.ensure_one()
        if not self.model:
            raise UserError(_("The template “%s” applies to no model: it cannot be sent.", self.name))
        self._send_check_access(res_ids)
        fields_to_render = ['subject', 'body_html', 'email_from', 'email_cc', 'email_to', 'partner_to',
                            'reply_to', 'auto_delete', 'scheduled_date', 'attachment_ids', 'mail_server_id',
                            'model', 'res_id']
        if 'report_template_ids' in self._fields:
            fields_to_render.append('report_template_ids')
        rendered = self._generate_template(res_ids, fields_to_render)
        Attachment = self.env['ir.attachment'].sudo()
        vals_list = []
        for res_id in res_ids:
            values = dict(rendered.get(res_id, {}))
            values.update(email_values or {})
            partner_ids = values.pop('partner_ids', [])
            template_attachment_ids = values.pop('attachment_ids', [])
            generated = values.pop('attachments', [])
            mail_vals = {
                'subject': values.get('subject') or False,
                'body_html': values.get('body_html') or '',
                'body': values.get('body_html') or '',
                'email_from': values.get('email_from') or self.env.user.email_formatted or
                self.env['ir.mail_server']._get_default_from_address(),
                'email_to': values.get('email_to') or False,
                'email_cc': values.get('email_cc') or False,
                'reply_to': values.get('reply_to') or False,
                'auto_delete': values.get('auto_delete', self.auto_delete),
                'scheduled_date': values.get('scheduled_date') or False,
                'mail_server_id': values.get('mail_server_id') or False,
                'model': values.get('model') or self.model,
                'res_id': res_id,
                'message_type': 'email_outgoing',
                'recipient_ids': [fields.Command.link(pid) for pid in partner_ids],
                'attachment_ids': [fields.Command.link(aid) for aid in template_attachment_ids],
            }
            # generated files (reports) are copies owned by the mail
            if generated:
                created = Attachment.create([{
                    'name': name, 'raw': content, 'res_model': 'mail.message', 'res_id': 0,
                } for name, content in generated])
                mail_vals['attachment_ids'] += [fields.Command.link(aid) for aid in created.ids]
            if template_attachment_ids:
                # the template keeps its own files: the mail gets copies
                copies = Attachment.browse(template_attachment_ids).copy({'res_model': 'mail.message',
                                                                        'res_id': 0})
                mail_vals['attachment_ids'] = [cmd for cmd in mail_vals['attachment_ids']
                                               if cmd[1] not in template_attachment_ids]
                mail_vals['attachment_ids'] += [fields.Command.link(aid) for aid in copies.ids]
            vals_list.append(mail_vals)
        mails = self.env['mail.mail'].sudo().create(vals_list)
        for mail in mails:
            if mail.attachment_ids:
                mail.attachment_ids.sudo().write({'res_model': 'mail.message', 'res_id': mail.mail_message_id.id})
        if force_send:
            mails.send(raise_exception=raise_exception)
        return mails
