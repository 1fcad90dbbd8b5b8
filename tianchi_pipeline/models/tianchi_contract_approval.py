"""The approval log of contracts: who decided, for which role, what, when
and why."""
from odoo import fields, models


class TianchiContractApproval(models.Model):
    _name = 'tianchi.contract.approval'
    _description = 'Contract Approval'
    _order = 'date desc, id desc'

    contract_id = fields.Many2one('tianchi.contract', string='Contract', required=True, index=True,
                                  ondelete='cascade')
    user_id = fields.Many2one('res.users', string='Approver', required=True, readonly=True)
    group_id = fields.Many2one('res.groups', string='Role', readonly=True)
    decision = fields.Selection([('approved', 'Approved'), ('rejected', 'Rejected')],
                                string='Decision', required=True, readonly=True)
    date = fields.Datetime(string='Date', required=True, readonly=True, default=fields.Datetime.now)
    comment = fields.Text(string='Comment', readonly=True)
    # an approval counts for the submission it was given in; resubmitting starts afresh
    is_current = fields.Boolean(string='Current Round', default=True, readonly=True)
