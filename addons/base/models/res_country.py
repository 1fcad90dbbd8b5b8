"""Countries, their states (provinces) and groups of countries."""
from __future__ import annotations

import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression

# Territories whose flag is the one of another country.
FLAG_MAPPING = {
    "GF": "fr", "BV": "no", "BQ": "nl", "GP": "fr", "HM": "au",
    "YT": "fr", "RE": "fr", "MF": "fr", "UM": "us",
}
# Territories without a flag of their own.
NO_FLAG_COUNTRIES = ["AQ", "SJ"]
_DEFAULT_ADDRESS_FORMAT = '%(street)s\n%(street2)s\n%(city)s %(state_code)s %(zip)s\n%(country_name)s'
_ADDRESS_VIEW_DOMAIN = [('model', '=', 'res.partner'), ('type', '=', 'form')]


def _matches_first(model, args, limit, first_domain):
    """The (id, name) pairs of the records of ``first_domain`` (listed first
    by name_search), and the domain and limit left for the usual search."""
    domain = args or []
    head = model.search_fetch(expression.AND([domain, first_domain]), ['display_name'], limit=limit)
    found = [(rec.id, rec.display_name) for rec in head.sudo()]
    rest_limit = None if limit is None else limit - len(found)
    return found, expression.AND([domain, [('id', 'not in', head.ids)]]), rest_limit


class Country(models.Model):
    _name = 'res.country'
    _description = 'Country'
    _order = 'name'
    _rec_names_search = ['name', 'code']

    name = fields.Char(string='Country Name', required=True, translate=True)
    code = fields.Char(string='Country Code', size=2, required=True, help='Two-letter ISO 3166 code, also usable to search.')
    address_format = fields.Text(string="Layout in Reports", default=_DEFAULT_ADDRESS_FORMAT,
                                 help="How addresses of this country are printed: any address field as "
                                      "%(field)s, plus %(state_name)s, %(state_code)s, %(country_name)s and "
                                      "%(country_code)s.")
    address_view_id = fields.Many2one('ir.ui.view', string="Input View", domain=_ADDRESS_VIEW_DOMAIN,
                                      help="Form view replacing the usual address fields when entering an "
                                           "address of this country.")
    currency_id = fields.Many2one('res.currency', string='Currency')
    image_url = fields.Char(compute="_compute_image_url", string="Flag", help="Url of static flag image")
    phone_code = fields.Integer(string='Country Calling Code')
    country_group_ids = fields.Many2many('res.country.group', 'res_country_res_country_group_rel', 'res_country_id', 'res_country_group_id', string='Country Groups')
    state_ids = fields.One2many('res.country.state', 'country_id', string='States')
    name_position = fields.Selection([('before', 'Before Address'), ('after', 'After Address')], string="Customer Name Position", default="before", help="Where the name of the customer goes around the address.")
    vat_label = fields.Char(string='Vat Label', translate=True, prefetch=True, help="What the tax ID is called in this country.")
    state_required = fields.Boolean(default=False)
    zip_required = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'Two countries cannot have the same name.'),
        ('code_uniq', 'unique (code)', 'Two countries cannot have the same code.'),
    ]

    @api.depends('code')
    def _compute_image_url(self):
        for country in self:
            iso = country.code
            flag = FLAG_MAPPING.get(iso, (iso or '').lower()) if iso not in NO_FLAG_COUNTRIES else None
            country.image_url = flag and f"/base/static/img/country_flags/{flag}.png"

    @api.constrains('address_format')
    def _check_address_format(self):
        keys = self.env['res.partner']._formatting_address_fields() + [
            'state_code', 'state_name', 'country_code', 'country_name', 'company_name']
        for country in self:
            if country.address_format:
                try:
                    country.address_format % {key: 1 for key in keys}
                except (ValueError, KeyError, TypeError):
                    raise UserError(_('Address layout of %(country)s: unknown or malformed placeholder.',
                                      country=country.name))

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
        if name and len(name) == 2 and operator not in expression.NEGATIVE_TERM_OPERATORS:
            found, args, limit = _matches_first(self, args, limit, [('code', operator, name)])
            if limit is not None and limit <= 0:
                return found
            return found + super().name_search(name, args, operator, limit)
        return super().name_search(name, args, operator, limit)

    @api.model
    @tools.ormcache('code')
    def _phone_code_for(self, code):
        country = self.search([('code', '=', code)], limit=1)
        return country.phone_code

    def get_address_fields(self):
        self.ensure_one()
        # the names between "%(" and ")s" in the layout
        return re.findall(r'%\((\w+)\)', self.address_format or '')


class CountryGroup(models.Model):
    _name = 'res.country.group'
    _description = "Country Group"

    name = fields.Char(required=True, translate=True)
    country_ids = fields.Many2many('res.country', 'res_country_res_country_group_rel', 'res_country_group_id', 'res_country_id', string='Countries')


class CountryState(models.Model):
    _name = 'res.country.state'
    _description = "Country state"
    _order = 'code'
    _rec_names_search = ['name', 'code']

    country_id = fields.Many2one('res.country', string='Country', required=True)
    name = fields.Char(string='State Name', required=True, help='First-level division of the country: province, state...')
    code = fields.Char(string='State Code', help='The state code.', required=True)

    _sql_constraints = [
        ('name_code_uniq', 'unique(country_id, code)', 'Two states of a country cannot have the same code.'),
    ]

    @api.depends('country_id')
    def _compute_display_name(self):
        for state in self:
            state.display_name = f"{state.name} ({state.country_id.code})"

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        # exact code matches (粤 for 广东省) come before name matches
        if name and operator not in expression.NEGATIVE_TERM_OPERATORS:
            found, args, limit = _matches_first(self, args, limit, [('code', '=like', name)])
            if limit is not None and limit <= 0:
                return found
            return found + super().name_search(name, args, operator, limit)
        return super().name_search(name, args, operator, limit)

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        positive = operator not in expression.NEGATIVE_TERM_OPERATORS
        if value and positive and operator in ('ilike', '=', 'in'):
            texts = value if operator == 'in' else [value]
            exact_op = '=' if operator == 'in' else operator
            extra = [self._get_name_search_domain(text, exact_op) for text in texts]
            domain = expression.OR([domain, *extra])
        country_id = self.env.context.get('country_id')
        return expression.AND([domain, [('country_id', '=', country_id)]]) if country_id else domain

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
