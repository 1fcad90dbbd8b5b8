"""Custom fields (自定义数据表格) an administrator adds to customers,
contacts or products: each one is an Odoo custom field (an ``x_`` row of
``ir.model.fields``), created, renamed and removed along with its
configuration row, and shown by the views its target generates.

Only the database administrator (Settings rights) configures them: a
custom field changes the table of every company of the database, and
several companies share one database."""
import re
import uuid

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

FIELD_TYPES = [
    ('char', 'Text'),
    ('text', 'Multi-line Text'),
    ('integer', 'Whole Number'),
    ('float', 'Decimal Number'),
    ('monetary', 'Amount'),
    ('date', 'Date'),
    ('datetime', 'Date and Time'),
    ('boolean', 'Checkbox'),
    ('selection', 'Choice'),
    ('tags', 'Tags'),
    ('many2one', 'Link to a Record'),
]

# the ir.model.fields type of each kind of custom field
FIELD_TTYPES = {key: key for key, _label in FIELD_TYPES}
FIELD_TTYPES['tags'] = 'many2many'

# not the HQ head: they administer one company, and a custom field is a
# column of every company signed up in the database
ADMIN_GROUPS = ('base.group_system',)


def check_custom_field_admin(env):
    """Refuse anyone but the database administrators."""
    if env.su:
        return
    if not any(env.user.has_group(group) for group in ADMIN_GROUPS):
        raise AccessError(env._(
            "Only the database administrator can configure custom fields, not %s: "
            "they change the data of every company of the database.", env.user.name))


