"""Currencies with their rounding rules, and their dated exchange rates.

A rate says how many units of a currency one unit of the company's currency
buys (the company's own currency has rate 1)."""
from __future__ import annotations

import logging
import math

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

try:
    from num2words import num2words
except ImportError:  # optional, as in Odoo: amounts in words are then empty
    num2words = None

_logger = logging.getLogger(__name__)

# SQL constraints, Odoo's names; the messages are ours.
_CURRENCY_CONSTRAINTS = [
    ('unique_name', 'unique (name)', 'Each currency code may exist only once.'),
    ('rounding_gt_zero', 'CHECK (rounding>0)', 'A rounding factor must be positive.'),
]
_RATE_CONSTRAINTS = [
    ('unique_name_per_day', 'unique (name,currency_id,company_id)', 'A currency has at most one rate a day.'),
    ('currency_rate_check', 'CHECK (rate>0)', 'A rate must be positive.'),
]


class Currency(models.Model):
    _name = "res.currency"
    _description = "Currency"
    _rec_names_search = ['name', 'full_name']
    _order = 'active desc, name'

    name = fields.Char(string='Currency', size=3, required=True, help="Currency Code (ISO 4217)")
    iso_numeric = fields.Integer(string="Currency numeric code.", help="Currency Numeric Code (ISO 4217).")
    full_name = fields.Char(string='Name')
    symbol = fields.Char(help="Sign printed with amounts.", required=True)
    rate = fields.Float(compute='_compute_current_rate', string='Current Rate', digits=0, help='Units of this currency for one unit of the reference currency.')
    inverse_rate = fields.Float(compute='_compute_current_rate', digits=0, readonly=True, help='Units of the reference currency for one unit of this currency.')
    rate_string = fields.Char(compute='_compute_current_rate')
    rate_ids = fields.One2many('res.currency.rate', 'currency_id', string='Rates')
    rounding = fields.Float(string='Rounding Factor', digits=(12, 6), default=0.01, help='Amounts are rounded to a multiple of this factor.')
    decimal_places = fields.Integer(compute='_compute_decimal_places', store=True, help='Decimals used for amounts in this currency, derived from the rounding factor.')
    active = fields.Boolean(default=True)
    position = fields.Selection([('after', 'After Amount'), ('before', 'Before Amount')], default='after', string='Symbol Position', help="Where the symbol goes around an amount.")
    date = fields.Date(compute='_compute_date')
    currency_unit_label = fields.Char(string="Currency Unit", translate=True)
    currency_subunit_label = fields.Char(string="Currency Subunit", translate=True)
    is_current_company_currency = fields.Boolean(compute='_compute_is_current_company_currency')

    _sql_constraints = _CURRENCY_CONSTRAINTS

    @api.depends('rate_ids.rate')
    @api.depends_context('to_currency', 'date', 'company', 'company_id')
    def _compute_current_rate(self):
        ctx = self.env.context
        on_date = ctx.get('date') or fields.Date.context_today(self)
        company = self.env['res.company'].browse(ctx.get('company_id')) or self.env.company
        reference = self.browse(ctx.get('to_currency')) or company.currency_id
        known = (self | reference)._get_rates(self.env.company, on_date)
        reference_rate = known.get(reference.id) or 1.0
        for currency in self:
            ratio = (known.get(currency.id) or 1.0) / reference_rate
            currency.rate = ratio
            currency.inverse_rate = 1.0 / ratio
            shown = currency != company.currency_id
            currency.rate_string = f'1 {reference.name} = {ratio:.6f} {currency.name}' if shown else ''

    @api.depends('rounding')
    def _compute_decimal_places(self):
        for currency in self:
            step = currency.rounding
            currency.decimal_places = math.ceil(math.log10(1 / step)) if 0 < step < 1 else 0

    @api.depends('rate_ids.name')
    def _compute_date(self):
        for currency in self:
            latest = currency.rate_ids[:1]
            currency.date = latest.name

    @api.depends_context('company')
    def _compute_is_current_company_currency(self):
        own = self.env.company.currency_id
        for currency in self:
            currency.is_current_company_currency = currency == own

    @api.constrains('active')
    def _check_company_currency_stays_active(self):
        ctx = self.env.context
        if ctx.get('install_mode') or ctx.get('force_deactivate'):
            return
        archived = self.filtered(lambda cur: not cur.active)
        if archived and self.env['res.company'].search_count([('currency_id', 'in', archived.ids)], limit=1):
            raise UserError(_("A currency used by a company must stay active."))

    @api.model_create_multi
    def create(self, vals_list):
        currencies = super().create(vals_list)
        self._toggle_group_multi_currency()
        self.env.registry.clear_cache()
        return currencies

    def write(self, vals):
        result = super().write(vals)
        if {'active', 'digits', 'position', 'symbol'} & vals.keys():
            self.env.registry.clear_cache()
        if 'active' in vals:
            self._toggle_group_multi_currency()
        return result

    def unlink(self):
        result = super().unlink()
        self._toggle_group_multi_currency()
        self.env.registry.clear_cache()
        return result

    @api.model
    def _toggle_group_multi_currency(self):
        """Internal users get the multi-currency group exactly while more
        than one currency is active."""
        several = self.search_count([('active', '=', True)]) > 1
        if several:
            self._activate_group_multi_currency()
        else:
            self._deactivate_group_multi_currency()

    def _multi_currency_groups(self):
        employees = self.env.ref('base.group_user', raise_if_not_found=False)
        multi = self.env.ref('base.group_multi_currency', raise_if_not_found=False)
        return (employees.sudo(), multi.sudo()) if employees and multi else (None, None)

    @api.model
    def _activate_group_multi_currency(self):
        employees, multi = self._multi_currency_groups()
        if employees:
            employees._apply_group(multi)

    @api.model
    def _deactivate_group_multi_currency(self):
        employees, multi = self._multi_currency_groups()
        if employees:
            employees._remove_group(multi)

    def _get_rates(self, company, date):
        """Return {currency id: rate} at ``date`` for ``company``: the latest
        rate on or before the date (company-specific rates win over shared
        ones), else the earliest known rate, else 1.0."""
        if not self.ids:
            return {}
        self.env['res.currency.rate'].flush_model(['rate', 'name', 'company_id', 'currency_id'])
        root_id = company.root_id.id or company.id
        self.env.cr.execute("""
            SELECT cur.id,
                   COALESCE(
                       (SELECT r.rate FROM res_currency_rate r
                         WHERE r.currency_id = cur.id AND r.name <= %(date)s
                           AND (r.company_id IS NULL OR r.company_id = %(company)s)
                         ORDER BY r.company_id, r.name DESC LIMIT 1),
                       (SELECT r.rate FROM res_currency_rate r
                         WHERE r.currency_id = cur.id
                           AND (r.company_id IS NULL OR r.company_id = %(company)s)
                         ORDER BY r.company_id, r.name ASC LIMIT 1),
                       1.0)
              FROM res_currency cur
             WHERE cur.id IN %(ids)s
        """, {'date': date, 'company': root_id, 'ids': tuple(self.ids)})
        return dict(self.env.cr.fetchall())

    def round(self, amount):
        """Return ``amount`` rounded to this currency's rounding factor."""
        self.ensure_one()
        step = self.rounding
        return tools.float_round(amount, precision_rounding=step)

    def compare_amounts(self, amount1, amount2):
        """Compare two amounts once each is rounded to this currency:
        -1, 0 or 1 as ``amount1`` is lower than, equal to or greater than
        ``amount2`` (0.006 and 0.002 differ at two decimals: 0.01 vs 0.0)."""
        self.ensure_one()
        step = self.rounding
        return tools.float_compare(amount1, amount2, precision_rounding=step)

    def is_zero(self, amount):
        """Whether ``amount`` rounds to zero in this currency."""
        self.ensure_one()
        step = self.rounding
        return tools.float_is_zero(amount, precision_rounding=step)

    def format(self, amount):
        """``amount`` formatted with this currency's symbol and position."""
        self.ensure_one()
        # adding 0.0 turns a negative zero into a plain zero
        return tools.format_amount(self.env, 0.0 + amount, self)

    def amount_to_text(self, amount):
        """``amount`` in words in the user's language ("One Hundred Yuan and
        Five Fen"); empty when the num2words library is not installed."""
        self.ensure_one()
        if num2words is None:
            _logger.warning("num2words is not installed: amounts cannot be written in words")
            return ""
        lang = tools.get_lang(self.env).iso_code

        def in_words(number):
            try:
                return num2words(number, lang=lang).title()
            except NotImplementedError:
                return num2words(number, lang='en').title()

        whole, _sep, cents = f"{amount:.{self.decimal_places}f}".partition('.')
        units = int(whole)
        if self.is_zero(amount - units):
            return _('%(integral_amount)s %(currency_unit)s',
                     integral_amount=in_words(units), currency_unit=self.currency_unit_label)
        return _('%(integral_amount)s %(currency_unit)s and %(fractional_amount)s %(currency_subunit)s',
                 integral_amount=in_words(units), currency_unit=self.currency_unit_label,
                 fractional_amount=in_words(int(cents or 0)), currency_subunit=self.currency_subunit_label)

    def _select_companies_rates(self):
        """SQL selecting, per currency and company, each rate with the dates
        it applies from and until (reports join on it)."""
        return """
            SELECT rate.currency_id,
                   COALESCE(rate.company_id, company.id) AS company_id,
                   rate.rate,
                   rate.name AS date_start,
                   (SELECT later.name FROM res_currency_rate later
                     WHERE later.name > rate.name AND later.currency_id = rate.currency_id
                       AND (later.company_id IS NULL OR later.company_id = company.id)
                  ORDER BY later.name LIMIT 1) AS date_end
              FROM res_currency_rate rate
              JOIN res_company company ON (rate.company_id IS NULL OR rate.company_id = company.id)
        """

    @api.model
    def _get_conversion_rate(self, from_currency, to_currency, company=None, date=None):
        if from_currency == to_currency:
            return 1
        in_company = from_currency.with_company(company or self.env.company)
        on_date = str(date or fields.Date.context_today(self))
        return in_company.with_context(to_currency=to_currency.id, date=on_date).inverse_rate

    def _convert(self, from_amount, to_currency, company=None, date=None, round=True):
        """Convert ``from_amount`` from ``self`` into ``to_currency`` with the
        rate of ``company`` at ``date``; rounded to ``to_currency`` unless
        ``round`` is False. Either currency may be empty: it then means the
        other one."""
        source = self or to_currency
        target = to_currency or self
        if not (source and target):
            raise ValueError("Currency conversion needs at least one currency.")
        if not from_amount:
            return 0.0
        converted = from_amount * self._get_conversion_rate(source, target, company, date)
        return target.round(converted) if round else converted


