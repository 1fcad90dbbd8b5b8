"""Countries, their states (provinces) and groups of countries."""
from __future__ import annotations

import re

from odoo import api, fields, models, tools, _
from odoo.exceptions import UserError
from odoo.osv import expression

# Territories whose flag is the one of another country.
FLAG_MAPPING = {
    "GF": "fr", "BV": "no", "BQ": "nl", "GP": "fr", "HM": "au",
    "YT": "fr", "RE": "fr", "MF": "fr", "UM": "us",
}
# Territories without a flag of their own.
NO_FLAG_COUNTRIES = ["AQ", "SJ"]


class Country(models.Model):
    _name = 'res.country'
    _description = 'Country'
    _order = 'name'
    _rec_names_search = ['name', 'code']

    name = fields.Char(string='Country Name', required=True, translate=True)
    code = fields.Char(
        string='Country Code', size=2, required=True,
        help='The ISO country code in two chars. \nYou can use this field for quick search.')
    address_format = fields.Text(
        string="Layout in Reports",
        help="Display format to use for addresses belonging to this country.\n\n"
             "Any address field can be used as a python-style pattern, e.g. '%(street)s', "
             "plus %(state_name)s, %(state_code)s, %(country_name)s and %(country_code)s.",
        default='%(street)s\n%(street2)s\n%(city)s %(state_code)s %(zip)s\n%(country_name)s')
    address_view_id = fields.Many2one(
        comodel_name='ir.ui.view', string="Input View",
        domain=[('model', '=', 'res.partner'), ('type', '=', 'form')],
        help="Form view used instead of the usual address fields to encode an address of this country.")
    currency_id = fields.Many2one('res.currency', string='Currency')
    image_url = fields.Char(compute="_compute_image_url", string="Flag", help="Url of static flag image")
    phone_code = fields.Integer(string='Country Calling Code')
    country_group_ids = fields.Many2many(
        'res.country.group', 'res_country_res_country_group_rel',
        'res_country_id', 'res_country_group_id', string='Country Groups')
    state_ids = fields.One2many('res.country.state', 'country_id', string='States')
    name_position = fields.Selection(
        [('before', 'Before Address'), ('after', 'After Address')],
        string="Customer Name Position", default="before",
        help="Whether the customer or company name is printed before or after the address.")
    vat_label = fields.Char(string='Vat Label', translate=True, prefetch=True,
                            help="Use this field if you want to change vat label.")
    state_required = fields.Boolean(default=False)
    zip_required = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'The name of the country must be unique!'),
        ('code_uniq', 'unique (code)', 'The code of the country must be unique!'),
    ]

    @api.depends('code')
    def _compute_image_url(self):
        for country in self:
            if not country.code or country.code in NO_FLAG_COUNTRIES:
                country.image_url = False
            else:
                code = FLAG_MAPPING.get(country.code, country.code.lower())
                country.image_url = f"/base/static/img/country_flags/{code}.png"

    @api.constrains('address_format')
    def _check_address_format(self):
        keys = self.env['res.partner']._formatting_address_fields() + [
            'state_code', 'state_name', 'country_code', 'country_name', 'company_name']
        for country in self:
            if country.address_format:
                try:
                    country.address_format % {key: 1 for key in keys}
                except (ValueError, KeyError, TypeError):
                    raise UserError(_('The layout contains an invalid format key'))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('code'):
                vals['code'] = vals['code'].upper()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get('code'):
            vals['code'] = vals['code'].upper()
        res = super().write(vals)
        if 'code' in vals or 'phone_code' in vals:
            self.env.registry.clear_cache()
        return res

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        # a two-letter input is most likely an ISO code: those matches come first
        result = []
        domain = args or []
        if name and len(name) == 2 and operator not in expression.NEGATIVE_TERM_OPERATORS:
            by_code = self.search_fetch(expression.AND([domain, [('code', operator, name)]]),
                                        ['display_name'], limit=limit)
            result.extend((country.id, country.display_name) for country in by_code.sudo())
            domain = expression.AND([domain, [('id', 'not in', by_code.ids)]])
            if limit is not None:
                limit -= len(by_code)
                if limit <= 0:
                    return result
        result.extend(super().name_search(name, domain, operator, limit))
        return result

    @api.model
    @tools.ormcache('code')
    def _phone_code_for(self, code):
        return self.search([('code', '=', code)]).phone_code

    def get_address_fields(self):
        self.ensure_one()
        return re.findall(r'\((.+?)\)', self.address_format)


class CountryGroup(models.Model):
    _name = 'res.country.group'
    _description = "Country Group"

    name = fields.Char(required=True, translate=True)
    country_ids = fields.Many2many(
        'res.country', 'res_country_res_country_group_rel',
        'res_country_group_id', 'res_country_id', string='Countries')


class CountryState(models.Model):
    _name = 'res.country.state'
    _description = "Country state"
    _order = 'code'
    _rec_names_search = ['name', 'code']

    country_id = fields.Many2one('res.country', string='Country', required=True)
    name = fields.Char(string='State Name', required=True,
                       help='Administrative divisions of a country. E.g. Fed. State, Departement, Canton')
    code = fields.Char(string='State Code', help='The state code.', required=True)

    _sql_constraints = [
        ('name_code_uniq', 'unique(country_id, code)', 'The code of the state must be unique by country!'),
    ]

    @api.depends('country_id')
    def _compute_display_name(self):
        for state in self:
            state.display_name = f"{state.name} ({state.country_id.code})"

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        # exact code matches ("GD" for 广东) come before name matches
        result = []
        domain = args or []
        if name and operator not in expression.NEGATIVE_TERM_OPERATORS:
            by_code = self.search_fetch(expression.AND([domain, [('code', '=like', name)]]),
                                        ['display_name'], limit=limit)
            result.extend((state.id, state.display_name) for state in by_code.sudo())
            domain = expression.AND([domain, [('id', 'not in', by_code.ids)]])
            if limit is not None:
                limit -= len(by_code)
                if limit <= 0:
                    return result
        result.extend(super().name_search(name, domain, operator, limit))
        return result

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if value and operator not in expression.NEGATIVE_TERM_OPERATORS:
            if operator in ('ilike', '='):
                domain = expression.OR([domain, self._get_name_search_domain(value, operator)])
            elif operator == 'in':
                domain = expression.OR([domain, *(self._get_name_search_domain(v, '=') for v in value)])
        if country_id := self.env.context.get('country_id'):
            domain = expression.AND([domain, [('country_id', '=', country_id)]])
        return domain

    def _get_name_search_domain(self, name, operator):
        # accept the display form "State (CC)" as search input
        match = re.fullmatch(r"(?P<name>.+)\((?P<country>.+)\)", name)
        if match:
            country = match['country'].strip()
            return [
                ('name', operator, match['name'].strip()),
                '|', ('country_id.name', 'ilike', country), ('country_id.code', '=', country),
            ]
        return [expression.FALSE_LEAF]
