"""The public pool (公海): customers without an owner. Owners and their heads
release customers into it, a scheduled action moves customers nobody
contacted for the company's delay, and any internal user of the company
claims (领取) them: one claimant wins, and nobody claims more customers a day
than the company allows, however many requests arrive at once."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytz
from odoo import _, api, fields, models
from odoo.addons.tianchi_org.const import HQ_GROUP
from odoo.exceptions import AccessError, UserError

POOL_REASONS = [
    ('released', 'Released by Owner'),
    ('no_contact', 'No Contact'),
]


class ResPartner(models.Model):
    _inherit = 'res.partner'

    tianchi_pool_date = fields.Datetime(
        string='In Pool Since', readonly=True, copy=False,
        help="When the customer went to the public pool.")
    tianchi_pool_reason = fields.Selection(
        POOL_REASONS, string='Pool Reason', readonly=True, copy=False)
    tianchi_claim_user_id = fields.Many2one(
        'res.users', string='Claimed By', readonly=True, copy=False, index='btree_not_null',
        help="The last person who claimed this customer from the public pool.")
    tianchi_claim_date = fields.Datetime(string='Claimed On', readonly=True, copy=False)
    tianchi_in_pool = fields.Boolean(
        string='In Public Pool', compute='_compute_tianchi_in_pool', search='_search_tianchi_in_pool')

    @api.depends('tianchi_is_customer', 'user_id', 'parent_id')
    def _compute_tianchi_in_pool(self):
        for partner in self:
            partner.tianchi_in_pool = partner.tianchi_is_customer and not partner.parent_id and not partner.user_id

    def _search_tianchi_in_pool(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_("Searching the public pool supports only = and != with True or False."))
        in_pool = [('tianchi_is_customer', '=', True), ('parent_id', '=', False), ('user_id', '=', False)]
        if (operator == '=') == value:
            return in_pool
        return ['|', '|', ('tianchi_is_customer', '=', False), ('parent_id', '!=', False),
                ('user_id', '!=', False)]

    # -- release -------------------------------------------------------------------

    def action_release_to_pool(self):
        """Put these customers (and their contacts) in the public pool; their
        owner, a head of the owner or the HQ head may."""
        user = self.env.user
        customers = self.filtered(lambda p: p.tianchi_is_customer and not p.parent_id)
        if customers != self:
            raise UserError(_("Only customer companies go to the public pool, not %(partners)s.",
                              partners=', '.join((self - customers).mapped('display_name'))))
        pooled = customers.filtered(lambda p: not p.user_id)
        if pooled:
            raise UserError(_("%(customers)s are already in the public pool.",
                              customers=', '.join(pooled.mapped('display_name'))))
        customers.check_access('write')
        if not self.env.su and not user.has_group(HQ_GROUP):
            managed = user.tianchi_managed_user_ids
            foreign = customers.filtered(lambda p: p.user_id != user and p.user_id not in managed)
            if foreign:
                raise AccessError(_(
                    "%(user)s neither owns nor heads the owner of %(customers)s and may not release it.",
                    user=user.name, customers=', '.join(foreign.mapped('display_name'))))
        customers._tianchi_move_to_pool('released')
        return True

    def _tianchi_move_to_pool(self, reason: str) -> None:
        now = fields.Datetime.now()
        for partner in self:
            if reason == 'released':
                body = _("%(actor)s released this customer from %(owner)s to the public pool.",
                         actor=self.env.user.name, owner=partner.user_id.name)
            else:
                body = _("No contact with this customer for too long: moved from %(owner)s to the public pool.",
                         owner=partner.user_id.name)
            # logged: the actor may have no e-mail address (see _tianchi_transfer)
            partner._message_log(body=body)
        # as superuser, the callers having checked the rights: the owner guard
        # of write() admits no one but heads and the superuser
        self.sudo().write({
            'user_id': False, 'tianchi_pool_date': now, 'tianchi_pool_reason': reason})

    # -- claim (领取) ---------------------------------------------------------------

    def action_claim(self):
        """Claim these pool customers for the current user: atomically, so
        that of many simultaneous claimants exactly one gets each customer,
        and within the company's daily claim limit."""
        user = self.env.user
        if not user._is_internal():
            raise AccessError(_("%(user)s is not an internal user and may not claim customers.",
                                user=user.name))
        # read as superuser: a customer claimed a moment ago is no longer
        # visible to the others, who must still learn who took it
        for partner in self.sudo():
            if not partner.tianchi_is_customer or partner.parent_id:
                raise UserError(_("%(partner)s is not a customer of the public pool.",
                                  partner=partner.display_name))
            if partner.company_id not in user.company_ids:
                raise AccessError(_("%(customer)s belongs to %(company)s, not to a company of %(user)s.",
                                    customer=partner.display_name, company=partner.company_id.name,
                                    user=user.name))
            if partner.user_id:
                raise UserError(_("%(customer)s was already claimed by %(owner)s.",
                                  customer=partner.display_name, owner=partner.user_id.name))
            partner._tianchi_claim_one(user)
        return True

    def _tianchi_claim_one(self, user) -> None:
        self.ensure_one()
        cr = self.env.cr
        company = self.company_id or self.env.company
        limit = company.tianchi_pool_claim_limit
        if limit:
            # The count lives on the user's row and is raised with a single
            # conditional UPDATE: two claims of the same person collide on that
            # row, and the later one is retried on a fresh snapshot, so the
            # limit holds whatever the number of concurrent requests.
            today = self._tianchi_claim_day(user)
            cr.execute("""
                UPDATE res_users
                   SET tianchi_claim_count = CASE WHEN tianchi_claim_day = %(day)s
                                                  THEN COALESCE(tianchi_claim_count, 0) + 1 ELSE 1 END,
                       tianchi_claim_day = %(day)s
                 WHERE id = %(user)s
                   AND (tianchi_claim_day IS DISTINCT FROM %(day)s OR COALESCE(tianchi_claim_count, 0) < %(limit)s)
             RETURNING tianchi_claim_count
            """, {'day': today, 'user': user.id, 'limit': limit})
            if not cr.fetchone():
                raise UserError(_(
                    "%(user)s has already claimed %(limit)s customers today, the most allowed; "
                    "%(customer)s stays in the public pool.",
                    user=user.name, limit=limit, customer=self.display_name))
            self.env['res.users'].invalidate_model(['tianchi_claim_count', 'tianchi_claim_day'])
        now = fields.Datetime.now()
        # the owner is set only if there is none: of concurrent claimants one
        # updates the row, the others wait for it and then update nothing
        cr.execute("""
            UPDATE res_partner
               SET user_id = %(user)s, tianchi_claim_user_id = %(user)s, tianchi_claim_date = %(now)s,
                   tianchi_pool_date = NULL, tianchi_pool_reason = NULL,
                   write_uid = %(user)s, write_date = %(now)s
             WHERE id = %(id)s AND user_id IS NULL
         RETURNING id
        """, {'user': user.id, 'now': now, 'id': self.id})
        if not cr.fetchone():
            self.invalidate_recordset(['user_id'])
            raise UserError(_("%(customer)s was already claimed by %(owner)s.",
                              customer=self.display_name, owner=self.user_id.name))
        cr.execute("""
            UPDATE res_partner SET user_id = %(user)s, write_uid = %(user)s, write_date = %(now)s
             WHERE parent_id = %(id)s AND user_id IS NULL AND NOT COALESCE(is_company, FALSE)
         RETURNING id
        """, {'user': user.id, 'now': now, 'id': self.id})
        contacts = self.browse([row[0] for row in cr.fetchall()])
        fnames = ['user_id', 'tianchi_claim_user_id', 'tianchi_claim_date', 'tianchi_pool_date',
                  'tianchi_pool_reason', 'write_uid', 'write_date']
        (self | contacts).invalidate_recordset(fnames)
        # stored fields depending on the owner follow the SQL update
        self.env.add_to_compute(self._fields['owner_department_id'], self | contacts)
        self._message_log(body=_("%(user)s claimed this customer from the public pool.", user=user.name),
                          author_id=user.partner_id.id)

    @api.model
    def _tianchi_claim_day(self, user):
        """The user's calendar day (their time zone, else China's), which the
        daily claim limit counts."""
        tz = pytz.timezone(user.tz or 'Asia/Shanghai')
        return datetime.now(tz).date()

    # -- scheduled action ----------------------------------------------------------

    @api.model
    def _cron_tianchi_release_inactive(self):
        """Move to the public pool the customers nobody contacted (nor created)
        for their company's pool delay; companies with a delay of 0 keep them."""
        companies = self.env['res.company'].sudo().search([('tianchi_pool_days', '>', 0)])
        for company in companies:
            limit_day = fields.Date.context_today(self) - timedelta(days=company.tianchi_pool_days)
            limit_moment = datetime.combine(limit_day, time.min)
            stale = self.sudo().search([
                ('tianchi_is_customer', '=', True), ('parent_id', '=', False),
                ('user_id', '!=', False), ('company_id', '=', company.id),
                '|', ('last_contact_date', '<', limit_day),
                '&', ('last_contact_date', '=', False), ('create_date', '<', limit_moment),
            ])
            stale._tianchi_move_to_pool('no_contact')
