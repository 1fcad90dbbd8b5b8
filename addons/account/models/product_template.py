"""``product.template``: the taxes a product carries by default when sold and bought."""
from __future__ import annotations

from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    def _default_taxes_id(self):
        return self.env.company.account_sale_tax_id

    def _default_supplier_taxes_id(self):
        return self.env.company.account_purchase_tax_id

    taxes_id = fields.Many2many(
        'account.tax', 'product_taxes_rel', 'prod_id', 'tax_id', string="Sales Taxes",
        default=_default_taxes_id, domain=[('type_tax_use', '=', 'sale')],
        help="The taxes applied when the product is sold.")
    supplier_taxes_id = fields.Many2many(
        'account.tax', 'product_supplier_taxes_rel', 'prod_id', 'tax_id', string="Purchase Taxes",
        default=_default_supplier_taxes_id, domain=[('type_tax_use', '=', 'purchase')],
        help="The taxes applied when the product is bought.")
