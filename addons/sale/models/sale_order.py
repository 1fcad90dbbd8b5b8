"""``sale.order``: a quotation that becomes a sales order once confirmed. Its
name comes from the ``sale.order`` sequence; its amounts from its lines' taxes."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

SALE_ORDER_STATE = [
    ('draft', "Quotation"),
    ('sent', "Quotation Sent"),
    ('sale', "Sales Order"),
    ('cancel', "Cancelled"),
]

INVOICE_STATUS = [
    ('upselling', "Upselling Opportunity"),
    ('invoiced', "Fully Invoiced"),
    ('to invoice', "To Invoice"),
    ('no', "Nothing to Invoice"),
]


class SaleOrder(models.Model):
    _name = 'sale.order'
    _inherit = ['portal.mixin', 'mail.thread', 'mail.activity.mixin']
    _description = "Sales Order"
    _order = 'date_order desc, id desc'
    _check_company_auto = True

    _sql_constraints = [
        ('date_order_conditional_required',
         "CHECK((state = 'sale' AND date_order IS NOT NULL) OR state != 'sale')",
         "A sales order needs its confirmation date."),
    ]

    @property
    def _rec_names_search(self):
        if self.env.context.get('sale_show_partner_name'):
            return ['name', 'partner_id.name']
        return ['name']

    name = fields.Char(
        string="Order Reference", required=True, copy=False, readonly=False, index='trigram',
        default=lambda self: _('New'))
    company_id = fields.Many2one(
        'res.company', required=True, index=True, default=lambda self: self.env.company)
    partner_id = fields.Many2one(
        'res.partner', string="Customer", required=True, change_default=True, index=True,
        tracking=1, check_company=True)
    state = fields.Selection(
        SALE_ORDER_STATE, string="Status", readonly=True, copy=False, index=True, tracking=3, default='draft')
    locked = fields.Boolean(default=False, copy=False, tracking=True, help="A locked order cannot be changed.")
    has_archived_products = fields.Boolean(compute='_compute_has_archived_products')
    client_order_ref = fields.Char(string="Customer Reference", copy=False)
    create_date = fields.Datetime(string="Creation Date", index=True, readonly=True)
    commitment_date = fields.Datetime(
        string="Delivery Date", copy=False, help="The delivery date promised to the customer.")
    date_order = fields.Datetime(
        string="Order Date", required=True, copy=False, default=fields.Datetime.now,
        help="When the quotation was made; once confirmed, when the order was confirmed.")
    origin = fields.Char(string="Source Document", help="The document this order comes from.")
    reference = fields.Char(string="Payment Ref.", copy=False, help="The payment communication of the order.")
    require_signature = fields.Boolean(
        string="Online signature", compute='_compute_require_signature', store=True, readonly=False,
        precompute=True, help="The customer signs online to confirm.")
    require_payment = fields.Boolean(
        string="Online payment", compute='_compute_require_payment', store=True, readonly=False,
        precompute=True, help="The customer pays online to confirm.")
    prepayment_percent = fields.Float(
        string="Prepayment percentage", compute='_compute_prepayment_percent', store=True, readonly=False,
        precompute=True, help="The share of the total paid online to confirm.")
    signature = fields.Image(string="Signature", copy=False, attachment=True, max_width=1024, max_height=1024)
    signed_by = fields.Char(string="Signed By", copy=False)
    signed_on = fields.Datetime(string="Signed On", copy=False)
    validity_date = fields.Date(
        string="Expiration", compute='_compute_validity_date', store=True, readonly=False, copy=False,
        precompute=True, help="After this date the quotation can no longer be signed or paid online.")
    note = fields.Html(string="Terms and conditions", compute='_compute_note', store=True, readonly=False,
                       precompute=True)
    partner_invoice_id = fields.Many2one(
        'res.partner', string="Invoice Address", compute='_compute_partner_invoice_id', store=True,
        readonly=False, required=True, precompute=True, check_company=True, index='btree_not_null')
    partner_shipping_id = fields.Many2one(
        'res.partner', string="Delivery Address", compute='_compute_partner_shipping_id', store=True,
        readonly=False, required=True, precompute=True, check_company=True, index='btree_not_null')
    currency_id = fields.Many2one(
        'res.currency', compute='_compute_currency_id', store=True, precompute=True, ondelete='restrict')
    currency_rate = fields.Float(
        string="Currency Rate", compute='_compute_currency_rate', digits=0, store=True, precompute=True)
    user_id = fields.Many2one(
        'res.users', string="Salesperson", compute='_compute_user_id', store=True, readonly=False,
        precompute=True, index=True, tracking=2,
        domain=lambda self: "[('groups_id', '=', {}), ('share', '=', False), ('company_ids', '=', company_id)]".format(
            self.env.ref('sales_team.group_sale_salesman').id))
    team_id = fields.Many2one(
        'crm.team', string="Sales Team", compute='_compute_team_id', store=True, readonly=False,
        precompute=True, ondelete='set null', change_default=True, check_company=True, tracking=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]")
    order_line = fields.One2many(
        'sale.order.line', 'order_id', string="Order Lines", copy=True, auto_join=True)

    amount_untaxed = fields.Monetary(string="Untaxed Amount", store=True, compute='_compute_amounts', tracking=5)
    amount_tax = fields.Monetary(string="Taxes", store=True, compute='_compute_amounts')
    amount_total = fields.Monetary(string="Total", store=True, compute='_compute_amounts', tracking=4)
    amount_to_invoice = fields.Monetary(string="Un-invoiced Balance", compute='_compute_amount_to_invoice')
    amount_invoiced = fields.Monetary(string="Already invoiced", compute='_compute_amount_invoiced')
    amount_paid = fields.Float(compute='_compute_amount_paid')
    amount_undiscounted = fields.Float(
        string="Amount Before Discount", compute='_compute_amount_undiscounted', digits=0)
    invoice_count = fields.Integer(string="Invoice Count", compute='_compute_invoice_count')
    invoice_status = fields.Selection(
        INVOICE_STATUS, string="Invoice Status", compute='_compute_invoice_status', store=True)

    country_code = fields.Char(related='company_id.account_fiscal_country_id.code', string="Country code")
    company_price_include = fields.Selection(related='company_id.account_price_include')
    duplicated_order_ids = fields.Many2many(comodel_name='sale.order', compute='_compute_duplicated_order_ids')
    expected_date = fields.Datetime(
        string="Expected Date", compute='_compute_expected_date', store=False,
        help="The earliest delivery date the order lines allow.")
    is_expired = fields.Boolean(string="Is Expired", compute='_compute_is_expired')
    partner_credit_warning = fields.Text(compute='_compute_partner_credit_warning')
    tax_calculation_rounding_method = fields.Selection(
        related='company_id.tax_calculation_rounding_method', depends=['company_id'])
    tax_country_id = fields.Many2one('res.country', compute='_compute_tax_country_id', compute_sudo=True)
    tax_totals = fields.Binary(compute='_compute_tax_totals', exportable=False)
    terms_type = fields.Selection(related='company_id.terms_type')
    type_name = fields.Char(string="Type Name", compute='_compute_type_name')
    show_update_fpos = fields.Boolean(string="Has Fiscal Position Changed", store=False)
    has_active_pricelist = fields.Boolean(compute='_compute_has_active_pricelist')
    show_update_pricelist = fields.Boolean(string="Has Pricelist Changed", store=False)

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends('partner_id')
    @api.depends_context('sale_show_partner_name')
    def _compute_display_name(self):
        if not self.env.context.get('sale_show_partner_name'):
            return super()._compute_display_name()
        for order in self:
            customer = order.partner_id.name
            order.display_name = f"{order.name} - {customer}" if customer else order.name
        return None

    @api.depends('order_line.product_id')
    def _compute_has_archived_products(self):
        for order in self:
            order.has_archived_products = not all(order.order_line.product_id.mapped('active'))

    @api.depends('company_id')
    def _compute_require_signature(self):
        for order in self:
            company = order.company_id
            order.require_signature = company.portal_confirmation_sign

    @api.depends('company_id')
    def _compute_require_payment(self):
        for order in self:
            company = order.company_id
            order.require_payment = company.portal_confirmation_pay

    @api.depends('require_payment')
    def _compute_prepayment_percent(self):
        for order in self:
            company = order.company_id
            order.prepayment_percent = company.prepayment_percent

    @api.depends('company_id')
    def _compute_validity_date(self):
        quoted_on = fields.Date.context_today(self)
        for order in self:
            validity_days = order.company_id.quotation_validity_days
            order.validity_date = quoted_on + timedelta(days=validity_days) if validity_days > 0 else False

    @api.depends('partner_id')
    def _compute_note(self):
        if not self.env['ir.config_parameter'].sudo().get_param('account.use_invoice_terms'):
            return
        for order in self:
            company = order.company_id or self.env.company
            terms = company.with_context(lang=order.partner_id.lang or self.env.lang).invoice_terms
            if terms and order.terms_type != 'html':
                order.note = terms

    @api.depends('partner_id')
    def _compute_partner_invoice_id(self):
        for order in self:
            partner = order.partner_id
            order.partner_invoice_id = partner.address_get(['invoice'])['invoice'] if partner else False

    @api.depends('partner_id')
    def _compute_partner_shipping_id(self):
        for order in self:
            partner = order.partner_id
            order.partner_shipping_id = partner.address_get(['delivery'])['delivery'] if partner else False

    @api.depends('company_id')
    def _compute_currency_id(self):
        # no pricelists: an order is in its company's currency
        for order in self:
            order.currency_id = order.company_id.currency_id

    @api.depends('currency_id', 'date_order', 'company_id')
    def _compute_currency_rate(self):
        Currency = self.env['res.currency']
        for order in self:
            on_date = (order.date_order or fields.Datetime.now()).date()
            order.currency_rate = Currency._get_conversion_rate(
                from_currency=order.company_id.currency_id, to_currency=order.currency_id,
                company=order.company_id, date=on_date)

    def _compute_has_active_pricelist(self):
        self.has_active_pricelist = False

    @api.depends('partner_id')
    def _compute_user_id(self):
        for order in self:
            if not order.partner_id or (order._origin.id and order.user_id):
                continue
            customer = order.partner_id
            fallback = self.env.user if self.env.user.has_group('sales_team.group_sale_salesman') else False
            order.user_id = customer.user_id or customer.commercial_partner_id.user_id or fallback

    @api.depends('partner_id', 'user_id')
    def _compute_team_id(self):
        found = {}
        Team = self.env['crm.team']
        for order in self:
            preferred = self.env.context.get('default_team_id') or order.team_id.id
            key = (preferred, order.user_id.id, order.company_id.id)
            if key not in found:
                found[key] = Team.with_context(default_team_id=preferred)._get_default_team_id(
                    user_id=order.user_id.id, domain=Team._check_company_domain(order.company_id.id))
            order.team_id = found[key]

    @api.depends('order_line.price_subtotal', 'order_line.price_tax', 'order_line.price_total',
                 'currency_id', 'company_id')
    def _compute_amounts(self):
        for order in self:
            summary = order._tax_summary()
            order.amount_untaxed = summary['base_amount_currency']
            order.amount_tax = summary['tax_amount_currency']
            order.amount_total = summary['total_amount_currency']

    def _tax_summary(self) -> dict:
        """The order's untaxed amount, taxes per tax and total. Per-line rounding sums the
        lines' rounded amounts; global rounding rounds each tax once over all the lines."""
        self.ensure_one()
        company_currency = self.company_id.currency_id
        currency = self.currency_id or company_currency
        lines = self.order_line.filtered(lambda line: not line.display_type)
        per_line = (self.company_id.tax_calculation_rounding_method or 'round_per_line') == 'round_per_line'
        base = 0.0
        per_tax = defaultdict(lambda: [0.0, 0.0])  # tax -> [base, amount]
        for line in lines:
            details = line._tax_details(rounding_method=None if per_line else 'round_globally')
            base += details['total_excluded']
            for tax_line in details['taxes']:
                per_tax[tax_line['id']][0] += tax_line['base']
                per_tax[tax_line['id']][1] += tax_line['amount']
        base = currency.round(base)
        taxes = self.env['account.tax'].browse(list(per_tax)).sorted(lambda t: (t.sequence, t.id))
        groups = []
        for tax in taxes:
            tax_base, amount = per_tax[tax.id]
            groups.append({
                'id': tax.id,
                'involved_tax_ids': [tax.id],
                'group_name': tax.invoice_label or tax.name,
                'base_amount_currency': currency.round(tax_base),
                'tax_amount_currency': currency.round(amount),
                'display_base_amount_currency': currency.round(tax_base),
            })
        tax_total = sum(group['tax_amount_currency'] for group in groups)
        if per_line:
            # the lines' own rounded taxes, so that the order equals the sum of its lines
            tax_total = currency.round(sum(lines.mapped('price_tax')))
            base = currency.round(sum(lines.mapped('price_subtotal')))
        return {
            'currency_id': currency.id,
            'currency_pd': currency.rounding,
            'company_currency_id': company_currency.id,
            'company_currency_pd': company_currency.rounding,
            'has_tax_groups': bool(groups),
            'subtotals': [{
                'name': _("Untaxed Amount"),
                'base_amount_currency': base,
                'tax_amount_currency': tax_total,
                'tax_groups': groups,
            }],
            'base_amount_currency': base,
            'tax_amount_currency': tax_total,
            'total_amount_currency': currency.round(base + tax_total),
            'same_tax_base': all(g['base_amount_currency'] == base for g in groups),
            'display_in_company_currency': False,
        }

    @api.depends_context('lang')
    @api.depends('order_line.price_subtotal', 'currency_id', 'company_id')
    def _compute_tax_totals(self):
        for order in self:
            order.tax_totals = order._tax_summary()

    @api.depends('state', 'order_line.invoice_status')
    def _compute_invoice_status(self):
        confirmed = self.filtered(lambda order: order.state == 'sale')
        (self - confirmed).invoice_status = 'no'
        for order in confirmed:
            statuses = set(order.order_line.filtered(lambda line: not line.display_type).mapped('invoice_status'))
            if 'to invoice' in statuses:
                order.invoice_status = 'to invoice'
            elif statuses and statuses <= {'invoiced'}:
                order.invoice_status = 'invoiced'
            elif statuses and statuses <= {'invoiced', 'upselling'}:
                order.invoice_status = 'upselling'
            else:
                order.invoice_status = 'no'

    def _compute_invoice_count(self):
        # journal entries are not provided
        self.invoice_count = 0

    def _compute_amount_paid(self):
        # payment transactions are not provided
        self.amount_paid = 0.0

    def _compute_amount_undiscounted(self):
        for order in self:
            order.amount_undiscounted = sum(
                line.price_subtotal / (1 - line.discount / 100.0) if line.discount != 100 else line.price_unit * line.product_uom_qty
                for line in order.order_line)

    @api.depends('order_line.amount_to_invoice')
    def _compute_amount_to_invoice(self):
        for order in self:
            order.amount_to_invoice = sum(order.order_line.filtered(lambda sol: not sol.is_downpayment).mapped('amount_to_invoice'))

    @api.depends('order_line.amount_invoiced')
    def _compute_amount_invoiced(self):
        for order in self:
            order.amount_invoiced = sum(line.amount_invoiced for line in order.order_line)

    @api.depends('client_order_ref', 'date_order', 'origin', 'partner_id')
    def _compute_duplicated_order_ids(self):
        twins = self._fetch_duplicate_orders()
        for order in self:
            order.duplicated_order_ids = twins.get(order.id, self.browse())

    def _fetch_duplicate_orders(self) -> dict:
        """Other live orders of the same customer and company carrying the same customer
        reference or source document: ``{order id: orders}``."""
        found = {}
        for order in self.filtered(lambda o: o.id and (o.client_order_ref or o.origin)):
            references = [ref for ref in (order.client_order_ref, order.origin) if ref]
            found[order.id] = self.search([
                ('id', '!=', order.id), ('company_id', '=', order.company_id.id),
                ('partner_id', '=', order.partner_id.id), ('state', '!=', 'cancel'),
                '|', ('client_order_ref', 'in', references), ('origin', 'in', references),
            ])
        return found

    @api.depends('order_line.customer_lead', 'date_order', 'state')
    def _compute_expected_date(self):
        for order in self:
            dates = [line._expected_date() for line in order.order_line
                     if not line.display_type and line.state != 'cancel']
            order.expected_date = order._select_expected_date(dates)

    def _select_expected_date(self, expected_dates):
        self.ensure_one()
        return min(expected_dates, default=False)

    def _compute_is_expired(self):
        today = fields.Date.today()
        for order in self:
            order.is_expired = bool(order.state in ('draft', 'sent') and order.validity_date
                                    and order.validity_date < today)

    @api.depends('company_id')
    def _compute_tax_country_id(self):
        for order in self:
            order.tax_country_id = order.company_id.account_fiscal_country_id

    @api.depends('company_id', 'partner_id', 'amount_total')
    def _compute_partner_credit_warning(self):
        # credit limits come with journal items, which are not provided
        self.partner_credit_warning = ''

    def _compute_access_url(self):
        super()._compute_access_url()
        for order in self:
            order.access_url = f'/my/orders/{order.id}'

    @api.depends('state')
    def _compute_type_name(self):
        for order in self:
            order.type_name = _("Sales Order") if order.state == 'sale' else _("Quotation")

    @api.constrains('company_id', 'order_line')
    def _check_order_line_company_id(self):
        for order in self:
            strangers = order.order_line.product_id.filtered(
                lambda p, allowed=order.company_id.parent_ids: p.company_id and p.company_id not in allowed)
            if strangers:
                raise ValidationError(_(
                    "Order %(order)s of company %(company)s cannot sell products of another company: %(products)s.",
                    order=order.name, company=order.company_id.name,
                    products=", ".join(strangers.mapped('display_name'))))

    @api.constrains('prepayment_percent')
    def _check_prepayment_percent(self):
        for order in self:
            if order.require_payment and not 0 < order.prepayment_percent <= 1.0:
                raise ValidationError(_("The prepayment of order %s must be more than 0%% and at most 100%%.",
                                        order.name))

    # ------------------------------------------------------------------
    # onchanges
    # ------------------------------------------------------------------

    @api.onchange('commitment_date', 'expected_date')
    def _onchange_commitment_date(self):
        requested, expected = self.commitment_date, self.expected_date
        if requested and expected and requested < expected:
            return {'warning': {
                'title': _("Requested date is too soon."),
                'message': _("The delivery date is sooner than the expected date. You may be unable to honor it."),
            }}
        return None

    @api.onchange('partner_id')
    def _onchange_partner_id_warning(self):
        customer = self.partner_id
        if not customer:
            return None
        # the warning set on the customer or, failing that, on its company
        if customer.sale_warn == 'no-message' and customer.parent_id:
            customer = customer.parent_id
        if customer.sale_warn and customer.sale_warn != 'no-message':
            if customer.sale_warn == 'block' and customer.parent_id and customer.parent_id.sale_warn == 'block':
                customer = customer.parent_id
            if customer.sale_warn == 'block':
                self.partner_id = False
            return {'warning': {'title': _("Warning for %s", customer.name), 'message': customer.sale_warn_msg}}
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        placeholder = _("New")
        for vals in vals_list:
            if vals.get('name', placeholder) != placeholder:
                continue
            sequence_date = None
            if vals.get('date_order'):
                sequence_date = fields.Datetime.context_timestamp(self, fields.Datetime.to_datetime(vals['date_order']))
            Sequence = self.env['ir.sequence'].with_company(vals.get('company_id'))
            vals['name'] = Sequence.next_by_code('sale.order', sequence_date=sequence_date) or placeholder
        return super().create(vals_list)

    def _get_copiable_order_lines(self):
        """The lines a copy of the order takes over (down payments stay behind)."""
        return self.order_line.filtered(lambda line: not line.is_downpayment)

    def copy_data(self, default=None):
        lines_given = bool(default) and 'order_line' in default
        # the lines are copied below, with the order's own filter
        default = {'order_line': [], **(default or {})}
        copies = super().copy_data(default=default)
        if not lines_given:
            for order, copied in zip(self, copies):
                copied['order_line'] = [Command.create(values)
                                        for values in order._get_copiable_order_lines().copy_data()]
        return copies

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_or_cancel(self):
        for order in self:
            if order.state not in ('draft', 'cancel'):
                raise UserError(_("%s was sent or confirmed: cancel it before deleting it.", order.name))

    def write(self, vals):
        result = super().write(vals)
        if vals.get('partner_id'):
            self.filtered(lambda o: o.state in ('sent', 'sale')).message_subscribe(partner_ids=[vals['partner_id']])
        return result

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_draft(self):
        """Back to quotation, for sent and cancelled orders (the signature is dropped)."""
        reopened = self.filtered(lambda o: o.state in ('cancel', 'sent'))
        return reopened.write({'state': 'draft', 'signature': False, 'signed_by': False, 'signed_on': False})

    def action_quotation_send(self):
        """The e-mail composer, loaded with the quotation (or confirmation) template."""
        context = {
            'default_model': 'sale.order',
            'default_res_ids': self.ids,
            'default_composition_mode': 'comment' if len(self) == 1 else 'mass_mail',
            'default_email_layout_xmlid': 'mail.mail_notification_layout_with_responsible_signature',
            'email_notification_allow_footer': True,
            'proforma': self.env.context.get('proforma', False),
        }
        if len(self) == 1:
            context.update(force_email=True, model_description=self.type_name)
            template = self._find_mail_template() if not self.env.context.get('hide_default_template') else None
            if template:
                context.update(default_template_id=template.id, mark_so_as_sent=True)
        return {
            'type': 'ir.actions.act_window',
            'view_mode': 'form',
            'res_model': 'mail.compose.message',
            'views': [(False, 'form')],
            'view_id': False,
            'target': 'new',
            'context': context,
        }

    def _find_mail_template(self):
        """The quotation template, or the confirmation one for a confirmed order."""
        self.ensure_one()
        if self.state == 'sale' and not self.env.context.get('proforma'):
            return self._get_confirmation_template()
        return self.env.ref('sale.email_template_edi_sale', raise_if_not_found=False)

    def _get_confirmation_template(self):
        self.ensure_one()
        configured = self.env['ir.config_parameter'].sudo().get_param('sale.default_confirmation_template')
        template = configured and self.env['mail.template'].browse(int(configured)).exists()
        return template or self.env.ref('sale.mail_template_sale_confirmation', raise_if_not_found=False)

    @api.returns('mail.message', lambda value: value.id)
    def message_post(self, **kwargs):
        if self.env.context.get('mark_so_as_sent'):
            # e-mailing a quotation from the composer marks it sent
            drafts = self.filtered(lambda o: o.state == 'draft')
            drafts.with_context(tracking_disable=True).write({'state': 'sent'})
        return super().message_post(**kwargs)

    def action_quotation_sent(self):
        """Mark draft quotations as sent without e-mailing them."""
        not_draft = self.filtered(lambda o: o.state != 'draft')
        if not_draft:
            raise UserError(_("Only quotations can be marked as sent (not %s).", ", ".join(not_draft.mapped('name'))))
        for order in self:
            order.message_subscribe(partner_ids=order.partner_id.ids)
        self.write({'state': 'sent'})

    def _confirmation_error_message(self):
        """Why the order cannot be confirmed, or False."""
        self.ensure_one()
        if self.state not in ('draft', 'sent'):
            return _("Order %s is not a quotation waiting for confirmation.", self.name)
        if any(not line.display_type and not line.is_downpayment and not line.product_id for line in self.order_line):
            return _("Order %s has a line without a product: it cannot be confirmed.", self.name)
        return False

    def _prepare_confirmation_values(self):
        return {'state': 'sale', 'date_order': fields.Datetime.now()}

    def action_confirm(self):
        """Turn the quotations into sales orders dated now; the customer follows them."""
        for order in self:
            problem = order._confirmation_error_message()
            if problem:
                raise UserError(problem)
        for order in self:
            customer = order.partner_id
            if customer not in order.message_partner_ids:
                order.message_subscribe(partner_ids=customer.ids)
        confirmation = self._prepare_confirmation_values()
        self.write(confirmation)
        # documents created on confirmation must not inherit the order's defaults
        confirm_context = {key: value for key, value in self.env.context.items()
                           if key not in ('default_name', 'default_user_id')}
        self.with_context(confirm_context)._action_confirm()
        if self[:1]._should_be_locked():
            self.action_lock()
        if self.env.context.get('send_email'):
            self._send_order_confirmation_mail()
        return True

    def _should_be_locked(self):
        creator = self[:1].create_uid
        return bool(creator and creator.sudo().has_group('sale.group_auto_done_setting'))

    def _action_confirm(self):
        """Hook for modules that create documents (deliveries, projects...) on confirmation."""
        return None

    def _send_order_confirmation_mail(self):
        for order in self:
            order._send_order_notification_mail(order._get_confirmation_template())

    def _send_order_notification_mail(self, mail_template):
        self.ensure_one()
        if not mail_template:
            return
        order = self.with_user(SUPERUSER_ID) if self.env.su else self
        order.with_context(force_send=True).message_post_with_source(
            mail_template, subtype_xmlid='mail.mt_comment',
            email_layout_xmlid='mail.mail_notification_layout_with_responsible_signature')

    def action_lock(self):
        for order in self:
            order.locked = True

    def action_unlock(self):
        for order in self:
            order.locked = False

    def action_cancel(self):
        """Cancel the orders (a locked order must be unlocked first)."""
        locked = self.filtered('locked')
        if locked:
            raise UserError(_("Unlock %s before cancelling it.", ", ".join(locked.mapped('name'))))
        return self._action_cancel()

    def _action_cancel(self):
        return self.write({'state': 'cancel'})

    def _get_lang(self):
        self.ensure_one()
        customer = self.partner_id
        if customer.lang and not customer.is_public:
            return customer.lang
        return self.env.lang

    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.type_name} {self.name}"

    def _has_to_be_signed(self):
        self.ensure_one()
        return self.state in ('draft', 'sent') and not self.is_expired and self.require_signature and not self.signature
