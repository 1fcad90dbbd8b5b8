"""Checking and normalising the rows of a customer import.

Each data row becomes an :class:`ImportRow`: the values to store on the
customer (and on its contact), the keys used to find duplicates, and the
problems that keep it from being imported, each with a code and a message
naming the culprit value.
"""

import re
import unicodedata

from odoo import _, api, fields, models
from odoo.tools import plaintext2html

from ..tools.import_reader import cell_text
from ..tools.row_facts import parse_date, row_facts

_TAG_SEPARATORS = re.compile("[\u3001,\uff0c;\uff1b/|\n]+")  # ideographic comma, full-width comma and semicolon too


class ImportRow:
    """One data row of the sheet on its way to the database."""

    __slots__ = (
        'code',
        'contact',
        'duplicate_of',
        'mobile',
        'name',
        'names',
        'number',
        'partner_id',
        'problems',
        'result',
        'vals',
        'values',
        'warnings',
    )

    def __init__(self, number, values):
        self.number = number          # row number in the sheet, as the user sees it
        self.values = values          # the raw cells, for the error sheet
        self.vals = {}                # values of the customer
        self.contact = None           # values of its contact, if the sheet names one
        self.names = {}               # names to resolve when writing: source, industry, tags
        self.problems = []            # [(code, message)]: the row is not imported
        self.warnings = []            # [message]: imported, a value was left out
        self.code = self.name = self.mobile = None
        self.result = None            # created / updated / duplicate / error
        self.partner_id = None
        self.duplicate_of = None

    def problem(self, code, message):
        self.problems.append((code, message))


