"""The owner mixin every Tianchi record with an owner inherits: the owner,
their department (stored, so rules and reports group by it), optional
collaborators, and the owner guard (tianchi.owner.guard) on writes and
deletions."""
from __future__ import annotations

from odoo import fields, models


class TianchiOwnedMixin(models.AbstractModel):
    _name = 'tianchi.owned.mixin'
    _inherit = ['mail.thread', 'tianchi.owner.guard']
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

    def write(self, vals):
        self._tianchi_check_owner_write(vals)
        return super().write(vals)

    def unlink(self):
        self._tianchi_check_can_unlink()
        return super().unlink()
