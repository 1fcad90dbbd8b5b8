"""Banks and the bank accounts of partners."""
from __future__ import annotations

import re

from odoo import _, api, fields, models

_NOT_ALNUM = re.compile(r'\W+')


def sanitize_account_number(acc_number):
    """Account number without separators, upper-cased, for comparisons."""
    if not acc_number:
        return False
    return _NOT_ALNUM.sub('', acc_number).upper()


class Bank(models.Model):
    _name = 'res.bank'
    _description = 'Bank'
    _order = 'name'
    _rec_names_search = ['name', 'bic']

    name = fields.Char(required=True)
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    state = fields.Many2one('res.country.state', 'Fed. State', domain="[('country_id', '=?', country)]")
    country = fields.Many2one('res.country')
    country_code = fields.Char(related='country.code', string='Country Code')
    email = fields.Char()
    phone = fields.Char()
    active = fields.Boolean(default=True)
    bic = fields.Char('Bank Identifier Code', index=True, help="Sometimes called BIC or Swift.")

    @api.depends('bic')
    def _compute_display_name(self):
        for bank in self:
            bank.display_name = (bank.name or '') + (f' - {bank.bic}' if bank.bic else '')

    @api.model
    def _search_display_name(self, operator, value):
        if not value or operator not in ('ilike', 'not ilike'):
            return super()._search_display_name(operator, value)
        # a BIC is typed from its start; a name anywhere
        matching = ['|', ('bic', '=ilike', f'{value}%'), ('name', 'ilike', value)]
        return matching if operator == 'ilike' else ['!', *matching]

    @api.onchange('country')
    def _onchange_country_id(self):
        if self.state and self.state.country_id != self.country and self.country:
            self.state = False

    @api.onchange('state')
    def _onchange_state(self):
        state_country = self.state.country_id
        if state_country:
            self.country = state_country


class ResPartnerBank(models.Model):
    _name = 'res.partner.bank'
    _description = 'Bank Accounts'
    _rec_name = 'acc_number'
    _order = 'sequence, id'

    @api.model
    def get_supported_account_types(self):
        supported = self._get_supported_account_types()
        return supported

    @api.model
    def _get_supported_account_types(self):
        return [('bank', _('Normal'))]

    active = fields.Boolean(default=True)
    acc_type = fields.Selection(
        selection=lambda self: self.env['res.partner.bank'].get_supported_account_types(),
        compute='_compute_acc_type', string='Type',
        help='Bank account type: Normal or IBAN. Inferred from the bank account number.')
    acc_number = fields.Char('Account Number', required=True)
    sanitized_acc_number = fields.Char(compute='_compute_sanitized_acc_number', string='Sanitized Account Number',
                                       readonly=True, store=True)
    acc_holder_name = fields.Char(string='Account Holder Name', compute='_compute_account_holder_name',
                                  readonly=False, store=True,
                                  help="Account holder name, in case it is different than the name of the Account Holder")
    partner_id = fields.Many2one('res.partner', 'Account Holder', ondelete='cascade', index=True, required=True,
                                 domain=['|', ('is_company', '=', True), ('parent_id', '=', False)])
    allow_out_payment = fields.Boolean('Send Money', default=False, copy=False, readonly=False,
                                       help='This account can be used for outgoing payments')
    bank_id = fields.Many2one('res.bank', string='Bank')
    bank_name = fields.Char(related='bank_id.name', readonly=False)
    bank_bic = fields.Char(related='bank_id.bic', readonly=False)
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one('res.currency', string='Currency')
    company_id = fields.Many2one('res.company', 'Company', related='partner_id.company_id', store=True, readonly=True)
    country_code = fields.Char(related='partner_id.country_code', string="Country Code")

    _sql_constraints = [
        ('unique_number', 'unique(sanitized_acc_number, partner_id)',
         'The combination Account Number/Partner must be unique.'),
    ]

    @api.depends('acc_number')
    def _compute_sanitized_acc_number(self):
        for account in self:
            account.sanitized_acc_number = sanitize_account_number(account.acc_number)

    @api.depends('acc_number')
    def _compute_acc_type(self):
        for account in self:
            account.acc_type = self.retrieve_acc_type(account.acc_number)

    @api.depends('partner_id.name')
    def _compute_account_holder_name(self):
        for account in self:
            account.acc_holder_name = account.partner_id.name

    @api.model
    def retrieve_acc_type(self, acc_number):
        """Account type of ``acc_number``; localisations add IBAN and others."""
        return 'bank'

    @api.depends('acc_number', 'bank_id')
    def _compute_display_name(self):
        for account in self:
            account.display_name = (f'{account.acc_number} - {account.bank_id.name}'
                                    if account.bank_id else account.acc_number)

    def _condition_to_sql(self, alias, fname, operator, value, query):
        # account numbers are searched on their sanitized form, so that
        # "6222 0000" finds "62220000"
        if fname == 'acc_number':
            fname = 'sanitized_acc_number'
            many = isinstance(value, (list, tuple, set))
            value = [sanitize_account_number(v) for v in value] if many else sanitize_account_number(value)
        return super()._condition_to_sql(alias, fname, operator, value, query)

    def action_archive_bank(self):
        self.ensure_one()
        self.action_archive()
        # the client must reload to drop the archived account from the view
        return {'tag': 'reload', 'type': 'ir.actions.client'}

    def unlink(self):
        # bank accounts may be referenced by payments: archive instead
        self.action_archive()
        return True
