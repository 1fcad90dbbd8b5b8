"""``res.partner``: contacts and companies, their company/contact hierarchy,
the commercial entity that carries their fiscal data, and their address
(synchronised from the parent company to its contacts).

Also the two small view mixins partners and companies share: the
country-specific address layout and the country-specific VAT label."""
from __future__ import annotations

import collections
import datetime
from base64 import b64encode
import re

import pytz
from werkzeug import urls

from odoo import api, fields, models, tools, SUPERUSER_ID, _, Command
from odoo.exceptions import RedirectWarning, UserError, ValidationError

# Selection of the warning fields that sale/purchase add to partners.
WARNING_MESSAGE = [
    ('no-message', 'No Message'),
    ('warning', 'Warning'),
    ('block', 'Blocking Message'),
]
WARNING_HELP = ('Selecting the "Warning" option will notify user with the message, Selecting '
                '"Blocking Message" will throw an exception with the message and block the flow. '
                'The Message has to be written in the next field.')

ADDRESS_FIELDS = ('street', 'street2', 'zip', 'city', 'state_id', 'country_id')


@api.model
def _lang_get(self):
    return self.env['res.lang'].get_installed()


# 'Etc/*' zones sorted last: they read backwards (Etc/GMT-8 is UTC+8)
_tzs = [(tz, tz) for tz in sorted(pytz.all_timezones, key=lambda tz: tz if not tz.startswith('Etc/') else '_')]


def _tz_get(self):
    return _tzs


class FormatVATLabelMixin(models.AbstractModel):
    _name = "format.vat.label.mixin"
    _description = "Country Specific VAT Label"

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        vat_label = self.env.company.country_id.vat_label
        if vat_label:
            for node in arch.iterfind(".//field[@name='vat']"):
                node.set("string", vat_label)
            for node in arch.iterfind(".//label[@for='vat']"):
                node.set("string", vat_label)
        return arch, view


class FormatAddressMixin(models.AbstractModel):
    _name = "format.address.mixin"
    _description = 'Address Format'

    def _extract_fields_from_address(self, address_line):
        """Address fields used in ``address_line``, in their order there."""
        placeholders = [f'%({name})s' for name in ADDRESS_FIELDS + ('state_code', 'state_name')]
        found = [p for p in placeholders if p in address_line]
        return [p[2:-2] for p in sorted(found, key=address_line.index)]

    def _view_get_address(self, arch):
        # Order zip / city / state in the form as the company's country writes
        # them (China: state, city, zip). A country-specific input view is
        # applied by localisation modules through address_view_id.
        address_format = self.env.company.country_id.address_format
        if not address_format or self._context.get('no_address_format'):
            return arch
        city_lines = [self._extract_fields_from_address(line)
                      for line in address_format.split('\n') if 'city' in line]
        if not city_lines:
            return arch
        order = ['state_id' if name in ('state_code', 'state_name') else name for name in city_lines[0]]
        for address_node in arch.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' o_address_format ')]"):
            remaining = {'zip', 'city', 'state_id'}
            current = address_node.find(f".//field[@name='{order[0]}']")
            remaining.discard(order[0])
            for name in order[1:] + sorted(remaining):
                remaining.discard(name)
                node = address_node.find(f".//field[@name='{name}']")
                if current is not None and node is not None and node is not current:
                    current.addnext(node)
                current = node if node is not None else current
        return arch

    @api.model
    def _get_view_cache_key(self, view_id=None, view_type='form', **options):
        key = super()._get_view_cache_key(view_id, view_type, **options)
        return key + (self.env.company, self._context.get('no_address_format'))

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view.type == 'form':
            arch = self._view_get_address(arch)
        return arch, view