class TianchiCustomField(models.Model):
    _name = 'tianchi.custom.field'
    _description = "Custom Field"
    _order = 'target_id, sequence, id'

    name = fields.Char(string="Label", required=True)
    target_id = fields.Many2one('tianchi.custom.field.target', string="Added to", required=True,
                                ondelete='cascade', index=True)
    model_name = fields.Char(related='target_id.model_name', string="Model")
    field_type = fields.Selection(FIELD_TYPES, string="Type", required=True, default='char')
    option_ids = fields.One2many('tianchi.custom.field.option', 'custom_field_id', string="Options",
                                 copy=True)
    link_model_id = fields.Many2one('ir.model', string="Linked Model", ondelete='cascade',
                                    domain=[('transient', '=', False)],
                                    help="The kind of record a link field points to.")
    sequence = fields.Integer(default=100)
    show_in_list = fields.Boolean(string="Column in List", default=True)
    show_in_form = fields.Boolean(string="In Form", default=True)
    show_in_search = fields.Boolean(string="Searchable", default=True)
    required = fields.Boolean(help="Must be filled in the views of its target (the database "
                                   "does not enforce it: other records of the model may leave it empty).")
    help = fields.Char(string="Tooltip")
    tracking = fields.Boolean(string="Track Changes", help="Changes of the value are logged in the chatter.")
    active = fields.Boolean(default=True, help="Archived fields keep their values but leave the views.")
    field_id = fields.Many2one('ir.model.fields', string="Field", readonly=True, ondelete='set null',
                               copy=False)
    field_name = fields.Char(related='field_id.name', string="Technical Name")

    @api.constrains('name', 'target_id', 'field_type', 'option_ids', 'link_model_id')
    def _check_definition(self):
        for rec in self:
            rec._check_values(rec.name, rec.target_id, rec.field_type, rec.option_ids.mapped('name'),
                              rec.link_model_id)

    def _check_values(self, label, target, field_type, option_names, link_model):
        """Refuse what would make a broken or ambiguous field, naming it."""
        label = (label or '').strip()
        if not label:
            raise ValidationError(_("A custom field needs a label."))
        model = self.env[target.model_name]
        for fname, field in model._fields.items():
            if fname == self.field_id.name:
                continue
            if str(field.string).strip().lower() == label.lower():
                raise ValidationError(_("The label “%(label)s” is already used by the field %(field)s of "
                                        "%(target)s: choose another one.",
                                        label=label, field=fname, target=target.name))
        same = self.search([('target_id.model_name', '=', target.model_name), ('id', '!=', self.id),
                            ('active', 'in', [True, False])])
        if any(other.name.strip().lower() == label.lower() for other in same):
            raise ValidationError(_("The label “%(label)s” is already used by another custom field of "
                                    "%(target)s.", label=label, target=target.name))
        if field_type in ('selection', 'tags') and not [name for name in option_names if (name or '').strip()]:
            raise ValidationError(_("The choice field “%s” needs at least one option.", label))
        if field_type == 'many2one':
            if not link_model:
                raise ValidationError(_("The link field “%s” needs the model it points to.", label))
            if not link_model.exists() or link_model.model not in self.env:
                raise ValidationError(_("The link field “%(label)s” points to a model that does not exist "
                                        "(%(model)s).", label=label, model=link_model.model or link_model.id))

    # ------------------------------------------------------------------
    # the ir.model.fields row
    # ------------------------------------------------------------------

    def _technical_name(self):
        """``x_`` + the label when it is plain ASCII, else the target and id."""
        slug = re.sub(r'[^a-z0-9]+', '_', (self.name or '').lower()).strip('_')
        base = f"x_{slug}" if slug and slug.isascii() and slug[0].isalpha() else f"x_tc_{self.target_id.code}"
        name = f"{base[:40]}_{self.id}"
        return name

    def _field_values(self):
        """The values of the ir.model.fields row of this custom field."""
        self.ensure_one()
        target = self.target_id
        ttype = FIELD_TTYPES[self.field_type]
        values = {
            'field_description': self.name.strip(),
            'help': self.help or False,
            'tracking': 100 if self.tracking else 0,
        }
        if self.field_id:
            return values
        name = self._technical_name()
        values.update({
            'name': name,
            'model_id': self.env['ir.model']._get(target.model_name).id,
            'ttype': ttype,
            'state': 'manual',
            'index': self.field_type in ('selection', 'many2one', 'date'),
            'copied': True,
        })
        if self.field_type == 'tags':
            table = self.env[target.model_name]._table
            values.update({
                'relation': 'tianchi.custom.field.option',
                'relation_table': f"x_{table}_{name[2:]}_rel"[:63],
                'column1': f"{table}_id",
                'column2': 'option_id',
                'domain': repr([('custom_field_id', '=', self.id)]),
            })
        elif self.field_type == 'many2one':
            values.update({'relation': self.link_model_id.model, 'on_delete': 'set null'})
        elif self.field_type == 'monetary':
            values['currency_field'] = target.currency_field
        return values

    def _sync_selection(self):
        """Make the choices of a choice field those of its options."""
        for rec in self.filtered(lambda r: r.field_type == 'selection' and r.field_id):
            rows = {row.value: row for row in rec.field_id.sudo().selection_ids}
            wanted = rec.option_ids.sorted()
            for index, option in enumerate(wanted):
                row = rows.pop(option.value, None)
                if row is None:
                    self.env['ir.model.fields.selection'].sudo().create({
                        'field_id': rec.field_id.id, 'value': option.value, 'name': option.name,
                        'sequence': index})
                elif (row.name, row.sequence) != (option.name, index):
                    row.write({'name': option.name, 'sequence': index})
            if rows:
                self.env['ir.model.fields.selection'].sudo().browse([row.id for row in rows.values()]).unlink()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        check_custom_field_admin(self.env)
        records = super().create(vals_list)
        for rec in records:
            field = self.env['ir.model.fields'].sudo().create(rec._field_values())
            rec.field_id = field
            # the choices apart: Odoo runs no x2many command of ir.model.fields as superuser
            rec._sync_selection()
        records.target_id._regenerate_views()
        return records

    def write(self, vals):
        check_custom_field_admin(self.env)
        if ('target_id' in vals and any(rec.target_id.id != vals['target_id'] for rec in self)) or \
                ('field_type' in vals and any(rec.field_type != vals['field_type'] for rec in self)):
            raise ValidationError(_("The type and the target of a custom field cannot change: "
                                    "remove it and add a new one."))
        result = super().write(vals)
        if {'name', 'help', 'tracking'} & set(vals):
            for rec in self.filtered('field_id'):
                rec.field_id.sudo().write(rec._field_values())
        if 'option_ids' in vals:
            self._sync_selection()
        self.target_id._regenerate_views()
        return result

    def unlink(self):
        check_custom_field_admin(self.env)
        fields_ = self.field_id.sudo()
        # the views first: Odoo refuses to drop a field that a view still shows
        self.with_context(tianchi_custom_field_removing=self.ids).target_id._regenerate_views()
        fields_.unlink()
        return super().unlink()


class TianchiCustomFieldOption(models.Model):
    _name = 'tianchi.custom.field.option'
    _description = "Custom Field Option"
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    value = fields.Char(readonly=True, copy=False,
                        help="The value stored for a choice; it never changes once given.")
    color = fields.Integer()
    custom_field_id = fields.Many2one('tianchi.custom.field', string="Custom Field", required=True,
                                      ondelete='cascade', index=True)

    _sql_constraints = [
        ('value_uniq', 'unique(custom_field_id, value)', "An option value is used once per field."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        check_custom_field_admin(self.env)
        for vals in vals_list:
            # a stored choice keeps its value when the option is renamed
            vals['value'] = vals.get('value') or f"option_{uuid.uuid4().hex[:10]}"
        records = super().create(vals_list)
        records.custom_field_id._sync_selection()
        return records

    def write(self, vals):
        check_custom_field_admin(self.env)
        vals.pop('value', None)
        result = super().write(vals)
        if {'name', 'sequence'} & set(vals):
            self.custom_field_id._sync_selection()
        return result

    def unlink(self):
        check_custom_field_admin(self.env)
        custom_fields = self.custom_field_id
        result = super().unlink()
        custom_fields.exists()._sync_selection()
        return result
