"""``res.users``: the sales teams a user belongs to, and the main one."""
from __future__ import annotations

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    # the active memberships' teams (the relation table is the membership model's)
    crm_team_ids = fields.Many2many(
        comodel_name='crm.team', relation='crm_team_member', column1='user_id', column2='crm_team_id',
        string='Sales Teams', compute='_compute_crm_team_ids', search='_search_crm_team_ids',
        readonly=True, copy=False, check_company=True)
    crm_team_member_ids = fields.One2many('crm.team.member', 'user_id', string='Sales Team Members')
    sale_team_id = fields.Many2one(
        'crm.team', string='User Sales Team', compute='_compute_sale_team_id', readonly=True, store=True,
        help="The user's main sales team: the one joined first among the active memberships.")

    @api.depends('crm_team_member_ids.active')
    def _compute_crm_team_ids(self):
        for user in self:
            memberships = user.crm_team_member_ids
            user.crm_team_ids = memberships.crm_team_id

    def _search_crm_team_ids(self, operator, value):
        return [('crm_team_member_ids.crm_team_id', operator, value)]

    @api.depends('crm_team_member_ids.crm_team_id', 'crm_team_member_ids.create_date', 'crm_team_member_ids.active')
    def _compute_sale_team_id(self):
        for user in self:
            # memberships come ordered by creation date
            user.sale_team_id = user.crm_team_member_ids[:1].crm_team_id

    def action_archive(self):
        # archived users leave their teams
        memberships = self.env['crm.team.member'].search([('user_id', 'in', self.ids)])
        memberships.action_archive()
        return super().action_archive()