class Partner(models.Model):
    _name = "res.partner"
    _description = 'Contact'
    _inherit = ['format.address.mixin', 'format.vat.label.mixin', 'avatar.mixin']
    _order = "complete_name ASC, id DESC"
    _rec_names_search = ['complete_name', 'email', 'ref', 'vat', 'company_registry']
    _allow_sudo_commands = False
    _check_company_domain = models.check_company_domain_parent_of

    # address types whose label replaces an empty name in the complete name
    _complete_name_displayed_types = ('invoice', 'delivery', 'other')

    def _default_category(self):
        return self.env['res.partner.category'].browse(self._context.get('category_id'))

    name = fields.Char(index=True, default_export_compatible=True)
    complete_name = fields.Char(compute='_compute_complete_name', store=True, index=True)
    title = fields.Many2one('res.partner.title')
    parent_id = fields.Many2one('res.partner', string='Related Company', index=True)
    parent_name = fields.Char(related='parent_id.name', readonly=True, string='Parent name')
    child_ids = fields.One2many('res.partner', 'parent_id', string='Contact',
                                domain=[('active', '=', True)], context={'active_test': False})
    ref = fields.Char(string='Reference', index=True)
    lang = fields.Selection(_lang_get, string='Language',
                            help="All the emails and documents sent to this contact will be translated in this language.")
    active_lang_count = fields.Integer(compute='_compute_active_lang_count')
    tz = fields.Selection(_tzs, string='Timezone', default=lambda self: self._context.get('tz'),
                          help="Time values of printed documents and exports are expressed in this timezone "
                               "(UTC when empty).")
    tz_offset = fields.Char(compute='_compute_tz_offset', string='Timezone offset')
    user_id = fields.Many2one('res.users', string='Salesperson', compute='_compute_user_id',
                              precompute=True, readonly=False, store=True,
                              help='The internal user in charge of this contact.')
    vat = fields.Char(string='Tax ID', index=True,
                      help="The Tax Identification Number. Use '/' when the partner is not subject to tax.")
    vat_label = fields.Char(string='Tax ID Label', compute='_compute_vat_label')
    same_vat_partner_id = fields.Many2one('res.partner', string='Partner with same Tax ID',
                                          compute='_compute_same_vat_partner_id', store=False)
    same_company_registry_partner_id = fields.Many2one('res.partner', string='Partner with same Company Registry',
                                                       compute='_compute_same_vat_partner_id', store=False)
    company_registry = fields.Char(string="Company ID", compute='_compute_company_registry', store=True,
                                   readonly=False,
                                   help="The registry number of the company (统一社会信用代码 in China) "
                                        "when it differs from the Tax ID.")
    company_registry_label = fields.Char(string='Company ID Label', compute='_compute_company_registry_label')
    bank_ids = fields.One2many('res.partner.bank', 'partner_id', string='Banks')
    website = fields.Char('Website Link')
    comment = fields.Html(string='Notes')
    category_id = fields.Many2many('res.partner.category', column1='partner_id', column2='category_id',
                                   string='Tags', default=_default_category)
    active = fields.Boolean(default=True)
    employee = fields.Boolean(help="Check this box if this contact is an Employee.")
    function = fields.Char(string='Job Position')
    type = fields.Selection(
        [('contact', 'Contact'),
         ('invoice', 'Invoice Address'),
         ('delivery', 'Delivery Address'),
         ('other', 'Other Address')],
        string='Address Type', default='contact')
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char(change_default=True)
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string='State', ondelete='restrict',
                               domain="[('country_id', '=?', country_id)]")
    country_id = fields.Many2one('res.country', string='Country', ondelete='restrict')
    country_code = fields.Char(related='country_id.code', string="Country Code")
    partner_latitude = fields.Float(string='Geo Latitude', digits=(10, 7))
    partner_longitude = fields.Float(string='Geo Longitude', digits=(10, 7))
    email = fields.Char()
    email_formatted = fields.Char('Formatted Email', compute='_compute_email_formatted',
                                  help='Format email address "Name <email@domain>"')
    phone = fields.Char()
    mobile = fields.Char()
    is_company = fields.Boolean(string='Is a Company', default=False,
                                help="Check if the contact is a company, otherwise it is a person")
    is_public = fields.Boolean(compute='_compute_is_public')
    industry_id = fields.Many2one('res.partner.industry', 'Industry')
    # interface field of the form's radio buttons; business code reads is_company
    company_type = fields.Selection(string='Company Type',
                                    selection=[('person', 'Individual'), ('company', 'Company')],
                                    compute='_compute_company_type', inverse='_write_company_type')
    company_id = fields.Many2one('res.company', 'Company', index=True)
    color = fields.Integer(string='Color Index', default=0)
    user_ids = fields.One2many('res.users', 'partner_id', string='Users', auto_join=True)
    partner_share = fields.Boolean(
        'Share Partner', compute='_compute_partner_share', store=True,
        help="Either customer (not a user), either shared user. Indicated the current partner is a customer "
             "without access or with a limited access created for sharing data.")
    contact_address = fields.Char(compute='_compute_contact_address', string='Complete Address')
    commercial_partner_id = fields.Many2one('res.partner', string='Commercial Entity',
                                            compute='_compute_commercial_partner', store=True,
                                            recursive=True, index=True)
    commercial_company_name = fields.Char('Company Name Entity', compute='_compute_commercial_company_name',
                                          store=True)
    company_name = fields.Char('Company Name')
    barcode = fields.Char(help="Use a barcode to identify this contact.", copy=False, company_dependent=True)
    # the partner itself, so that QWeb can render a record through a field
    self = fields.Many2one(comodel_name='res.partner', compute='_compute_get_ids')

    _sql_constraints = [
        ('check_name', "CHECK( (type='contact' AND name IS NOT NULL) or (type!='contact') )",
         'Contacts require a name'),
    ]

    # ------------------------------------------------------------------
    # defaults
    # ------------------------------------------------------------------

    @api.model
    def default_get(self, default_fields):
        values = super().default_get(default_fields)
        parent = self.env["res.partner"]
        # a child partner belongs to its parent's company and speaks its language
        if 'parent_id' in default_fields and values.get('parent_id'):
            parent = self.browse(values.get('parent_id'))
            values['company_id'] = parent.company_id.id
        if 'lang' in default_fields:
            values['lang'] = values.get('lang') or parent.lang or self.env.lang
        # a 'default_type' leaking from an action context may not be a valid type here
        if 'type' in default_fields and values.get('type'):
            if values['type'] not in self._fields['type'].get_values(self.env):
                values['type'] = None
        return values

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends('name', 'user_ids.share', 'image_1920', 'is_company', 'type')
    def _compute_avatar_1920(self):
        super()._compute_avatar_1920()

    @api.depends('name', 'user_ids.share', 'image_1024', 'is_company', 'type')
    def _compute_avatar_1024(self):
        super()._compute_avatar_1024()

    @api.depends('name', 'user_ids.share', 'image_512', 'is_company', 'type')
    def _compute_avatar_512(self):
        super()._compute_avatar_512()

    @api.depends('name', 'user_ids.share', 'image_256', 'is_company', 'type')
    def _compute_avatar_256(self):
        super()._compute_avatar_256()

    @api.depends('name', 'user_ids.share', 'image_128', 'is_company', 'type')
    def _compute_avatar_128(self):
        super()._compute_avatar_128()

    def _compute_avatar(self, avatar_field, image_field):
        # internal users get the generated initial; other partners without
        # an image get the placeholder matching their kind (company, address...)
        internal = self.filtered(lambda p: p.user_ids - p.user_ids.filtered('share'))
        super(Partner, internal)._compute_avatar(avatar_field, image_field)
        for partner in self - internal:
            if partner[image_field]:
                partner[avatar_field] = partner[image_field]
            else:
                partner[avatar_field] = b64encode(partner._avatar_get_placeholder())

    def _avatar_get_placeholder_path(self):
        if self.is_company:
            return "base/static/img/company_image.png"
        if self.type == 'delivery':
            return "base/static/img/truck.png"
        if self.type == 'invoice':
            return "base/static/img/money.png"
        return super()._avatar_get_placeholder_path()

    def _get_complete_name(self):
        self.ensure_one()
        name = self.name or ''
        if self.company_name or self.parent_id:
            if not name and self.type in self._complete_name_displayed_types:
                name = dict(self._fields['type']._description_selection(self.env))[self.type]
            if not self.is_company:
                name = f"{self.commercial_company_name or self.sudo().parent_id.name}, {name}"
        return name.strip()

    @api.depends('is_company', 'name', 'parent_id.name', 'type', 'company_name', 'commercial_company_name')
    def _compute_complete_name(self):
        for partner in self:
            # stored: computed without the user's language
            partner.complete_name = partner.with_context({})._get_complete_name()

    @api.depends('lang')
    def _compute_active_lang_count(self):
        count = len(self.env['res.lang'].get_installed())
        for partner in self:
            partner.active_lang_count = count

    @api.depends('tz')
    def _compute_tz_offset(self):
        for partner in self:
            partner.tz_offset = datetime.datetime.now(pytz.timezone(partner.tz or 'GMT')).strftime('%z')

    @api.depends('parent_id')
    def _compute_user_id(self):
        # a person inherits the salesperson of its company unless it has one
        for partner in self.filtered(lambda p: not p.user_id and p.company_type == 'person'
                                     and p.parent_id.user_id):
            partner.user_id = partner.parent_id.user_id

    @api.depends('user_ids.share', 'user_ids.active')
    def _compute_partner_share(self):
        super_partner = self.env['res.users'].browse(SUPERUSER_ID).partner_id
        if super_partner in self:
            super_partner.partner_share = False
        for partner in self - super_partner:
            partner.partner_share = not partner.user_ids or not any(not user.share for user in partner.user_ids)

    @api.depends('vat', 'company_id', 'company_registry')
    def _compute_same_vat_partner_id(self):
        for partner in self:
            partner_id = partner._origin.id
            # archived partners count too: better reactivate than duplicate
            Partner = self.with_context(active_test=False).sudo()
            vat_domain = [('vat', '=', partner.vat)]
            if partner.company_id:
                vat_domain += [('company_id', 'in', [False, partner.company_id.id])]
            if partner_id:
                vat_domain += [('id', '!=', partner_id), '!', ('id', 'child_of', partner_id)]
            # a one-character VAT ('/') means "not subject to tax"
            check_vat = partner.vat and len(partner.vat) != 1
            partner.same_vat_partner_id = (check_vat and not partner.parent_id
                                           and Partner.search(vat_domain, limit=1))
            registry_domain = [
                ('company_registry', '=', partner.company_registry),
                ('company_id', 'in', [False, partner.company_id.id]),
            ]
            if partner_id:
                registry_domain += [('id', '!=', partner_id), '!', ('id', 'child_of', partner_id)]
            partner.same_company_registry_partner_id = (
                bool(partner.company_registry) and not partner.parent_id
                and Partner.search(registry_domain, limit=1))

    @api.depends_context('company')
    def _compute_vat_label(self):
        self.vat_label = self.env.company.country_id.vat_label or _("Tax ID")

    def _compute_company_registry(self):
        # a hook for localisations that derive the registry from the VAT
        for partner in self:
            partner.company_registry = partner.company_registry

    @api.depends('country_id')
    def _compute_company_registry_label(self):
        labels = self._get_company_registry_labels()
        for partner in self:
            partner.company_registry_label = labels.get(partner.country_id.code, _("Company ID"))

    def _get_company_registry_labels(self):
        return {}

    @api.depends(lambda self: self._display_address_depends())
    def _compute_contact_address(self):
        for partner in self:
            partner.contact_address = partner._display_address()

    def _compute_get_ids(self):
        for partner in self:
            partner.self = partner.id

    @api.depends('is_company', 'parent_id.commercial_partner_id')
    def _compute_commercial_partner(self):
        for partner in self:
            if partner.is_company or not partner.parent_id:
                partner.commercial_partner_id = partner
            else:
                partner.commercial_partner_id = partner.parent_id.commercial_partner_id

    @api.depends('company_name', 'parent_id.is_company', 'commercial_partner_id.name')
    def _compute_commercial_company_name(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.commercial_company_name = commercial.is_company and commercial.name or partner.company_name

    @api.depends('name', 'email')
    def _compute_email_formatted(self):
        # "Name <email>"; several addresses are joined, an unparsable one is
        # kept as typed so that sending errors show what was wrong
        self.email_formatted = False
        for partner in self:
            normalized = tools.email_normalize_all(partner.email)
            if normalized:
                partner.email_formatted = tools.formataddr((partner.name or "False", ','.join(normalized)))
            elif partner.email:
                partner.email_formatted = tools.formataddr((partner.name or "False", partner.email))

    @api.depends('is_company')
    def _compute_company_type(self):
        for partner in self:
            partner.company_type = 'company' if partner.is_company else 'person'

    def _write_company_type(self):
        for partner in self:
            partner.is_company = partner.company_type == 'company'

    def _compute_is_public(self):
        for partner in self.with_context(active_test=False):
            users = partner.user_ids
            partner.is_public = bool(users) and any(user._is_public() for user in users)

    @api.depends('complete_name', 'email', 'vat', 'state_id', 'country_id', 'commercial_company_name')
    @api.depends_context('show_address', 'partner_show_db_id', 'address_inline', 'show_email', 'show_vat', 'lang')
    def _compute_display_name(self):
        for partner in self:
            name = partner.with_context(lang=self.env.lang)._get_complete_name()
            if partner._context.get('show_address'):
                name = name + "\n" + partner._display_address(without_company=True)
            name = re.sub(r'\s+\n', '\n', name)
            if partner._context.get('partner_show_db_id'):
                name = f"{name} ({partner.id})"
            if partner._context.get('address_inline'):
                name = ", ".join(line for line in name.split("\n") if line.strip())
            if partner._context.get('show_email') and partner.email:
                name = f"{name} <{partner.email}>"
            if partner._context.get('show_vat') and partner.vat:
                name = f"{name} ‒ {partner.vat}"
            partner.display_name = name.strip()

    # ------------------------------------------------------------------
    # constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_('You cannot create recursive Partner hierarchies.'))

    @api.constrains('company_id')
    def _check_partner_company(self):
        # the partner of a company must belong to that company (or to none)
        companies_partners = self.filtered(lambda p: p.is_company and p.company_id)
        companies = self.env['res.company'].search_fetch([('partner_id', 'in', companies_partners.ids)],
                                                         ['partner_id'])
        for company in companies:
            if company != company.partner_id.company_id:
                raise ValidationError(_('The company assigned to this partner does not match the company '
                                        'this partner represents.'))

    @api.constrains('barcode')
    def _check_barcode_unicity(self):
        for partner in self:
            if partner.barcode and self.env['res.partner'].search_count([('barcode', '=', partner.barcode)]) > 1:
                raise ValidationError(_('Another partner already has this barcode'))

    @api.onchange('parent_id')
    def onchange_parent_id(self):
        # also used by _fields_sync, hence the values returned in a dict
        if not self.parent_id:
            return
        result = {}
        partner = self._origin
        if partner.parent_id and partner.parent_id != self.parent_id:
            result['warning'] = {
                'title': _('Warning'),
                'message': _('Changing the company of a contact should only be done if it was never correctly '
                             'set. If an existing contact starts working for a new company then a new contact '
                             'should be created under that new company. You can use the "Discard" button to '
                             'abandon this change.')}
        if partner.type == 'contact' or self.type == 'contact':
            # a contact takes its company's address, when the company has one
            address_fields = self._address_fields()
            if any(self.parent_id[key] for key in address_fields):
                result['value'] = {
                    key: value.id if isinstance(value, models.BaseModel) else value
                    for key in address_fields
                    for value in [self.parent_id[key]]
                }
        return result

    @api.onchange('parent_id')
    def _onchange_parent_id_for_lang(self):
        if self.parent_id:
            self.lang = self.parent_id.lang or self.env.context.get('default_lang') or self.env.lang

    @api.onchange('country_id')
    def _onchange_country_id(self):
        if self.country_id and self.country_id != self.state_id.country_id:
            self.state_id = False

    @api.onchange('state_id')
    def _onchange_state(self):
        if self.state_id.country_id and self.country_id != self.state_id.country_id:
            self.country_id = self.state_id.country_id

    @api.onchange('parent_id', 'company_id')
    def _onchange_company_id(self):
        if self.parent_id:
            self.company_id = self.parent_id.company_id.id

    @api.onchange('company_type')
    def onchange_company_type(self):
        self.is_company = (self.company_type == 'company')

    # ------------------------------------------------------------------
    # synchronisation of commercial and address fields
    # ------------------------------------------------------------------

    def _update_fields_values(self, field_names):
        """write() values copying ``field_names`` from ``self``."""
        values = {}
        for fname in field_names:
            field = self._fields[fname]
            if field.type == 'many2one':
                values[fname] = self[fname].id
            elif field.type == 'one2many':
                raise AssertionError(_('One2Many fields cannot be synchronized as part of `commercial_fields` '
                                       'or `address fields`'))
            elif field.type == 'many2many':
                values[fname] = [Command.set(self[fname].ids)]
            else:
                values[fname] = self[fname]
        return values

    @api.model
    def _address_fields(self):
        """Address fields a contact copies from its parent."""
        return list(ADDRESS_FIELDS)

    @api.model
    def _formatting_address_fields(self):
        """Fields usable in a country's address format."""
        return self._address_fields()

    def update_address(self, vals):
        address_values = {key: vals[key] for key in self._address_fields() if key in vals}
        if address_values:
            return super().write(address_values)

    @api.model
    def _commercial_fields(self):
        """Fields owned by the commercial entity and mirrored on its contacts."""
        return ['vat', 'company_registry', 'industry_id']

    @api.model
    def _company_dependent_commercial_fields(self):
        return [fname for fname in self._commercial_fields() if self._fields[fname].company_dependent]

    def _commercial_sync_from_company(self):
        """Copy the commercial fields from a newly set commercial entity."""
        commercial_partner = self.commercial_partner_id
        if commercial_partner != self:
            self.write(commercial_partner._update_fields_values(self._commercial_fields()))
            self._company_dependent_commercial_sync()
            self._commercial_sync_to_children()

    def _company_dependent_commercial_sync(self):
        fnames = self._company_dependent_commercial_fields()
        if not fnames:
            return
        for company in self.env['res.company'].sudo().search([]):
            if company == self.env.company:
                continue  # done by the caller in the current company
            in_company = self.with_company(company)
            in_company.write(in_company.commercial_partner_id._update_fields_values(fnames))

    def _commercial_sync_to_children(self, fields_to_sync=None):
        """Copy the commercial fields down to all descendant persons."""
        commercial_partner = self.commercial_partner_id
        if fields_to_sync is None:
            fields_to_sync = self._commercial_fields()
        sync_vals = commercial_partner._update_fields_values(fields_to_sync)
        children = self.child_ids.filtered(lambda c: not c.is_company)
        for child in children:
            child._commercial_sync_to_children(fields_to_sync)
        return children.write(sync_vals)

    def _fields_sync(self, values):
        """After create/write, keep commercial and address fields in step
        with the parent (upstream) and the contacts (downstream), as if they
        were related fields."""
        if values.get('parent_id') or values.get('type') == 'contact':
            if values.get('parent_id'):
                self.sudo()._commercial_sync_from_company()
            if self.parent_id and self.type == 'contact':
                parent_values = self.onchange_parent_id().get('value', {})
                self.update_address(parent_values)
        self._children_sync(values)

    def _children_sync(self, values):
        if not self.child_ids:
            return
        if self.commercial_partner_id == self:
            fields_to_sync = values.keys() & self._commercial_fields()
            self.sudo()._commercial_sync_to_children(fields_to_sync)
        if any(fname in values for fname in self._address_fields()):
            self.child_ids.filtered(lambda c: c.type == 'contact').update_address(values)

    def _handle_first_contact_creation(self):
        """The first contact given an address under a company without one
        most likely carries the company's own address: copy it up."""
        parent = self.parent_id
        address_fields = self._address_fields()
        if ((parent.is_company or not parent.parent_id)
                and any(self[f] for f in address_fields)
                and not any(parent[f] for f in address_fields)
                and len(parent.child_ids) == 1):
            parent.update_address(self._update_fields_values(address_fields))

    def _clean_website(self, website):
        url = urls.url_parse(website)
        if not url.scheme:
            if not url.netloc:
                url = url.replace(netloc=url.path, path='')
            website = url.replace(scheme='http').to_url()
        return website

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get('import_file'):
            self._check_import_consistency(vals_list)
        for vals in vals_list:
            if vals.get('website'):
                vals['website'] = self._clean_website(vals['website'])
            if vals.get('parent_id'):
                vals['company_name'] = False
        partners = super().create(vals_list)
        if self.env.context.get('_partners_skip_fields_sync'):
            return partners
        for partner, vals in zip(partners, vals_list):
            partner._fields_sync(vals)
            if 'lang' not in vals and partner.parent_id:
                partner._onchange_parent_id_for_lang()
            partner._handle_first_contact_creation()
        return partners

    def _load_records_create(self, vals_list):
        # data files create many partners: sync from parents in batches
        partners = super(Partner, self.with_context(_partners_skip_fields_sync=True))._load_records_create(vals_list)
        groups = collections.defaultdict(list)
        for partner, vals in zip(partners, vals_list):
            commercial_id = None
            if vals.get('parent_id') and partner.commercial_partner_id != partner:
                commercial_id = partner.commercial_partner_id.id
            address_parent_id = partner.parent_id.id if partner.parent_id and partner.type == 'contact' else None
            groups[(commercial_id, address_parent_id)].append(partner.id)
        for (commercial_id, address_parent_id), children in groups.items():
            to_write = {}
            if commercial_id:
                to_write = self.browse(commercial_id)._update_fields_values(self._commercial_fields())
            if address_parent_id:
                parent = self.browse(address_parent_id)
                for fname in self._address_fields():
                    value = parent[fname]
                    if value:
                        to_write[fname] = value.id if isinstance(value, models.BaseModel) else value
            if to_write:
                self.sudo().browse(children).write(to_write)
        for partner, vals in zip(partners, vals_list):
            partner._children_sync(vals)
            partner._handle_first_contact_creation()
        return partners

    def write(self, vals):
        if vals.get('active') is False:
            # the users of a partner must be archived first
            self.invalidate_recordset(['user_ids'])
            users = self.env['res.users'].sudo().search([('partner_id', 'in', self.ids)])
            if users:
                names = ", ".join(u.display_name for u in users)
                if self.env['res.users'].sudo(False).has_access('write'):
                    raise RedirectWarning(
                        _('You cannot archive contacts linked to an active user.\n'
                          'You first need to archive their associated user.\n\n'
                          'Linked active users : %(names)s', names=names),
                        users._action_show(), _('Go to users'))
                raise ValidationError(_('You cannot archive contacts linked to an active user.\n'
                                        'Ask an administrator to archive their associated user first.\n\n'
                                        'Linked active users :\n%(names)s', names=names))
        if vals.get('website'):
            vals['website'] = self._clean_website(vals['website'])
        if vals.get('parent_id'):
            vals['company_name'] = False
        if 'company_id' in vals:
            company_id = vals['company_id']
            for partner in self:
                # a user's partner follows the user's company (or none)
                if company_id and partner.user_ids:
                    company = self.env['res.company'].browse(company_id)
                    user_companies = set(user.company_id for user in partner.user_ids)
                    if len(user_companies) > 1 or company not in user_companies:
                        raise UserError(_("The selected company is not compatible with the companies of the "
                                          "related user(s)"))
                if partner.child_ids:
                    partner.child_ids.write({'company_id': company_id})
        result = True
        # contact managers may turn a person into a company even without
        # write access on the other fields of the record
        if 'is_company' in vals and not self.env.su and self.env.user.has_group('base.group_partner_manager'):
            result = super(Partner, self.sudo()).write({'is_company': vals.get('is_company')})
            del vals['is_company']
        result = result and super().write(vals)
        for partner in self:
            if any(u._is_internal() for u in partner.user_ids if u != self.env.user):
                self.env['res.users'].check_access('write')
            partner._fields_sync(vals)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_user(self):
        users = self.env['res.users'].sudo().search([('partner_id', 'in', self.ids)])
        if not users:
            return
        names = ", ".join(u.display_name for u in users)
        if self.env['res.users'].sudo(False).has_access('write'):
            raise RedirectWarning(
                _('You cannot delete contacts linked to an active user.\n'
                  'You should rather archive them after archiving their associated user.\n\n'
                  'Linked active users : %(names)s', names=names),
                users._action_show(), _('Go to users'))
        raise ValidationError(_('You cannot delete contacts linked to an active user.\n'
                                'Ask an administrator to archive their associated user first.\n\n'
                                'Linked active users :\n%(names)s', names=names))

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        if default.get('name'):
            return vals_list
        return [dict(vals, name=_("%s (copy)", partner.name)) for partner, vals in zip(self, vals_list)]

    @api.model
    def name_create(self, name):
        """Create a partner from "Name <email>" (or a bare email)."""
        default_type = self._context.get('default_type')
        if default_type and default_type not in self._fields['type'].get_values(self.env):
            context = dict(self._context)
            context.pop('default_type')
            self = self.with_context(context)
        name, email = tools.parse_contact_from_email(name)
        if self._context.get('force_email') and not email:
            raise ValidationError(_("Couldn't create contact without email address!"))
        values = {self._rec_name: name or email}
        if email:
            values['email'] = email
        partner = self.create(values)
        return partner.id, partner.display_name

    @api.model
    @api.returns('self', lambda value: value.id)
    def find_or_create(self, email, assert_valid_email=False):
        """The partner with the given email, created when there is none."""
        if not email:
            raise ValueError(_('An email is required for find_or_create to work'))
        name, email_normalized = tools.parse_contact_from_email(email)
        if not email_normalized and assert_valid_email:
            raise ValueError(_('A valid email is required for find_or_create to work properly.'))
        if email_normalized:
            partners = self.search([('email', '=ilike', email_normalized)], limit=1)
            if partners:
                return partners
        values = {self._rec_name: name or email_normalized}
        if email_normalized:
            values['email'] = email_normalized
        return self.create(values)

    # ------------------------------------------------------------------
    # actions and business methods
    # ------------------------------------------------------------------

    def create_company(self):
        """Turn the typed company name into a real company partner."""
        self.ensure_one()
        if self.company_name:
            values = dict(name=self.company_name, is_company=True, vat=self.vat)
            values.update(self._update_fields_values(self._address_fields()))
            company = self.create(values)
            self.write({
                'parent_id': company.id,
                'child_ids': [Command.update(child_id, dict(parent_id=company.id)) for child_id in self.child_ids.ids],
            })
        return True

    def open_commercial_entity(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'res.partner',
            'view_mode': 'form',
            'res_id': self.commercial_partner_id.id,
            'target': 'current',
        }

    def address_get(self, adr_pref=None):
        """{address type: partner id}: for each wanted type, the first such
        partner found depth-first among the descendants that are not
        companies, then among the ancestors up to the commercial entity;
        falling back on the 'contact' found, then on the partner itself."""
        adr_pref = set(adr_pref or [])
        adr_pref.add('contact')
        result = {}
        visited = set()
        for partner in self:
            current = partner
            while current:
                to_scan = [current]
                while to_scan:
                    record = to_scan.pop(0)
                    visited.add(record)
                    if record.type in adr_pref and not result.get(record.type):
                        result[record.type] = record.id
                    if len(result) == len(adr_pref):
                        return result
                    to_scan = [c for c in record.child_ids if c not in visited and not c.is_company] + to_scan
                if current.is_company or not current.parent_id:
                    break
                current = current.parent_id
        default = result.get('contact', self.id or False)
        for adr_type in adr_pref:
            result[adr_type] = result.get(adr_type) or default
        return result

    @api.model
    def view_header_get(self, view_id, view_type):
        if self.env.context.get('category_id'):
            category = self.env['res.partner.category'].browse(self.env.context['category_id'])
            return _('Partners: %(category)s', category=category.name)
        return super().view_header_get(view_id, view_type)

    @api.model
    def _get_default_address_format(self):
        return "%(street)s\n%(street2)s\n%(city)s %(state_code)s %(zip)s\n%(country_name)s"

    @api.model
    def _get_address_format(self):
        return self.country_id.address_format or self._get_default_address_format()

    def _prepare_display_address(self, without_company=False):
        address_format = self._get_address_format()
        args = collections.defaultdict(str, {
            'state_code': self.state_id.code or '',
            'state_name': self.state_id.name or '',
            'country_code': self.country_id.code or '',
            'country_name': self._get_country_name(),
            'company_name': self.commercial_company_name or '',
        })
        for fname in self._formatting_address_fields():
            value = self[fname]
            args[fname] = (value.display_name if isinstance(value, models.BaseModel) else value) or ''
        if without_company:
            args['company_name'] = ''
        elif self.commercial_company_name:
            address_format = '%(company_name)s\n' + address_format
        return address_format, args

    def _display_address(self, without_company=False):
        """The address laid out as its country writes addresses."""
        address_format, args = self._prepare_display_address(without_company)
        return address_format % args

    def _display_address_depends(self):
        return self._formatting_address_fields() + ['country_id', 'company_name', 'state_id']

    def _get_country_name(self):
        return self.country_id.name or ''

    @api.model
    def _check_import_consistency(self, vals_list):
        """An imported state must belong to the imported country: otherwise
        take the state of the same code in that country, or none."""
        States = self.env['res.country.state']
        state_ids = {vals['state_id'] for vals in vals_list if vals.get('state_id')}
        for vals in vals_list:
            if not (vals.get('state_id') and vals.get('country_id')):
                continue
            state = States.browse(vals['state_id'])
            if state.id in state_ids and state.country_id.id != vals['country_id']:
                match = States.search([('code', '=', state.code), ('country_id', '=', vals['country_id'])], limit=1)
                vals['state_id'] = match.id

    def _get_all_addr(self):
        self.ensure_one()
        return [{
            'contact_type': self.street,
            'street': self.street,
            'zip': self.zip,
            'city': self.city,
            'country': self.country_id.code,
        }]

    def _get_street_split(self):
        self.ensure_one()
        return tools.street_split(self.street or '')

    @api.model
    def get_import_templates(self):
        return []
