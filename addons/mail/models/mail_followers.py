"""Followers: which partner follows which record, for which subtypes."""
from __future__ import annotations

from odoo import api, fields, models


class MailFollowers(models.Model):
    _name = 'mail.followers'
    _description = 'Document Followers'
    _log_access = False
    _rec_name = 'partner_id'

    res_model = fields.Char('Related Document Model Name', required=True, index=True)
    res_id = fields.Many2oneReference('Related Document ID', index=True, model_field='res_model',
                                      help="Id of the followed record")
    partner_id = fields.Many2one('res.partner', string='Related Partner', index=True,
                                 ondelete='cascade', required=True)
    subtype_ids = fields.Many2many('mail.message.subtype', string='Subtype',
                                   help="Kinds of messages the follower is notified of.")
    name = fields.Char('Name', related='partner_id.name')
    email = fields.Char('Email', related='partner_id.email')
    is_active = fields.Boolean('Is Active', related='partner_id.active')

    _sql_constraints = [
        ('mail_followers_res_partner_res_model_id_uniq', 'unique(res_model,res_id,partner_id)',
         'A partner follows a record only once.'),
    ]

    def _invalidate_documents(self, vals_list=None):
        """The followed records' follower fields are stale once followers change."""
        targets = [(f.res_model, f.res_id) for f in self]
        targets += [(vals.get('res_model'), vals.get('res_id')) for vals in vals_list or ()]
        for model_name, res_id in targets:
            if model_name and res_id and model_name in self.env:
                record = self.env[model_name].browse(res_id)
                names = [n for n in ('message_follower_ids', 'message_partner_ids', 'message_is_follower')
                         if n in record._fields]
                record.invalidate_recordset(names)

    @api.model_create_multi
    def create(self, vals_list):
        followers = super().create(vals_list)
        followers._invalidate_documents(vals_list)
        return followers

    def write(self, vals):
        if 'res_model' in vals or 'res_id' in vals:
            self._invalidate_documents()
        res = super().write(vals)
        if any(key in vals for key in ('res_model', 'res_id', 'partner_id')):
            self._invalidate_documents()
        return res

    def unlink(self):
        self._invalidate_documents()
        return super().unlink()

    @api.depends('partner_id')
    def _compute_display_name(self):
        for follower in self:
            follower.display_name = follower.partner_id.display_name or ''

    # ------------------------------------------------------------------
    # subscription
    # ------------------------------------------------------------------

    def _insert_followers(self, res_model, res_ids, partner_ids, subtypes=None,
                          customer_ids=None, check_existing=True, existing_policy='skip'):
        """Subscribe ``partner_ids`` to the records ``res_ids`` of ``res_model``.

        ``subtypes`` maps a partner id to its subtype ids (the model's default
        subtypes, internal ones for employees only, when not given).
        ``existing_policy`` says what to do with a partner already following:
        'skip' it, 'update' (add the subtypes), 'replace' its subtypes, or
        'force' (same as replace). Access rights are the caller's business.
        """
        sudo_self = self.sudo().with_context(default_partner_id=False)
        partner_ids = list(dict.fromkeys(partner_ids or ()))
        if not res_ids or not partner_ids:
            return
        if not subtypes:
            defaults, internal, _external = self.env['mail.message.subtype'].default_subtypes(res_model)
            partners = self.env['res.partner'].sudo().browse(partner_ids)
            shared = {p.id for p in partners if not p.user_ids or all(u.share for u in p.user_ids)}
            customers = set(customer_ids or ())
            subtypes = {
                pid: (defaults - internal).ids if (pid in shared or pid in customers) else defaults.ids
                for pid in partner_ids
            }
        existing = {}
        if check_existing:
            current = sudo_self.search([('res_model', '=', res_model), ('res_id', 'in', list(res_ids)),
                                        ('partner_id', 'in', partner_ids)])
            existing = {(f.res_id, f.partner_id.id): f for f in current}
        to_create = []
        for res_id in res_ids:
            for pid in partner_ids:
                wanted = subtypes.get(pid) or []
                follower = existing.get((res_id, pid))
                if follower is None:
                    to_create.append({'res_model': res_model, 'res_id': res_id, 'partner_id': pid,
                                      'subtype_ids': [fields.Command.set(wanted)]})
                elif existing_policy in ('replace', 'force'):
                    follower.write({'subtype_ids': [fields.Command.set(wanted)]})
                elif existing_policy == 'update':
                    missing = set(wanted) - set(follower.subtype_ids.ids)
                    if missing:
                        follower.write({'subtype_ids': [fields.Command.link(sid) for sid in missing]})
        if to_create:
            sudo_self.create(to_create)

    def _get_recipient_data(self, records, message_type, subtype_id, pids=None):
        """{record id: {partner id: data}} of the partners to notify of a
        message of ``subtype_id`` on ``records``: its followers subscribed to
        that subtype, plus ``pids``. Data: id, active, share, notif ('inbox'
        or 'email'), is_follower, email, lang, uid."""
        Partner = self.env['res.partner'].sudo()
        result = {}
        res_ids = records.ids if records else [0]
        followers = self.sudo().browse()
        if records and subtype_id:
            followers = self.sudo().search([('res_model', '=', records._name), ('res_id', 'in', records.ids),
                                            ('subtype_ids', 'in', [subtype_id])])
        for res_id in res_ids:
            partners = followers.filtered(lambda f, r=res_id: f.res_id == r).partner_id
            partners |= Partner.browse(pids or [])
            follower_ids = set(followers.filtered(lambda f, r=res_id: f.res_id == r).partner_id.ids)
            data = {}
            for partner in partners:
                users = partner.with_context(active_test=False).user_ids
                user = users.filtered('active')[:1] or users[:1]
                data[partner.id] = {
                    'id': partner.id,
                    'active': partner.active,
                    'share': not user or user.share,
                    'notif': user.notification_type if user and 'notification_type' in user else 'email',
                    'is_follower': partner.id in follower_ids,
                    'email': partner.email,
                    'lang': partner.lang,
                    'uid': user.id if user else False,
                    'ushare': bool(user and user.share),
                    'type': 'user' if user and not user.share else ('portal' if user else 'customer'),
                    'groups': set(user.groups_id.ids) if user else set(),
                }
            result[res_id] = data
        return result
