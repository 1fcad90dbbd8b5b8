"""Margin rules (毛利规则): how a company turns a supplier's price into its
own sales price, for one product, a product category or everything. The
rule with the lowest sequence that matches a product wins."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class TianchiMarginRule(models.Model):
    _name = 'tianchi.margin.rule'
    _description = 'Margin Rule'
    _order = 'sequence, id'
    _check_company_auto = True

    name = fields.Char(string='Name', required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one('res.company', string='Company', required=True, index=True,
                                 default=lambda self: self.env.company)
    applies_to = fields.Selection(
        [('all', 'All Products'), ('category', 'Product Category'), ('product', 'Product')],
        string='Applies To', required=True, default='all')
    categ_id = fields.Many2one('product.category', string='Product Category',
                               help="Products of this category and of its sub-categories.")
    product_id = fields.Many2one('product.product', string='Product', check_company=True)
    margin_type = fields.Selection(
        [('percent', 'Margin Percentage'), ('fixed', 'Fixed Markup')],
        string='Margin Type', required=True, default='percent')
    margin_percent = fields.Float(string='Margin (%)', help="Added to the cost: 20 sells at cost x 1.20.")
    fixed_markup = fields.Monetary(string='Markup', currency_field='currency_id',
                                   help="Added to the cost of each unit.")
    currency_id = fields.Many2one('res.currency', related='company_id.currency_id')

    @api.constrains('applies_to', 'categ_id', 'product_id')
    def _check_target(self):
        for rule in self:
            if rule.applies_to == 'category' and not rule.categ_id:
                raise ValidationError(_("Margin rule %s applies to a category: choose it.", rule.name))
            if rule.applies_to == 'product' and not rule.product_id:
                raise ValidationError(_("Margin rule %s applies to a product: choose it.", rule.name))

    @api.constrains('margin_percent', 'fixed_markup')
    def _check_margin(self):
        for rule in self:
            if rule.margin_percent <= -100:
                raise ValidationError(_(
                    "Margin rule %(rule)s would sell below nothing (%(percent)s%%).",
                    rule=rule.name, percent=rule.margin_percent))

    def _matches(self, product) -> bool:
        self.ensure_one()
        if self.applies_to == 'product':
            return self.product_id == product
        if self.applies_to == 'category':
            return bool(product.categ_id) and product.categ_id.parent_path.startswith(self.categ_id.parent_path)
        return True

    @api.model
    def _find_rule(self, product, company):
        """The first active rule of ``company`` that matches ``product``."""
        rules = self.search([('company_id', '=', company.id)])
        return next((rule for rule in rules if rule._matches(product)), self.browse())

    def _apply(self, cost: float) -> float:
        """The sales price of a unit bought at ``cost``; no rule sells at cost."""
        if not self:
            return cost
        self.ensure_one()
        if self.margin_type == 'fixed':
            return cost + self.fixed_markup
        return cost * (1 + self.margin_percent / 100.0)
