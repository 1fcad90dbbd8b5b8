"""Currencies with their rounding rules, and their dated exchange rates."""
from __future__ import annotations

import logging
import math

from odoo import api, fields, models, tools, _
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class Currency(models.Model):
    _name = "res.currency"
    _description = "Currency"
    _rec_names_search = ['name', 'full_name']
    _order = 'active desc, name'

    name = fields.Char(string='Currency', size=3, required=True, help="Currency Code (ISO 4217)")
    iso_numeric = fields.Integer(string="Currency numeric code.", help="Currency Numeric Code (ISO 4217).")
    full_name = fields.Char(string='Name')
    symbol = fields.Char(help="Currency sign, to be used when printing amounts.", required=True)
    rate = fields.Float(compute='_compute_current_rate', string='Current Rate', digits=0,
                        help='The rate of the currency to the currency of rate 1.')
    inverse_rate = fields.Float(compute='_compute_current_rate', digits=0, readonly=True,
                                help='The currency of rate 1 to the rate of the currency.')
    rate_string = fields.Char(compute='_compute_current_rate')
    rate_ids = fields.One2many('res.currency.rate', 'currency_id', string='Rates')
    rounding = fields.Float(string='Rounding Factor', digits=(12, 6), default=0.01,
                            help='Amounts in this currency are rounded off to the nearest multiple of the rounding factor.')
    decimal_places = fields.Integer(compute='_compute_decimal_places', store=True,
                                    help='Decimal places taken into account for operations on amounts in this currency. '
                                         'It is determined by the rounding factor.')
    active = fields.Boolean(default=True)
    position = fields.Selection([('after', 'After Amount'), ('before', 'Before Amount')], default='after',
                                string='Symbol Position',
                                help="Determines where the currency symbol should be placed after or before the amount.")
    date = fields.Date(compute='_compute_date')
    currency_unit_label = fields.Char(string="Currency Unit", translate=True)
    currency_subunit_label = fields.Char(string="Currency Subunit", translate=True)
    is_current_company_currency = fields.Boolean(compute='_compute_is_current_company_currency')

    _sql_constraints = [
        ('unique_name', 'unique (name)', 'The currency code must be unique!'),
        ('rounding_gt_zero', 'CHECK (rounding>0)', 'The rounding factor must be greater than 0!'),
    ]

    @api.depends('rate_ids.rate')
    @api.depends_context('to_currency', 'date', 'company', 'company_id')
    def _compute_current_rate(self):
        date = self._context.get('date') or fields.Date.context_today(self)
        company = self.env['res.company'].browse(self._context.get('company_id')) or self.env.company
        to_currency = self.browse(self.env.context.get('to_currency')) or company.currency_id
        rates = (self + to_currency)._get_rates(self.env.company, date)
        for currency in self:
            currency.rate = (rates.get(currency.id) or 1.0) / (rates.get(to_currency.id) or 1.0)
            currency.inverse_rate = 1 / currency.rate
            if currency != company.currency_id:
                currency.rate_string = '1 %s = %.6f %s' % (to_currency.name, currency.rate, currency.name)
            else:
                currency.rate_string = ''

    @api.depends('rounding')
    def _compute_decimal_places(self):
        for currency in self:
            if 0 < currency.rounding < 1:
                currency.decimal_places = int(math.ceil(math.log10(1 / currency.rounding)))
            else:
                currency.decimal_places = 0

    @api.depends('rate_ids.name')
    def _compute_date(self):
        for currency in self:
            currency.date = currency.rate_ids[:1].name

    @api.depends_context('company')
    def _compute_is_current_company_currency(self):
        for currency in self:
            currency.is_current_company_currency = self.env.company.currency_id == currency

    @api.constrains('active')
    def _check_company_currency_stays_active(self):
        if self._context.get('install_mode') or self._context.get('force_deactivate'):
            return
        inactive = self.filtered(lambda c: not c.active)
        if inactive and self.env['res.company'].search_count([('currency_id', 'in', inactive.ids)], limit=1):
            raise UserError(_("This currency is set on a company and therefore cannot be deactivated."))

    @api.model_create_multi
    def create(self, vals_list):
        currencies = super().create(vals_list)
        self._toggle_group_multi_currency()
        self.env.registry.clear_cache()
        return currencies

    def write(self, vals):
        res = super().write(vals)
        if vals.keys() & {'active', 'digits', 'position', 'symbol'}:
            self.env.registry.clear_cache()
        if 'active' in vals:
            self._toggle_group_multi_currency()
        return res

    def unlink(self):
        res = super().unlink()
        self._toggle_group_multi_currency()
        self.env.registry.clear_cache()
        return res

    @api.model
    def _toggle_group_multi_currency(self):
        """Internal users get the multi-currency group exactly while more
        than one currency is active."""
        if self.search_count([('active', '=', True)]) > 1:
            self._activate_group_multi_currency()
        else:
            self._deactivate_group_multi_currency()

    @api.model
    def _activate_group_multi_currency(self):
        group_user = self.env.ref('base.group_user', raise_if_not_found=False)
        group_mc = self.env.ref('base.group_multi_currency', raise_if_not_found=False)
        if group_user and group_mc:
            group_user.sudo()._apply_group(group_mc)

    @api.model
    def _deactivate_group_multi_currency(self):
        group_user = self.env.ref('base.group_user', raise_if_not_found=False)
        group_mc = self.env.ref('base.group_multi_currency', raise_if_not_found=False)
        if group_user and group_mc:
            group_user.sudo()._remove_group(group_mc.sudo())

    def _get_rates(self, company, date):
        """Return {currency id: rate} at ``date`` for ``company``: the latest
        rate on or before the date (company-specific rates win over shared
        ones), else the earliest known rate, else 1.0."""
        if not self.ids:
            return {}
        self.env['res.currency.rate'].flush_model(['rate', 'name', 'company_id', 'currency_id'])
        root_id = company.root_id.id or company.id
        self.env.cr.execute("""
            SELECT c.id,
                   COALESCE(
                       (SELECT r.rate FROM res_currency_rate r
                         WHERE r.currency_id = c.id AND r.name <= %(date)s
                           AND (r.company_id IS NULL OR r.company_id = %(company)s)
                         ORDER BY r.company_id, r.name DESC LIMIT 1),
                       (SELECT r.rate FROM res_currency_rate r
                         WHERE r.currency_id = c.id
                           AND (r.company_id IS NULL OR r.company_id = %(company)s)
                         ORDER BY r.company_id, r.name ASC LIMIT 1),
                       1.0)
              FROM res_currency c
             WHERE c.id IN %(ids)s
        """, {'date': date, 'company': root_id, 'ids': tuple(self.ids)})
        return dict(self.env.cr.fetchall())

    def round(self, amount):
        """Return ``amount`` rounded to this currency's rounding factor."""
        self.ensure_one()
        return tools.float_round(amount, precision_rounding=self.rounding)

    def compare_amounts(self, amount1, amount2):
        """Compare two amounts once each is rounded to this currency:
        -1, 0 or 1 as ``amount1`` is lower than, equal to or greater than
        ``amount2`` (0.006 and 0.002 differ at two decimals: 0.01 vs 0.0)."""
        self.ensure_one()
        return tools.float_compare(amount1, amount2, precision_rounding=self.rounding)

    def is_zero(self, amount):
        """Whether ``amount`` rounds to zero in this currency."""
        self.ensure_one()
        return tools.float_is_zero(amount, precision_rounding=self.rounding)

    def format(self, amount):
        """``amount`` formatted with this currency's symbol and position."""
        self.ensure_one()
        return tools.format_amount(self.env, amount + 0.0, self)

    @api.model
    def _get_conversion_rate(self, from_currency, to_currency, company=None, date=None):
        if from_currency == to_currency:
            return 1
        company = company or self.env.company
        date = date or fields.Date.context_today(self)
        return from_currency.with_company(company).with_context(
            to_currency=to_currency.id, date=str(date)).inverse_rate

    def _convert(self, from_amount, to_currency, company=None, date=None, round=True):  # noqa: A002
        """Convert ``from_amount`` from ``self`` into ``to_currency`` with the
        rate of ``company`` at ``date``; rounded to ``to_currency`` unless
        ``round`` is False."""
        self, to_currency = self or to_currency, to_currency or self
        assert self, "convert amount from unknown currency"
        assert to_currency, "convert amount to unknown currency"
        if not from_amount:
            return 0.0
        to_amount = from_amount * self._get_conversion_rate(self, to_currency, company, date)
        return to_currency.round(to_amount) if round else to_amount


