"""``res.partner.category``: hierarchical tags put on partners."""
from __future__ import annotations

from random import randint

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartnerCategory(models.Model):
    _name = 'res.partner.category'
    _description = 'Partner Tags'
    _order = 'name'
    _parent_store = True

    def _get_default_color(self):
        return randint(1, 11)

    name = fields.Char('Name', required=True, translate=True)
    color = fields.Integer(string='Color', default=_get_default_color, aggregator=False)
    parent_id = fields.Many2one('res.partner.category', string='Category', index=True, ondelete='cascade')
    child_ids = fields.One2many('res.partner.category', 'parent_id', string='Child Tags')
    active = fields.Boolean(default=True, help="Archive a tag to hide it without deleting it.")
    parent_path = fields.Char(index=True)
    partner_ids = fields.Many2many('res.partner', column1='category_id', column2='partner_id',
                                   string='Partners', copy=False)

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_('A tag cannot be placed under one of its own sub-tags.'))

    @api.depends('parent_id')
    def _compute_display_name(self):
        for tag in self:
            path = []
            ancestor = tag
            while ancestor:
                path.insert(0, ancestor.name or "")
                ancestor = ancestor.parent_id
            tag.display_name = ' / '.join(path)

    @api.model
    def _search_display_name(self, operator, value):
        by_name = super()._search_display_name(operator, value)
        if not operator.endswith('like'):
            return by_name
        # searching a parent tag by name also finds its sub-tags
        return [('id', 'child_of', self._search(by_name))]
