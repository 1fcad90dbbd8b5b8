"""Quotations built from supplier quotes (按采购价生成报价), their revisions
(V1, V2…) kept each time they are e-mailed with their PDF, the online page
the PDF's QR code opens, and the contract made from the confirmed order."""
import base64
from urllib.parse import urlencode

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list

from ..tools.amount_cn import amount_to_chinese
from .product_template_publish import qr_png

QUOTATION_REPORT = 'tianchi_pipeline.action_report_tianchi_quotation'
QUOTATION_TEMPLATE = 'tianchi_pipeline.mail_template_tianchi_quotation'


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    tianchi_supplier_quote_ids = fields.One2many(
        'tianchi.supplier.quote', 'order_id', string='Supplier Quotes')
    quote_revision_ids = fields.One2many('tianchi.quote.revision', 'order_id', string='Quotation Revisions')
    quote_revision = fields.Char(
        string='Quotation Revision', compute='_compute_quote_revision',
        help="The last revision sent to the customer (V1, V2…).")
    tianchi_contract_ids = fields.One2many('tianchi.contract', 'order_id', string='Contracts')
    tianchi_contract_count = fields.Integer(string='Contract Count', compute='_compute_tianchi_contract_count')
    tianchi_amount_words = fields.Char(
        string='Total in Words', compute='_compute_tianchi_amount_words',
        help="The total in Chinese capital numerals (大写金额).")

    @api.depends('quote_revision_ids.number')
    def _compute_quote_revision(self):
        for order in self:
            numbers = order.quote_revision_ids.mapped('number')
            order.quote_revision = f'V{max(numbers)}' if numbers else False

    @api.depends('tianchi_contract_ids')
    def _compute_tianchi_contract_count(self):
        for order in self:
            order.tianchi_contract_count = len(order.tianchi_contract_ids)

    @api.depends('amount_total')
    def _compute_tianchi_amount_words(self):
        for order in self:
            # a negative total (a refund) has no capital wording of its own
            order.tianchi_amount_words = amount_to_chinese(order.amount_total) if order.amount_total >= 0 else False

    # ------------------------------------------------------------------
    # pricing from supplier quotes
    # ------------------------------------------------------------------

    def _tianchi_priced_lines(self):
        return self.order_line.filtered(lambda line: not line.display_type)

    def action_tianchi_apply_margin(self):
        """Price every line at its selected supplier quote plus the
        company's margin rule; refused, changing nothing, when a line has no
        selected quote."""
        for order in self:
            if order.state not in ('draft', 'sent'):
                raise UserError(_("%(order)s is no longer a quotation: its prices cannot be rebuilt.",
                                  order=order.name))
            lines = order._tianchi_priced_lines()
            if not lines:
                raise UserError(_("Quotation %(order)s has no lines to price.", order=order.name))
            missing = lines.filtered(lambda line: not line.tianchi_selected_quote_id)
            if missing:
                raise UserError(_(
                    "These lines of %(order)s have no selected supplier quote: %(lines)s. "
                    "Select a supplier quote on each line first.",
                    order=order.name, lines=format_list(self.env, missing.mapped('name'))))
        Rule = self.env['tianchi.margin.rule']
        for order in self:
            for line in order._tianchi_priced_lines():
                cost = line.tianchi_selected_quote_id._price_in(order.currency_id, order.date_order)
                rule = Rule._find_rule(line.product_id, order.company_id)
                line.price_unit = order.currency_id.round(rule._apply(cost))
        return True

    # ------------------------------------------------------------------
    # sending the quotation
    # ------------------------------------------------------------------

    def _tianchi_quote_url(self) -> str:
        """The online quotation, opened by its token (the QR code's target)."""
        self.ensure_one()
        token = self._portal_ensure_token()
        return f"{self.get_base_url()}/tianchi/quote/{self.id}?{urlencode({'access_token': token})}"

    def _tianchi_quote_qr_src(self) -> str:
        """The QR code of the online quotation as a data URI: the PDF engine
        needs no request for it, and /report/barcode cannot draw PNGs where
        reportlab lacks its rlPyCairo backend (as in stock Odoo 18 setups)."""
        self.ensure_one()
        return 'data:image/png;base64,' + base64.b64encode(qr_png(self._tianchi_quote_url())).decode()

    def _tianchi_check_sendable(self):
        self.ensure_one()
        if self.state not in ('draft', 'sent'):
            raise UserError(_("%(order)s is no longer a quotation: it cannot be sent as one.", order=self.name))
        if not self._tianchi_priced_lines():
            raise UserError(_("Quotation %(order)s has no lines: add products before sending it.", order=self.name))
        if not self.partner_id.email:
            raise UserError(_(
                "Customer %(customer)s has no e-mail address: the quotation %(order)s cannot be e-mailed.",
                customer=self.partner_id.display_name, order=self.name))

    def _tianchi_create_revision(self):
        """The next revision of the quotation, holding its lines, amounts and PDF."""
        self.ensure_one()
        # revisions are a record of what went out, read-only to users: made as
        # superuser once the sender is known to be allowed to change the order
        self.check_access('write')
        Revision = self.env['tianchi.quote.revision'].sudo()
        number = max(self.quote_revision_ids.mapped('number') or [0]) + 1
        revision = Revision.create({
            'order_id': self.id,
            'number': number,
            'partner_id': self.partner_id.id,
            'currency_id': self.currency_id.id,
            'amount_untaxed': self.amount_untaxed,
            'amount_tax': self.amount_tax,
            'amount_total': self.amount_total,
            'line_count': len(self._tianchi_priced_lines()),
            'snapshot': Revision._snapshot_of(self),
        })
        content, kind = self.env['ir.actions.report']._render_qweb_pdf(QUOTATION_REPORT, self.ids)
        revision.attachment_id = self.env['ir.attachment'].sudo().create({
            'name': f'{self.name}-{revision.name}.{kind}',
            'raw': content,
            'res_model': revision._name,
            'res_id': revision.id,
            'mimetype': 'application/pdf' if kind == 'pdf' else 'text/html',
        })
        return revision.with_env(self.env)

    def action_tianchi_send_quotation(self):
        """E-mail the quotation PDF to the customer as a new revision; a
        quotation without lines or a customer without e-mail is refused
        before anything changes."""
        self.ensure_one()
        self._tianchi_check_sendable()
        template = self.env.ref(QUOTATION_TEMPLATE)
        self._portal_ensure_token()
        revision = self._tianchi_create_revision()
        template.send_mail(self.id, force_send=True)
        if self.state == 'draft':
            self.write({'state': 'sent'})
        self.message_post(
            body=_("Quotation %(revision)s sent to %(email)s.", revision=revision.name,
                   email=self.partner_id.email),
            subtype_xmlid='mail.mt_note')
        return True

    # ------------------------------------------------------------------
    # contract
    # ------------------------------------------------------------------

    def action_tianchi_create_contract(self):
        """A contract from the confirmed order whose quotation was sent,
        written from the company's contract template."""
        self.ensure_one()
        if self.state != 'sale':
            raise UserError(_(
                "%(order)s is not a confirmed order: confirm the quotation before making its contract.",
                order=self.name))
        if not self.quote_revision_ids:
            raise UserError(_(
                "The quotation of %(order)s was never sent to the customer: send it before making the contract.",
                order=self.name))
        contract = self.env['tianchi.contract']._create_from_order(self)
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'tianchi.contract',
            'res_id': contract.id,
            'view_mode': 'form',
            'views': [(False, 'form')],
            'target': 'current',
        }

    def action_tianchi_view_contracts(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Contracts'),
            'res_model': 'tianchi.contract',
            'view_mode': 'list,form',
            'domain': [('order_id', '=', self.id)],
            'context': {'default_order_id': self.id},
        }
