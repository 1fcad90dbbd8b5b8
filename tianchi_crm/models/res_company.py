"""Company settings of the public pool: after how many days without
contact a customer goes to the pool, and how many customers a person may
claim from it a day."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = 'res.company'

    tianchi_pool_days = fields.Integer(
        string='Days Without Contact Before Pool', default=0,
        help="A customer nobody contacted for this many days goes to the public pool "
             "(checked every night); 0 keeps customers with their owner.")
    tianchi_pool_claim_limit = fields.Integer(
        string='Daily Claim Limit', default=0,
        help="How many customers one person may claim from the public pool per day; 0 means no limit.")

    @api.constrains('tianchi_pool_days', 'tianchi_pool_claim_limit')
    def _check_tianchi_pool_settings(self):
        for company in self:
            if company.tianchi_pool_days < 0 or company.tianchi_pool_claim_limit < 0:
                raise ValidationError(_(
                    "%(company)s: the pool delay and the daily claim limit cannot be negative.",
                    company=company.name))
