"""``sale.order.line``: a product line of an order (or a section / note title),
with its quantity, unit, price, discount and taxes, and the amounts that
``account.tax.compute_all`` gives for them."""
from __future__ import annotations

from datetime import timedelta

from markupsafe import Markup
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from .sale_order import INVOICE_STATUS


class SaleOrderLine(models.Model):
    _name = 'sale.order.line'
    _description = "Sales Order Line"
    _rec_names_search = ['name', 'order_id.name']
    _order = 'order_id, sequence, id'
    _check_company_auto = True

    _sql_constraints = [
        ('accountable_required_fields',
         "CHECK(display_type IS NOT NULL OR is_downpayment OR (product_id IS NOT NULL AND product_uom IS NOT NULL))",
         "A product line needs a product and a unit of measure."),
        ('non_accountable_null_fields',
         "CHECK(display_type IS NULL OR (product_id IS NULL AND price_unit = 0 AND product_uom_qty = 0 "
         "AND product_uom IS NULL AND customer_lead = 0))",
         "A section or note line carries no product, quantity or price."),
    ]

    order_id = fields.Many2one(
        'sale.order', string="Order Reference", required=True, ondelete='cascade', index=True, copy=False)
    sequence = fields.Integer(string="Sequence", default=10)
    company_id = fields.Many2one(related='order_id.company_id', store=True, index=True, precompute=True)
    currency_id = fields.Many2one(related='order_id.currency_id', depends=['order_id.currency_id'],
                                  store=True, precompute=True)
    order_partner_id = fields.Many2one(related='order_id.partner_id', string="Customer", store=True,
                                       index=True, precompute=True)
    salesman_id = fields.Many2one(related='order_id.user_id', string="Salesperson", store=True, precompute=True)
    state = fields.Selection(related='order_id.state', string="Order Status", copy=False, store=True, precompute=True)
    tax_country_id = fields.Many2one(related='order_id.tax_country_id')
    display_type = fields.Selection(
        selection=[('line_section', "Section"), ('line_note', "Note")], default=False,
        help="Technical field for UX purpose.")
    is_configurable_product = fields.Boolean(
        string="Is the product configurable?", related='product_template_id.has_configurable_attributes',
        depends=['product_id'])
    is_downpayment = fields.Boolean(string="Is a down payment", help="Down payments are made when creating invoices.")
    is_expense = fields.Boolean(string="Is expense", help="Whether the line comes from a re-invoiced expense.")
    product_id = fields.Many2one(
        'product.product', string="Product", change_default=True, ondelete='restrict', index='btree_not_null',
        check_company=True, domain="[('sale_ok', '=', True)]")
    product_template_id = fields.Many2one(
        'product.template', string="Product Template", compute='_compute_product_template_id',
        readonly=False, search='_search_product_template_id', domain=[('sale_ok', '=', True)])
    product_uom_category_id = fields.Many2one(related='product_id.uom_id.category_id', depends=['product_id'])
    is_product_archived = fields.Boolean(compute='_compute_is_product_archived')
    name = fields.Text(string="Description", compute='_compute_name', store=True, readonly=False,
                       required=True, precompute=True)
    translated_product_name = fields.Text(compute='_compute_translated_product_name')
    product_uom_qty = fields.Float(
        string="Quantity", compute='_compute_product_uom_qty', digits='Product Unit of Measure', default=1.0,
        store=True, readonly=False, required=True, precompute=True)
    product_uom = fields.Many2one(
        'uom.uom', string="Unit of Measure", compute='_compute_product_uom', store=True, readonly=False,
        precompute=True, ondelete='restrict', domain="[('category_id', '=', product_uom_category_id)]")
    linked_line_id = fields.Many2one(
        'sale.order.line', string="Linked Order Line", domain="[('order_id', '=', order_id)]",
        ondelete='cascade', copy=False, index=True)
    linked_line_ids = fields.One2many('sale.order.line', 'linked_line_id', string="Linked Order Lines")
    virtual_id = fields.Char()
    linked_virtual_id = fields.Char()
    selected_combo_items = fields.Char(store=False)
    tax_id = fields.Many2many(
        'account.tax', string="Taxes", compute='_compute_tax_id', store=True, readonly=False,
        precompute=True, context={'active_test': False}, check_company=True)
    price_unit = fields.Float(
        string="Unit Price", compute='_compute_price_unit', digits='Product Price', store=True,
        readonly=False, required=True, precompute=True)
    technical_price_unit = fields.Float()
    discount = fields.Float(string="Discount (%)", compute='_compute_discount', digits='Discount',
                            store=True, readonly=False, precompute=True)
    price_subtotal = fields.Monetary(string="Subtotal", compute='_compute_amount', store=True, precompute=True)
    price_tax = fields.Float(string="Total Tax", compute='_compute_amount', store=True, precompute=True)
    price_total = fields.Monetary(string="Total", compute='_compute_amount', store=True, precompute=True)
    price_reduce_taxexcl = fields.Monetary(
        string="Price Reduce Tax excl", compute='_compute_price_reduce_taxexcl', store=True, precompute=True)
    price_reduce_taxinc = fields.Monetary(
        string="Price Reduce Tax incl", compute='_compute_price_reduce_taxinc', store=True, precompute=True)
    product_packaging_qty = fields.Float(
        string="Packaging Quantity", compute='_compute_product_packaging_qty', store=True, readonly=False,
        precompute=True)
    customer_lead = fields.Float(
        string="Lead Time", compute='_compute_customer_lead', store=True, readonly=False, required=True,
        precompute=True, help="Days between the confirmation of the order and the shipping of the product.")
    qty_delivered_method = fields.Selection(
        selection=[('manual', "Manual"), ('analytic', "Analytic From Expenses")],
        string="Method to update delivered qty", compute='_compute_qty_delivered_method', store=True,
        precompute=True)
    qty_delivered = fields.Float(
        string="Delivery Quantity", compute='_compute_qty_delivered', digits='Product Unit of Measure',
        store=True, readonly=False, copy=False, default=0.0)
    qty_invoiced = fields.Float(
        string="Invoiced Quantity", compute='_compute_qty_invoiced', digits='Product Unit of Measure', store=True)
    qty_invoiced_posted = fields.Float(
        string="Invoiced Quantity (posted)", compute='_compute_qty_invoiced_posted', digits='Product Unit of Measure')
    qty_to_invoice = fields.Float(
        string="Quantity To Invoice", compute='_compute_qty_to_invoice', digits='Product Unit of Measure', store=True)
    invoice_status = fields.Selection(
        INVOICE_STATUS, string="Invoice Status", compute='_compute_invoice_status', store=True)
    untaxed_amount_invoiced = fields.Monetary(
        string="Untaxed Invoiced Amount", compute='_compute_untaxed_amount_invoiced', store=True)
    amount_invoiced = fields.Monetary(string="Invoiced Amount", compute='_compute_amount_invoiced')
    untaxed_amount_to_invoice = fields.Monetary(
        string="Untaxed Amount To Invoice", compute='_compute_untaxed_amount_to_invoice', store=True)
    amount_to_invoice = fields.Monetary(string="Un-invoiced Balance", compute='_compute_amount_to_invoice')
    product_type = fields.Selection(related='product_id.type', depends=['product_id'])
    service_tracking = fields.Selection(related='product_id.service_tracking', depends=['product_id'])
    product_updatable = fields.Boolean(compute='_compute_product_updatable', string="Can Edit Product")
    product_uom_readonly = fields.Boolean(compute='_compute_product_uom_readonly')
    tax_calculation_rounding_method = fields.Selection(
        related='company_id.tax_calculation_rounding_method', string="Tax calculation rounding method")
    company_price_include = fields.Selection(related='company_id.account_price_include')

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends('order_partner_id', 'order_id', 'product_id')
    def _compute_display_name(self):
        for line in self.sudo():
            label = line.order_id.name or ''
            first_row = (line.name or line.product_id.display_name or '').split('\n')[0]
            line.display_name = f"{label} - {first_row}" if first_row else label
            if self.env.context.get('sale_show_partner_name') and line.order_partner_id:
                line.display_name += f" ({line.order_partner_id.name})"

    @api.depends('product_id')
    def _compute_product_template_id(self):
        for line in self:
            line.product_template_id = line.product_id.product_tmpl_id

    def _search_product_template_id(self, operator, value):
        return [('product_id.product_tmpl_id', operator, value)]

    @api.depends('product_id')
    def _compute_is_product_archived(self):
        for line in self:
            line.is_product_archived = bool(line.product_id) and not line.product_id.active

    @api.depends('product_id', 'linked_line_id', 'linked_line_ids')
    def _compute_name(self):
        for line in self:
            if not line.product_id:
                continue
            lang = line.order_id._get_lang() if line.order_id else self.env.lang
            line_in_lang = line.with_context(lang=lang) if lang != self.env.lang else line
            line.name = line_in_lang._get_sale_order_line_multiline_description_sale()

    def _get_sale_order_line_multiline_description_sale(self):
        """The default description: the product's sales description, plus the options linked to it."""
        self.ensure_one()
        rows = [self.product_id.get_product_multiline_description_sale()]
        if self.linked_line_id:
            rows.append(_("Option for: %s", self.linked_line_id.product_id.display_name))
        rows += [_("Option: %s", linked.product_id.display_name) for linked in self.linked_line_ids]
        return "\n".join(rows)

    @api.depends('product_id')
    def _compute_translated_product_name(self):
        for line in self:
            lang = line.order_id._get_lang() if line.order_id else self.env.lang
            line.translated_product_name = line.product_id.with_context(lang=lang).display_name

    @api.depends('display_type', 'product_id', 'product_packaging_qty')
    def _compute_product_uom_qty(self):
        # packagings are not provided: only section and note lines have a forced quantity
        for line in self:
            if line.display_type:
                line.product_uom_qty = 0.0

    @api.depends('product_id')
    def _compute_product_uom(self):
        for line in self:
            if line.product_id.uom_id != line.product_uom or not line.product_uom:
                line.product_uom = line.product_id.uom_id

    @api.depends('product_id', 'company_id')
    def _compute_tax_id(self):
        for line in self:
            if not line.product_id or line.product_type == 'combo':
                line.tax_id = False
                continue
            company = line.company_id or self.env.company
            # fiscal positions are not provided: the product's taxes of the order's company
            line.tax_id = line.product_id.taxes_id._filter_taxes_by_company(company)

    @api.depends('product_id', 'product_uom', 'product_uom_qty')
    def _compute_price_unit(self):
        for line in self:
            if not line.order_id:
                continue
            edited_by_hand = (line.technical_price_unit != line.price_unit
                              and not self.env.context.get('force_price_recomputation'))
            if edited_by_hand or line.qty_invoiced > 0:
                continue
            if not line.product_id or not line.product_uom:
                line.price_unit = 0.0
                line.technical_price_unit = 0.0
                continue
            line.with_context(sale_write_from_compute=True)._reset_price_unit()

    def _reset_price_unit(self):
        self.ensure_one()
        price = self.with_company(self.company_id)._get_display_price()
        self.update({'price_unit': price, 'technical_price_unit': price})

    def _get_order_date(self):
        self.ensure_one()
        return self.order_id.date_order

    def _get_display_price(self):
        """The list price of the product in the line's unit and the order's currency
        (pricelists are not provided)."""
        self.ensure_one()
        if self.product_type == 'combo':
            return 0.0
        product = self.product_id.with_company(self.company_id)
        order_date = self._get_order_date() or fields.Datetime.now()
        prices = product._price_compute(
            'list_price', uom=self.product_uom, currency=self.currency_id,
            company=self.company_id, date=order_date.date() if hasattr(order_date, 'date') else order_date)
        return prices[product.id]

    @api.depends('product_id', 'product_uom', 'product_uom_qty')
    def _compute_discount(self):
        # discounts come from pricelists, which are not provided: keep what was typed
        for line in self:
            if not line.discount:
                line.discount = 0.0

    def _tax_details(self, rounding_method=None) -> dict:
        """``compute_all`` of the line's taxes on its discounted unit price and quantity."""
        self.ensure_one()
        net_unit_price = self.price_unit * (1 - (self.discount or 0.0) / 100.0)
        currency = self.order_id.currency_id or self.order_id.company_id.currency_id or self.env.company.currency_id
        return self.tax_id.compute_all(
            net_unit_price, currency=currency, quantity=self.product_uom_qty,
            product=self.product_id, partner=self.order_id.partner_shipping_id,
            rounding_method=rounding_method)

    @api.depends('product_uom_qty', 'discount', 'price_unit', 'tax_id')
    def _compute_amount(self):
        for line in self:
            if line.display_type:
                line.update({'price_subtotal': 0.0, 'price_total': 0.0, 'price_tax': 0.0})
                continue
            details = line._tax_details()
            line.update({
                'price_subtotal': details['total_excluded'],
                'price_total': details['total_included'],
                'price_tax': details['total_included'] - details['total_excluded'],
            })

    @api.depends('price_subtotal', 'product_uom_qty')
    def _compute_price_reduce_taxexcl(self):
        for line in self:
            quantity = line.product_uom_qty
            line.price_reduce_taxexcl = line.price_subtotal / quantity if quantity else 0.0

    @api.depends('price_total', 'product_uom_qty')
    def _compute_price_reduce_taxinc(self):
        for line in self:
            quantity = line.product_uom_qty
            line.price_reduce_taxinc = line.price_total / quantity if quantity else 0.0

    def _compute_product_packaging_qty(self):
        # packagings are not provided
        for line in self:
            line.product_packaging_qty = line.product_packaging_qty or 0.0

    def _compute_customer_lead(self):
        self.customer_lead = 0.0

    @api.depends('is_expense')
    def _compute_qty_delivered_method(self):
        for line in self:
            line.qty_delivered_method = 'analytic' if line.is_expense else 'manual'

    @api.depends('qty_delivered_method')
    def _compute_qty_delivered(self):
        # 'manual' quantities are typed in; analytic lines (expenses) are not provided
        for line in self:
            if line.qty_delivered_method != 'manual':
                line.qty_delivered = 0.0

    def _compute_qty_invoiced(self):
        # journal entries are not provided: nothing is invoiced
        self.qty_invoiced = 0.0

    def _compute_qty_invoiced_posted(self):
        self.qty_invoiced_posted = 0.0

    @api.depends('qty_invoiced', 'qty_delivered', 'product_uom_qty', 'state')
    def _compute_qty_to_invoice(self):
        for line in self:
            if line.state != 'sale' or line.display_type:
                line.qty_to_invoice = 0.0
                continue
            by_delivery = line.product_id.invoice_policy == 'delivery'
            invoiceable = line.qty_delivered if by_delivery else line.product_uom_qty
            line.qty_to_invoice = invoiceable - line.qty_invoiced

    @api.depends('state', 'product_uom_qty', 'qty_delivered', 'qty_to_invoice', 'qty_invoiced')
    def _compute_invoice_status(self):
        precision = self.env['decimal.precision'].precision_get('Product Unit of Measure')
        for line in self:
            if line.state != 'sale' or line.display_type:
                line.invoice_status = 'no'
            elif line.is_downpayment and line.untaxed_amount_to_invoice == 0:
                line.invoice_status = 'invoiced'
            elif not float_is_zero(line.qty_to_invoice, precision_digits=precision):
                line.invoice_status = 'to invoice'
            elif (line.product_id.invoice_policy == 'order' and line.product_uom_qty >= 0.0
                  and float_compare(line.qty_delivered, line.product_uom_qty, precision_digits=precision) == 1):
                line.invoice_status = 'upselling'
            elif float_compare(line.qty_invoiced, line.product_uom_qty, precision_digits=precision) >= 0:
                line.invoice_status = 'invoiced'
            else:
                line.invoice_status = 'no'

    def _compute_untaxed_amount_invoiced(self):
        self.untaxed_amount_invoiced = 0.0

    def _compute_amount_invoiced(self):
        self.amount_invoiced = 0.0

    @api.depends('state', 'product_id', 'untaxed_amount_invoiced', 'qty_delivered', 'product_uom_qty', 'price_unit')
    def _compute_untaxed_amount_to_invoice(self):
        for line in self:
            if line.state != 'sale':
                line.untaxed_amount_to_invoice = 0.0
                continue
            by_delivery = line.product_id.invoice_policy == 'delivery'
            quantity = line.qty_delivered if by_delivery else line.product_uom_qty
            net_unit_price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            amount = net_unit_price * quantity
            if line.tax_id.filtered('price_include'):
                amount = line.tax_id.compute_all(
                    net_unit_price, currency=line.currency_id, quantity=quantity, product=line.product_id,
                    partner=line.order_id.partner_shipping_id)['total_excluded']
            line.untaxed_amount_to_invoice = amount - line.untaxed_amount_invoiced

    @api.depends('discount', 'price_total', 'product_uom_qty', 'qty_delivered', 'qty_invoiced_posted')
    def _compute_amount_to_invoice(self):
        for line in self:
            if not line.product_uom_qty:
                line.amount_to_invoice = 0.0
                continue
            by_delivery = line.product_id.invoice_policy == 'delivery'
            quantity = (line.qty_delivered if by_delivery else line.product_uom_qty) - line.qty_invoiced_posted
            line.amount_to_invoice = line.price_total / line.product_uom_qty * quantity

    @api.depends('state')
    def _compute_product_updatable(self):
        for line in self:
            line.product_updatable = line.state != 'cancel' and not (line.state == 'sale' and line.order_id.locked) \
                and not (line.state == 'sale' and line.qty_invoiced > 0)

    @api.depends('state')
    def _compute_product_uom_readonly(self):
        for line in self:
            # a confirmed line keeps its unit (deliveries and invoices count in it)
            line.product_uom_readonly = bool(line.ids) and line.state in ('sale', 'cancel')

    # ------------------------------------------------------------------
    # onchanges
    # ------------------------------------------------------------------

    @api.onchange('product_id')
    def _onchange_product_id_warning(self):
        product = self.product_id
        if not product or product.sale_line_warn == 'no-message':
            return None
        if product.sale_line_warn == 'block':
            self.product_id = False
        return {'warning': {'title': _("Warning for %s", product.name), 'message': product.sale_line_warn_msg}}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        default_type = self.default_get(['display_type']).get('display_type')
        for vals in vals_list:
            if vals.get('display_type') or default_type:
                vals['product_uom_qty'] = 0.0
            if 'technical_price_unit' in vals and 'price_unit' not in vals:
                # the price is to be computed: forget the stale reference price sent along
                del vals['technical_price_unit']
        lines = super().create(vals_list)
        if not self.env.context.get('sale_no_log_for_new_lines'):
            for line in lines.filtered(lambda sol: sol.product_id and sol.state == 'sale'):
                line.order_id.message_post(body=_("Extra line with %s", line.product_id.display_name))
        return lines

    def _add_precomputed_values(self, vals_list):
        super()._add_precomputed_values(vals_list)
        for vals in vals_list:
            if 'price_unit' in vals and 'technical_price_unit' not in vals:
                vals['technical_price_unit'] = vals['price_unit']

    def _get_protected_fields(self):
        """Fields that a locked order's lines refuse to change."""
        return ['product_id', 'name', 'price_unit', 'product_uom', 'product_uom_qty', 'tax_id', 'analytic_distribution']

    def write(self, vals):
        if 'display_type' in vals and any(line.display_type != vals['display_type'] for line in self):
            raise UserError(_("The type of an order line cannot change: delete the line and add one of the right type."))
        if 'product_id' in vals and any(sol.product_id.id != vals['product_id'] and not sol.product_updatable for sol in self):
            raise UserError(_("The product of a locked, invoiced or cancelled order line cannot change."))
        if 'product_uom_qty' in vals:
            precision = self.env['decimal.precision'].precision_get('Product Unit of Measure')
            changed = self.filtered(lambda sol: sol.state == 'sale' and float_compare(
                sol.product_uom_qty, vals['product_uom_qty'], precision_digits=precision) != 0)
            changed._update_line_quantity(vals)
        if ('technical_price_unit' in vals and 'price_unit' not in vals
                and not self.env.context.get('sale_write_from_compute')):
            del vals['technical_price_unit']
        touched = set(self._get_protected_fields()) & set(vals)
        if touched and any(self.order_id.mapped('locked')):
            if all(self.mapped('is_downpayment')):
                touched.discard('name')
            labels = self.env['ir.model.fields'].sudo().search(
                [('model', '=', self._name), ('name', 'in', sorted(touched))]).mapped('field_description')
            if labels:
                raise UserError(_("A locked order cannot change these fields of its lines:\n%s", "\n".join(labels)))
        return super().write(vals)

    def _update_line_quantity(self, values):
        """Tell the order's chatter that the ordered quantities of confirmed lines changed."""
        for order in self.order_id:
            body = Markup("<b>%s</b><ul>") % _("The ordered quantity has been updated.")
            for line in self.filtered(lambda sol, current=order: sol.order_id == current):
                if 'product_id' in values and values['product_id'] != line.product_id.id:
                    continue
                body += Markup("<li>%s:<br/>") % line.product_id.display_name
                body += _("Ordered Quantity: %(old_qty)s -> %(new_qty)s",
                          old_qty=line.product_uom_qty, new_qty=values['product_uom_qty']) + Markup("<br/>")
                if line.product_id.type == 'consu':
                    body += _("Delivered Quantity: %s", line.qty_delivered) + Markup("<br/>")
                body += _("Invoiced Quantity: %s", line.qty_invoiced) + Markup("</li>")
            order.message_post(body=body + Markup("</ul>"))

    def _check_line_unlink(self):
        """The lines that cannot be deleted: product lines of confirmed orders."""
        return self.filtered(lambda line: line.state == 'sale' and not line.display_type and not line.is_downpayment)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self._check_line_unlink():
            raise UserError(_("A confirmed order keeps its lines (deliveries and invoices refer to them): "
                              "set the quantity to 0 instead."))

    def _expected_date(self):
        self.ensure_one()
        start = self.order_id.date_order if self.state == 'sale' and self.order_id.date_order else fields.Datetime.now()
        return start + timedelta(days=self.customer_lead or 0.0)

    def _is_delivery(self):
        self.ensure_one()
        return False

    def _can_be_invoiced_alone(self):
        self.ensure_one()
        return self.product_id.id != self.company_id.sale_discount_product_id.id
