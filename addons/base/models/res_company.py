"""``res.company``: the companies (and branches) of the database, each
backed by a partner that holds its name, address and contact details."""
from __future__ import annotations

import base64
import logging

from odoo import SUPERUSER_ID, Command, _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import file_open, html2plaintext

_logger = logging.getLogger(__name__)

# Address fields a company reads from (and writes to) its partner.
_ADDRESS_FIELDS = ('street', 'street2', 'city', 'zip', 'state_id', 'country_id')
_DEFAULT_LOGO = 'base/static/img/res_company_logo.png'
_FONTS = [("Lato", "Lato"), ("Roboto", "Roboto"), ("Open_Sans", "Open Sans"), ("Montserrat", "Montserrat"),
          ("Oswald", "Oswald"), ("Raleway", "Raleway"), ('Tajawal', 'Tajawal'), ('Fira_Mono', 'Fira Mono')]


class Company(models.Model):
    _name = "res.company"
    _description = 'Companies'
    _order = 'sequence, name'
    _inherit = ['format.address.mixin', 'format.vat.label.mixin']
    _parent_store = True

    def _get_logo(self):
        with file_open(_DEFAULT_LOGO, 'rb') as image:
            return base64.b64encode(image.read())

    def _default_currency_id(self):
        user_company = self.env.user.company_id
        return user_company.currency_id

    name = fields.Char(related='partner_id.name', string='Company Name', required=True, store=True, readonly=False)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(help='Position in the company switcher', default=10)
    parent_id = fields.Many2one('res.company', string='Parent Company', index=True, ondelete='restrict')
    child_ids = fields.One2many('res.company', 'parent_id', string='Branches')
    all_child_ids = fields.One2many('res.company', 'parent_id', context={'active_test': False})
    parent_path = fields.Char(index=True)
    parent_ids = fields.Many2many('res.company', compute='_compute_parent_ids', compute_sudo=True)
    root_id = fields.Many2one('res.company', compute='_compute_parent_ids', compute_sudo=True)
    partner_id = fields.Many2one('res.partner', string='Partner', required=True)
    report_header = fields.Html(string='Company Tagline', translate=True, help="Tagline printed in document headers or footers.")
    report_footer = fields.Html(string='Report Footer', translate=True, help="Text printed at the bottom of reports.")
    company_details = fields.Html(string='Company Details', translate=True, help="Text printed at the top of reports.")
    is_company_details_empty = fields.Boolean(compute='_compute_empty_company_details')
    logo = fields.Binary(related='partner_id.image_1920', default=_get_logo, string="Company Logo", readonly=False)
    # kept in the table (not as attachment) so the web client can read it by SQL
    logo_web = fields.Binary(compute='_compute_logo_web', store=True, attachment=False)
    uses_default_logo = fields.Boolean(compute='_compute_uses_default_logo', store=True)
    currency_id = fields.Many2one('res.currency', string='Currency', required=True, default=lambda self: self._default_currency_id())
    user_ids = fields.Many2many('res.users', 'res_company_users_rel', 'cid', 'user_id', string='Accepted Users')
    street = fields.Char(compute='_compute_address', inverse='_inverse_street')
    street2 = fields.Char(compute='_compute_address', inverse='_inverse_street2')
    zip = fields.Char(compute='_compute_address', inverse='_inverse_zip')
    city = fields.Char(compute='_compute_address', inverse='_inverse_city')
    state_id = fields.Many2one('res.country.state', compute='_compute_address', inverse='_inverse_state', string="Fed. State", domain="[('country_id', '=?', country_id)]")
    bank_ids = fields.One2many(related='partner_id.bank_ids', readonly=False)
    country_id = fields.Many2one('res.country', compute='_compute_address', inverse='_inverse_country', string="Country")
    country_code = fields.Char(related='country_id.code', depends=['country_id'])
    email = fields.Char(related='partner_id.email', store=True, readonly=False)
    phone = fields.Char(related='partner_id.phone', store=True, readonly=False)
    mobile = fields.Char(related='partner_id.mobile', store=True, readonly=False)
    website = fields.Char(related='partner_id.website', readonly=False)
    vat = fields.Char(related='partner_id.vat', string="Tax ID", readonly=False)
    company_registry = fields.Char(related='partner_id.company_registry', string="Company ID", readonly=False)
    paperformat_id = fields.Many2one('report.paperformat', 'Paper format', default=lambda self: self.env.ref('base.paperformat_euro', raise_if_not_found=False))
    external_report_layout_id = fields.Many2one('ir.ui.view', 'Document Template')
    font = fields.Selection(_FONTS, default="Lato")
    primary_color = fields.Char()
    secondary_color = fields.Char()
    color = fields.Integer(compute='_compute_color', inverse='_inverse_color')
    layout_background = fields.Selection([('Blank', 'Blank'), ('Demo logo', 'Demo logo'), ('Custom', 'Custom')], default="Blank", required=True)
    layout_background_image = fields.Binary("Background Image")

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'Two companies cannot have the same name.'),
    ]

    def init(self):
        euro_format = self.env.ref('base.paperformat_euro', raise_if_not_found=False)
        if euro_format:
            self.search([('paperformat_id', '=', False)]).write({'paperformat_id': euro_format.id})
        parent = super()
        if hasattr(parent, 'init'):
            parent.init()

    def _get_company_root_delegated_field_names(self):
        """Fields every branch shares with its root company (read-only on branches)."""
        return ['currency_id']

    def _get_company_address_field_names(self):
        """Address fields that mirror the same fields of the company's partner."""
        return list(_ADDRESS_FIELDS)

    def _get_company_address_update(self, partner):
        return {name: partner[name] for name in self._get_company_address_field_names()}

    # ------------------------------------------------------------------
    # computes and inverses
    # ------------------------------------------------------------------

    @api.depends('parent_path')
    def _compute_parent_ids(self):
        for record in self.with_context(active_test=False):
            chain = [int(part) for part in (record.parent_path or '').split('/') if part]
            ancestry = self.browse(chain) if chain else record
            record.parent_ids = ancestry
            record.root_id = ancestry[:1]

    @api.depends(lambda self: [f'partner_id.{name}' for name in self._get_company_address_field_names()])
    def _compute_address(self):
        for record in self:
            if not record.partner_id:
                continue
            contact_id = record.partner_id.sudo().address_get(adr_pref=['contact'])['contact']
            if contact_id:
                source = self.env['res.partner'].sudo().browse(contact_id)
                record.update(record._get_company_address_update(source))

    def _push_to_partner(self, name):
        for record in self:
            record.partner_id[name] = record[name]

    def _inverse_street(self):
        self._push_to_partner('street')

    def _inverse_street2(self):
        self._push_to_partner('street2')

    def _inverse_zip(self):
        self._push_to_partner('zip')

    def _inverse_city(self):
        self._push_to_partner('city')

    def _inverse_state(self):
        self._push_to_partner('state_id')

    def _inverse_country(self):
        self._push_to_partner('country_id')

    @api.depends('partner_id.image_1920')
    def _compute_logo_web(self):
        for record in self:
            picture = record.partner_id.image_1920
            if picture:
                small = tools.image_process(base64.b64decode(picture), size=(180, 0))
                record.logo_web = base64.b64encode(small)
            else:
                record.logo_web = False

    @api.depends('partner_id.image_1920')
    def _compute_uses_default_logo(self):
        shipped = self._get_logo()
        for record in self:
            record.uses_default_logo = record.logo in (False, None, b'', shipped)

    @api.depends('root_id')
    def _compute_color(self):
        for record in self:
            root = record.root_id
            # without a colour of its own, a root gets one derived from its id
            record.color = root.partner_id.color or root._origin.id % 12

    def _inverse_color(self):
        for record in self:
            record.root_id.partner_id.color = record.color

    @api.depends('company_details')
    def _compute_empty_company_details(self):
        # an emptied html editor still leaves markup such as <p><br></p>
        for record in self:
            record.is_company_details_empty = not html2plaintext(record.company_details or '')

    # ------------------------------------------------------------------
    # onchanges and constraints
    # ------------------------------------------------------------------

    @api.onchange('state_id')
    def _onchange_state(self):
        country = self.state_id.country_id
        if country:
            self.country_id = country

    @api.onchange('country_id')
    def _onchange_country_id(self):
        country = self.country_id
        if country:
            self.currency_id = country.currency_id

    @api.onchange('parent_id')
    def _onchange_parent_id(self):
        root = self.parent_id
        if root:
            self.update({name: root[name] for name in self._get_company_root_delegated_field_names()})

    @api.constrains('active')
    def _check_active(self):
        Users = self.env['res.users']
        for record in self.filtered(lambda c: not c.active):
            holders = Users.search_count([('company_id', '=', record.id), ('active', '=', True)])
            if holders:
                raise ValidationError(_(
                    'Company %(company_name)s is the default company of %(active_users)s active users: '
                    'it cannot be archived.', company_name=record.name, active_users=holders))

    @api.constrains(lambda self: self._get_company_root_delegated_field_names() + ['parent_id'])
    def _check_root_delegated_fields(self):
        shared = self._get_company_root_delegated_field_names()
        for record in self.filtered('parent_id'):
            for name in shared:
                if record[name] != record.parent_id[name]:
                    label = self._fields[name].get_description(self.env)['string']
                    raise ValidationError(_('Branch %(branch)s must have the same %(field)s as its parent company.',
                                            branch=record.name, field=label))

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        shared = self._get_company_root_delegated_field_names()
        for node in arch.iter("field"):
            if node.get('name') in shared:
                node.set('readonly', "parent_id != False")
        return arch, view

    @api.model
    def _search_display_name(self, operator, value):
        if not self.env.context.get('user_preference'):
            return super()._search_display_name(operator, value)
        # the company switcher offers the user's companies, whatever the
        # record rules let them read
        plain = self.sudo().with_context(user_preference=None)
        domain = super(Company, plain)._search_display_name(operator, value)
        return expression.AND([domain, [('id', 'in', self.env.user.company_ids.ids)]])

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._create_missing_partners(vals_list)
        for vals in vals_list:
            if vals.get('parent_id'):
                root = self.browse(vals['parent_id'])
                for name in self._get_company_root_delegated_field_names():
                    if name not in vals:
                        vals[name] = self._fields[name].convert_to_write(root[name], root)
        self.env.registry.clear_cache()
        companies = super().create(vals_list)
        if companies:
            # the creator and the superuser may work in the new companies
            allowed = self.env.user | self.env['res.users'].browse(SUPERUSER_ID)
            allowed.write({'company_ids': [Command.link(cid) for cid in companies.ids]})
            inactive = companies.currency_id.sudo().filtered(lambda cur: not cur.active)
            inactive.write({'active': True})
        return companies

    def _create_missing_partners(self, vals_list):
        """A company without a partner gets one carrying its contact details."""
        pending = [vals for vals in vals_list if vals.get('name') and not vals.get('partner_id')]
        if not pending:
            return
        copied = ('email', 'phone', 'website', 'vat', 'country_id')
        partners = self.env['res.partner'].with_context(default_parent_id=False).create([
            dict({key: vals.get(key) for key in copied}, name=vals['name'], is_company=True,
                 image_1920=vals.get('logo'))
            for vals in pending
        ])
        partners.flush_model()
        for vals, partner in zip(pending, partners):
            vals['partner_id'] = partner.id

    def cache_invalidation_fields(self):
        return {'active', 'sequence'}

    def write(self, values):
        if 'parent_id' in values:
            raise UserError(_("A company cannot move to another parent once created."))
        if self.cache_invalidation_fields() & values.keys():
            self.env.registry.clear_cache()
        if values.get('currency_id'):
            self.env['res.currency'].browse(values['currency_id']).filtered(lambda c: not c.active).write(
                {'active': True})
        result = super().write(values)
        if values.get('active') is False:
            # archiving a company archives its branches
            self.child_ids.write({'active': False})
        shared = set(values) & set(self._get_company_root_delegated_field_names())
        for root in self.filtered(lambda c: not c.parent_id) if shared else ():
            branches = self.sudo().search([('id', 'child_of', root.id), ('id', '!=', root.id)])
            if branches:
                branches.write({name: self._fields[name].convert_to_write(root[name], root) for name in shared})
        address = self._get_company_address_field_names()
        if set(address) & values.keys():
            self.invalidate_model(address)
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def copy(self, default=None):
        raise UserError(_('Companies cannot be duplicated: create a new one.'))

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------

    @api.model
    @api.returns('self', lambda value: value.id)
    def _company_default_get(self, object=False, field=False):
        """Deprecated in Odoo: the current company."""
        _logger.warning("res.company._company_default_get() is deprecated: use self.env.company")
        return self.env.company

    @api.model
    def _get_main_company(self):
        main = self.env.ref('base.main_company', raise_if_not_found=False)
        return main.sudo() if main else self.sudo().search([], order="id", limit=1)

    def _accessible_branches(self):
        """The branches of this company (itself included) among the
        companies currently selected by the user."""
        self.ensure_one()
        selected = self.env.companies
        found = self.browse()
        level = self.sudo()
        while level:
            found |= level & selected
            level = level.child_ids
        if not found and self.env.uid == SUPERUSER_ID:
            # the superuser bypasses rules anyway (crons run as it)
            return self
        return self.browse(found.ids)

    def _all_branches_selected(self):
        everything = self.sudo().search([('id', 'child_of', self.root_id.ids)])
        return self == everything

    def action_all_company_branches(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Branches'),
            'res_model': self._name,
            'domain': [('parent_id', '=', self.id)],
            'context': {'active_test': False, 'default_parent_id': self.id},
            'views': [(False, 'list'), (False, 'kanban'), (False, 'form')],
        }

    def _get_public_user(self):
        """The public user of this company, created from base.public_user
        the first time."""
        self.ensure_one()
        group = self.env.ref('base.group_public').sudo()
        existing = group.with_context(active_test=False).users.filtered(lambda u: u.company_id == self)
        if existing:
            return existing[:1]
        template = self.env.ref('base.public_user').sudo()
        return template.copy({
            'name': f'Public user for {self.name}',
            'login': f'public-user@company-{self.id}.com',
            'company_id': self.id,
            'company_ids': [Command.set(self.ids)],
        })
