"""``product.category``: the tree of product categories ("All / Saleable / ...")."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ProductCategory(models.Model):
    _name = 'product.category'
    _inherit = ['mail.thread']
    _description = 'Product Category'
    _parent_name = 'parent_id'
    _parent_store = True
    _rec_name = 'complete_name'
    _order = 'complete_name'

    name = fields.Char('Name', index='trigram', required=True)
    complete_name = fields.Char(
        'Complete Name', compute='_compute_complete_name', recursive=True, store=True)
    parent_id = fields.Many2one('product.category', 'Parent Category', index=True, ondelete='cascade')
    parent_path = fields.Char(index=True)
    child_id = fields.One2many('product.category', 'parent_id', 'Child Categories')
    product_properties_definition = fields.PropertiesDefinition('Product Properties')
    product_count = fields.Integer(
        '# Products', compute='_compute_product_count',
        help="How many products this category and its sub-categories hold.")

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for category in self:
            parent_name = category.parent_id.complete_name
            category.complete_name = f"{parent_name} / {category.name}" if parent_name else category.name

    def _compute_product_count(self):
        counts = dict.fromkeys(self.ids, 0)
        if self.ids:
            Template = self.env['product.template']
            per_category = Template._read_group(
                [('categ_id', 'child_of', self.ids)], ['categ_id'], ['__count'])
            for direct_category, count in per_category:
                # a product counts for its category and for every ancestor among ``self``
                ancestors = {int(i) for i in (direct_category.parent_path or '').split('/') if i}
                for category_id in ancestors & set(counts):
                    counts[category_id] += count
        for category in self:
            category.product_count = counts.get(category.id, 0)

    @api.constrains('parent_id')
    def _check_category_recursion(self):
        if self._has_cycle():
            raise ValidationError(_("A product category cannot be its own ancestor."))

    @api.model
    def name_create(self, name):
        category = self.create({'name': name})
        return category.id, category.display_name

    @api.depends_context('hierarchical_naming')
    def _compute_display_name(self):
        if self.env.context.get('hierarchical_naming', True):
            super()._compute_display_name()
            return
        for category in self:
            category.display_name = category.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_default_category(self):
        protected = self.env.ref('product.product_category_all', raise_if_not_found=False)
        if protected and protected in self:
            raise UserError(_("The category %s is the default one and cannot be deleted.", protected.name))
