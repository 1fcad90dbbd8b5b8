"""Reflection of the registry into the database: ir.model, ir.model.fields,
their selection values, SQL constraints, many2many tables and inheritance.

The loader calls the ``_reflect_*`` methods right after the tables of a
module's models were created; they write with plain SQL because they run
before the ORM may use these very models, and because installing ``base``
reflects thousands of fields and must stay fast.
"""
from __future__ import annotations

import logging
import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from psycopg2.extras import Json

_logger = logging.getLogger(__name__)

# context key that lets the uninstall machinery delete "base" rows
MODULE_UNINSTALL_FLAG = '_force_unlink'

FIELD_TYPES = [(key, key) for key in sorted([
    'binary', 'boolean', 'char', 'date', 'datetime', 'float', 'html',
    'integer', 'json', 'many2many', 'many2one', 'many2one_reference',
    'monetary', 'one2many', 'properties', 'properties_definition',
    'reference', 'selection', 'text',
])]


def model_xmlid(module: str, model_name: str) -> str:
    """The external id of an ir.model row, as Odoo names it."""
    return f"{module}.model_{model_name.replace('.', '_')}"


def field_xmlid(module: str, model_name: str, field_name: str) -> str:
    """The external id of an ir.model.fields row, as Odoo names it."""
    return f"{module}.field_{model_name.replace('.', '_')}__{field_name}"


def selection_xmlid(module: str, model_name: str, field_name: str, value: str) -> str:
    """The external id of an ir.model.fields.selection row, as Odoo names it."""
    safe_value = value.lower().translate(str.maketrans('. ', '__'))
    return f"{module}.selection__{model_name.replace('.', '_')}__{field_name}__{safe_value}"


def _sync_rows(cr, table: str, key_cols: list, cols: list, rows: list, translated=()) -> dict:
    """Insert or update ``rows`` (tuples over ``key_cols + cols``) of ``table``
    and return ``{key: id}`` for all of them.

    Only rows that differ are written. Translated columns are jsonb; their
    English value is compared and merged so other languages are kept.
    """
    if not rows:
        return {}
    all_cols = key_cols + cols
    nkey = len(key_cols)
    select_cols = ', '.join(
        '"%s"->>\'en_US\'' % c if c in translated else '"%s"' % c for c in all_cols
    )
    existing = {}
    # a first key column filter keeps the query small
    first_values = tuple({row[0] for row in rows})
    cr.execute(
        'SELECT id, %s FROM "%s" WHERE "%s" IN %%s' % (select_cols, table, key_cols[0]),
        [first_values],
    )
    for row in cr.fetchall():
        existing[tuple(row[1:nkey + 1])] = (row[0], tuple(row[1:]))

    def wrap(col, val):
        return Json({'en_US': val}) if col in translated and val is not None else val

    result = {}
    to_insert = []
    for row in rows:
        key = tuple(row[:nkey])
        found = existing.get(key)
        if found is None:
            to_insert.append(row)
            continue
        rid, current = found
        result[key] = rid
        if current != tuple(row):
            sets = ', '.join(
                ('"{0}" = COALESCE("{0}", \'{{}}\'::jsonb) || %s' if c in translated else '"{0}" = %s').format(c)
                for c in cols
            )
            if sets:
                cr.execute(
                    'UPDATE "%s" SET %s, write_date = (now() at time zone \'UTC\') WHERE id = %%s' % (table, sets),
                    [wrap(c, v) for c, v in zip(cols, row[nkey:])] + [rid],
                )
    if to_insert:
        names = ', '.join('"%s"' % c for c in all_cols)
        holder = '(%s, %s, (now() at time zone \'UTC\'), (now() at time zone \'UTC\'))' % (
            ', '.join(['%s'] * len(all_cols)), '%s')
        for start in range(0, len(to_insert), 500):
            chunk = to_insert[start:start + 500]
            params = []
            for row in chunk:
                params.extend(wrap(c, v) for c, v in zip(all_cols, row))
                params.append(1)
            cr.execute(
                'INSERT INTO "%s" (%s, create_uid, create_date, write_date) VALUES %s RETURNING id'
                % (table, names, ', '.join([holder] * len(chunk))),
                params,
            )
            for row, (rid,) in zip(chunk, cr.fetchall()):
                result[tuple(row[:nkey])] = rid
    return result


