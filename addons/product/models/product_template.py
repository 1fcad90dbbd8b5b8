"""``product.template``: what is sold or bought, with its prices, units, category
and images. Each template has its variants (``product.product``), which inherit
its fields by delegation; here a template always has exactly one variant."""
from __future__ import annotations

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.image import is_image_size_above

# fields that live on the variant and are mirrored on a single-variant template
VARIANT_MIRRORED_FIELDS = ('barcode', 'default_code', 'standard_price', 'volume', 'weight')


class ProductTemplate(models.Model):
    _name = 'product.template'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'image.mixin']
    _description = 'Product'
    _order = 'is_favorite desc, name'
    _check_company_auto = True
    _check_company_domain = models.check_company_domain_parent_of

    @tools.ormcache()
    def _get_default_category_id(self):
        # 'All' cannot be deleted (see product.category), so the cached record stays valid
        return self.env.ref('product.product_category_all', raise_if_not_found=True)

    @tools.ormcache()
    def _get_default_uom_id(self):
        return self.env.ref('uom.product_uom_unit', raise_if_not_found=True)

    def _read_group_categ_id(self, categories, domain):
        wanted = self.env.context.get('default_categ_id')
        if not wanted and self.env.context.get('group_expand'):
            wanted = categories.sudo()._search([], order=categories._order)
        return categories.browse(wanted)

    name = fields.Char('Name', index='trigram', required=True, translate=True)
    sequence = fields.Integer('Sequence', default=1, help="Order of the product in lists.")
    description = fields.Html('Description', translate=True)
    description_purchase = fields.Text('Purchase Description', translate=True)
    description_sale = fields.Text(
        string='Sales Description', translate=True,
        help="Shown to customers: copied onto quotations, orders and invoices.")
    type = fields.Selection(
        selection=[('consu', "Goods"), ('service', "Service"), ('combo', "Combo")],
        string="Product Type", required=True, default='consu',
        help="Goods are things you hand over; a service is work you provide.")
    service_tracking = fields.Selection(
        selection=[('no', 'Nothing')], string="Create on Order", default='no',
        compute='_compute_service_tracking', store=True, readonly=False, required=True)
    categ_id = fields.Many2one(
        'product.category', 'Product Category', change_default=True,
        default=_get_default_category_id, group_expand='_read_group_categ_id', required=True)
    # custom fields defined on the category
    product_properties = fields.Properties('Properties', definition='categ_id.product_properties_definition',
                                           copy=True)
    currency_id = fields.Many2one('res.currency', 'Currency', compute='_compute_currency_id')
    cost_currency_id = fields.Many2one('res.currency', 'Cost Currency', compute='_compute_cost_currency_id')
    list_price = fields.Float(
        'Sales Price', default=1.0, digits='Product Price', tracking=True,
        help="The price customers pay for one unit.")
    standard_price = fields.Float(
        'Cost', compute='_compute_standard_price', inverse='_set_standard_price',
        search='_search_standard_price', digits='Product Price', groups="base.group_user",
        help="What one unit costs the company; used for margins.")
    volume = fields.Float(
        'Volume', digits='Volume', store=True, compute='_compute_volume', inverse='_set_volume')
    volume_uom_name = fields.Char('Volume unit of measure label', compute='_compute_volume_uom_name')
    weight = fields.Float(
        'Weight', compute='_compute_weight', inverse='_set_weight', digits='Stock Weight', store=True)
    weight_uom_name = fields.Char('Weight unit of measure label', compute='_compute_weight_uom_name')
    sale_ok = fields.Boolean('Sales', default=True)
    purchase_ok = fields.Boolean(
        'Purchase', default=True, compute='_compute_purchase_ok', store=True, readonly=False)
    uom_id = fields.Many2one(
        'uom.uom', 'Unit of Measure', default=_get_default_uom_id, required=True,
        help="The unit in which the product is counted.")
    uom_name = fields.Char('Unit of Measure Name', related='uom_id.name', readonly=True)
    uom_category_id = fields.Many2one('uom.category', 'UoM Category', related='uom_id.category_id')
    uom_po_id = fields.Many2one(
        'uom.uom', 'Purchase Unit', compute='_compute_uom_po_id', store=True, readonly=False,
        precompute=True, required=True, domain="[('category_id', '=', uom_category_id)]",
        help="The unit used on purchase orders; of the same category as the unit of measure.")
    company_id = fields.Many2one('res.company', 'Company', index=True)
    active = fields.Boolean('Active', default=True, help="Archive the product to hide it without deleting it.")
    color = fields.Integer('Color Index')
    is_product_variant = fields.Boolean('Is a product variant', compute='_compute_is_product_variant')
    product_variant_ids = fields.One2many('product.product', 'product_tmpl_id', 'Products', required=True)
    product_variant_id = fields.Many2one('product.product', 'Product', compute='_compute_product_variant_id')
    product_variant_count = fields.Integer('# Product Variants', compute='_compute_product_variant_count')
    barcode = fields.Char(
        'Barcode', compute='_compute_barcode', inverse='_set_barcode', search='_search_barcode')
    default_code = fields.Char(
        'Internal Reference', compute='_compute_default_code', inverse='_set_default_code', store=True)
    can_image_1024_be_zoomed = fields.Boolean(
        'Can Image 1024 be zoomed', compute='_compute_can_image_1024_be_zoomed', store=True)
    has_configurable_attributes = fields.Boolean(
        'Is a configurable product', compute='_compute_has_configurable_attributes', store=True)
    product_tooltip = fields.Char(compute='_compute_product_tooltip')
    is_favorite = fields.Boolean('Favorite')
    product_tag_ids = fields.Many2many('product.tag', 'product_tag_product_template_rel', string='Tags')

    @api.depends('type')
    def _compute_service_tracking(self):
        for template in self:
            if template.type != 'service' or not template.service_tracking:
                template.service_tracking = 'no'

    def _compute_purchase_ok(self):
        # a hook: purchase-related modules decide; the stored value stays as entered
        pass

    @api.depends('uom_id')
    def _compute_uom_po_id(self):
        for template in self:
            same_category = template.uom_po_id and template.uom_po_id.category_id == template.uom_id.category_id
            if not same_category:
                template.uom_po_id = template.uom_id.id

    @api.depends('image_1920', 'image_1024')
    def _compute_can_image_1024_be_zoomed(self):
        # bin_size would hand over sizes instead of the pictures
        for template in self.with_context(bin_size=False):
            template.can_image_1024_be_zoomed = bool(
                template.image_1920 and is_image_size_above(template.image_1920, template.image_1024))

    def _compute_has_configurable_attributes(self):
        # product attributes are not provided: no template has configurable ones
        self.has_configurable_attributes = False

    @api.depends('product_variant_ids')
    def _compute_product_variant_id(self):
        for template in self:
            template.product_variant_id = template.product_variant_ids[:1]

    @api.depends('product_variant_ids.product_tmpl_id')
    def _compute_product_variant_count(self):
        for template in self:
            variants = template.product_variant_ids
            template.product_variant_count = len(variants)

    @api.depends('company_id')
    def _compute_currency_id(self):
        fallback = self.env['res.company']._get_main_company().currency_id
        for template in self:
            template.currency_id = template.company_id.sudo().currency_id or fallback

    @api.depends('company_id')
    @api.depends_context('company')
    def _compute_cost_currency_id(self):
        fallback = self.env.company.currency_id
        for template in self:
            template.cost_currency_id = template.company_id.sudo().currency_id or fallback

    def _compute_is_product_variant(self):
        self.is_product_variant = False

    def _compute_template_field_from_variant_field(self, fname, default=False):
        """Copy ``fname`` from the template's only variant; ``default`` when it has several
        or none (archived variants count when the template has no active one)."""
        for template in self:
            variants = template.product_variant_ids
            if not variants and self.env.context.get('active_test', True):
                variants = template.with_context(active_test=False).product_variant_ids
            template[fname] = variants[fname] if len(variants) == 1 else default

    def _set_product_variant_field(self, fname):
        """Write ``fname`` of each template onto its only variant (archived one included)."""
        for template in self:
            variants = template.product_variant_ids or template.with_context(active_test=False).product_variant_ids
            if len(variants) == 1:
                variants[fname] = template[fname]

    @api.depends_context('company')
    @api.depends('product_variant_ids.standard_price')
    def _compute_standard_price(self):
        self._compute_template_field_from_variant_field(fname='standard_price')

    def _set_standard_price(self):
        self._set_product_variant_field(fname='standard_price')

    def _search_standard_price(self, operator, value):
        return [('product_variant_ids.standard_price', operator, value)]

    @api.depends('product_variant_ids.volume')
    def _compute_volume(self):
        self._compute_template_field_from_variant_field(fname='volume')

    def _set_volume(self):
        self._set_product_variant_field(fname='volume')

    @api.depends('product_variant_ids.weight')
    def _compute_weight(self):
        self._compute_template_field_from_variant_field(fname='weight')

    def _set_weight(self):
        self._set_product_variant_field(fname='weight')

    @api.depends('product_variant_ids.barcode')
    def _compute_barcode(self):
        self._compute_template_field_from_variant_field(fname='barcode')

    def _set_barcode(self):
        self._set_product_variant_field(fname='barcode')

    def _search_barcode(self, operator, value):
        matching = self.with_context(active_test=False)._search([('product_variant_ids.barcode', operator, value)])
        return [('id', 'in', matching)]

    @api.depends('product_variant_ids.default_code')
    def _compute_default_code(self):
        self._compute_template_field_from_variant_field(fname='default_code')

    def _set_default_code(self):
        self._set_product_variant_field(fname='default_code')

    @api.model
    def _get_weight_uom_id_from_ir_config_parameter(self):
        in_pounds = self.env['ir.config_parameter'].sudo().get_param('product.weight_in_lbs') == '1'
        return self.env.ref('uom.product_uom_lb' if in_pounds else 'uom.product_uom_kgm')

    @api.model
    def _get_length_uom_id_from_ir_config_parameter(self):
        in_feet = self.env['ir.config_parameter'].sudo().get_param('product.volume_in_cubic_feet') == '1'
        return self.env.ref('uom.product_uom_foot' if in_feet else 'uom.product_uom_meter')

    @api.model
    def _get_volume_uom_id_from_ir_config_parameter(self):
        in_feet = self.env['ir.config_parameter'].sudo().get_param('product.volume_in_cubic_feet') == '1'
        return self.env.ref('uom.product_uom_cubic_foot' if in_feet else 'uom.product_uom_cubic_meter')

    @api.model
    def _get_weight_uom_name_from_ir_config_parameter(self):
        unit = self._get_weight_uom_id_from_ir_config_parameter()
        return unit.display_name

    @api.model
    def _get_length_uom_name_from_ir_config_parameter(self):
        unit = self._get_length_uom_id_from_ir_config_parameter()
        return unit.display_name

    @api.model
    def _get_volume_uom_name_from_ir_config_parameter(self):
        unit = self._get_volume_uom_id_from_ir_config_parameter()
        return unit.display_name

    @api.depends('type')
    def _compute_weight_uom_name(self):
        label = self._get_weight_uom_name_from_ir_config_parameter()
        for template in self:
            template.weight_uom_name = label

    @api.depends('type')
    def _compute_volume_uom_name(self):
        label = self._get_volume_uom_name_from_ir_config_parameter()
        for template in self:
            template.volume_uom_name = label

    @api.depends('type')
    def _compute_product_tooltip(self):
        for template in self:
            tooltip = template._prepare_tooltip()
            template.product_tooltip = tooltip

    def _prepare_tooltip(self) -> str:
        self.ensure_one()
        if self.type == 'combo':
            return _("A combo lets the customer pick one product from each group of choices.")
        return ""

    @api.constrains('uom_id', 'uom_po_id')
    def _check_uom(self):
        for template in self:
            if template.uom_id and template.uom_po_id and template.uom_id.category_id != template.uom_po_id.category_id:
                raise ValidationError(_(
                    "Product %(product)s: the purchase unit %(purchase)s is not of the same category "
                    "as the unit of measure %(unit)s.",
                    product=template.name, purchase=template.uom_po_id.name, unit=template.uom_id.name))

    @api.constrains('company_id')
    def _check_barcode_uniqueness(self):
        self.product_variant_ids._check_barcode_uniqueness()

    @api.onchange('uom_id')
    def _onchange_uom_id(self):
        if self.uom_id:
            self.uom_po_id = self.uom_id

    @api.onchange('type')
    def _onchange_type(self):
        if self.type == 'combo':
            self.purchase_ok = False
        return {}

    @api.onchange('default_code')
    def _onchange_default_code(self):
        if not self.default_code:
            return None
        same_code = [('default_code', '=', self.default_code)]
        if self.id.origin:
            same_code += [('id', '!=', self.id.origin)]
        if self.env['product.template'].search_count(same_code, limit=1):
            return {'warning': {
                'title': _("Note:"),
                'message': _("Another product already has the internal reference %s.", self.default_code),
            }}
        return None

    def _get_related_fields_variant_template(self) -> list[str]:
        return list(VARIANT_MIRRORED_FIELDS)

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        if self.env.context.get('create_product_product', True):
            templates._create_variant_ids()
        # the variant did not exist when the template's inverses ran: hand it its values now
        mirrored = self._get_related_fields_variant_template()
        for index, template in enumerate(templates):
            given = vals_list[index]
            on_variant = {name: given[name] for name in mirrored if given.get(name)}
            if on_variant:
                template.write(on_variant)
        return templates

    def write(self, vals):
        result = super().write(vals)
        if vals.get('active'):
            self._create_variant_ids()
        if 'active' in vals and not vals['active']:
            self.with_context(active_test=False).product_variant_ids.write({'active': False})
        if 'image_1920' in vals:
            self.env['product.product'].invalidate_model(
                ['image_1920', 'image_1024', 'image_512', 'image_256', 'image_128', 'can_image_1024_be_zoomed'])
        return result

    def copy_data(self, default=None):
        default = dict(default or {})
        copies = super().copy_data(default=default)
        if 'name' not in default:
            for original, copied in zip(self, copies):
                copied['name'] = _("%s (copy)", original.name)
        return copies

    @api.depends('name', 'default_code')
    def _compute_display_name(self):
        for template in self:
            if not template.name:
                template.display_name = False
            elif template.default_code:
                template.display_name = f"[{template.default_code}] {template.name}"
            else:
                template.display_name = template.name

    @api.model
    def _search_display_name(self, operator, value):
        on_template = super()._search_display_name(operator, value)
        # also find templates through their variants' names and references, unless told not to
        if not self.env.context.get('search_product_product', bool(value)):
            return on_template
        on_variants = [('product_variant_ids', operator, value)]
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return expression.AND([on_template, on_variants])
        return expression.OR([on_template, on_variants])

    def _create_variant_ids(self):
        """Give every template without a variant (archived ones included) its single variant."""
        self.env.flush_all()
        Product = self.env['product.product'].with_context(active_test=False)
        missing = self.filtered(lambda t: not t.with_context(active_test=False).product_variant_ids)
        if missing:
            Product.sudo().create([{'product_tmpl_id': template.id, 'active': template.active}
                                   for template in missing])
            missing.invalidate_recordset(['product_variant_ids'])
        return True

    def _price_compute(self, price_type, uom=None, currency=None, company=None, date=False):
        """The ``price_type`` field ('list_price' or 'standard_price') of each template, per
        ``uom`` and in ``currency`` when given: ``{template id: price}``."""
        at_company = company or self.env.company
        on_date = date or fields.Date.context_today(self)
        templates = self.with_company(at_company)
        if price_type == 'standard_price':
            templates = templates.sudo()  # the cost is hidden from portal users
        prices = {}
        for template in templates:
            price = template[price_type] or 0.0
            from_currency = template.cost_currency_id if price_type == 'standard_price' else template.currency_id
            if uom:
                price = template.uom_id._compute_price(price, to_unit=uom)
            if currency:
                price = from_currency._convert(price, currency, at_company, on_date)
            prices[template.id] = price
        return prices

    def get_single_product_variant(self):
        """The only variant of a single-variant template, for the product configurator."""
        self.ensure_one()
        if self.product_variant_count == 1:
            return {'product_id': self.product_variant_id.id, 'product_name': self.product_variant_id.display_name}
        return {}

    def _get_list_price(self, price):
        """Hook for modules that adjust the list price (e.g. taxes included on websites)."""
        self.ensure_one()
        return price