class CurrencyRate(models.Model):
    _name = "res.currency.rate"
    _description = "Currency Rate"
    _rec_names_search = ['name', 'rate']
    _order = "name desc"

    name = fields.Date(string='Date', required=True, index=True, default=fields.Date.context_today)
    rate = fields.Float(digits=0, aggregator="avg", string='Technical Rate',
                        help='The rate of the currency to the currency of rate 1')
    company_rate = fields.Float(digits=0, compute="_compute_company_rate", inverse="_inverse_company_rate",
                                aggregator="avg", help="The currency of rate 1 to the rate of the currency.")
    inverse_company_rate = fields.Float(digits=0, compute="_compute_inverse_company_rate",
                                        inverse="_inverse_inverse_company_rate", aggregator="avg",
                                        help="The rate of the currency to the currency of rate 1 ")
    currency_id = fields.Many2one('res.currency', string='Currency', readonly=True, required=True, ondelete="cascade")
    company_id = fields.Many2one('res.company', string='Company', default=lambda self: self.env.company.root_id)

    _sql_constraints = [
        ('unique_name_per_day', 'unique (name,currency_id,company_id)', 'Only one currency rate per day allowed!'),
        ('currency_rate_check', 'CHECK (rate>0)', 'The currency rate must be strictly positive.'),
    ]

    def _sanitize_vals(self, vals):
        # the most direct value wins when several rate forms are given
        if 'inverse_company_rate' in vals and ('company_rate' in vals or 'rate' in vals):
            del vals['inverse_company_rate']
        if 'company_rate' in vals and 'rate' in vals:
            del vals['company_rate']
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self.env['res.currency'].invalidate_model(['inverse_rate'])
        return super().create([self._sanitize_vals(vals) for vals in vals_list])

    def write(self, vals):
        self.env['res.currency'].invalidate_model(['inverse_rate'])
        return super().write(self._sanitize_vals(vals))

    def _get_latest_rate(self):
        if not self.name:
            raise UserError(_("The name for the current rate is empty.\nPlease set it."))
        return self.currency_id.rate_ids.sudo().filtered(lambda r: (
            r.rate
            and r.company_id == (self.company_id or self.env.company.root_id)
            and r.name < (self.name or fields.Date.today())
        )).sorted('name')[-1:]

    def _get_last_rates_for_companies(self, companies):
        return {
            company: company.sudo().currency_id.rate_ids.filtered(
                lambda r: r.rate and (r.company_id == company or not r.company_id)
            ).sorted('name')[-1:].rate or 1
            for company in companies
        }

    @api.depends('rate', 'name', 'currency_id', 'company_id', 'currency_id.rate_ids.rate')
    @api.depends_context('company')
    def _compute_company_rate(self):
        last_rates = self._get_last_rates_for_companies(self.company_id | self.env.company.root_id)
        for rate in self:
            company = rate.company_id or self.env.company.root_id
            rate.company_rate = (rate.rate or rate._get_latest_rate().rate or 1.0) / last_rates[company]

    @api.onchange('company_rate')
    def _inverse_company_rate(self):
        last_rates = self._get_last_rates_for_companies(self.company_id | self.env.company.root_id)
        for rate in self:
            company = rate.company_id or self.env.company.root_id
            rate.rate = rate.company_rate * last_rates[company]

    @api.depends('company_rate')
    def _compute_inverse_company_rate(self):
        for rate in self:
            if not rate.company_rate:
                rate.company_rate = 1.0
            rate.inverse_company_rate = 1.0 / rate.company_rate

    @api.onchange('inverse_company_rate')
    def _inverse_inverse_company_rate(self):
        for rate in self:
            if not rate.inverse_company_rate:
                rate.inverse_company_rate = 1.0
            rate.company_rate = 1.0 / rate.inverse_company_rate

    @api.constrains('company_id')
    def _check_company_id(self):
        for rate in self:
            if rate.company_id.sudo().parent_id:
                raise ValidationError(_("Currency rates should only be created for main companies"))
