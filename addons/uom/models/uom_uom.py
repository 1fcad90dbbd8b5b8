"""``uom.uom``: a unit of measure, defined by its ratio to the reference unit of
its category, and the conversions of quantities and unit prices between units."""
from __future__ import annotations

from collections import Counter

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError


class UomUom(models.Model):
    _name = 'uom.uom'
    _description = 'Product Unit of Measure'
    _order = "factor DESC, id"

    name = fields.Char('Unit of Measure', required=True, translate=True)
    category_id = fields.Many2one(
        comodel_name='uom.category', string='Category', required=True, ondelete='restrict',
        help="Quantities convert only between units of the same category.")
    # digits=0: NUMERIC without a fixed scale, conversions must stay exact
    factor = fields.Float(
        'Ratio', default=1.0, digits=0, required=True,
        help="How many of this unit make one reference unit of the category.")
    factor_inv = fields.Float(
        'Bigger Ratio', compute='_compute_factor_inv', digits=0, readonly=True, required=True,
        help="How many reference units make one of this unit.")
    rounding = fields.Float(
        string='Rounding Precision', required=True, digits=0, default=0.01,
        help="Quantities in this unit are rounded to a multiple of this value "
             "(1.0 for things that cannot be split).")
    active = fields.Boolean('Active', default=True)
    uom_type = fields.Selection([
        ('bigger', 'Bigger than the reference Unit of Measure'),
        ('reference', 'Reference Unit of Measure for this category'),
        ('smaller', 'Smaller than the reference Unit of Measure'),
    ], 'Type', default='reference', required=True)
    ratio = fields.Float('Combined Ratio', compute='_compute_ratio', inverse='_set_ratio', store=False)
    color = fields.Integer('Color', compute='_compute_color')

    _sql_constraints = [
        ('factor_gt_zero', 'CHECK (factor!=0)', "A unit's conversion ratio cannot be zero."),
        ('rounding_gt_zero', 'CHECK (rounding>0)', "A unit's rounding precision must be positive."),
        ('factor_reference_is_one',
         "CHECK((uom_type = 'reference' AND factor = 1.0) OR (uom_type != 'reference'))",
         "A reference unit has a ratio of exactly 1."),
    ]

    @api.depends('factor')
    def _compute_factor_inv(self):
        for unit in self:
            unit.factor_inv = 1.0 / unit.factor if unit.factor else 0.0

    @api.depends('uom_type', 'factor')
    def _compute_ratio(self):
        for unit in self:
            if unit.uom_type == 'bigger':
                unit.ratio = unit.factor_inv
            elif unit.uom_type == 'smaller':
                unit.ratio = unit.factor
            else:
                unit.ratio = 1

    def _set_ratio(self):
        for unit in self:
            if not unit.ratio:
                raise ValidationError(_("The ratio of unit %s cannot be zero.", unit.name))
            if unit.uom_type == 'bigger':
                unit.factor = 1 / unit.ratio
            elif unit.uom_type == 'smaller':
                unit.factor = unit.ratio
            else:
                unit.factor = 1

    @api.depends('uom_type')
    def _compute_color(self):
        for unit in self:
            unit.color = 7 if unit.uom_type == 'reference' else 0

    @api.onchange('uom_type')
    def _onchange_uom_type(self):
        if self.uom_type == 'reference':
            self.factor = 1

    def _check_category_reference_uniqueness(self) -> None:
        categories = self.category_id
        if not categories:
            return
        units = self.with_context(active_test=False).search([('category_id', 'in', categories.ids)])
        references = Counter(u.category_id.id for u in units if u.uom_type == 'reference')
        populated = {u.category_id.id for u in units}
        for category in categories:
            count = references.get(category.id, 0)
            if count > 1:
                raise ValidationError(_("The unit category %s has more than one reference unit.", category.name))
            if not count and category.id in populated:
                raise ValidationError(_("The unit category %s has no reference unit.", category.name))

    @staticmethod
    def _pop_factor_inv(vals: dict) -> None:
        # factor_inv is read-only but data files and the form write it: store its inverse
        if 'factor_inv' in vals:
            inverse = vals.pop('factor_inv')
            vals['factor'] = 1.0 / inverse if inverse else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._pop_factor_inv(vals)
        units = super().create(vals_list)
        units._check_category_reference_uniqueness()
        return units

    def write(self, vals):
        self._pop_factor_inv(vals)
        result = super().write(vals)
        switching_reference = vals.get('uom_type') == 'reference'
        if not switching_reference and not self.env.context.get('allow_to_change_reference'):
            self._check_category_reference_uniqueness()
        return result

    @api.model
    def _unprotected_uom_xml_ids(self) -> list[str]:
        return ['product_uom_hour', 'product_uom_dozen']

    def _filter_protected_uoms(self):
        """The units among ``self`` that uom's own data defines and the system relies on."""
        free_names = self._unprotected_uom_xml_ids()
        data = self.env['ir.model.data'].sudo().search([
            ('model', '=', self._name), ('res_id', 'in', self.ids), ('module', '=', 'uom'),
            ('name', 'not in', free_names),
        ])
        return self.browse(set(data.mapped('res_id')))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_master_data(self):
        protected = self._filter_protected_uoms()
        if protected:
            raise UserError(_(
                "These units of measure belong to the system and cannot be deleted (archive them instead): %s",
                ", ".join(protected.mapped('name')),
            ))

    def _compute_quantity(self, qty, to_unit, round=True, rounding_method='UP', raise_if_failure=True):
        """Express ``qty`` of unit ``self`` in ``to_unit``, rounded to ``to_unit``'s
        precision unless ``round`` is False. Units of different categories cannot be
        converted: a UserError, or ``qty`` unchanged if ``raise_if_failure`` is False."""
        if not self or not qty:
            return qty
        self.ensure_one()
        if self != to_unit and self.category_id != to_unit.category_id:
            if not raise_if_failure:
                return qty
            raise UserError(_(
                "Cannot convert from %(unit)s to %(product_unit)s: the two units of measure belong to "
                "different categories. Pick a unit of the product's category on the line.",
                unit=self.name, product_unit=to_unit.name))
        if self == to_unit:
            converted = qty
        else:
            in_reference = qty / self.factor
            converted = in_reference * to_unit.factor if to_unit else in_reference
        if round and to_unit:
            converted = tools.float_round(converted, precision_rounding=to_unit.rounding,
                                          rounding_method=rounding_method)
        return converted

    def _compute_price(self, price, to_unit):
        """Express a price per ``self`` as a price per ``to_unit`` (unchanged across categories)."""
        self.ensure_one()
        if not price or not to_unit or self == to_unit or self.category_id != to_unit.category_id:
            return price
        return price * self.factor / to_unit.factor