class CurrencyRate(models.Model):
    _name = "res.currency.rate"
    _description = "Currency Rate"
    _rec_names_search = ['name', 'rate']
    _order = "name desc"

    name = fields.Date(string='Date', required=True, index=True, default=fields.Date.context_today)
    rate = fields.Float(digits=0, aggregator="avg", string='Technical Rate', help='Units of this currency for one unit of the currency of rate 1.')
    company_rate = fields.Float(digits=0, compute="_compute_company_rate", inverse="_inverse_company_rate", aggregator="avg", help="Units of this currency for one unit of the company's currency.")
    inverse_company_rate = fields.Float(digits=0, compute="_compute_inverse_company_rate", inverse="_inverse_inverse_company_rate", aggregator="avg", help="Units of the company's currency for one unit of this currency.")
    currency_id = fields.Many2one('res.currency', string='Currency', readonly=True, required=True, ondelete="cascade")
    company_id = fields.Many2one('res.company', string='Company', default=lambda self: self.env.company.root_id)

    _sql_constraints = _RATE_CONSTRAINTS

    def _sanitize_vals(self, vals):
        # one form of the rate at a time: the most direct one given wins
        given = vals.keys() & {'rate', 'company_rate', 'inverse_company_rate'}
        for weaker in ('inverse_company_rate', 'company_rate'):
            if weaker in given and len(given) > 1:
                vals.pop(weaker)
                given.discard(weaker)
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
            raise UserError(_("Set the date of the rate first."))
        owner = self.company_id or self.env.company.root_id
        earlier = self.currency_id.rate_ids.sudo().filtered(
            lambda r: r.rate and r.company_id == owner and r.name < self.name)
        return earlier.sorted('name')[-1:]

    def _get_last_rates_for_companies(self, companies):
        last = {}
        for company in companies:
            own_rates = company.sudo().currency_id.rate_ids.filtered(
                lambda r, owner=company: r.rate and (r.company_id == owner or not r.company_id))
            last[company] = own_rates.sorted('name')[-1:].rate or 1
        return last

    @api.depends('rate', 'name', 'currency_id', 'company_id', 'currency_id.rate_ids.rate')
    @api.depends_context('company')
    def _compute_company_rate(self):
        root = self.env.company.root_id
        reference = self._get_last_rates_for_companies(self.company_id | root)
        for record in self:
            own = record.rate or record._get_latest_rate().rate or 1.0
            record.company_rate = own / reference[record.company_id or root]

    @api.onchange('company_rate')
    def _inverse_company_rate(self):
        root = self.env.company.root_id
        reference = self._get_last_rates_for_companies(self.company_id | root)
        for record in self:
            record.rate = record.company_rate * reference[record.company_id or root]

    @api.depends('company_rate')
    def _compute_inverse_company_rate(self):
        for record in self:
            record.company_rate = record.company_rate or 1.0
            record.inverse_company_rate = 1.0 / record.company_rate

    @api.onchange('inverse_company_rate')
    def _inverse_inverse_company_rate(self):
        for record in self:
            record.inverse_company_rate = record.inverse_company_rate or 1.0
            record.company_rate = 1.0 / record.inverse_company_rate

    @api.onchange('company_rate')
    def _onchange_rate_warning(self):
        previous = self._get_latest_rate()
        if previous and abs(previous.rate - self.rate) > 0.2 * abs(previous.rate):
            return {'warning': {
                'title': _("Warning for %s", self.currency_id.name),
                'message': _("This rate differs by more than a fifth from the previous one: please check it, "
                             "a wrong rate distorts every amount converted with it."),
            }}
        return None

    @api.constrains('company_id')
    def _check_company_id(self):
        if any(record.company_id.sudo().parent_id for record in self):
            raise ValidationError(_("Rates belong to root companies, not to branches."))
