"""``product.product``: a product variant, the record that orders and stock lines
point to. It takes the template's fields by delegation (``_inherits``) and keeps
its own reference, barcode, cost, weight, volume and image."""
from __future__ import annotations

from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.image import is_image_size_above

IMAGE_SIZES = (1920, 1024, 512, 256, 128)


class ProductProduct(models.Model):
    _name = 'product.product'
    _description = 'Product Variant'
    _inherits = {'product.template': 'product_tmpl_id'}
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'is_favorite desc, default_code, name, id'
    _check_company_domain = models.check_company_domain_parent_of

    price_extra = fields.Float(
        'Variant Price Extra', compute='_compute_product_price_extra', digits='Product Price',
        help="What the variant's attributes add to the template's price.")
    lst_price = fields.Float(
        'Sales Price', compute='_compute_product_lst_price', inverse='_set_product_lst_price',
        digits='Product Price', help="The template's sales price plus the variant's extra, in the unit asked for.")
    default_code = fields.Char('Internal Reference', index=True)
    code = fields.Char('Reference', compute='_compute_product_code')
    partner_ref = fields.Char('Customer Ref', compute='_compute_partner_ref')
    active = fields.Boolean('Active', default=True, help="Archive the variant to hide it without deleting it.")
    product_tmpl_id = fields.Many2one(
        'product.template', 'Product Template', auto_join=True, index=True, ondelete='cascade', required=True)
    barcode = fields.Char(
        'Barcode', copy=False, index='btree_not_null',
        help="The article number (EAN, UPC...) that identifies the product.")
    combination_indices = fields.Char(compute='_compute_combination_indices', store=True, index=True)
    is_product_variant = fields.Boolean(compute='_compute_is_product_variant')
    standard_price = fields.Float(
        'Cost', company_dependent=True, digits='Product Price', groups="base.group_user",
        help="What one unit costs the company, per company; used for margins.")
    volume = fields.Float('Volume', digits='Volume')
    weight = fields.Float('Weight', digits='Stock Weight')
    additional_product_tag_ids = fields.Many2many(
        'product.tag', 'product_tag_product_product_rel', string="Variant Tags",
        domain="[('id', 'not in', product_tag_ids)]")
    all_product_tag_ids = fields.Many2many(
        'product.tag', compute='_compute_all_product_tag_ids', search='_search_all_product_tag_ids')

    image_variant_1920 = fields.Image("Variant Image", max_width=1920, max_height=1920)
    image_variant_1024 = fields.Image(
        "Variant Image 1024", related='image_variant_1920', max_width=1024, max_height=1024, store=True)
    image_variant_512 = fields.Image(
        "Variant Image 512", related='image_variant_1920', max_width=512, max_height=512, store=True)
    image_variant_256 = fields.Image(
        "Variant Image 256", related='image_variant_1920', max_width=256, max_height=256, store=True)
    image_variant_128 = fields.Image(
        "Variant Image 128", related='image_variant_1920', max_width=128, max_height=128, store=True)
    can_image_variant_1024_be_zoomed = fields.Boolean(
        "Can Variant Image 1024 be zoomed", compute='_compute_can_image_variant_1024_be_zoomed', store=True)
    # the variant shows its own image, or the template's when it has none
    image_1920 = fields.Image("Image", compute='_compute_image_1920', inverse='_set_image_1920')
    image_1024 = fields.Image("Image 1024", compute='_compute_image_1024')
    image_512 = fields.Image("Image 512", compute='_compute_image_512')
    image_256 = fields.Image("Image 256", compute='_compute_image_256')
    image_128 = fields.Image("Image 128", compute='_compute_image_128')
    can_image_1024_be_zoomed = fields.Boolean("Can Image 1024 be zoomed", compute='_compute_can_image_1024_be_zoomed')

    @api.depends('image_variant_1920', 'image_variant_1024')
    def _compute_can_image_variant_1024_be_zoomed(self):
        for product in self:
            product.can_image_variant_1024_be_zoomed = bool(
                product.image_variant_1920
                and is_image_size_above(product.image_variant_1920, product.image_variant_1024))

    def _image_from_variant_or_template(self, size: int) -> None:
        for product in self:
            own = product[f'image_variant_{size}']
            product[f'image_{size}'] = own or product.product_tmpl_id[f'image_{size}']

    def _compute_image_1920(self):
        self._image_from_variant_or_template(1920)

    def _compute_image_1024(self):
        self._image_from_variant_or_template(1024)

    def _compute_image_512(self):
        self._image_from_variant_or_template(512)

    def _compute_image_256(self):
        self._image_from_variant_or_template(256)

    def _compute_image_128(self):
        self._image_from_variant_or_template(128)

    def _set_image_1920(self):
        self._set_template_field('image_1920', 'image_variant_1920')

    def _set_template_field(self, template_field: str, variant_field: str) -> None:
        """Write a value shown on the variant: on the template when the variant is the
        only active one of its template (or the template has none), else on the variant."""
        for product in self:
            value = product[template_field]
            template = product.product_tmpl_id
            alone = self.search_count([('product_tmpl_id', '=', template.id), ('active', '=', True)]) <= 1
            if alone or (not value and not product[variant_field]) or (value and not template[template_field]):
                product[variant_field] = False
                template[template_field] = value
            else:
                product[variant_field] = value

    def _compute_can_image_1024_be_zoomed(self):
        for product in self:
            if product.image_variant_1920:
                product.can_image_1024_be_zoomed = product.can_image_variant_1024_be_zoomed
            else:
                product.can_image_1024_be_zoomed = product.product_tmpl_id.can_image_1024_be_zoomed

    def _get_placeholder_filename(self, field):
        if field in {f'image_{size}' for size in IMAGE_SIZES}:
            return 'product/static/img/placeholder_thumbnail.png'
        return super()._get_placeholder_filename(field)

    def _compute_combination_indices(self):
        # no attributes: every variant is its template's empty combination
        self.combination_indices = ''

    def _compute_is_product_variant(self):
        self.is_product_variant = True

    def _compute_product_price_extra(self):
        self.price_extra = 0.0

    @api.depends('list_price', 'price_extra')
    @api.depends_context('uom')
    def _compute_product_lst_price(self):
        uom_id = self.env.context.get('uom')
        target = self.env['uom.uom'].browse(uom_id) if uom_id else None
        for product in self:
            price = product.list_price
            if target:
                price = product.uom_id._compute_price(price, target)
            product.lst_price = price + product.price_extra

    @api.onchange('lst_price')
    def _set_product_lst_price(self):
        uom_id = self.env.context.get('uom')
        for product in self:
            price = product.lst_price
            if uom_id:
                price = self.env['uom.uom'].browse(uom_id)._compute_price(price, product.uom_id)
            product.write({'list_price': price - product.price_extra})

    @api.depends_context('partner_id')
    def _compute_product_code(self):
        # vendor-specific codes need product.supplierinfo (purchase), not provided
        for product in self:
            product.code = product.default_code

    @api.depends_context('partner_id')
    def _compute_partner_ref(self):
        for product in self:
            product.partner_ref = product.display_name

    @api.depends('product_tag_ids', 'additional_product_tag_ids')
    def _compute_all_product_tag_ids(self):
        for product in self:
            product.all_product_tag_ids = product.product_tag_ids | product.additional_product_tag_ids

    def _search_all_product_tag_ids(self, operator, operand):
        on_template = [('product_tag_ids', operator, operand)]
        on_variant = [('additional_product_tag_ids', operator, operand)]
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return expression.AND([on_template, on_variant])
        return expression.OR([on_template, on_variant])

    @api.constrains('barcode')
    def _check_barcode_uniqueness(self):
        """A barcode names one product within a company (and among products shared by all)."""
        by_company = defaultdict(set)
        for product in self:
            if product.barcode:
                by_company[product.company_id.id].add(product.barcode)
        for company_id, barcodes in by_company.items():
            domain = [('barcode', 'in', list(barcodes))]
            if company_id:
                domain.append(('company_id', 'in', [False, company_id]))
            clashing = self.sudo().with_context(active_test=False).search(domain)
            holders = defaultdict(list)
            for product in clashing:
                holders[product.barcode].append(product.display_name)
            lines = [_("- barcode %(barcode)s: %(products)s", barcode=code, products=", ".join(names))
                     for code, names in sorted(holders.items()) if len(names) > 1]
            if lines:
                raise ValidationError(_("A barcode can identify only one product:\n%s", "\n".join(lines)))

    @api.onchange('uom_id')
    def _onchange_uom_id(self):
        if self.uom_id:
            self.uom_po_id = self.uom_id

    @api.model_create_multi
    def create(self, vals_list):
        # the variant exists already: the template must not create another one
        creating = self.with_context(create_product_product=False)
        products = super(ProductProduct, creating).create(vals_list)
        # the template's mirrored fields (barcode, reference...) are read from the new variant
        products.product_tmpl_id.invalidate_recordset()
        return products

    def write(self, vals):
        result = super().write(vals)
        if 'product_template_attribute_value_ids' in vals or 'active' in vals:
            self.product_tmpl_id.invalidate_recordset(['product_variant_ids', 'product_variant_id',
                                                       'product_variant_count'])
        return result

    def unlink(self):
        templates = self.product_tmpl_id
        result = super().unlink()
        # a template lives through its variant: removing the last variant removes it
        orphans = templates.exists().filtered(lambda t: not t.with_context(active_test=False).product_variant_ids)
        orphans.unlink()
        return result

    @api.depends('name', 'default_code', 'product_tmpl_id')
    @api.depends_context('display_default_code')
    def _compute_display_name(self):
        show_code = self.env.context.get('display_default_code', True)
        for product in self.sudo():
            name = product.name
            product.display_name = f"[{product.default_code}] {name}" if show_code and product.default_code else name

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ('ilike', '=ilike', 'like', '=like', '=') and value:
            by_code_or_barcode = ['|', ('default_code', operator, value), ('barcode', operator, value)]
            return expression.OR([by_code_or_barcode, [('product_tmpl_id.name', operator, value)]])
        return super()._search_display_name(operator, value)

    def open_product_template(self):
        """The form of the variant's template."""
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'product.template',
            'view_mode': 'form',
            'res_id': self.product_tmpl_id.id,
            'target': 'new',
        }

    def _get_attributes_extra_price(self):
        self.ensure_one()
        # attributes that create no variant add their extra through the context
        no_variant_extra = self.env.context.get('no_variant_attributes_price_extra', 0)
        return self.price_extra + no_variant_extra

    def _price_compute(self, price_type, uom=None, currency=None, company=None, date=False):
        """The ``price_type`` field of each variant per ``uom`` and in ``currency``
        (list prices include the variant's extra): ``{product id: price}``."""
        on_company = company or self.env.company
        on_date = date or fields.Date.context_today(self)
        is_cost = price_type == 'standard_price'
        products = self.with_company(on_company)
        if is_cost:
            # costs may be hidden from the user asking for a computed price
            products = products.sudo()
        result = {product_id: 0.0 for product_id in self.ids}
        for product in products:
            amount = product[price_type] or 0.0
            if price_type == 'list_price':
                amount += product._get_attributes_extra_price()
            if uom:
                amount = product.uom_id._compute_price(amount, uom)
            if currency:
                from_currency = product.cost_currency_id if is_cost else product.currency_id
                amount = from_currency._convert(amount, currency, on_company, on_date)
            result[product.id] = amount
        return result

    def get_product_multiline_description_sale(self) -> str:
        """The default description of a sale line: the product's name, then its sales description."""
        self.ensure_one()
        lines = [self.display_name]
        if self.description_sale:
            lines.append(self.description_sale)
        return "\n".join(lines)

    def _get_invoice_policy(self):
        return False