#
# 'base' must be the first model of the addon: every other model inherits it.
#
class Base(models.AbstractModel):
    """ The model every model implicitly inherits. """
    _name = 'base'
    _description = 'Base'


class Unknown(models.AbstractModel):
    """ Comodel of relational fields whose comodel is not installed. """
    _name = '_unknown'
    _description = 'Unknown'


class IrModel(models.Model):
    _name = 'ir.model'
    _description = "Models"
    _order = 'model'
    _rec_names_search = ['name', 'model']
    _allow_sudo_commands = False

    name = fields.Char(string='Model Description', translate=True, required=True)
    model = fields.Char(default='x_', required=True)
    order = fields.Char(string='Order', default='id', required=True,
                        help='ORDER BY clause of the model, e.g. "x_sequence asc, id desc"')
    info = fields.Text(string='Information')
    field_id = fields.One2many('ir.model.fields', 'model_id', string='Fields', copy=True)
    inherited_model_ids = fields.Many2many('ir.model', compute='_compute_inherited_models',
                                           string="Inherited models")
    state = fields.Selection([('manual', 'Custom Object'), ('base', 'Base Object')], string='Type',
                             default='manual', readonly=True)
    access_ids = fields.One2many('ir.model.access', 'model_id', string='Access')
    rule_ids = fields.One2many('ir.rule', 'model_id', string='Record Rules')
    transient = fields.Boolean(string="Transient Model")
    modules = fields.Char(compute='_compute_modules', string='In Apps')
    view_ids = fields.One2many('ir.ui.view', compute='_compute_view_ids', string='Views')
    count = fields.Integer(compute='_compute_count', string="Count (Incl. Archived)")

    _sql_constraints = [
        ('obj_name_uniq', 'unique (model)', 'A model name can be used only once.'),
    ]

    def _compute_inherited_models(self):
        self.inherited_model_ids = False
        for model in self:
            if model.model in self.env:
                parents = list(self.env[model.model]._inherits)
                model.inherited_model_ids = self.search([('model', 'in', parents)]) if parents else False

    def _compute_modules(self):
        installed = self.env['ir.module.module'].sudo().search([('state', '=', 'installed')]).mapped('name')
        xml_ids = self.env['ir.model.data']._all_xmlids(self)
        for model in self:
            module_names = {xid.split('.')[0] for xid in xml_ids.get(model.id, [])}
            model.modules = ", ".join(sorted(m for m in module_names if m in installed))

    def _compute_view_ids(self):
        View = self.env['ir.ui.view']
        for model in self:
            model.view_ids = View.search([('model', '=', model.model)])

    def _compute_count(self):
        self.count = 0
        for model in self:
            records = self.env.get(model.model)
            if records is not None and not records._abstract and records._auto:
                self.env.cr.execute('SELECT COUNT(*) FROM "%s"' % records._table)
                model.count = self.env.cr.fetchone()[0]

    @api.constrains('model')
    def _check_model_name(self):
        for model in self:
            if model.state == 'manual' and not model.model.startswith('x_'):
                raise ValidationError(_("Custom model %s: its name must start with 'x_'.", model.model))
            if not re.fullmatch(r'[a-z_][a-z0-9_.]*', model.model):
                raise ValidationError(_("The model name can only contain lowercase characters, digits, "
                                        "underscores and dots."))

    @api.ondelete(at_uninstall=False)
    def _unlink_if_manual(self):
        if not self._context.get(MODULE_UNINSTALL_FLAG) and any(m.state != 'manual' for m in self):
            raise UserError(_("Model '%s' contains module data and cannot be removed.",
                              self.filtered(lambda m: m.state != 'manual')[0].name))

    def write(self, vals):
        for frozen in ('model', 'state'):
            if frozen in vals and any(rec[frozen] != vals[frozen] for rec in self):
                raise UserError(_("The %(field)s of models %(models)s cannot be changed.",
                                  field=frozen, models=", ".join(self.mapped('model'))))
        return super().write(vals)

    @api.model
    @tools.ormcache('model')
    def _get_id(self, model: str) -> int | None:
        self.env.cr.execute("SELECT id FROM ir_model WHERE model = %s", [model])
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _get(self, name: str):
        """ The ir.model record (as superuser, like Odoo) of the model named
        ``name``; empty when there is none. """
        return self.sudo().browse(self._get_id(name) if name else False)

    def _reflect_model_params(self, model) -> dict:
        doc = next((cls.__doc__ for cls in type(model).mro() if cls.__doc__), None)
        return {
            'model': model._name,
            'name': str(model._description or model._name),
            'order': model._order or 'id',
            'info': doc,
            'state': 'manual' if getattr(model, '_custom', False) else 'base',
            'transient': bool(getattr(model, '_transient', False)),
        }

    def _reflect_models(self, model_names) -> None:
        """ Insert or update the ir_model rows of the given models, and give
        them their external id in the module being loaded. """
        model_names = [name for name in model_names if name in self.env]
        if not model_names:
            return
        params = [self._reflect_model_params(self.env[name]) for name in model_names]
        cols = ['name', 'order', 'info', 'state', 'transient']
        rows = [tuple([p['model']] + [p[c] for c in cols]) for p in params]
        ids = _sync_rows(self.env.cr, 'ir_model', ['model'], cols, rows, translated={'name'})
        self.env.registry.clear_cache()
        module = self._context.get('module')
        if not module:
            return
        data_list = [
            {'xml_id': model_xmlid(module, name), 'record': self.browse(ids[(name,)])}
            for name in model_names
            if getattr(self.env[name], '_module', None) == module
            or getattr(self.env[name], '_original_module', None) == module
        ]
        self.env['ir.model.data']._update_xmlids(data_list)

    def _drop_table(self):
        for model in self:
            current = self.env.get(model.model)
            if current is None or current._abstract or not current._auto:
                continue
            self.env.cr.execute(
                "SELECT relkind FROM pg_class WHERE relname = %s", [current._table])
            kind = self.env.cr.fetchone()
            if kind and kind[0] == 'v':
                self.env.cr.execute('DROP VIEW "%s" CASCADE' % current._table)
            elif kind:
                self.env.cr.execute('DROP TABLE "%s" CASCADE' % current._table)

    def unlink(self):
        if not self:
            return True
        if not self._context.get(MODULE_UNINSTALL_FLAG):
            for model in self:
                if model.state != 'manual':
                    raise UserError(_("Model %s is defined by a module and cannot be deleted.", model.model))
        self._drop_table()
        res = super().unlink()
        self.env.registry.clear_cache()
        return res


