"""``res.company``: the tax settings of a company (prices with or without tax,
rounding of taxes, fiscal country, default sales and purchase taxes)."""
from __future__ import annotations

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    account_price_include = fields.Selection(
        selection=[('tax_included', 'Tax Included'), ('tax_excluded', 'Tax Excluded')],
        string='Default Sales Price Include', default='tax_excluded', required=True,
        help="Whether the prices of this company's products and invoices include their taxes, "
             "unless a tax says otherwise.")
    tax_calculation_rounding_method = fields.Selection(
        [('round_per_line', 'Round per Line'), ('round_globally', 'Round Globally')],
        string='Tax Calculation Rounding Method', default='round_per_line')
    tax_exigibility = fields.Boolean(string='Use Cash Basis')
    account_fiscal_country_id = fields.Many2one(
        'res.country', string="Fiscal Country", compute='compute_account_tax_fiscal_country',
        store=True, readonly=False, help="The country whose tax rules this company follows.")
    account_sale_tax_id = fields.Many2one('account.tax', string="Default Sale Tax")
    account_purchase_tax_id = fields.Many2one('account.tax', string="Default Purchase Tax")
    terms_type = fields.Selection(
        [('plain', 'Add a Note'), ('html', 'Add a link to a Web Page')],
        string='Terms & Conditions format', default='plain')
    invoice_terms = fields.Html(string='Default Terms and Conditions', translate=True)

    @api.depends('country_id')
    def compute_account_tax_fiscal_country(self):
        for company in self.filtered(lambda c: not c.account_fiscal_country_id):
            company.account_fiscal_country_id = company.country_id
