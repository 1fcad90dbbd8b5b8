"""The owner mixin every Tianchi record with an owner inherits: the owner,
their department (stored, so rules and reports group by it), optional
collaborators, and the guards that the record rules cannot express
(only the HQ head deletes; only heads and the HQ head change the owner)."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

HQ_GROUP = 'tianchi_org.tianchi_org_group_hq_head'
HEAD_GROUP = 'tianchi_org.tianchi_org_group_department_head'


class TianchiOwnedMixin(models.AbstractModel):
    _name = 'tianchi.owned.mixin'
    _inherit = ['mail.thread']
    _description = 'Tianchi Owned Record'

    user_id = fields.Many2one(
        'res.users', string='Owner', index=True, tracking=True,
        default=lambda self: self.env.user,
        help="The person responsible for this record: it decides who sees it.")
    owner_department_id = fields.Many2one(
        'hr.department', string='Owner Department', index=True,
        compute='_compute_owner_department_id', store=True,
        help="The department of the owner's employee in the record's company.")
    collaborator_ids = fields.Many2many(
        'res.users', string='Collaborators',
        help="People who see and edit this record besides its owner.")
    company_id = fields.Many2one(
        'res.company', string='Company', index=True, required=True,
        default=lambda self: self.env.company)

    @api.depends('user_id', 'company_id')
    def _compute_owner_department_id(self):
        # searched rather than user.employee_ids, which hr limits to the
        # companies of the current request
        employees = self.env['hr.employee'].sudo().search([('user_id', 'in', self.user_id.ids)])
        by_user = employees.grouped('user_id')
        for record in self:
            mine = by_user.get(record.user_id, employees.browse())
            same_company = mine.filtered(lambda e, company=record.company_id: e.company_id == company)
            employee = same_company[:1] or mine[:1]
            record.owner_department_id = employee.department_id

    def write(self, vals):
        # only a real superuser call skips the check: the context comes from
        # the client, so it may not switch the guard off
        if 'user_id' in vals and not self.env.su:
            changed = self.filtered(lambda r: r.user_id.id != vals['user_id'])
            if changed:
                changed._tianchi_check_can_transfer()
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user.has_group(HQ_GROUP):
            raise AccessError(_(
                "Only the headquarters head may delete %(model)s records; %(user)s may not.",
                model=self._description, user=self.env.user.name))
        return super().unlink()

    def _tianchi_check_can_transfer(self) -> None:
        """Refuse unless the user heads the owners of these records (or is
        the HQ head) and may write them under the record rules."""
        user = self.env.user
        if self.env.su or user.has_group(HQ_GROUP):
            self.check_access('write')
            return
        if not user.has_group(HEAD_GROUP):
            raise AccessError(_(
                "Only department heads and the headquarters head may transfer %(model)s records; "
                "%(user)s may not.", model=self._description, user=user.name))
        self.check_access('write')
        managed = user.tianchi_managed_user_ids
        foreign = self.filtered(lambda r: r.user_id and r.user_id not in managed)
        if foreign:
            raise AccessError(_(
                "%(user)s does not head the owner of %(records)s and may not transfer it.",
                user=user.name, records=', '.join(foreign.mapped('display_name'))))

    def _tianchi_transfer(self, new_user, reason: str = '') -> None:
        """Give these records to ``new_user`` and log who did it, from whom,
        to whom in each record's chatter."""
        self._tianchi_check_can_transfer()
        for record in self:
            previous = record.user_id
            body = _("%(actor)s transferred this record from %(old)s to %(new)s.",
                     actor=self.env.user.name, old=previous.name or _('nobody'), new=new_user.name)
            if reason:
                body = _("%(transfer)s Reason: %(reason)s", transfer=body, reason=reason)
            # a logged note, not a post: it needs no sender e-mail address
            # and notifies nobody (the rights were checked above)
            record._message_log(body=body)
            # checked above; the new owner may be outside the actor's rules
            record.sudo().write({'user_id': new_user.id})
