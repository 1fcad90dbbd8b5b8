"""``res.partner``: contacts and companies, their company/contact hierarchy,
the commercial entity that carries their fiscal data, and their address
(synchronised from the parent company to its contacts).

Also the two small view mixins partners and companies share: the
country-specific address layout and the country-specific VAT label."""
from __future__ import annotations

import datetime
import re
from base64 import b64encode
from collections import defaultdict
from urllib.parse import urlsplit

import pytz
from odoo import SUPERUSER_ID, Command, _, api, fields, models, tools
from odoo.exceptions import RedirectWarning, UserError, ValidationError

# Selection of the warning fields that sale/purchase add to partners.
WARNING_MESSAGE = [
    ('no-message', 'No Message'),
    ('warning', 'Warning'),
    ('block', 'Blocking Message'),
]
WARNING_HELP = ('"Warning" shows the message below to the user; "Blocking Message" shows it and '
                'stops the operation.')

# Fields a contact copies from its company (in this order).
ADDRESS_FIELDS = (
    'street', 'street2', 'zip', 'city',
    'state_id', 'country_id',
)

# Picture shown for partners without an image, by kind of partner.
_PLACEHOLDER_BY_KIND = {
    'company': "base/static/img/company_image.png",
    'delivery': "base/static/img/truck.png",
    'invoice': "base/static/img/money.png",
}


def _tz_sort_key(zone: str) -> str:
    # 'Etc/GMT-8' zones have inverted signs and confuse people: list them last
    return '_' if zone.startswith('Etc/') else zone


_tzs = [(zone, zone) for zone in sorted(pytz.all_timezones, key=_tz_sort_key)]


@api.model
def _lang_get(self):
    Lang = self.env['res.lang']
    return Lang.get_installed()


def _tz_get(self):
    return _tzs


def _write_value(value):
    """``value`` as write() takes it: records become their id."""
    if isinstance(value, models.BaseModel):
        return value.id
    return value


class FormatVATLabelMixin(models.AbstractModel):
    _name = "format.vat.label.mixin"
    _description = "Country Specific VAT Label"

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        country_label = self.env.company.country_id.vat_label
        if country_label:
            # both the field and a separate <label for="vat"> carry the label
            for node in arch.xpath("//field[@name='vat'] | //label[@for='vat']"):
                node.set("string", country_label)
        return arch, view


class FormatAddressMixin(models.AbstractModel):
    _name = "format.address.mixin"
    _description = 'Address Format'

    def _extract_fields_from_address(self, address_line):
        """Address fields used in ``address_line``, in their order there."""
        keys = ADDRESS_FIELDS + ('state_code', 'state_name')
        positions = {key: address_line.find(f'%({key})s') for key in keys}
        return [key for key, pos in sorted(positions.items(), key=lambda kv: kv[1]) if pos >= 0]

    def _view_get_address(self, arch):
        # Lay out zip / city / state in the form in the order the company's
        # country writes them (China: state, city, zip); a country's special
        # input view (address_view_id) comes with localisation modules.
        if self._context.get('no_address_format'):
            return arch
        layout = self.env.company.country_id.address_format or ''
        city_lines = [line for line in layout.split('\n') if 'city' in line]
        if not city_lines:
            return arch
        wanted = ['state_id' if key in ('state_code', 'state_name') else key
                  for key in self._extract_fields_from_address(city_lines[0])]
        # the fields of the format in its order, then the unformatted ones
        wanted += sorted({'zip', 'city', 'state_id'} - set(wanted))
        containers = arch.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' o_address_format ')]")
        for container in containers:
            anchor = None
            for key in wanted:
                node = container.find(f".//field[@name='{key}']")
                if node is None:
                    continue
                if anchor is not None and node is not anchor:
                    anchor.addnext(node)
                anchor = node
        return arch

    @api.model
    def _get_view_cache_key(self, view_id=None, view_type='form', **options):
        # the arch depends on the company's country and on the context flag
        base_key = super()._get_view_cache_key(view_id, view_type, **options)
        return base_key + (self.env.company, self._context.get('no_address_format'))

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        return (self._view_get_address(arch) if view.type == 'form' else arch), view