class IrModelFields(models.Model):
    _name = 'ir.model.fields'
    _description = "Fields"
    _order = "name"
    _rec_name = 'field_description'
    _allow_sudo_commands = False

    name = fields.Char(string='Field Name', default='x_', required=True, index=True)
    complete_name = fields.Char(index=True)
    model = fields.Char(string='Model Name', required=True, index=True)
    relation = fields.Char(string='Related Model')
    relation_field = fields.Char()
    relation_field_id = fields.Many2one('ir.model.fields', compute='_compute_relation_field_id',
                                        store=True, ondelete='cascade', string='Relation field')
    model_id = fields.Many2one('ir.model', string='Model', required=True, index=True, ondelete='cascade')
    field_description = fields.Char(string='Field Label', default='', required=True, translate=True)
    help = fields.Text(string='Field Help', translate=True)
    ttype = fields.Selection(selection=FIELD_TYPES, string='Field Type', required=True)
    selection = fields.Char(string="Selection Options (Deprecated)", compute='_compute_selection')
    selection_ids = fields.One2many("ir.model.fields.selection", "field_id", string="Selection Options", copy=True)
    copied = fields.Boolean(string='Copied')
    related = fields.Char(string='Related Field Definition')
    related_field_id = fields.Many2one('ir.model.fields', compute='_compute_related_field_id',
                                       store=True, string="Related Field", ondelete='cascade')
    required = fields.Boolean()
    readonly = fields.Boolean()
    index = fields.Boolean(string='Indexed')
    translate = fields.Boolean(string='Translatable')
    company_dependent = fields.Boolean(string='Company Dependent', readonly=True)
    size = fields.Integer()
    state = fields.Selection([('manual', 'Custom Field'), ('base', 'Base Field')], string='Type',
                             default='manual', required=True, readonly=True, index=True)
    on_delete = fields.Selection([('cascade', 'Cascade'), ('set null', 'Set NULL'), ('restrict', 'Restrict')],
                                 string='On Delete', default='set null')
    domain = fields.Char(default="[]")
    groups = fields.Many2many('res.groups', 'ir_model_fields_group_rel', 'field_id', 'group_id')
    group_expand = fields.Boolean(string="Expand Groups")
    selectable = fields.Boolean(default=True)
    modules = fields.Char(compute='_compute_modules', string='In Apps')
    relation_table = fields.Char()
    column1 = fields.Char(string='Column 1')
    column2 = fields.Char(string='Column 2')
    compute = fields.Text()
    depends = fields.Char(string='Dependencies')
    store = fields.Boolean(string='Stored', default=True)
    currency_field = fields.Char(string="Currency field")
    sanitize = fields.Boolean(string='Sanitize HTML', default=True)
    sanitize_overridable = fields.Boolean(string='Sanitize HTML overridable', default=False)
    sanitize_tags = fields.Boolean(string='Sanitize HTML Tags', default=True)
    sanitize_attributes = fields.Boolean(string='Sanitize HTML Attributes', default=True)
    sanitize_style = fields.Boolean(string='Sanitize HTML Style', default=False)
    sanitize_form = fields.Boolean(string='Sanitize HTML Form', default=True)
    strip_style = fields.Boolean(string='Strip Style Attribute', default=False)
    strip_classes = fields.Boolean(string='Strip Class Attribute', default=False)

    _sql_constraints = [
        ('name_unique', 'UNIQUE(model, name)', "A model cannot have two fields of the same name."),
        ('size_gt_zero', 'CHECK (size>=0)', 'A field size cannot be negative.'),
    ]

    @api.depends('relation', 'relation_field')
    def _compute_relation_field_id(self):
        for rec in self:
            if rec.state == 'manual' and rec.relation_field:
                rec.relation_field_id = self._get(rec.relation, rec.relation_field)
            else:
                rec.relation_field_id = False

    @api.depends('related')
    def _compute_related_field_id(self):
        for rec in self:
            if rec.state == 'manual' and rec.related:
                field = rec._related_field()
                rec.related_field_id = self._get(field.model_name, field.name)
            else:
                rec.related_field_id = False

    def _compute_selection(self):
        for rec in self:
            if rec.ttype in ('selection', 'reference'):
                rec.selection = str([(s.value, s.name) for s in rec.selection_ids])
            else:
                rec.selection = False

    def _compute_modules(self):
        installed = self.env['ir.module.module'].sudo().search([('state', '=', 'installed')]).mapped('name')
        xml_ids = self.env['ir.model.data']._all_xmlids(self)
        for field in self:
            module_names = {xid.split('.')[0] for xid in xml_ids.get(field.id, [])}
            field.modules = ", ".join(sorted(m for m in module_names if m in installed))

    def _related_field(self):
        """ The field that the dotted path ``self.related`` designates. """
        self.ensure_one()
        names = self.related.split(".")
        last = len(names) - 1
        model_name = self.model or self.model_id.model
        field = None
        for index, name in enumerate(names):
            field = self._get(model_name, name)
            if not field:
                raise UserError(_("Unknown field name %(field_name)s in related field %(related_field)s",
                                  field_name=name, related_field=self.related))
            model_name = field.relation
            if index < last and not field.relation:
                raise UserError(_("Non-relational field name %(field_name)s in related field %(related_field)s",
                                  field_name=name, related_field=self.related))
        return self.env[field.model]._fields[field.name]

    @api.model
    def _get(self, model_name: str, name: str):
        """ The ir.model.fields record of field ``name`` of ``model_name``. """
        field_id = model_name and name and self._get_ids(model_name).get(name)
        return self.sudo().browse(field_id)

    @tools.ormcache('model_name')
    def _get_ids(self, model_name: str) -> dict:
        self.env.cr.execute("SELECT name, id FROM ir_model_fields WHERE model = %s", [model_name])
        return dict(self.env.cr.fetchall())

    @api.model
    def get_field_string(self, model_name: str) -> dict:
        """ ``{field name: label}`` of ``model_name`` in the context's
        language (fields_get and views use it to translate labels). """
        return self._translated_column(model_name, 'field_description', self.env.lang or 'en_US')

    @api.model
    def get_field_help(self, model_name: str) -> dict:
        """ ``{field name: help}`` of ``model_name`` in the context's language. """
        return self._translated_column(model_name, 'help', self.env.lang or 'en_US')

    @tools.ormcache('model_name', 'column', 'lang')
    def _translated_column(self, model_name: str, column: str, lang: str) -> dict:
        if column not in ('field_description', 'help'):
            raise ValueError(column)
        self.env.cr.execute(
            'SELECT name, COALESCE("%s"->>%%s, "%s"->>\'en_US\') FROM ir_model_fields WHERE model = %%s'
            % (column, column), [lang, model_name])
        return {name: text for name, text in self.env.cr.fetchall() if text}

    @api.model
    def get_field_selection(self, model_name: str, field_name: str) -> list:
        """ ``[(value, label)]`` of a selection field in the context's language. """
        return self._translated_selection(model_name, field_name, self.env.lang or 'en_US')

    @tools.ormcache('model_name', 'field_name', 'lang')
    def _translated_selection(self, model_name: str, field_name: str, lang: str) -> list:
        self.env.cr.execute("""
            SELECT s.value, COALESCE(s.name->>%s, s.name->>'en_US')
              FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id
             WHERE f.model = %s AND f.name = %s
          ORDER BY s.sequence, s.id
        """, [lang, model_name, field_name])
        return [tuple(row) for row in self.env.cr.fetchall()]

    def _reflect_field_params(self, field, model_id: int) -> dict:
        ftype = field.type
        html = ftype == 'html'
        return {
            'model_id': model_id,
            'model': field.model_name,
            'name': field.name,
            'field_description': str(field.string or field.name),
            'help': str(field.help) if field.help else None,
            'ttype': ftype,
            'state': 'manual' if getattr(field, 'manual', False) else 'base',
            'relation': getattr(field, 'comodel_name', None) or None,
            'index': bool(getattr(field, 'index', False)),
            'store': bool(field.store),
            'copied': bool(getattr(field, 'copy', False)),
            'on_delete': getattr(field, 'ondelete', None) if ftype == 'many2one' else None,
            'related': (field.related if isinstance(field.related, str) else
                        '.'.join(field.related) if field.related else None),
            'readonly': bool(field.readonly),
            'required': bool(field.required),
            'selectable': bool(getattr(field, 'search', None) or field.store),
            'size': getattr(field, 'size', None) or None,
            'translate': bool(getattr(field, 'translate', False)),
            'company_dependent': bool(getattr(field, 'company_dependent', False)),
            'relation_field': getattr(field, 'inverse_name', None) if ftype == 'one2many' else None,
            'relation_table': getattr(field, 'relation', None) if ftype == 'many2many' else None,
            'column1': getattr(field, 'column1', None) if ftype == 'many2many' else None,
            'column2': getattr(field, 'column2', None) if ftype == 'many2many' else None,
            'currency_field': getattr(field, 'currency_field', None) if ftype == 'monetary' else None,
            'sanitize': getattr(field, 'sanitize', None) if html else None,
            'sanitize_overridable': getattr(field, 'sanitize_overridable', None) if html else None,
            'sanitize_tags': getattr(field, 'sanitize_tags', None) if html else None,
            'sanitize_attributes': getattr(field, 'sanitize_attributes', None) if html else None,
            'sanitize_style': getattr(field, 'sanitize_style', None) if html else None,
            'sanitize_form': getattr(field, 'sanitize_form', None) if html else None,
            'strip_style': getattr(field, 'strip_style', None) if html else None,
            'strip_classes': getattr(field, 'strip_classes', None) if html else None,
        }

    def _reflect_fields(self, model_names) -> None:
        """ Insert or update the ir_model_fields rows of the given models'
        fields, and give each the external id of the modules defining it. """
        model_names = [name for name in model_names if name in self.env]
        IrModel = self.env['ir.model']
        rows = []
        for model_name in model_names:
            model_id = IrModel._get_id(model_name)
            if model_id is None:
                continue
            for field in self.env[model_name]._fields.values():
                rows.append(self._reflect_field_params(field, model_id))
        if not rows:
            return
        cols = [c for c in rows[0] if c not in ('model', 'name')]
        tuples = [tuple([r['model'], r['name']] + [r[c] for c in cols]) for r in rows]
        ids = _sync_rows(self.env.cr, 'ir_model_fields', ['model', 'name'], cols, tuples,
                         translated={'field_description', 'help'})
        self.env.registry.clear_cache()

        module = self._context.get('module')
        if not module:
            return
        data_list = []
        for (model_name, fname), field_id in ids.items():
            model = self.env[model_name]
            field = model._fields.get(fname)
            if field is None:
                continue
            field_modules = set(getattr(field, '_modules', ()) or ())
            if module == getattr(model, '_original_module', None) or module in field_modules:
                data_list.append({'xml_id': field_xmlid(module, model_name, fname),
                                  'record': self.browse(field_id)})
        self.env['ir.model.data']._update_xmlids(data_list)

    # creating, changing and deleting rows (custom fields): ir_model_manual.py


