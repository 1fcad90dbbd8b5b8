"""``crm.team``: a sales team (leader, members, company) that quotations,
orders and leads are credited to."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError

MULTI_MEMBERSHIP_PARAM = 'sales_team.membership_multi'


class CrmTeam(models.Model):
    _name = 'crm.team'
    _inherit = ['mail.thread']
    _description = 'Sales Team'
    _order = 'sequence ASC, create_date DESC, id DESC'
    _check_company_auto = True

    def _get_default_team_id(self, user_id=False, domain=False):
        """The team a new sales document of ``user_id`` (default: the current user)
        belongs to: one the user leads or is a member of (the context's
        ``default_team_id`` first, then those matching ``domain``), else the
        context's default, else the first team of the user's companies (again
        preferring those matching ``domain``)."""
        user = self.env['res.users'].sudo().browse(user_id) if user_id else self.env.user
        Team = self.env['crm.team']
        preferred = Team.browse(self.env.context.get('default_team_id') or [])
        allowed_companies = [False] + [cid for cid in user.company_ids.ids if cid in self.env.companies.ids]

        def pick(candidates):
            if preferred and preferred in candidates:
                return preferred
            return candidates[:1]

        own = Team.search([
            ('company_id', 'in', allowed_companies),
            '|', ('user_id', '=', user.id), ('member_ids', 'in', [user.id]),
        ])
        team = pick(own.filtered_domain(domain)) if own and domain else Team
        team = team or pick(own) or preferred
        if not team:
            reachable = Team.search([('company_id', 'in', allowed_companies)])
            if domain:
                team = reachable.filtered_domain(domain)[:1]
            team = team or reachable[:1]
        return team

    def _get_default_favorite_user_ids(self):
        return [fields.Command.set([self.env.uid])]

    name = fields.Char('Sales Team', required=True, translate=True)
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean(default=True, help="Archive the team to hide it without deleting it.")
    company_id = fields.Many2one('res.company', string='Company', index=True)
    currency_id = fields.Many2one('res.currency', string='Currency', related='company_id.currency_id', readonly=True)
    user_id = fields.Many2one('res.users', string='Team Leader', check_company=True)
    is_membership_multi = fields.Boolean(
        string='Multiple Memberships Allowed', compute='_compute_is_membership_multi',
        help="Whether a salesperson may belong to several teams at once.")
    member_ids = fields.Many2many(
        'res.users', string='Salespersons', compute='_compute_member_ids', inverse='_inverse_member_ids',
        search='_search_member_ids', domain="['&', ('share', '=', False), ('company_ids', 'in', member_company_ids)]",
        help="The users whose documents are credited to this team.")
    member_company_ids = fields.Many2many(
        comodel_name='res.company', compute='_compute_member_company_ids',
        help="The companies members may come from: the team's, or all when it has none.")
    member_warning = fields.Text('Membership Issue Warning', compute='_compute_member_warning')
    crm_team_member_ids = fields.One2many(
        'crm.team.member', 'crm_team_id', string='Sales Team Members', context={'active_test': True},
        help="The memberships of this team.")
    crm_team_member_all_ids = fields.One2many(
        'crm.team.member', 'crm_team_id', string='Sales Team Members (incl. inactive)',
        context={'active_test': False})
    color = fields.Integer(string='Color Index')
    favorite_user_ids = fields.Many2many(
        'res.users', 'team_favorite_user_rel', 'team_id', 'user_id', string='Favorite Members',
        default=_get_default_favorite_user_ids)
    is_favorite = fields.Boolean(
        string='Show on dashboard', compute='_compute_is_favorite', inverse='_inverse_is_favorite',
        help="Favourite teams are shown on the dashboard.")
    dashboard_button_name = fields.Char(string="Dashboard Button", compute='_compute_dashboard_button_name')

    @api.depends('sequence')
    def _compute_is_membership_multi(self):
        multi = bool(self.env['ir.config_parameter'].sudo().get_param(MULTI_MEMBERSHIP_PARAM, False))
        for team in self:
            team.is_membership_multi = multi

    @api.depends('crm_team_member_ids.active')
    def _compute_member_ids(self):
        for team in self:
            active_memberships = team.crm_team_member_ids
            team.member_ids = active_memberships.user_id

    def _inverse_member_ids(self):
        for team in self:
            current = team.crm_team_member_ids
            wanted = team.member_ids
            newcomers = wanted - current.user_id
            self.env['crm.team.member'].create([
                {'crm_team_id': team.id, 'user_id': user.id} for user in newcomers])
            for membership in current:
                membership.active = membership.user_id in wanted

    def _search_member_ids(self, operator, value):
        return [('crm_team_member_ids.user_id', operator, value)]

    @api.depends('company_id', 'name')
    def _compute_member_company_ids(self):
        everyone = self.env['res.company'].search([])
        for team in self:
            team.member_company_ids = team.company_id or everyone

    @api.depends('is_membership_multi', 'member_ids')
    def _compute_member_warning(self):
        for team in self:
            team.member_warning = False
            if team.is_membership_multi or not team.member_ids:
                continue
            elsewhere = self.env['crm.team.member'].search([
                ('crm_team_id', '!=', team._origin.id or False), ('user_id', 'in', team.member_ids.ids)])
            if elsewhere:
                team.member_warning = _(
                    "%(user_names)s will leave %(team_names)s when added to this team. To let people work "
                    "in several teams, allow multiple memberships in the settings.",
                    user_names=", ".join(elsewhere.user_id.mapped('name')),
                    team_names=", ".join(elsewhere.crm_team_id.mapped('name')))

    def _compute_is_favorite(self):
        me = self.env.user
        for team in self:
            team.is_favorite = me in team.favorite_user_ids

    def _inverse_is_favorite(self):
        me = self.env.user
        for team in self.sudo():
            command = fields.Command.link(me.id) if team.is_favorite else fields.Command.unlink(me.id)
            team.favorite_user_ids = [command]
        return True

    def _compute_dashboard_button_name(self):
        for team in self:
            team.dashboard_button_name = _("Big Pretty Button :)")

    @api.model_create_multi
    def create(self, vals_list):
        # the creator does not follow the team automatically
        quiet = self.with_context(mail_create_nosubscribe=True)
        teams = super(CrmTeam, quiet).create(vals_list)
        teams.filtered('member_ids')._add_members_to_favorites()
        return teams

    def write(self, vals):
        result = super().write(vals)
        if vals.get('company_id'):
            # members must belong to the team's new company
            memberships = self.crm_team_member_ids
            memberships._check_company(fnames=['crm_team_id'])
        if vals.get('member_ids'):
            self._add_members_to_favorites()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_default(self):
        protected = self.env['crm.team']
        for xmlid in ('sales_team.salesteam_website_sales', 'sales_team.pos_sales_team'):
            protected |= self.env.ref(xmlid, raise_if_not_found=False) or self.env['crm.team']
        for team in self & protected:
            raise UserError(_("The sales team %s is needed by the system and cannot be deleted.", team.name))

    def action_primary_channel_button(self):
        """What the team's dashboard button opens: nothing here, sales modules override it."""
        return False

    def _add_members_to_favorites(self):
        for team in self:
            team.favorite_user_ids = [fields.Command.link(user.id) for user in team.member_ids]
