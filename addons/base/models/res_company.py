"""``res.company``: the companies (and branches) of the database, each
backed by a partner that holds its name, address and contact details."""
from __future__ import annotations

import base64

from odoo import api, fields, models, tools, _, Command, SUPERUSER_ID
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import file_open, html2plaintext



class Company(models.Model):
    _name = "res.company"
    _description = 'Companies'
    _order = 'sequence, name'
    _inherit = ['format.address.mixin', 'format.vat.label.mixin']
    _parent_store = True

    def _get_logo(self):
        with file_open('base/static/img/res_company_logo.png', 'rb') as logo:
            return base64.b64encode(logo.read())

    def _default_currency_id(self):
        return self.env.user.company_id.currency_id

    name = fields.Char(related='partner_id.name', string='Company Name', required=True, store=True, readonly=False)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(help='Used to order Companies in the company switcher', default=10)
    parent_id = fields.Many2one('res.company', string='Parent Company', index=True, ondelete='restrict')
    child_ids = fields.One2many('res.company', 'parent_id', string='Branches')
    all_child_ids = fields.One2many('res.company', 'parent_id', context={'active_test': False})
    parent_path = fields.Char(index=True)
    parent_ids = fields.Many2many('res.company', compute='_compute_parent_ids', compute_sudo=True)
    root_id = fields.Many2one('res.company', compute='_compute_parent_ids', compute_sudo=True)
    partner_id = fields.Many2one('res.partner', string='Partner', required=True)
    report_header = fields.Html(string='Company Tagline', translate=True,
                                help="Company tagline, shown in the header or footer of printed documents.")
    report_footer = fields.Html(string='Report Footer', translate=True,
                                help="Footer text displayed at the bottom of all reports.")
    company_details = fields.Html(string='Company Details', translate=True,
                                  help="Header text displayed at the top of all reports.")
    is_company_details_empty = fields.Boolean(compute='_compute_empty_company_details')
    logo = fields.Binary(related='partner_id.image_1920', default=_get_logo, string="Company Logo", readonly=False)
    # kept in the table (not as attachment) so the web client can read it by SQL
    logo_web = fields.Binary(compute='_compute_logo_web', store=True, attachment=False)
    uses_default_logo = fields.Boolean(compute='_compute_uses_default_logo', store=True)
    currency_id = fields.Many2one('res.currency', string='Currency', required=True,
                                  default=lambda self: self._default_currency_id())
    user_ids = fields.Many2many('res.users', 'res_company_users_rel', 'cid', 'user_id', string='Accepted Users')
    street = fields.Char(compute='_compute_address', inverse='_inverse_street')
    street2 = fields.Char(compute='_compute_address', inverse='_inverse_street2')
    zip = fields.Char(compute='_compute_address', inverse='_inverse_zip')
    city = fields.Char(compute='_compute_address', inverse='_inverse_city')
    state_id = fields.Many2one('res.country.state', compute='_compute_address', inverse='_inverse_state',
                               string="Fed. State", domain="[('country_id', '=?', country_id)]")
    bank_ids = fields.One2many(related='partner_id.bank_ids', readonly=False)
    country_id = fields.Many2one('res.country', compute='_compute_address', inverse='_inverse_country',
                                 string="Country")
    country_code = fields.Char(related='country_id.code', depends=['country_id'])
    email = fields.Char(related='partner_id.email', store=True, readonly=False)
    phone = fields.Char(related='partner_id.phone', store=True, readonly=False)
    mobile = fields.Char(related='partner_id.mobile', store=True, readonly=False)
    website = fields.Char(related='partner_id.website', readonly=False)
    vat = fields.Char(related='partner_id.vat', string="Tax ID", readonly=False)
    company_registry = fields.Char(related='partner_id.company_registry', string="Company ID", readonly=False)
    paperformat_id = fields.Many2one('report.paperformat', 'Paper format',
                                     default=lambda self: self.env.ref('base.paperformat_euro',
                                                                       raise_if_not_found=False))
    external_report_layout_id = fields.Many2one('ir.ui.view', 'Document Template')
    font = fields.Selection([
        ("Lato", "Lato"), ("Roboto", "Roboto"), ("Open_Sans", "Open Sans"), ("Montserrat", "Montserrat"),
        ("Oswald", "Oswald"), ("Raleway", "Raleway"), ('Tajawal', 'Tajawal'), ('Fira_Mono', 'Fira Mono'),
    ], default="Lato")
    primary_color = fields.Char()
    secondary_color = fields.Char()
    color = fields.Integer(compute='_compute_color', inverse='_inverse_color')
    layout_background = fields.Selection([('Blank', 'Blank'), ('Demo logo', 'Demo logo'), ('Custom', 'Custom')],
                                         default="Blank", required=True)
    layout_background_image = fields.Binary("Background Image")

    _sql_constraints = [
        ('name_uniq', 'unique (name)', 'The company name must be unique!'),
    ]

    def init(self):
        paperformat = self.env.ref('base.paperformat_euro', raise_if_not_found=False)
        if paperformat:
            self.search([('paperformat_id', '=', False)]).write({'paperformat_id': paperformat.id})
        parent = super()
        if hasattr(parent, 'init'):
            parent.init()

    def _get_company_root_delegated_field_names(self):
        """Fields every branch shares with its root company (read-only on branches)."""
        return ['currency_id']

    def _get_company_address_field_names(self):
        """Address fields that mirror the same fields of the company's partner."""
        return ['street', 'street2', 'city', 'zip', 'state_id', 'country_id']

    def _get_company_address_update(self, partner):
        return {fname: partner[fname] for fname in self._get_company_address_field_names()}

    @api.depends('parent_path')
    def _compute_parent_ids(self):
        for company in self.with_context(active_test=False):
            if company.parent_path:
                company.parent_ids = self.browse(int(pid) for pid in company.parent_path.split('/') if pid)
            else:
                company.parent_ids = company
            company.root_id = company.parent_ids[0]

    @api.depends(lambda self: [f'partner_id.{fname}' for fname in self._get_company_address_field_names()])
    def _compute_address(self):
        for company in self.filtered(lambda c: c.partner_id):
            contact = company.partner_id.sudo().address_get(adr_pref=['contact'])['contact']
            if contact:
                partner = company.partner_id.browse(contact).sudo()
                company.update(company._get_company_address_update(partner))

    def _inverse_street(self):
        for company in self:
            company.partner_id.street = company.street

    def _inverse_street2(self):
        for company in self:
            company.partner_id.street2 = company.street2

    def _inverse_zip(self):
        for company in self:
            company.partner_id.zip = company.zip

    def _inverse_city(self):
        for company in self:
            company.partner_id.city = company.city

    def _inverse_state(self):
        for company in self:
            company.partner_id.state_id = company.state_id

    def _inverse_country(self):
        for company in self:
            company.partner_id.country_id = company.country_id

    @api.depends('partner_id.image_1920')
    def _compute_logo_web(self):
        for company in self:
            image = company.partner_id.image_1920
            company.logo_web = image and base64.b64encode(
                tools.image_process(base64.b64decode(image), size=(180, 0)))

    @api.depends('partner_id.image_1920')
    def _compute_uses_default_logo(self):
        default_logo = self._get_logo()
        for company in self:
            company.uses_default_logo = not company.logo or company.logo == default_logo

    @api.depends('root_id')
    def _compute_color(self):
        for company in self:
            company.color = company.root_id.partner_id.color or (company.root_id._origin.id % 12)

    def _inverse_color(self):
        for company in self:
            company.root_id.partner_id.color = company.color

    @api.depends('company_details')
    def _compute_empty_company_details(self):
        # an emptied html editor still leaves markup such as <p><br></p>
        for company in self:
            company.is_company_details_empty = not html2plaintext(company.company_details or '')

    @api.onchange('state_id')
    def _onchange_state(self):
        if self.state_id.country_id:
            self.country_id = self.state_id.country_id

    @api.onchange('country_id')
    def _onchange_country_id(self):
        if self.country_id:
            self.currency_id = self.country_id.currency_id

    @api.onchange('parent_id')
    def _onchange_parent_id(self):
        if self.parent_id:
            for fname in self._get_company_root_delegated_field_names():
                if self[fname] != self.parent_id[fname]:
                    self[fname] = self.parent_id[fname]

    @api.constrains('active')
    def _check_active(self):
        for company in self:
            if company.active:
                continue
            active_users = self.env['res.users'].search_count([
                ('company_id', '=', company.id), ('active', '=', True)])
            if active_users:
                raise ValidationError(_(
                    'The company %(company_name)s cannot be archived because it is still used '
                    'as the default company of %(active_users)s users.',
                    company_name=company.name, active_users=active_users))

    @api.constrains(lambda self: self._get_company_root_delegated_field_names() + ['parent_id'])
    def _check_root_delegated_fields(self):
        for company in self:
            if not company.parent_id:
                continue
            for fname in company._get_company_root_delegated_field_names():
                if company[fname] != company.parent_id[fname]:
                    description = self._fields[fname].get_description(self.env)['string']
                    raise ValidationError(_("The %s of a subsidiary must be the same as it's root company.",
                                            description))

    @api.model
    def _get_view(self, view_id=None, view_type='form', **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        delegated = set(self._get_company_root_delegated_field_names())
        for node in arch.iter("field"):
            if node.get('name') in delegated:
                node.set('readonly', "parent_id != False")
        return arch, view

    @api.model
    def _search_display_name(self, operator, value):
        context = dict(self.env.context)
        constraint = []
        newself = self
        if context.pop('user_preference', None):
            # the company switcher offers the user's companies, whatever
            # the record rules let them read
            constraint = [('id', 'in', self.env.user.company_ids.ids)]
            newself = newself.sudo()
        domain = super(Company, newself.with_context(context))._search_display_name(operator, value)
        return expression.AND([domain, constraint])

    @api.model_create_multi
    def create(self, vals_list):
        # a company without a partner gets one, carrying its contact details
        without_partner = [vals for vals in vals_list if vals.get('name') and not vals.get('partner_id')]
        if without_partner:
            partners = self.env['res.partner'].with_context(default_parent_id=False).create([{
                'name': vals['name'],
                'is_company': True,
                'image_1920': vals.get('logo'),
                'email': vals.get('email'),
                'phone': vals.get('phone'),
                'website': vals.get('website'),
                'vat': vals.get('vat'),
                'country_id': vals.get('country_id'),
            } for vals in without_partner])
            partners.flush_model()
            for vals, partner in zip(without_partner, partners):
                vals['partner_id'] = partner.id
        for vals in vals_list:
            parent = self.browse(vals.get('parent_id'))
            if parent:
                for fname in self._get_company_root_delegated_field_names():
                    vals.setdefault(fname, self._fields[fname].convert_to_write(parent[fname], parent))
        self.env.registry.clear_cache()
        companies = super().create(vals_list)
        if companies:
            # the creator and the superuser may work in the new companies
            (self.env.user | self.env['res.users'].browse(SUPERUSER_ID)).write({
                'company_ids': [Command.link(company.id) for company in companies],
            })
        companies.currency_id.sudo().filtered(lambda c: not c.active).active = True
        return companies

    def cache_invalidation_fields(self):
        return {'active', 'sequence'}

    def write(self, values):
        if not self.cache_invalidation_fields().isdisjoint(values):
            self.env.registry.clear_cache()
        if 'parent_id' in values:
            raise UserError(_("The company hierarchy cannot be changed."))
        if values.get('currency_id'):
            currency = self.env['res.currency'].browse(values['currency_id'])
            if not currency.active:
                currency.write({'active': True})
        res = super().write(values)
        if values.get('active') is False:
            self.child_ids.active = False
        delegated = set(values) & set(self._get_company_root_delegated_field_names())
        if delegated:
            for company in self.filtered(lambda c: not c.parent_id):
                branches = self.sudo().search([('id', 'child_of', company.id), ('id', '!=', company.id)])
                for fname in sorted(delegated):
                    branches[fname] = company[fname]
        address_fields = self._get_company_address_field_names()
        if set(address_fields) & set(values):
            self.invalidate_model(address_fields)
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def copy(self, default=None):
        raise UserError(_('Duplicating a company is not allowed. Please create a new company instead.'))

    @api.model
    def _get_main_company(self):
        try:
            return self.sudo().env.ref('base.main_company')
        except ValueError:
            return self.env['res.company'].sudo().search([], limit=1, order="id")

    def _accessible_branches(self):
        """The branches of this company (itself included) among the
        companies currently selected by the user."""
        self.ensure_one()
        accessible = self.env.companies
        branch_ids = []
        current = self.sudo()
        while current:
            branch_ids.extend((current & accessible).ids)
            current = current.child_ids
        if not branch_ids and self.env.uid == SUPERUSER_ID:
            # the superuser bypasses rules anyway (crons run as it)
            return self
        return self.browse(branch_ids)

    def _all_branches_selected(self):
        return self == self.sudo().search([('id', 'child_of', self.root_id.ids)])

    def action_all_company_branches(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Branches'),
            'res_model': 'res.company',
            'domain': [('parent_id', '=', self.id)],
            'context': {'active_test': False, 'default_parent_id': self.id},
            'views': [[False, 'list'], [False, 'kanban'], [False, 'form']],
        }

    def _get_public_user(self):
        self.ensure_one()
        public_users = self.env.ref('base.group_public').sudo().with_context(active_test=False).users
        for user in public_users:
            if user.company_id == self:
                return user
        return self.env.ref('base.public_user').sudo().copy({
            'name': 'Public user for %s' % self.name,
            'login': 'public-user@company-%s.com' % self.id,
            'company_id': self.id,
            'company_ids': [Command.set([self.id])],
        })