class IrModelSelection(models.Model):
    _name = 'ir.model.fields.selection'
    _order = 'sequence, id'
    _description = "Fields Selection"
    _allow_sudo_commands = False

    field_id = fields.Many2one("ir.model.fields", required=True, ondelete="cascade", index=True,
                               domain=[('ttype', 'in', ['selection', 'reference'])])
    value = fields.Char(required=True)
    name = fields.Char(translate=True, required=True)
    sequence = fields.Integer(default=1000)

    _sql_constraints = [
        ('selection_field_uniq', 'unique(field_id, value)', 'Selections values must be unique per field'),
    ]

    def _reflect_selections(self, model_names) -> None:
        """ Reflect the static selections of the given models' fields. """
        cr = self.env.cr
        IrFields = self.env['ir.model.fields']
        rows = []
        owners = []
        for model_name in model_names:
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            field_ids = IrFields._get_ids(model_name)
            for field in model._fields.values():
                if field.type not in ('selection', 'reference'):
                    continue
                selection = getattr(field, 'selection', None)
                if not isinstance(selection, (list, tuple)) or field.name not in field_ids:
                    continue
                field_id = field_ids[field.name]
                for index, (value, label) in enumerate(selection):
                    rows.append((field_id, value, str(label), index))
                    owners.append((field, model_name, value))
        if not rows:
            return
        ids = _sync_rows(cr, self._table, ['field_id', 'value'], ['name', 'sequence'],
                         [(r[0], r[1], r[2], r[3]) for r in rows], translated={'name'})
        module = self._context.get('module')
        if not module:
            return
        data_list = []
        for row, (field, model_name, value) in zip(rows, owners):
            modules = self._selection_modules(field, value)
            if module in modules:
                data_list.append({'xml_id': selection_xmlid(module, model_name, field.name, value),
                                  'record': self.browse(ids[(row[0], row[1])])})
        self.env['ir.model.data']._update_xmlids(data_list)

    @staticmethod
    def _selection_modules(field, value) -> set:
        """ Modules that introduce ``value`` in ``field``'s selection. """
        getter = getattr(field, '_selection_modules', None)
        if getter is not None:
            try:
                return set(getter(None).get(value, ()))
            except Exception:  # noqa: BLE001 - the ORM may need a model here
                pass
        return set(getattr(field, '_modules', ()) or ())

    def unlink(self):
        if not self._context.get(MODULE_UNINSTALL_FLAG):
            for selection in self:
                field = selection.field_id
                model = self.env.get(field.model)
                if model is not None and field.store and model._auto:
                    self.env.cr.execute(
                        'UPDATE "%s" SET "%s" = NULL WHERE "%s" = %%s' % (model._table, field.name, field.name),
                        [selection.value])
        return super().unlink()


