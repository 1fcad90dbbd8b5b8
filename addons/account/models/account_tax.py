"""``account.tax``: sales and purchase taxes (percentage, fixed, tax-included
division, groups) and ``compute_all``, which applies a set of taxes to a price
the way Odoo's invoices and orders do."""
from __future__ import annotations

from typing import Any

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

TYPE_TAX_USE = [
    ('sale', 'Sales'),
    ('purchase', 'Purchases'),
    ('none', 'None'),
]


class AccountTax(models.Model):
    _name = 'account.tax'
    _inherit = ['mail.thread']
    _description = 'Tax'
    _order = 'sequence,id'
    _check_company_auto = True
    _rec_names_search = ['name', 'description', 'invoice_label']
    _check_company_domain = models.check_company_domain_parent_of

    name = fields.Char(string='Tax Name', required=True, translate=True, tracking=True)
    name_searchable = fields.Char(
        store=False, search='_search_name_searchable',
        help="Searches the tax name while ignoring spaces and the percent sign.")
    type_tax_use = fields.Selection(
        TYPE_TAX_USE, string='Tax Type', required=True, default='sale', tracking=True,
        help="Where the tax can be picked; 'None' taxes only serve inside groups.")
    tax_scope = fields.Selection(
        [('service', 'Services'), ('consu', 'Goods')], string="Tax Scope",
        help="Limit the tax to one kind of product.")
    amount_type = fields.Selection(
        selection=[('group', 'Group of Taxes'), ('fixed', 'Fixed'), ('percent', 'Percentage'),
                   ('division', 'Percentage Tax Included')],
        string="Tax Computation", default='percent', required=True, tracking=True,
        help="Percentage: a share of the price (100 + 13% = 113). Fixed: an amount per unit. "
             "Percentage Tax Included: the price is the net amount of a gross one "
             "(90 / (1 - 10%) = 100). Group: the sum of its children.")
    active = fields.Boolean(default=True, help="Archive the tax to hide it without deleting it.")
    company_id = fields.Many2one(
        'res.company', string='Company', required=True, readonly=True, default=lambda self: self.env.company)
    children_tax_ids = fields.Many2many(
        'account.tax', 'account_tax_filiation_rel', 'parent_tax', 'child_tax',
        string='Children Taxes', check_company=True)
    sequence = fields.Integer(
        required=True, default=1, help="Taxes of a line apply in the order of their sequence.")
    amount = fields.Float(required=True, digits=(16, 4), default=0.0, tracking=True)
    description = fields.Html(string='Description', translate=True)
    invoice_label = fields.Char(string='Label on Invoices', translate=True)
    price_include = fields.Boolean(
        compute='_compute_price_include', search='_search_price_include',
        help="Whether the prices this tax applies to already contain it.")
    company_price_include = fields.Selection(related='company_id.account_price_include')
    price_include_override = fields.Selection(
        selection=[('tax_included', 'Tax Included'), ('tax_excluded', 'Tax Excluded')],
        string='Included in Price', tracking=True,
        help="Overrides the company's setting on whether prices include this tax.")
    include_base_amount = fields.Boolean(
        string='Affect Base of Subsequent Taxes', default=False, tracking=True,
        help="The taxes that come after this one are computed on the price plus this tax.")
    is_base_affected = fields.Boolean(
        string="Base Affected by Previous Taxes", default=True, tracking=True,
        help="Earlier taxes that affect the base of subsequent taxes do affect this one.")
    analytic = fields.Boolean(string="Include in Analytic Cost")
    hide_tax_exigibility = fields.Boolean(
        string='Hide Use Cash Basis Option', related='company_id.tax_exigibility', readonly=True)
    tax_exigibility = fields.Selection(
        [('on_invoice', 'Based on Invoice'), ('on_payment', 'Based on Payment')],
        string='Tax Exigibility', default='on_invoice',
        help="When the tax is due: once the invoice is validated, or once it is paid.")
    country_id = fields.Many2one(
        'res.country', string="Country", compute='_compute_country_id', store=True, readonly=False,
        required=True, precompute=True, help="The country whose rules this tax belongs to.")
    country_code = fields.Char(related='country_id.code', readonly=True)
    is_used = fields.Boolean(string="Tax used", compute='_compute_is_used')
    invoice_legal_notes = fields.Html(string="Legal Notes", help="Legal mentions printed on invoices.")
    has_negative_factor = fields.Boolean(compute='_compute_has_negative_factor')

    @api.depends('company_id')
    def _compute_country_id(self):
        for tax in self:
            company = tax.company_id
            tax.country_id = company.account_fiscal_country_id or company.country_id or tax.country_id

    @api.depends('price_include_override', 'company_price_include')
    def _compute_price_include(self):
        for tax in self:
            setting = tax.price_include_override or tax.company_price_include
            tax.price_include = setting == 'tax_included'

    def _search_price_include(self, operator, value):
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise ValidationError(_("Taxes can be searched on 'Included in Price' with = or != and a boolean only."))
        wanted = 'tax_included' if value == (operator == '=') else 'tax_excluded'
        return ['|', ('price_include_override', '=', wanted),
                '&', ('price_include_override', '=', False), ('company_price_include', '=', wanted)]

    def _search_name_searchable(self, operator, value):
        if not isinstance(value, str):
            return [('name', operator, value)]
        squeezed = value.replace(' ', '').replace('%', '')
        return ['|', ('name', operator, value), ('name', operator, squeezed)]

    def _compute_is_used(self):
        # journal items are not provided: a tax counts as used once a sale line carries it
        used = set()
        if self.ids and 'sale.order.line' in self.env:
            self.env['sale.order.line'].flush_model(['tax_id'])
            self.env.cr.execute(
                "SELECT DISTINCT account_tax_id FROM account_tax_sale_order_line_rel WHERE account_tax_id = ANY(%s)",
                [list(self.ids)])
            used = {row[0] for row in self.env.cr.fetchall()}
        for tax in self:
            tax.is_used = tax.id in used

    def _compute_has_negative_factor(self):
        # repartition lines (reverse charge) are not provided
        self.has_negative_factor = False

    @api.constrains('children_tax_ids', 'type_tax_use')
    def _check_children_scope(self):
        for tax in self:
            if tax.amount_type != 'group' and tax.children_tax_ids:
                raise ValidationError(_("Tax %s is not a group and cannot have children taxes.", tax.name))
            if tax._has_cycle('children_tax_ids'):
                raise ValidationError(_("Tax group %s contains itself.", tax.name))
            for child in tax.children_tax_ids:
                if child.amount_type == 'group':
                    raise ValidationError(_("Tax group %(group)s cannot contain another group (%(child)s).",
                                            group=tax.name, child=child.name))
                if child.type_tax_use not in ('none', tax.type_tax_use):
                    raise ValidationError(_(
                        "The children of tax group %(group)s must be of type 'None' or of the group's type "
                        "(%(child)s is not).", group=tax.name, child=child.name))

    @api.constrains('company_id', 'name', 'type_tax_use', 'tax_scope', 'country_id')
    def _constrains_name(self):
        for tax in self:
            twins = self.with_context(active_test=False).search_count([
                ('id', '!=', tax.id), ('company_id', '=', tax.company_id.id), ('name', '=', tax.name),
                ('type_tax_use', '=', tax.type_tax_use), ('tax_scope', '=', tax.tax_scope),
                ('country_id', '=', tax.country_id.id),
            ], limit=1)
            if twins:
                raise ValidationError(_("Company %(company)s already has a tax named %(name)s of this type.",
                                        company=tax.company_id.name, name=tax.name))

    def copy_data(self, default=None):
        default = dict(default or {})
        copies = super().copy_data(default=default)
        if 'name' not in default:
            for original, copied in zip(self, copies):
                copied['name'] = _("%s (Copy)", original.name)
        return copies

    # ------------------------------------------------------------------
    # computation
    # ------------------------------------------------------------------

    def flatten_taxes_hierarchy(self):
        """The taxes to apply, in order: groups are replaced by their children (in the
        children's sequence), the rest kept in the order of their own sequence."""
        flat = self.browse()
        for tax in self.sorted(key=lambda t: (t.sequence, t.id)):
            if tax.amount_type == 'group':
                flat |= tax.children_tax_ids.sorted(key=lambda t: (t.sequence, t.id))
            else:
                flat |= tax
        return flat

    def _tax_amount_on(self, base: float, quantity: float) -> float:
        """This tax's amount on the net ``base`` (a positive amount) for ``quantity`` units."""
        self.ensure_one()
        rate = self.amount / 100.0
        if self.amount_type == 'fixed':
            return abs(quantity) * self.amount
        if self.amount_type == 'percent':
            return base * rate
        if self.amount_type == 'division':
            return base / (1 - rate) - base if rate != 1 else 0.0
        return 0.0

    @staticmethod
    def _net_of_included(gross: float, fixed: float, percent: float, division: float) -> float:
        """The amount left once included fixed, percentage and division taxes are taken out."""
        return (gross - fixed) / (1.0 + percent / 100.0) * (100.0 - division) / 100.0

    def compute_all(self, price_unit, currency=None, quantity=1.0, product=None, partner=None,
                    is_refund=False, handle_price_include=True, include_caba_tags=False,
                    rounding_method=None) -> dict[str, Any]:
        """Apply the taxes of ``self`` (groups expanded) to ``quantity`` units at ``price_unit``.

        Returns ``{'total_excluded', 'total_included', 'total_void', 'base_tags', 'taxes'}``,
        with one dict per applied tax in ``taxes`` (``id``, ``name``, ``amount``, ``base``,
        ``sequence``, ``price_include``, ...). Taxes included in the price are taken out of it
        first; taxes flagged ``include_base_amount`` add themselves to the base of the next.
        """
        company = self[:1].company_id or self.env.company
        currency = currency or company.currency_id
        rounding_method = rounding_method or company.tax_calculation_rounding_method or 'round_per_line'
        precision = currency.rounding
        if rounding_method == 'round_globally':
            precision *= 1e-5
        forced = self.env.context.get('force_price_include')

        def included(tax) -> bool:
            if forced is not None:
                return bool(forced)
            return handle_price_include and tax.price_include

        taxes = self.flatten_taxes_hierarchy()
        gross = currency.round(price_unit * quantity) if rounding_method == 'round_per_line' else price_unit * quantity
        # orders and refunds may carry negative amounts: compute on positives, sign at the end
        sign = -1 if gross < 0 else 1
        gross = abs(gross)

        # backwards: take the included taxes out of the price. The last included tax of each
        # stretch between base-affecting taxes remembers the gross amount at that point, so
        # that the forward pass makes the included taxes add up to the price exactly.
        checkpoints: dict[int, float] = {}
        fixed = percent = division = 0.0
        base = gross
        open_stretch = True
        for index in range(len(taxes) - 1, -1, -1):
            tax = taxes[index]
            if tax.include_base_amount:
                base = self._net_of_included(base, fixed, percent, division)
                fixed = percent = division = 0.0
                open_stretch = True
            if included(tax):
                if tax.amount_type == 'percent':
                    percent += tax.amount
                elif tax.amount_type == 'division':
                    division += tax.amount
                elif tax.amount_type == 'fixed':
                    fixed += abs(quantity) * tax.amount
                if open_stretch:
                    checkpoints[index] = base
                    open_stretch = False
        total_excluded = float_round(self._net_of_included(base, fixed, percent, division),
                                     precision_rounding=precision)

        # forwards: the amount of each tax on the running base
        running_base = total_excluded
        total_included = total_excluded
        pending_included = 0.0
        trust_checkpoints = True
        lines = []
        for index, tax in enumerate(taxes):
            is_included = included(tax)
            if is_included and trust_checkpoints and index in checkpoints:
                amount = checkpoints[index] - (running_base + pending_included)
                pending_included = 0.0
            else:
                amount = tax._tax_amount_on(running_base, quantity)
            amount = float_round(amount, precision_rounding=precision)
            if is_included and index not in checkpoints:
                pending_included += amount
            lines.append({
                'id': tax.id,
                'name': tax.with_context(lang=partner.lang).name if partner and partner.lang else tax.name,
                'amount': sign * amount,
                'base': float_round(sign * running_base, precision_rounding=precision),
                'sequence': tax.sequence,
                'account_id': False,
                'analytic': tax.analytic,
                'use_in_tax_closing': True,
                'is_reverse_charge': False,
                'price_include': is_included,
                'tax_exigibility': tax.tax_exigibility,
                'tax_repartition_line_id': False,
                'group': self.filtered(lambda t, child=tax: t.amount_type == 'group' and child in t.children_tax_ids)[:1] or None,
                'tag_ids': [],
                'tax_ids': (taxes[index + 1:].filtered('is_base_affected').ids if tax.include_base_amount else []),
            })
            if tax.include_base_amount:
                running_base += amount
                if not is_included:
                    # an excluded tax grew the base: later included taxes no longer sum up to the price
                    trust_checkpoints = False
            total_included += amount

        if self.env.context.get('round_base', True):
            total_excluded = currency.round(total_excluded)
            total_included = currency.round(total_included)
        return {
            'base_tags': [],
            'taxes': lines,
            'total_excluded': sign * total_excluded,
            'total_included': sign * total_included,
            'total_void': sign * total_included,
        }

    @api.model
    def _fix_tax_included_price(self, price, prod_taxes, line_taxes):
        """``price`` without the included taxes of the product that the line does not keep."""
        dropped = prod_taxes._origin.filtered(lambda t: t not in line_taxes._origin and t.price_include)
        return dropped.compute_all(price)['total_excluded'] if dropped else price

    @api.model
    def _fix_tax_included_price_company(self, price, prod_taxes, line_taxes, company_id):
        if company_id:
            prod_taxes = prod_taxes.filtered(lambda t: t.company_id == company_id)
            line_taxes = line_taxes.filtered(lambda t: t.company_id == company_id)
        return self._fix_tax_included_price(price, prod_taxes, line_taxes)

    def _filter_taxes_by_company(self, company_id):
        """The taxes of ``company_id``, or of its closest parent company that has some."""
        company = company_id
        while company:
            own = self.filtered(lambda t, owner=company: t.company_id == owner)
            if own:
                return own
            company = company.sudo().parent_id
        return self.browse()