class Partner(models.Model):
    _name = "res.partner"
    _description = 'Contact'
    _inherit = ['format.address.mixin', 'format.vat.label.mixin', 'avatar.mixin']
    _order = "complete_name ASC, id DESC"
    _rec_names_search = ['complete_name', 'email', 'ref', 'vat', 'company_registry']
    _allow_sudo_commands = False
    _check_company_domain = models.check_company_domain_parent_of
    # address types whose label stands in for a missing name in complete_name
    _complete_name_displayed_types = ('invoice', 'delivery', 'other')

    def _default_category(self):
        category_id = self._context.get('category_id')
        return self.env['res.partner.category'].browse(category_id)

    name = fields.Char(index=True, default_export_compatible=True)
    complete_name = fields.Char(compute='_compute_complete_name', store=True, index=True)
    title = fields.Many2one('res.partner.title')
    parent_id = fields.Many2one('res.partner', string='Related Company', index=True)
    parent_name = fields.Char(related='parent_id.name', readonly=True, string='Parent name')
    child_ids = fields.One2many('res.partner', 'parent_id', string='Contact', domain=[('active', '=', True)], context={'active_test': False})
    ref = fields.Char(string='Reference', index=True)
    lang = fields.Selection(_lang_get, string='Language', help="Language of the mails and documents sent to this contact.")
    active_lang_count = fields.Integer(compute='_compute_active_lang_count')
    tz = fields.Selection(_tzs, string='Timezone', default=lambda self: self._context.get('tz'),
                          help="Timezone of the dates and times printed or exported for this contact "
                               "(UTC when empty).")
    tz_offset = fields.Char(compute='_compute_tz_offset', string='Timezone offset')
    user_id = fields.Many2one('res.users', string='Salesperson', compute='_compute_user_id', precompute=True, readonly=False, store=True,
                              help='Internal user responsible for this contact.')
    vat = fields.Char(string='Tax ID', index=True,
                      help="Tax identification number; '/' marks a partner not subject to tax.")
    vat_label = fields.Char(string='Tax ID Label', compute='_compute_vat_label')
    same_vat_partner_id = fields.Many2one('res.partner', string='Partner with same Tax ID', compute='_compute_same_vat_partner_id', store=False)
    same_company_registry_partner_id = fields.Many2one('res.partner', string='Partner with same Company Registry', compute='_compute_same_vat_partner_id', store=False)
    company_registry = fields.Char(string="Company ID", compute='_compute_company_registry', store=True, readonly=False,
                                   help="Registry number of the company (统一社会信用代码 in China) when it "
                                        "differs from the Tax ID.")
    company_registry_label = fields.Char(string='Company ID Label', compute='_compute_company_registry_label')
    bank_ids = fields.One2many('res.partner.bank', 'partner_id', string='Banks')
    website = fields.Char('Website Link')
    comment = fields.Html(string='Notes')
    category_id = fields.Many2many('res.partner.category', column1='partner_id', column2='category_id', string='Tags', default=_default_category)
    active = fields.Boolean(default=True)
    employee = fields.Boolean(help="Tick when this contact is one of your employees.")
    function = fields.Char(string='Job Position')
    type = fields.Selection([
        ('contact', 'Contact'),
        ('invoice', 'Invoice Address'),
        ('delivery', 'Delivery Address'),
        ('other', 'Other Address'),
    ], string='Address Type', default='contact')
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char(change_default=True)
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string='State', ondelete='restrict', domain="[('country_id', '=?', country_id)]")
    country_id = fields.Many2one('res.country', string='Country', ondelete='restrict')
    country_code = fields.Char(related='country_id.code', string="Country Code")
    partner_latitude = fields.Float(string='Geo Latitude', digits=(10, 7))
    partner_longitude = fields.Float(string='Geo Longitude', digits=(10, 7))
    email = fields.Char()
    email_formatted = fields.Char('Formatted Email', compute='_compute_email_formatted', help='"Name <email@domain>"')
    phone = fields.Char()
    mobile = fields.Char()
    is_company = fields.Boolean(string='Is a Company', default=False, help="Ticked for a company, unticked for a person")
    is_public = fields.Boolean(compute='_compute_is_public')
    industry_id = fields.Many2one('res.partner.industry', 'Industry')
    # interface field for the form's radio buttons; business code reads is_company
    company_type = fields.Selection(string='Company Type', selection=[('person', 'Individual'), ('company', 'Company')], compute='_compute_company_type', inverse='_write_company_type')
    company_id = fields.Many2one('res.company', 'Company', index=True)
    color = fields.Integer(string='Color Index', default=0)
    user_ids = fields.One2many('res.users', 'partner_id', string='Users', auto_join=True)
    partner_share = fields.Boolean('Share Partner', compute='_compute_partner_share', store=True,
                                   help="Set for customers without a user and for portal/public users: partners "
                                        "that only see what is shared with them.")
    contact_address = fields.Char(compute='_compute_contact_address', string='Complete Address')
    commercial_partner_id = fields.Many2one('res.partner', string='Commercial Entity', compute='_compute_commercial_partner', store=True, recursive=True, index=True)
    commercial_company_name = fields.Char('Company Name Entity', compute='_compute_commercial_company_name', store=True)
    company_name = fields.Char('Company Name')
    barcode = fields.Char(help="Barcode identifying this contact.", copy=False, company_dependent=True)
    # the partner itself, so that QWeb can render a record through a field
    self = fields.Many2one(comodel_name='res.partner', compute='_compute_get_ids')

    _sql_constraints = [
        ('check_name', "CHECK( (type='contact' AND name IS NOT NULL) or (type!='contact') )",
         'A contact must have a name.'),
    ]

    # ------------------------------------------------------------------
    # defaults
    # ------------------------------------------------------------------

    @api.model
    def default_get(self, default_fields):
        defaults = super().default_get(default_fields)
        parent_id = defaults.get('parent_id') if 'parent_id' in default_fields else False
        parent = self.browse(parent_id) if parent_id else self.browse()
        if parent:
            # a child partner belongs to its parent's company...
            defaults['company_id'] = parent.company_id.id
        if 'lang' in default_fields:
            # ...and speaks its language
            defaults['lang'] = defaults.get('lang') or (parent and parent.lang) or self.env.lang
        requested_type = defaults.get('type') if 'type' in default_fields else None
        if requested_type and requested_type not in self._fields['type'].get_values(self.env):
            # a default_type meant for another model (say, from a menu) leaked in
            defaults['type'] = None
        return defaults

    # ------------------------------------------------------------------
    # avatars and names
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
        # internal users get the coloured initial; other partners their own
        # picture, or the placeholder of their kind
        staff = self.filtered(lambda p: any(not user.share for user in p.user_ids))
        super(Partner, staff)._compute_avatar(avatar_field, image_field)
        for partner in self - staff:
            picture = partner[image_field]
            partner[avatar_field] = picture or b64encode(partner._avatar_get_placeholder())

    def _avatar_get_placeholder_path(self):
        kind = 'company' if self.is_company else self.type
        return _PLACEHOLDER_BY_KIND.get(kind) or super()._avatar_get_placeholder_path()

    def _get_complete_name(self):
        """"Company, Person" for the persons of a company, else the name; a
        nameless address of a company is named after its type."""
        self.ensure_one()
        label = self.name or ''
        attached = bool(self.company_name or self.parent_id)
        if attached and not label and self.type in self._complete_name_displayed_types:
            label = dict(self._fields['type']._description_selection(self.env))[self.type]
        if attached and not self.is_company:
            owner = self.commercial_company_name or self.sudo().parent_id.name
            label = f"{owner}, {label}"
        return label.strip()

    @api.depends('is_company', 'name', 'parent_id.name', 'type', 'company_name', 'commercial_company_name')
    def _compute_complete_name(self):
        # stored, hence computed without any user language
        for record, neutral in zip(self, self.with_context({})):
            if record.company_name or record.parent_id:
                record.complete_name = neutral._get_complete_name()
            else:
                # not attached to a company: the name alone (what _get_complete_name gives)
                record.complete_name = (record.name or '').strip()

    @api.depends('complete_name', 'email', 'vat', 'state_id', 'country_id', 'commercial_company_name')
    @api.depends_context('show_address', 'partner_show_db_id', 'address_inline', 'show_email', 'show_vat', 'lang')
    def _compute_display_name(self):
        ctx = self.env.context
        for record in self:
            text = record.with_context(lang=self.env.lang)._get_complete_name()
            if ctx.get('show_address'):
                text += "\n" + record._display_address(without_company=True)
            # no blank line left by empty address parts
            text = re.sub(r'\s+\n', '\n', text)
            if ctx.get('partner_show_db_id'):
                text += f" ({record.id})"
            if ctx.get('address_inline'):
                text = ", ".join(part for part in text.split("\n") if part.strip())
            if ctx.get('show_email') and record.email:
                text += f" <{record.email}>"
            if ctx.get('show_vat') and record.vat:
                text += f" ‒ {record.vat}"
            record.display_name = text.strip()

    # ------------------------------------------------------------------
    # other computes
    # ------------------------------------------------------------------

    @api.depends('lang')
    def _compute_active_lang_count(self):
        installed = self.env['res.lang'].get_installed()
        self.active_lang_count = len(installed)

    @api.depends('tz')
    def _compute_tz_offset(self):
        now = datetime.datetime.now(pytz.utc)
        for record in self:
            zone = pytz.timezone(record.tz or 'GMT')
            record.tz_offset = now.astimezone(zone).strftime('%z')

    @api.depends('parent_id')
    def _compute_user_id(self):
        # persons without a salesperson take the one of their company
        for record in self:
            inherited = record.parent_id.user_id
            if inherited and not record.user_id and record.company_type == 'person':
                record.user_id = inherited

    @api.depends('user_ids.share', 'user_ids.active')
    def _compute_partner_share(self):
        root_partner = self.env['res.users'].browse(SUPERUSER_ID).partner_id
        for record in self:
            if record == root_partner:
                record.partner_share = False
            else:
                # shared unless one of its users is internal
                record.partner_share = all(user.share for user in record.user_ids)

    def _find_duplicate(self, field_name, extra_domain):
        """Another partner (archived ones included, outside this partner's
        own tree) with the same value of ``field_name``."""
        self.ensure_one()
        domain = [(field_name, '=', self[field_name])] + extra_domain
        own_id = self._origin.id
        if own_id:
            domain += [('id', '!=', own_id), '!', ('id', 'child_of', own_id)]
        return self.with_context(active_test=False).sudo().search(domain, limit=1)

    @api.depends('vat', 'company_id', 'company_registry')
    def _compute_same_vat_partner_id(self):
        for record in self:
            company_scope = [('company_id', 'in', [False, record.company_id.id])]
            # a one-character VAT ('/') means "not subject to tax"
            vat_checked = bool(record.vat) and len(record.vat) != 1 and not record.parent_id
            record.same_vat_partner_id = vat_checked and record._find_duplicate(
                'vat', company_scope if record.company_id else [])
            registry_checked = bool(record.company_registry) and not record.parent_id
            record.same_company_registry_partner_id = registry_checked and record._find_duplicate(
                'company_registry', company_scope)

    @api.depends_context('company')
    def _compute_vat_label(self):
        label = self.env.company.country_id.vat_label
        self.vat_label = label or _("Tax ID")

    def _compute_company_registry(self):
        # hook: localisations derive the registry number from other data
        for record in self:
            record.company_registry = record.company_registry

    @api.depends('country_id')
    def _compute_company_registry_label(self):
        per_country = self._get_company_registry_labels()
        for record in self:
            record.company_registry_label = per_country.get(record.country_id.code) or _("Company ID")

    def _get_company_registry_labels(self):
        return {}

    @api.depends(lambda self: self._display_address_depends())
    def _compute_contact_address(self):
        for record in self:
            record.contact_address = record._display_address()

    def _compute_get_ids(self):
        for record in self:
            record.self = record.id

    @api.depends('is_company', 'parent_id.commercial_partner_id')
    def _compute_commercial_partner(self):
        for record in self:
            # companies and top-level partners are their own commercial entity
            top = record.is_company or not record.parent_id
            record.commercial_partner_id = record if top else record.parent_id.commercial_partner_id

    @api.depends('company_name', 'parent_id.is_company', 'commercial_partner_id.name')
    def _compute_commercial_company_name(self):
        for record in self:
            entity = record.commercial_partner_id
            record.commercial_company_name = entity.name if entity.is_company else record.company_name

    @api.depends('name', 'email')
    def _compute_email_formatted(self):
        # "Name <email>"; several addresses are joined, an unparsable one is
        # kept as typed so that sending errors show what was wrong
        for record in self:
            if not record.email:
                record.email_formatted = False
                continue
            addresses = tools.email_normalize_all(record.email)
            shown = ','.join(addresses) if addresses else record.email
            record.email_formatted = tools.formataddr((record.name or "False", shown))

    @api.depends('is_company')
    def _compute_company_type(self):
        for record in self:
            record.company_type = {True: 'company', False: 'person'}[bool(record.is_company)]

    def _write_company_type(self):
        for record in self:
            record.is_company = (record.company_type == 'company')

    def _compute_is_public(self):
        for record in self.with_context(active_test=False):
            record.is_public = any(user._is_public() for user in record.user_ids)

    # ------------------------------------------------------------------
    # constraints and onchanges
    # ------------------------------------------------------------------

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_('A partner cannot be its own ancestor: the company hierarchy would loop.'))

    @api.constrains('company_id')
    def _check_partner_company(self):
        # the partner of a company must belong to that company (or to none)
        candidates = self.filtered(lambda p: p.is_company and p.company_id)
        Company = self.env['res.company']
        for company in Company.search_fetch([('partner_id', 'in', candidates.ids)], ['partner_id']):
            if company.partner_id.company_id != company:
                raise ValidationError(_('The partner of company %(company)s must belong to that company.',
                                        company=company.name))

    @api.constrains('barcode')
    def _check_barcode_unicity(self):
        for record in self.filtered('barcode'):
            clashes = self.env['res.partner'].search_count([('barcode', '=', record.barcode)])
            if clashes > 1:
                raise ValidationError(_('The barcode %(barcode)s is already used by another partner.',
                                        barcode=record.barcode))

    @api.onchange('parent_id')
    def onchange_parent_id(self):
        # also called by _fields_sync, hence the values returned in a dict
        new_parent = self.parent_id
        if not new_parent:
            return
        result = {}
        saved = self._origin
        if saved.parent_id and saved.parent_id != new_parent:
            result['warning'] = {
                'title': _('Warning'),
                'message': _('Only change the company of a contact that was set wrongly. When a person moves '
                             'to another company, create a new contact under that company instead; "Discard" '
                             'cancels this change.'),
            }
        is_contact = 'contact' in (saved.type, self.type)
        keys = self._address_fields()
        # a contact takes its company's address, when the company has one
        if is_contact and any(new_parent[key] for key in keys):
            result['value'] = {key: _write_value(new_parent[key]) for key in keys}
        return result

    @api.onchange('parent_id')
    def _onchange_parent_id_for_lang(self):
        parent = self.parent_id
        if parent:
            self.lang = parent.lang or self.env.context.get('default_lang') or self.env.lang

    @api.onchange('country_id')
    def _onchange_country_id(self):
        stale_state = self.state_id and self.state_id.country_id != self.country_id
        if self.country_id and stale_state:
            self.state_id = False

    @api.onchange('state_id')
    def _onchange_state(self):
        state_country = self.state_id.country_id
        if state_country and state_country != self.country_id:
            self.country_id = state_country

    @api.onchange('parent_id', 'company_id')
    def _onchange_company_id(self):
        parent = self.parent_id
        if parent:
            self.company_id = parent.company_id.id

    @api.onchange('company_type')
    def onchange_company_type(self):
        self.is_company = self.company_type == 'company'

    # ------------------------------------------------------------------
    # synchronisation of commercial and address fields
    # ------------------------------------------------------------------

    def _update_fields_values(self, fields):
        """write() values copying ``fields`` from this partner."""
        copied = {}
        model_fields = self._fields
        for name in fields:
            field = model_fields[name]
            kind = field.type
            if kind == 'one2many':
                raise AssertionError(_('Field %(field)s: one2many fields cannot be synchronised between partners.',
                                       field=name))
            # read through the field: contacts made in bulk copy a dozen fields each
            value = field.__get__(self)
            if kind == 'many2many':
                copied[name] = [Command.set(value.ids)]
            elif kind == 'many2one':
                copied[name] = value._ids[0] if value._ids else False
            else:
                copied[name] = value
        return copied

    @api.model
    def _address_fields(self):
        """Address fields a contact copies from its parent."""
        return list(ADDRESS_FIELDS)

    @api.model
    def _formatting_address_fields(self):
        """Fields usable in a country's address format."""
        return self._address_fields()

    def update_address(self, vals):
        keys = set(self._address_fields())
        address_values = {key: value for key, value in vals.items() if key in keys}
        if address_values:
            return super().write(address_values)

    @api.model
    def _commercial_fields(self):
        """Fields owned by the commercial entity and mirrored on its contacts."""
        return ['vat', 'company_registry', 'industry_id']

    @api.model
    def _company_dependent_commercial_fields(self):
        return [name for name in self._commercial_fields() if self._fields[name].company_dependent]

    def _commercial_sync_from_company(self):
        """Take the commercial fields of a newly set commercial entity."""
        entity = self.commercial_partner_id
        if entity == self:
            return
        self.write(entity._update_fields_values(self._commercial_fields()))
        self._company_dependent_commercial_sync()
        self._commercial_sync_to_children()

    def _company_dependent_commercial_sync(self):
        # company-dependent values are copied in every other company as well
        names = self._company_dependent_commercial_fields()
        if not names:
            return
        others = self.env['res.company'].sudo().search([('id', '!=', self.env.company.id)])
        for company in others:
            here = self.with_company(company)
            here.write(here.commercial_partner_id._update_fields_values(names))

    def _commercial_sync_to_children(self, fields_to_sync=None):
        """Push the commercial fields down to all descendant persons."""
        names = self._commercial_fields() if fields_to_sync is None else fields_to_sync
        values = self.commercial_partner_id._update_fields_values(names)
        persons = self.child_ids.filtered(lambda child: not child.is_company)
        for person in persons:
            person._commercial_sync_to_children(names)
        return persons.write(values)

    def _fields_sync(self, values):
        """After create/write, keep the commercial and address fields in step
        with the parent (upstream) and the contacts (downstream), as if they
        were related fields."""
        parent_changed = bool(values.get('parent_id'))
        if parent_changed:
            self.sudo()._commercial_sync_from_company()
        if (parent_changed or values.get('type') == 'contact') and self.parent_id and self.type == 'contact':
            inherited = self.onchange_parent_id().get('value', {})
            self.update_address(inherited)
        self._children_sync(values)

    def _children_sync(self, values):
        children = self.child_ids
        if not children:
            return
        if self.commercial_partner_id == self:
            changed = values.keys() & set(self._commercial_fields())
            self.sudo()._commercial_sync_to_children(changed)
        if set(values) & set(self._address_fields()):
            children.filtered(lambda child: child.type == 'contact').update_address(values)

    def _handle_first_contact_creation(self):
        """The first contact given an address under a company without one
        most likely carries the company's own address: copy it up."""
        company = self.parent_id
        keys = self._address_fields()
        company_is_top = company.is_company or not company.parent_id
        if (company_is_top and len(company.child_ids) == 1
                and any(self[key] for key in keys) and not any(company[key] for key in keys)):
            company.update_address(self._update_fields_values(keys))

    def _clean_website(self, website):
        parsed = urlsplit(website)
        if parsed.scheme:
            return website
        if not parsed.netloc:
            # "www.example.com" parses as a path
            parsed = parsed._replace(netloc=parsed.path, path='')
        return parsed._replace(scheme='http').geturl()

    def _prepare_partner_vals(self, vals):
        if vals.get('website'):
            vals['website'] = self._clean_website(vals['website'])
        if vals.get('parent_id'):
            # a real parent replaces the free-text company name
            vals['company_name'] = False
        return vals

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get('import_file'):
            self._check_import_consistency(vals_list)
        vals_list = [self._prepare_partner_vals(vals) for vals in vals_list]
        records = super().create(vals_list)
        if not self.env.context.get('_partners_skip_fields_sync'):
            for record, vals in zip(records, vals_list):
                if not (record.parent_id or vals.get('child_ids')):
                    continue  # a lone new partner has nothing to synchronise with
                record._fields_sync(vals)
                if record.parent_id and 'lang' not in vals:
                    record._onchange_parent_id_for_lang()
                record._handle_first_contact_creation()
        return records

    def _load_records_create(self, vals_list):
        # data files create many partners: sync from their parents in batches
        quiet = self.with_context(_partners_skip_fields_sync=True)
        records = super(Partner, quiet)._load_records_create(vals_list)
        batches = defaultdict(list)
        for record, vals in zip(records, vals_list):
            entity = record.commercial_partner_id
            entity_id = entity.id if vals.get('parent_id') and entity != record else None
            address_from = record.parent_id.id if record.parent_id and record.type == 'contact' else None
            batches[entity_id, address_from].append(record.id)
        for (entity_id, address_from), member_ids in batches.items():
            shared = {}
            if entity_id:
                shared.update(self.browse(entity_id)._update_fields_values(self._commercial_fields()))
            if address_from:
                source = self.browse(address_from)
                shared.update({key: _write_value(source[key]) for key in self._address_fields() if source[key]})
            if shared:
                self.sudo().browse(member_ids).write(shared)
        for record, vals in zip(records, vals_list):
            record._children_sync(vals)
            record._handle_first_contact_creation()
        return records

    def _refuse_if_users(self, action):
        """Forbid archiving/deleting partners that still have active users."""
        users = self.env['res.users'].sudo().search([('partner_id', 'in', self.ids)])
        if not users:
            return
        names = ", ".join(users.mapped('display_name'))
        if action == 'archive':
            text = _('These contacts are the partners of active users (%(names)s): archive the users first.',
                     names=names)
        else:
            text = _('These contacts are the partners of active users (%(names)s): they cannot be deleted; '
                     'archive the users, then the contacts.', names=names)
        if self.env['res.users'].sudo(False).has_access('write'):
            raise RedirectWarning(text, users._action_show(), _('Go to users'))
        raise ValidationError(text + '\n' + _('Ask an administrator to archive those users.'))

    def write(self, vals):
        if vals.get('active') is False:
            self.invalidate_recordset(['user_ids'])
            self._refuse_if_users('archive')
        vals = self._prepare_partner_vals(vals)
        if 'company_id' in vals:
            self._propagate_company(vals['company_id'])
        done = True
        if 'is_company' in vals and not self.env.su and self.env.user.has_group('base.group_partner_manager'):
            # contact managers may switch person/company even on records whose
            # other fields they cannot write
            done = super(Partner, self.sudo()).write({'is_company': vals.pop('is_company')})
        done = done and super().write(vals)
        for record in self:
            if any(user._is_internal() for user in record.user_ids if user != self.env.user):
                self.env['res.users'].check_access('write')
            record._fields_sync(vals)
        return done

    def _propagate_company(self, company_id):
        """Give ``company_id`` to the children; refuse a company the
        partner's users do not all have as their company."""
        for record in self:
            if company_id and record.user_ids:
                user_companies = record.user_ids.company_id
                if user_companies != self.env['res.company'].browse(company_id):
                    raise UserError(_('Partner %(partner)s belongs to users of another company: its company '
                                      'must stay theirs.', partner=record.display_name))
            if record.child_ids:
                record.child_ids.write({'company_id': company_id})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_user(self):
        self._refuse_if_users('delete')

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        if not default.get('name'):
            for record, vals in zip(self, vals_list):
                vals['name'] = _("%s (copy)", record.name)
        return vals_list

    @api.model
    def name_create(self, name):
        """Create a partner from "Name <email>" (or a bare email)."""
        ctx_type = self._context.get('default_type')
        if ctx_type and ctx_type not in self._fields['type'].get_values(self.env):
            self = self.with_context({k: v for k, v in self._context.items() if k != 'default_type'})  # noqa: PLW0642
        parsed_name, parsed_email = tools.parse_contact_from_email(name)
        if not parsed_email and self._context.get('force_email'):
            raise ValidationError(_("An email address is required to create this contact."))
        values = {self._rec_name: parsed_name or parsed_email}
        if parsed_email:
            values['email'] = parsed_email
        record = self.create(values)
        return record.id, record.display_name

    @api.model
    @api.returns('self', lambda value: value.id)
    def find_or_create(self, email, assert_valid_email=False):
        """The partner with the given email, created when there is none."""
        if not email:
            raise ValueError(_('find_or_create needs an email.'))
        parsed_name, parsed_email = tools.parse_contact_from_email(email)
        if not parsed_email:
            if assert_valid_email:
                raise ValueError(_('find_or_create needs a valid email, not %(email)r.', email=email))
        else:
            existing = self.search([('email', '=ilike', parsed_email)], limit=1)
            if existing:
                return existing
        values = {self._rec_name: parsed_name or parsed_email}
        if parsed_email:
            values['email'] = parsed_email
        return self.create(values)

    # ------------------------------------------------------------------
    # actions and business methods
    # ------------------------------------------------------------------

    def create_company(self):
        """Turn the typed company name into a real company partner."""
        self.ensure_one()
        if not self.company_name:
            return True
        company_vals = {'name': self.company_name, 'is_company': True, 'vat': self.vat}
        company_vals.update(self._update_fields_values(self._address_fields()))
        company = self.create(company_vals)
        moves = [Command.update(child.id, {'parent_id': company.id}) for child in self.child_ids]
        self.write({'parent_id': company.id, 'child_ids': moves})
        return True

    def open_commercial_entity(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': self._name,
            'res_id': self.commercial_partner_id.id,
            'view_mode': 'form',
            'target': 'current',
        }

    def address_get(self, adr_pref=None):
        """{address type: partner id}: for each wanted type, the first such
        partner found depth-first among the descendants that are not
        companies, then among the ancestors up to the commercial entity;
        falling back on the 'contact' found, then on the partner itself."""
        wanted = set(adr_pref or []) | {'contact'}
        found = {}
        seen = set()

        def walk(node):
            # depth-first, children before siblings; stop at other companies
            seen.add(node)
            if node.type in wanted:
                found.setdefault(node.type, node.id)
            if len(found) == len(wanted):
                return True
            return any(walk(child) for child in node.child_ids if child not in seen and not child.is_company)

        for start in self:
            level = start
            while level:
                if walk(level):
                    return found
                if level.is_company or not level.parent_id:
                    break
                level = level.parent_id
        fallback = found.get('contact', self.id or False)
        return {kind: found.get(kind) or fallback for kind in wanted}

    @api.model
    def view_header_get(self, view_id, view_type):
        tag_id = self.env.context.get('category_id')
        if tag_id:
            tag = self.env['res.partner.category'].browse(tag_id)
            return _('Partners: %(category)s', category=tag.name)
        return super().view_header_get(view_id, view_type)

    @api.model
    def _get_default_address_format(self):
        return "%(street)s\n%(street2)s\n%(city)s %(state_code)s %(zip)s\n%(country_name)s"

    @api.model
    def _get_address_format(self):
        return self.country_id.address_format or self._get_default_address_format()

    def _prepare_display_address(self, without_company=False):
        layout = self._get_address_format()
        args = defaultdict(str)
        for key in self._formatting_address_fields():
            value = self[key]
            args[key] = (value.display_name if isinstance(value, models.BaseModel) else value) or ''
        args.update(
            state_code=self.state_id.code or '',
            state_name=self.state_id.name or '',
            country_code=self.country_id.code or '',
            country_name=self._get_country_name(),
            company_name='' if without_company else (self.commercial_company_name or ''),
        )
        if args['company_name']:
            layout = '%(company_name)s\n' + layout
        return layout, args

    def _display_address(self, without_company=False):
        """The address laid out as its country writes addresses."""
        layout, args = self._prepare_display_address(without_company)
        return layout % args

    def _display_address_depends(self):
        return [*self._formatting_address_fields(), 'country_id', 'company_name', 'state_id']

    def _get_country_name(self):
        return self.country_id.name or ''

    @api.model
    def _check_import_consistency(self, vals_list):
        """An imported state must belong to the imported country: otherwise
        take the state of the same code in that country, or none."""
        State = self.env['res.country.state']
        for vals in vals_list:
            state_id, country_id = vals.get('state_id'), vals.get('country_id')
            if not (state_id and country_id):
                continue
            state = State.browse(state_id)
            if state.country_id.id != country_id:
                vals['state_id'] = State.search([('country_id', '=', country_id), ('code', '=', state.code)],
                                                limit=1).id

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