class IrModelInherit(models.Model):
    _name = "ir.model.inherit"
    _description = "Model Inheritance Tree"
    _log_access = False

    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade")
    parent_id = fields.Many2one("ir.model", required=True, ondelete="cascade")
    parent_field_id = fields.Many2one("ir.model.fields", ondelete="cascade")

    _sql_constraints = [
        ("uniq", "UNIQUE(model_id, parent_id)", "Models inherits from another only once"),
    ]

    def _reflect_inherits(self, model_names) -> None:
        """ Record which models each given model extends or delegates to. """
        IrModel = self.env['ir.model']
        cr = self.env.cr
        for model_name in model_names:
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            model_id = IrModel._get_id(model_name)
            field_ids = self.env['ir.model.fields']._get_ids(model_name)
            parents = {}
            inherit = getattr(type(model), '_inherit', None) or []
            if isinstance(inherit, str):
                inherit = [inherit]
            for parent in inherit:
                if parent not in ('base', model_name):
                    parents[parent] = None
            for parent, fname in (model._inherits or {}).items():
                parents[parent] = field_ids.get(fname)
            for parent, parent_field_id in parents.items():
                parent_id = IrModel._get_id(parent)
                if not (model_id and parent_id):
                    continue
                cr.execute("""
                    INSERT INTO ir_model_inherit (model_id, parent_id, parent_field_id)
                    VALUES (%s, %s, %s)
                    ON CONFLICT (model_id, parent_id) DO UPDATE SET parent_field_id = EXCLUDED.parent_field_id
                """, [model_id, parent_id, parent_field_id])


