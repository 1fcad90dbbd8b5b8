"""``res.company``: the company's sales settings (quotation validity, online
signature and payment)."""
from __future__ import annotations

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    _sql_constraints = [
        ('check_quotation_validity_days', 'CHECK(quotation_validity_days >= 0)',
         "The default validity of quotations cannot be a negative number of days."),
    ]

    portal_confirmation_sign = fields.Boolean(string="Online Signature", default=True)
    portal_confirmation_pay = fields.Boolean(string="Online Payment")
    prepayment_percent = fields.Float(
        string="Prepayment percentage", default=1.0,
        help="The share of the total the customer pays online to confirm an order.")
    quotation_validity_days = fields.Integer(
        string="Default Quotation Validity", default=30,
        help="Days a new quotation stays valid; 0 for no limit.")
    sale_discount_product_id = fields.Many2one(
        'product.product', string="Discount Product", domain=[('type', '=', 'service')],
        help="The product used for discount lines added to orders.")
    sale_onboarding_payment_method = fields.Selection(
        selection=[('digital_signature', "Sign online"), ('paypal', "PayPal"),
                   ('stripe', "Stripe"), ('other', "Pay with another payment provider"),
                   ('manual', "Manual Payment")],
        string="Sale onboarding selected payment method")
