"""Changing the roles of someone who already has a login: the HQ head (any
role) and 人事 (any role but 总部负责人) do it for the people of their own
company, without database-wide user administration."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..const import HQ_GROUP, HR_GROUP, ROLE_CATEGORY


class TianchiRoleChange(models.TransientModel):
    _name = 'tianchi.role.change'
    _description = 'Change Roles'

    user_id = fields.Many2one('res.users', string='User', required=True, readonly=True)
    role_ids = fields.Many2many(
        'res.groups', string='Roles',
        domain=lambda self: [('category_id', '=', self.env.ref(ROLE_CATEGORY).id)])

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get('active_model') == 'hr.employee' and context.get('active_id'):
            employee = self.env['hr.employee'].browse(context['active_id'])
            if not employee.user_id:
                raise UserError(_("%s has no login yet: give them one first.", employee.name))
            user = employee.user_id
        elif context.get('active_model') == 'res.users' and context.get('active_id'):
            user = self.env['res.users'].browse(context['active_id'])
        else:
            return values
        values.setdefault('user_id', user.id)
        if 'role_ids' in fields_list:
            roles = self._tianchi_roles()
            # only the roles given directly: those implied by 总部负责人 follow it
            implied = (user.groups_id & roles).implied_ids
            values.setdefault('role_ids', [(6, 0, ((user.groups_id & roles) - implied).ids)])
        return values

    @api.model
    def _tianchi_roles(self):
        return self.env['res.groups'].sudo().search([('category_id', '=', self.env.ref(ROLE_CATEGORY).id)])

    def action_apply(self):
        self.ensure_one()
        caller = self.env.user
        user = self.user_id.sudo()
        hq_group = self.env.ref(HQ_GROUP)
        if not (caller.has_group(HQ_GROUP) or caller.has_group(HR_GROUP)):
            raise AccessError(_("Only the headquarters head and 人事 may change roles; %s may not.",
                                caller.name))
        if user.company_ids - caller.company_ids:
            raise AccessError(_("%(user)s also works for companies %(caller)s does not belong to.",
                                user=user.name, caller=caller.name))
        touches_hq = hq_group in self.role_ids or hq_group in user.groups_id
        if touches_hq and not caller.has_group(HQ_GROUP):
            raise AccessError(_("Only the headquarters head may give or take the headquarters head role."))
        if hq_group in user.groups_id and hq_group not in self.role_ids:
            others = hq_group.sudo().users.filtered(
                lambda other: other != user and other.active and user.company_id in other.company_ids)
            if not others:
                raise UserError(_("%s is the last headquarters head of the company: "
                                  "make someone else headquarters head first.", user.name))
        roles = self._tianchi_roles()
        granted = self.role_ids.sudo()
        # a role's implied groups (e.g. 人事 → Employees / Officer) go with it
        role_closure = roles | roles.trans_implied_ids
        kept = user.groups_id - role_closure
        new_groups = kept | granted | granted.trans_implied_ids | self.env.ref('base.group_user')
        user.write({'groups_id': [(6, 0, new_groups.ids)]})
        user.partner_id.message_post(
            body=_("%(actor)s changed the roles of %(user)s to: %(roles)s.",
                   actor=caller.name, user=user.name,
                   roles=', '.join(granted.mapped('name')) or _('none')),
            subtype_xmlid='mail.mt_note')
        self.env['res.users']._tianchi_org_changed()
        return {'type': 'ir.actions.act_window_close'}