class IrModelConstraint(models.Model):
    """ PostgreSQL foreign keys and constraints created by models. """
    _name = 'ir.model.constraint'
    _description = 'Model Constraint'
    _allow_sudo_commands = False

    name = fields.Char(string='Constraint', required=True, index=True)
    definition = fields.Char()
    message = fields.Char(translate=True)
    model = fields.Many2one('ir.model', required=True, ondelete="cascade", index=True)
    module = fields.Many2one('ir.module.module', required=True, index=True, ondelete='cascade')
    type = fields.Char(string='Constraint Type', required=True, size=1, index=True)
    write_date = fields.Datetime()
    create_date = fields.Datetime()

    _sql_constraints = [
        ('module_name_uniq', 'unique(name, module)', 'Constraints with the same name are unique per module.'),
    ]

    def _reflect_constraints(self, model_names) -> None:
        """ Reflect the ``_sql_constraints`` of the given models. """
        module = self._context.get('module')
        if not module:
            return
        cr = self.env.cr
        cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [module])
        row = cr.fetchone()
        if not row:
            return
        module_id = row[0]
        data_list = []
        for model_name in model_names:
            if model_name not in self.env:
                continue
            model = self.env[model_name]
            model_id = self.env['ir.model']._get_id(model_name)
            for key, definition, message in getattr(model, '_sql_constraints', ()) or ():
                conname = '%s_%s' % (model._table, key)
                definition = definition.lower().replace(', ', ',').replace(' (', '(')
                message = str(message) if message else None
                cr.execute("""
                    SELECT id, definition, message->>'en_US' FROM ir_model_constraint
                    WHERE name = %s AND module = %s
                """, [conname, module_id])
                found = cr.fetchone()
                if found is None:
                    cr.execute("""
                        INSERT INTO ir_model_constraint
                            (name, definition, message, model, module, type, create_date, write_date)
                        VALUES (%s, %s, %s, %s, %s, 'u', now() at time zone 'UTC', now() at time zone 'UTC')
                        RETURNING id
                    """, [conname, definition, Json({'en_US': message}) if message else None, model_id, module_id])
                    cid = cr.fetchone()[0]
                else:
                    cid = found[0]
                    if (found[1], found[2]) != (definition, message):
                        cr.execute("""
                            UPDATE ir_model_constraint SET definition = %s, message = %s,
                                   write_date = now() at time zone 'UTC' WHERE id = %s
                        """, [definition, Json({'en_US': message}) if message else None, cid])
                data_list.append({'xml_id': '%s.constraint_%s' % (module, conname), 'record': self.browse(cid)})
        self.env['ir.model.data']._update_xmlids(data_list)

    def _module_data_uninstall(self) -> None:
        """ Drop the PostgreSQL constraints these rows track, when no other
        module still owns them. """
        if not self.env.is_system():
            raise AccessError(_("Only an administrator can drop the constraints of a module."))
        cr = self.env.cr
        ids_set = set(self.ids)
        for data in self.sorted('id', reverse=True):
            cr.execute("SELECT id FROM ir_model_constraint WHERE name = %s", [data.name])
            if not {r[0] for r in cr.fetchall()} <= ids_set:
                continue
            model = self.env.get(data.model.model)
            if model is None:
                continue
            table = model._table
            cr.execute("""SELECT 1 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                          WHERE c.conname = %s AND t.relname = %s""", [data.name[:63], table])
            if cr.fetchone():
                cr.execute('ALTER TABLE "%s" DROP CONSTRAINT "%s"' % (table, data.name[:63]))
        self.unlink()


