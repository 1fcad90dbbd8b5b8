"""``crm.team.member``: the membership of a salesperson in a sales team. Unless
multiple memberships are allowed, joining a team archives the others."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_team import MULTI_MEMBERSHIP_PARAM


class CrmTeamMember(models.Model):
    _name = 'crm.team.member'
    _inherit = ['mail.thread']
    _description = 'Sales Team Member'
    _rec_name = 'user_id'
    _order = 'create_date ASC, id'
    _check_company_auto = True

    crm_team_id = fields.Many2one(
        'crm.team', string='Sales Team', group_expand='_read_group_expand_full', default=False,
        check_company=True, index=True, ondelete='cascade', required=True)
    user_id = fields.Many2one(
        'res.users', string='Salesperson', check_company=True, index=True, ondelete='cascade', required=True,
        domain="[('share', '=', False), ('id', 'not in', user_in_teams_ids), ('company_ids', 'in', user_company_ids)]")
    user_in_teams_ids = fields.Many2many(
        'res.users', compute='_compute_user_in_teams_ids',
        help="Users not to offer, as they are members already.")
    user_company_ids = fields.Many2many(
        'res.company', compute='_compute_user_company_ids',
        help="The companies the salesperson may come from.")
    active = fields.Boolean(string='Active', default=True)
    is_membership_multi = fields.Boolean('Multiple Memberships Allowed', compute='_compute_is_membership_multi')
    member_warning = fields.Text(compute='_compute_member_warning')
    image_1920 = fields.Image("Image", related='user_id.image_1920', max_width=1920, max_height=1920)
    image_128 = fields.Image("Image (128)", related='user_id.image_128', max_width=128, max_height=128)
    name = fields.Char(string='Name', related='user_id.display_name', readonly=False)
    email = fields.Char(string='Email', related='user_id.email')
    phone = fields.Char(string='Phone', related='user_id.phone')
    mobile = fields.Char(string='Mobile', related='user_id.mobile')
    company_id = fields.Many2one('res.company', string='Company', related='user_id.company_id')

    @staticmethod
    def _multi_allowed(env) -> bool:
        return bool(env['ir.config_parameter'].sudo().get_param(MULTI_MEMBERSHIP_PARAM, False))

    @api.constrains('crm_team_id', 'user_id', 'active')
    def _constrains_membership(self):
        active_pairs = {}
        for membership in self.filtered('active'):
            pair = (membership.user_id.id, membership.crm_team_id.id)
            if pair in active_pairs:
                raise ValidationError(_("%(user)s is twice a member of %(team)s.",
                                        user=membership.user_id.name, team=membership.crm_team_id.name))
            active_pairs[pair] = membership
        clashes = self.search([
            ('crm_team_id', 'in', self.crm_team_id.ids), ('user_id', 'in', self.user_id.ids),
            ('active', '=', True), ('id', 'not in', self.ids)])
        clashes = clashes.filtered(lambda m: (m.user_id.id, m.crm_team_id.id) in active_pairs)
        if clashes:
            raise ValidationError(_(
                "These memberships exist already: %(duplicates)s.",
                duplicates=", ".join(f"{m.user_id.name} ({m.crm_team_id.name})" for m in clashes)))

    @api.depends('crm_team_id', 'is_membership_multi', 'user_id')
    @api.depends_context('default_crm_team_id')
    def _compute_user_in_teams_ids(self):
        if all(member.is_membership_multi for member in self):
            taken = self.env['res.users']
        else:
            taken = self.search([('id', 'not in', self.ids)]).user_id
        default_team = self.env['crm.team'].browse(self.env.context.get('default_crm_team_id') or [])
        for member in self:
            member.user_in_teams_ids = taken or member.crm_team_id.member_ids or default_team.member_ids

    @api.depends('crm_team_id')
    def _compute_user_company_ids(self):
        everyone = self.env['res.company'].search([])
        for member in self:
            member.user_company_ids = member.crm_team_id.company_id or everyone

    @api.depends('crm_team_id')
    def _compute_is_membership_multi(self):
        multi = self._multi_allowed(self.env)
        for member in self:
            member.is_membership_multi = multi

    @api.depends('is_membership_multi', 'active', 'user_id', 'crm_team_id')
    def _compute_member_warning(self):
        self.member_warning = False
        candidates = self.filtered(lambda m: m.active and not m.is_membership_multi)
        if not candidates:
            return
        teams_of = {}
        for membership in self.search([('user_id', 'in', candidates.user_id.ids)]):
            teams_of.setdefault(membership.user_id, self.env['crm.team'])
            teams_of[membership.user_id] |= membership.crm_team_id
        for member in candidates:
            others = teams_of.get(member.user_id, self.env['crm.team']) - member.crm_team_id - member._origin.crm_team_id
            if others:
                member.member_warning = _(
                    "%(user_name)s will leave %(team_names)s when added to this team. To let people work in "
                    "several teams, allow multiple memberships in the settings.",
                    user_name=member.user_id.name, team_names=", ".join(others.mapped('name')))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._multi_allowed(self.env):
            self._synchronize_memberships(vals_list)
        return super(CrmTeamMember, self.with_context(mail_create_nosubscribe=True)).create(vals_list)

    def write(self, vals):
        if vals.get('active') and not self._multi_allowed(self.env):
            self._synchronize_memberships([
                {'user_id': m.user_id.id, 'crm_team_id': m.crm_team_id.id} for m in self])
        return super().write(vals)

    def _synchronize_memberships(self, user_team_ids):
        """Archive the active memberships of the given users in teams other than the
        one each joins (``user_team_ids``: dicts with ``user_id`` and ``crm_team_id``)."""
        joining = {vals['user_id']: vals['crm_team_id'] for vals in user_team_ids}
        current = self.search([('active', '=', True), ('user_id', 'in', list(joining))])
        leaving = current.filtered(lambda m: m.crm_team_id.id != joining[m.user_id.id])
        if leaving:
            leaving.action_archive()
        return leaving