class TianchiCustomerImport(models.TransientModel):
    _inherit = 'tianchi.customer.import'

    def _tianchi_check_context(self):
        """What checking every row needs, loaded once: regions, users, levels, custom fields."""
        env = self.env
        users = env['res.users'].sudo().with_context(active_test=True).search_read(
            [('share', '=', False)], ['name', 'login'])
        user_ids = {}
        for user in users:
            for key in (user['name'], user['login']):
                if key:
                    user_ids.setdefault(key.strip().lower(), user['id'])
        levels = env['tianchi.customer.level'].search_read(
            [('company_id', 'in', (False, self.company_id.id))], ['name'])
        env.cr.execute("SELECT id, state_id FROM tianchi_region WHERE state_id IS NOT NULL")
        return {
            'regions': env['tianchi.region']._tianchi_region_index(),
            'states': dict(env.cr.fetchall()),
            'users': user_ids,
            'levels': {level['name'].strip().lower(): level['id'] for level in levels},
            'custom': self._tianchi_custom_fields(),
            'country_cn': env.ref('base.cn').id,
            'today': fields.Date.context_today(self),
        }

    @api.model
    def _tianchi_check_row(self, number, values, mapping, context, facts=None):
        """Build the ImportRow of one sheet row; ``mapping`` is ``{column_index: target}``,
        ``facts`` the row's :func:`row_facts` when the reading process worked them out."""
        row = ImportRow(number, values)
        if facts is None:
            facts = row_facts(values, mapping)
        raw = facts['cells']
        vals = row.vals
        name = facts['name']
        if not name:
            row.problem('name_required', _("The customer name is missing."))
        vals['name'] = row.name = name

        if 'credit_code' in raw:
            code, valid = facts['credit_code']
            if valid:
                vals['vat'] = row.code = code
            else:
                row.problem('credit_code', _(
                    "The unified social credit code %(code)s is not valid (18 characters with a "
                    "correct check character).", code=cell_text(raw['credit_code'])))

        if 'mobile' in raw:
            mobile = facts['mobile']
            if mobile:
                vals['mobile'] = row.mobile = mobile
            else:
                row.problem('phone', _(
                    "The mobile number %(number)s is not a mainland mobile number (11 digits "
                    "starting with 13 to 19).", number=cell_text(raw['mobile'])))
        if 'phone' in raw:
            phone, valid = facts['phone']
            if valid:
                vals['phone'] = phone
            else:
                row.problem('phone', _("The phone number %(number)s is not valid.", number=phone))
        if 'email' in raw:
            email, valid = facts['email']
            if valid:
                vals['email'] = email
            else:
                row.problem('email', _("The e-mail address %(email)s is not valid.",
                                       email=cell_text(raw['email'])))

        self._tianchi_check_region(row, raw, context)
        self._tianchi_check_relations(row, raw, context)
        for target in ('street', 'website'):
            if target in raw:
                vals[target] = cell_text(raw[target])
        if 'comment' in raw:
            vals['comment'] = plaintext2html(cell_text(raw['comment']))
        if 'next_contact_date' in raw:
            day = facts['next_contact_date']
            if day:
                vals['next_contact_date'] = day
            else:
                row.problem('date', _("%(value)s is not a date (next contact).",
                                      value=cell_text(raw['next_contact_date'])))
        for target, value in raw.items():
            if target.startswith('x_'):
                self._tianchi_check_custom(row, context['custom'][target], value)

        contact_name = cell_text(raw.get('contact_name'))
        if contact_name:
            row.contact = {
                'name': contact_name,
                'type': 'contact',
                'function': cell_text(raw.get('function')) or False,
                'mobile': vals.get('mobile', False),
                'email': vals.get('email', False),
            }
        return row

    @api.model
    def _tianchi_check_region(self, row, raw, context):
        texts = [raw.get(level) for level in ('province', 'city', 'district')]
        if not any(texts):
            return
        province_id, city_id, district_id, problems = context['regions'].resolve(*texts)
        if problems:
            # translated only when needed: this runs for every row of big files
            labels = {'province': _("province"), 'city': _("city"), 'district': _("district")}
            for level in problems:
                row.problem(level, _("There is no %(level)s named %(name)s.",
                                     level=labels[level], name=cell_text(raw.get(level))))
        regions = context['regions']
        if province_id:
            row.vals['region_province_id'] = province_id
            row.vals['country_id'] = context['country_cn']
            if province_id in context['states']:
                row.vals['state_id'] = context['states'][province_id]
        if city_id:
            row.vals['region_city_id'] = city_id
            row.vals['city'] = regions.name[city_id]
        if district_id:
            row.vals['region_district_id'] = district_id

    @api.model
    def _tianchi_check_relations(self, row, raw, context):
        if 'owner' in raw:
            owner = cell_text(raw['owner'])
            user_id = context['users'].get(owner.lower())
            if user_id:
                row.vals['user_id'] = user_id
            else:
                row.problem('owner', _("No user is named %(name)s (owner).", name=owner))
        if 'level' in raw:
            level = cell_text(raw['level'])
            level_id = context['levels'].get(level.lower())
            if level_id:
                row.vals['customer_level_id'] = level_id
            else:
                row.warnings.append(_("Customer level %(level)s does not exist: left empty.", level=level))
        for target in ('source', 'industry'):
            if target in raw:
                row.names[target] = cell_text(raw[target])
        if 'tags' in raw:
            tags = [tag.strip() for tag in _TAG_SEPARATORS.split(cell_text(raw['tags']))]
            row.names['tags'] = [tag for tag in dict.fromkeys(tags) if tag]

    @api.model
    def _tianchi_check_custom(self, row, field, value):
        """Convert a cell for a custom field, by the field's type."""
        ftype, text = field.ttype, cell_text(value)
        converted = None
        if ftype in ('char', 'text', 'html'):
            converted = text
        elif ftype in ('integer', 'float', 'monetary'):
            try:
                number = float(unicodedata.normalize("NFKC", text).replace(",", ""))
                converted = int(number) if ftype == 'integer' and number.is_integer() else number
                if ftype == 'integer' and not isinstance(converted, int):
                    converted = None
            except ValueError:
                converted = None
        elif ftype in ('date', 'datetime'):
            converted = parse_date(value)
        elif ftype == 'boolean':
            folded = text.lower()
            converted = folded in ('1', 'true', 'yes', 'y', '是', '对', '√', 'x') if folded else None
        elif ftype == 'selection':
            options = self.env['res.partner']._fields[field.name]._description_selection(self.env)
            converted = next((key for key, label in options if text in (key, label)), None)
        elif ftype in ('many2one', 'many2many'):
            row.names.setdefault('custom', {})[field.name] = (
                field.relation, [part.strip() for part in _TAG_SEPARATORS.split(text) if part.strip()]
                if ftype == 'many2many' else [text])
            return
        if converted is None:
            row.problem('value', _("%(value)s is not a valid value for %(field)s.",
                                   value=text, field=field.field_description))
        else:
            row.vals[field.name] = converted
