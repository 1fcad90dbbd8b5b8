"""Companies get a chatter and the colours and sender address of the e-mails
they send."""
from __future__ import annotations

from odoo import api, fields, models


class ResCompany(models.Model):
    _name = 'res.company'
    _inherit = ['res.company', 'mail.thread']

    # Odoo relates it to the company's mail.alias.domain, a model not provided
    alias_domain_name = fields.Char('Alias Domain Name', readonly=True)
    email_formatted = fields.Char(string='Formatted Email', compute='_compute_email_formatted')
    email_primary_color = fields.Char('Email Header Color', compute='_compute_email_primary_color',
                                      readonly=False, store=True)
    email_secondary_color = fields.Char('Email Button Color', compute='_compute_email_secondary_color',
                                        readonly=False, store=True)

    @api.depends('partner_id.email_formatted')
    def _compute_email_formatted(self):
        for company in self:
            company.email_formatted = company.partner_id.email_formatted or ''

    @api.depends('primary_color')
    def _compute_email_primary_color(self):
        for company in self:
            company.email_primary_color = company.primary_color or '#000000'

    @api.depends('secondary_color')
    def _compute_email_secondary_color(self):
        for company in self:
            company.email_secondary_color = company.secondary_color or '#875A7B'