class IrModelRelation(models.Model):
    """ PostgreSQL tables implementing many2many relations. """
    _name = 'ir.model.relation'
    _description = 'Relation Model'
    _allow_sudo_commands = False

    name = fields.Char(string='Relation Name', required=True, index=True)
    model = fields.Many2one('ir.model', required=True, index=True, ondelete='cascade')
    module = fields.Many2one('ir.module.module', required=True, index=True, ondelete='cascade')
    write_date = fields.Datetime()
    create_date = fields.Datetime()

    def _reflect_relation(self, model, table: str, module: str) -> None:
        """ Remember that ``module`` created the many2many ``table``. """
        cr = self.env.cr
        cr.execute("""SELECT 1 FROM ir_model_relation r JOIN ir_module_module m ON r.module = m.id
                      WHERE r.name = %s AND m.name = %s""", [table, module])
        if cr.fetchone():
            return
        cr.execute("""
            INSERT INTO ir_model_relation (name, create_date, write_date, create_uid, write_uid, module, model)
            SELECT %s, now() at time zone 'UTC', now() at time zone 'UTC', %s, %s, m.id, im.id
              FROM ir_module_module m, ir_model im WHERE m.name = %s AND im.model = %s
        """, [table, self.env.uid, self.env.uid, module, model._name])

    def _module_data_uninstall(self) -> None:
        """ Drop the many2many tables no remaining module uses. """
        if not self.env.is_system():
            raise AccessError(_("Only an administrator can drop the many2many tables of a module."))
        cr = self.env.cr
        ids_set = set(self.ids)
        to_drop = []
        for data in self.sorted('id', reverse=True):
            cr.execute("SELECT id FROM ir_model_relation WHERE name = %s", [data.name])
            if {r[0] for r in cr.fetchall()} <= ids_set and data.name not in to_drop:
                to_drop.append(data.name)
        self.unlink()
        for table in to_drop:
            cr.execute('DROP TABLE IF EXISTS "%s" CASCADE' % table)
            _logger.info('many2many table %s dropped', table)

