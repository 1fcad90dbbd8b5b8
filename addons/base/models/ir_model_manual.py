"""Custom fields: the ``ir.model.fields`` rows with ``state='manual'``
(names starting with ``x_``, created from the user interface or by an
addon) are fields of the registry like the ones of Python classes.

Every model reads its custom fields while it is set up
(``_add_manual_fields``, called by ``BaseModel._setup_base``). Creating,
changing or deleting such a row sets the models up again at once and brings
the table in step (column, relation table, index, NOT NULL); the registry is
marked invalidated so that the other server processes reload theirs after
the commit, and a rollback sets the models up again from the database.
"""
from __future__ import annotations

import ast
import logging
from collections import defaultdict

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

from .ir_model import MODULE_UNINSTALL_FLAG

_logger = logging.getLogger(__name__)

# what the code of a custom computed field may use besides the records
COMPUTE_EVAL_CONTEXT = {'datetime': datetime, 'dateutil': dateutil, 'time': time}

HTML_OPTIONS = ('sanitize', 'sanitize_overridable', 'sanitize_tags', 'sanitize_attributes',
                'sanitize_style', 'sanitize_form', 'strip_style', 'strip_classes')


def make_compute(text: str, deps: str | None):
    """The compute method of a custom field: its code runs on ``self`` (the
    records) in the sandbox; ``deps`` lists the dependencies, comma-separated."""
    def compute(self):
        safe_eval(text, COMPUTE_EVAL_CONTEXT, {'self': self}, mode='exec')
    paths = [dep.strip() for dep in deps.split(',')] if deps else []
    return api.depends(*paths)(compute)


class IrModelFieldsManual(models.Model):
    _inherit = 'ir.model.fields'

    copied = fields.Boolean(string='Copied', compute='_compute_copied', store=True, readonly=False,
                            help="Duplicating a record copies the value of this field.")
    selection = fields.Char(inverse='_inverse_selection')

    _sql_constraints = [
        ('name_manual_field', "CHECK (state != 'manual' OR name LIKE 'x\\_%')",
         "The name of a custom field starts with 'x_'."),
    ]

    @api.depends('ttype', 'related', 'compute')
    def _compute_copied(self):
        for row in self:
            # lines belong to their parent; derived values are derived again
            row.copied = not (row.ttype == 'one2many' or row.related or row.compute)

    def _inverse_selection(self):
        # the old way of giving choices: a Python list of (value, label) as text
        for row in self:
            wanted = ast.literal_eval(row.selection or '[]')
            self.env['ir.model.fields.selection']._update_selection(row.model, row.name, wanted)

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------

    @api.constrains('name')
    def _check_name(self):
        for row in self:
            try:
                models.check_pg_name(row.name)
            except ValueError:
                raise ValidationError(_("Field name %s: use letters, digits and underscores only, "
                                        "63 characters at most.", row.name)) from None

    @api.constrains('domain')
    def _check_domain(self):
        for row in self:
            safe_eval(row.domain or '[]')

    @api.constrains('related')
    def _check_related(self):
        for row in self.filtered(lambda r: r.state == 'manual' and r.related):
            target = row._related_field()
            comodel = getattr(target, 'comodel_name', None) or False
            if target.type != row.ttype or comodel != (row.relation or False):
                raise ValidationError(_(
                    "Field %(field)s: the path %(path)s leads to a field of type %(found)s (model %(comodel)s), "
                    "not of type %(type)s (model %(relation)s).", field=row.name, path=row.related,
                    found=target.type, comodel=comodel or '-', type=row.ttype, relation=row.relation or '-'))

    @api.constrains('relation')
    def _check_relation(self):
        IrModel = self.env['ir.model']
        for row in self.filtered(lambda r: r.state == 'manual' and r.relation):
            if not IrModel._get_id(row.relation):
                raise ValidationError(_("Field %(field)s refers to the model %(model)s, which does not exist.",
                                        field=row.name, model=row.relation))

    def _check_depends_path(self, path: str) -> None:
        if not path:
            raise UserError(_("Field %(field)s: an empty path in the dependencies “%(depends)s”.",
                              field=self.name, depends=self.depends))
        current = self.env[self.model]
        steps = path.split('.')
        for position, step in enumerate(steps, start=1):
            if step == 'id':
                raise UserError(_("Field %s: a computation cannot depend on 'id'.", self.name))
            field = current._fields.get(step)
            if field is None:
                raise UserError(_("Field %(field)s depends on “%(path)s”, but %(model)s has no field %(step)s.",
                                  field=self.name, path=path, model=current._name, step=step))
            if position < len(steps):
                if not field.relational:
                    raise UserError(_("Field %(field)s depends on “%(path)s”, but %(step)s is not a relation.",
                                      field=self.name, path=path, step=step))
                current = self.env[field.comodel_name]

    @api.constrains('depends')
    def _check_depends(self):
        for row in self.filtered('depends'):
            for path in row.depends.split(','):
                row._check_depends_path(path.strip())

    @api.constrains('relation_table')
    def _check_relation_table(self):
        for row in self.filtered('relation_table'):
            try:
                models.check_pg_name(row.relation_table)
            except ValueError as exc:
                raise ValidationError(str(exc)) from None

    def _currency_row(self):
        """ The row of the currency field of this custom amount field. """
        if self.currency_field:
            return self._get(self.model, self.currency_field), self.currency_field
        fallback = self._get(self.model, 'currency_id') or self._get(self.model, 'x_currency_id')
        return fallback, 'currency_id'

    @api.constrains('currency_field')
    def _check_currency_field(self):
        for row in self.filtered(lambda r: r.state == 'manual' and r.ttype == 'monetary'):
            currency, name = row._currency_row()
            if not currency:
                raise ValidationError(_("Amount field %(field)s: %(model)s has no currency field %(currency)s.",
                                        field=row.name, model=row.model, currency=name))
            if (currency.ttype, currency.relation) != ('many2one', 'res.currency'):
                raise ValidationError(_("Amount field %(field)s: its currency field %(currency)s must be a "
                                        "many2one to res.currency.", field=row.name, currency=currency.name))

    @api.constrains('required', 'ttype', 'on_delete')
    def _check_on_delete_required_m2o(self):
        for row in self:
            if (row.ttype, row.required, row.on_delete) == ('many2one', True, 'set null'):
                raise ValidationError(_("Field %s is required: deleting its target cannot empty it; "
                                        "choose 'restrict' or 'cascade' on delete.", row.name))

    @api.onchange('ttype', 'model_id', 'relation')
    def _onchange_ttype(self):
        if self.ttype != 'many2many':
            self.relation_table = self.column1 = self.column2 = False
        elif self.model_id and self.relation in self.env:
            names = self._custom_many2many_names(self.model_id.model, self.relation)
            self.relation_table, self.column1, self.column2 = names

    @api.model
    def _custom_many2many_names(self, model_name: str, comodel_name: str) -> tuple:
        """ The default relation table and columns of a custom many2many. """
        own, other = self.env[model_name]._table, self.env[comodel_name]._table
        first, second = sorted([own, other])
        table = f'x_{first}_{second}_rel'
        # a relation of a model with itself needs two distinct column names
        return (table, 'id1', 'id2') if own == other else (table, f'{own}_id', f'{other}_id')

    # ------------------------------------------------------------------
    # building registry fields from the rows
    # ------------------------------------------------------------------

    @api.model
    def _is_manual_name(self, name: str) -> bool:
        return name.startswith('x_')

    @tools.ormcache()
    def _all_manual_field_data(self) -> dict:
        # read with SQL: this runs while the models (this one too) are set up
        self.env.cr.execute("""
            SELECT *, field_description->>'en_US' AS field_description, help->>'en_US' AS help
              FROM ir_model_fields WHERE state = 'manual'
        """)
        by_model = defaultdict(dict)
        for row in self.env.cr.dictfetchall():
            by_model[row['model']][row['name']] = row
        return by_model

    def _get_manual_field_data(self, model_name: str) -> dict:
        """ ``{name: row}`` of the custom fields of ``model_name``. """
        return self._all_manual_field_data().get(model_name, {})

    def _comodel_ready(self, row: dict) -> bool:
        """ Whether the comodel (and inverse) a relational row names is in the
        registry; while modules load, a later module may still bring it. """
        if self.pool.loaded:
            return True
        comodel = row['relation']
        if comodel not in self.env:
            return False
        if row['ttype'] == 'one2many':
            inverse = row['relation_field']
            return inverse in self.env[comodel]._fields or inverse in self._get_manual_field_data(comodel)
        return True

    def _type_attrs(self, row: dict) -> dict | None:
        """ The arguments proper to the type of the row (None: not yet buildable). """
        ttype = row['ttype']
        if ttype in ('char', 'text', 'html'):
            attrs = {'translate': bool(row['translate'])}
            if ttype == 'char':
                attrs['size'] = row['size'] or None
            if ttype == 'html':
                attrs.update((key, row[key]) for key in HTML_OPTIONS)
            return attrs
        if ttype in ('selection', 'reference'):
            return {'selection': self.env['ir.model.fields.selection']._get_selection_data(row['id'])}
        if ttype == 'monetary':
            currency = row['currency_field']
            # a currency field of a class may belong to a module loaded later
            if currency and not self.pool.loaded and not self._is_manual_name(currency):
                return None
            return {'currency_field': currency}
        if ttype not in ('many2one', 'one2many', 'many2many'):
            return {}
        if not self._comodel_ready(row):
            return None
        attrs = {'comodel_name': row['relation'], 'domain': safe_eval(row['domain'] or '[]')}
        if ttype == 'many2one':
            attrs['ondelete'] = row['on_delete']
            if row['group_expand']:
                attrs['group_expand'] = '_read_group_expand_full'
        elif ttype == 'one2many':
            attrs['inverse_name'] = row['relation_field']
        else:
            defaults = self._custom_many2many_names(row['model'], row['relation'])
            given = (row['relation_table'], row['column1'], row['column2'])
            for key, value, default in zip(('relation', 'column1', 'column2'), given, defaults):
                attrs[key] = value or default
        return attrs

    def _instanciate_attrs(self, field_data: dict) -> dict | None:
        """ The arguments of the field built from the row ``field_data``, or
        None when it cannot be built yet. """
        attrs = self._type_attrs(field_data)
        if attrs is None:
            return None
        attrs['manual'] = True
        attrs['string'] = field_data['field_description']
        attrs['help'] = field_data['help']
        attrs['related'] = field_data['related']
        for attr, column in (('index', 'index'), ('copy', 'copied'), ('required', 'required'),
                             ('readonly', 'readonly'), ('store', 'store'),
                             ('company_dependent', 'company_dependent')):
            attrs[attr] = bool(field_data[column])
        if field_data['compute']:
            attrs['compute'] = make_compute(field_data['compute'], field_data['depends'])
        return attrs

    def _instanciate(self, field_data: dict):
        """ The registry field of the row ``field_data`` (None if not buildable yet). """
        attrs = self._instanciate_attrs(field_data)
        return fields.Field.by_type[field_data['ttype']](**attrs) if attrs else None

    def _add_manual_fields(self, model) -> None:
        """ Add the custom fields of ``model``'s rows to its registry class. """
        rows = self._get_manual_field_data(model._name)
        for name in rows.keys() - model._fields.keys():
            if rows[name]['state'] != 'manual':
                continue
            try:
                field = self._instanciate(rows[name])
            except Exception:
                _logger.exception("Custom field %s.%s could not be built: left out", model._name, name)
                continue
            if field is not None:
                model._add_field(name, field)

    # ------------------------------------------------------------------
    # keeping the registry and the schema in step with the rows
    # ------------------------------------------------------------------

    def _refresh_models(self, model_names, schema: bool = True) -> None:
        """ Set the models up again from the rows, then (``schema``) bring the
        tables of ``model_names`` and of the models delegating to them in step. """
        self.env.flush_all()
        self.env.registry.clear_cache()
        self.pool.setup_models(self.env.cr)
        if schema:
            names = self.pool.descendants(model_names, '_inherits')
            self.pool.init_models(self.env.cr, names, dict(self._context, update_custom_fields=True))

    def _check_new_manual(self, vals: dict) -> None:
        relation = vals.get('relation')
        if relation and not self.env['ir.model']._get_id(relation):
            raise UserError(_("Field %(field)s refers to the model %(model)s, which does not exist.",
                              field=vals.get('name'), model=relation))
        if vals.get('ttype') == 'one2many':
            inverse = self._get(relation, vals.get('relation_field'))
            if inverse.ttype != 'many2one':
                raise UserError(_("The one2many field %(field)s needs a many2one %(inverse)s on %(model)s.",
                                  field=vals.get('name'), inverse=vals.get('relation_field'), model=relation))

    @api.model_create_multi
    def create(self, vals_list):
        IrModel = self.env['ir.model']
        for vals in vals_list:
            if vals.get('model_id'):
                vals['model'] = IrModel.browse(vals['model_id']).model
        # selection rows created along look their field up with _get_ids
        self.env.registry.clear_cache()
        rows = super().create(vals_list)
        for vals in vals_list:
            if vals.get('state', 'manual') == 'manual':
                self._check_new_manual(vals)
        model_names = set(rows.mapped('model'))
        if model_names & set(self.pool):
            self._refresh_models(model_names)
        return rows

    def _check_manual_write(self, vals: dict) -> tuple | None:
        """ Refuse what cannot change on these rows; the column to rename, if any. """
        rename = None
        for row in self:
            if row.state != 'manual':
                raise UserError(_("Field %s is defined by a module: change it in the module's code.", row.name))
            if vals.get('model_id', row.model_id.id) != row.model_id.id:
                raise UserError(_("Field %s cannot move to another model.", row.name))
            if vals.get('ttype', row.ttype) != row.ttype:
                raise UserError(_("The type of field %s cannot change: delete it and create it again.", row.name))
            if vals.get('name', row.name) == row.name:
                continue
            row._prepare_update()
            # one2many, many2many and attachments have no column to rename
            if row.ttype in ('one2many', 'many2many', 'binary'):
                continue
            if rename:
                raise UserError(_("Rename one stored field at a time."))
            rename = (self.env[row.model]._table, row.name, vals['name'], row.index, row.store)
        return rename

    def write(self, vals):
        if not self:
            return True
        translated_only = all(self._fields[name].translate for name in vals)
        rename = None
        changed_models = set()
        if vals and not translated_only:
            rename = self._check_manual_write(vals)
            changed_models = {row.model for row in self
                              if row.model in self.pool and row.name in self.pool[row.model]._fields}
        for key in ('model_id', 'model', 'state'):
            vals.pop(key, None)
        result = super().write(vals)
        self.env.flush_all()
        if rename:
            table, old, new, indexed, stored = rename
            if stored:
                self.env.cr.execute(tools.SQL('ALTER TABLE %s RENAME COLUMN %s TO %s', tools.SQL.identifier(table),
                                              tools.SQL.identifier(old), tools.SQL.identifier(new)))
                if indexed:
                    self.env.cr.execute(tools.SQL('ALTER INDEX IF EXISTS %s RENAME TO %s',
                                                  tools.SQL.identifier(f'{table}_{old}_index'),
                                                  tools.SQL.identifier(f'{table}_{new}_index')))
        if rename or changed_models or translated_only:
            self._refresh_models(changed_models, schema=bool(changed_models))
        return result

    def _fields_depending_on_self(self):
        """ The rows to delete with these ones (their copies in models that
        delegate to theirs), and the first custom field relying on them. """
        rows = self
        culprit = None
        registry_fields = []
        for row in self:
            model = self.env.get(row.model)
            field = model._fields.get(row.name) if model is not None else None
            if field is None:
                continue
            registry_fields.append(field)
            for dependent in self.pool.get_dependent_fields(field):
                if dependent.manual:
                    culprit = culprit or (field, dependent)
                elif dependent.inherited:
                    registry_fields.append(dependent)
                    rows |= self._get(dependent.model_name, dependent.name)
        for field in registry_fields:
            for inverse in self.pool.field_inverses.get(field, ()):
                if inverse.manual and inverse.type == 'one2many':
                    culprit = culprit or (field, inverse)
        return rows, culprit

    def _check_views_without(self, rows) -> None:
        """ Take the fields of ``rows`` out of the registry and validate the
        views naming them; the caller sets the models up again. """
        popped = [self.env[row.model]._pop_field(row.name) for row in rows]
        names = ", ".join(str(field) for field in popped if field)
        domain = expression.OR([[('arch_db', 'like', row.name)] for row in rows])
        for view in self.env['ir.ui.view'].search(domain):
            try:
                view._check_xml()
            except Exception:  # noqa: BLE001 - whatever fails, the view needs the fields
                if self._context.get(MODULE_UNINSTALL_FLAG):
                    _logger.warning("Fields %s removed although view %s uses them", names, view.name)
                    continue
                raise UserError(_("Fields %(fields)s still appear in view %(view)s: take them out of "
                                  "the view first.", fields=names, view=view.name)) from None

    def _prepare_update(self):
        """ Check that the fields of ``self`` may be renamed or deleted: no
        custom field relies on them, no view shows them. Return the rows to
        delete along (the copies of the fields in delegating models). """
        uninstalling = self._context.get(MODULE_UNINSTALL_FLAG)
        if not uninstalling:
            for row in self.filtered(lambda r: r.state != 'manual'):
                raise UserError(_("Field %s belongs to a module: uninstall the module to remove it.", row.name))
        rows, culprit = self._fields_depending_on_self()
        if culprit and not uninstalling:
            raise UserError(_("Field %(field)s is used by field %(other_field)s: remove that one first.",
                              field=culprit[0], other_field=culprit[1]))
        if culprit:
            rows |= self._get(culprit[1].model_name, culprit[1].name)
        manual = rows.filtered(lambda r: r.state == 'manual')
        if not manual:
            return rows
        for row in manual:
            field = self.env[row.model]._fields.get(row.name) if row.model in self.env else None
            if field is not None:
                self.env.cache.clear_dirty_field(field)
        try:
            self._check_views_without(manual)
        finally:
            if not uninstalling:
                self.pool.setup_models(self.env.cr)
        return rows

    def _drop_column(self) -> None:
        """ Drop the columns of these stored fields, and the relation tables
        of custom many2many fields no other field uses. """
        cr = self.env.cr
        tables = set()
        for row in self.filtered(lambda r: r.name not in models.MAGIC_COLUMNS):
            model = self.env.get(row.model)
            if model is None:
                continue
            if row.store and row.state == 'manual' and row.ttype == 'many2many':
                field = model._fields.get(row.name)
                tables.add(row.relation_table or getattr(field, 'relation', None))
            has_column = row.store and row.ttype not in ('one2many', 'many2many') \
                and model._auto and not model._abstract \
                and tools.sql.table_kind(cr, model._table) == tools.sql.TableKind.Regular \
                and tools.sql.column_exists(cr, model._table, row.name)
            if has_column:
                cr.execute(tools.SQL('ALTER TABLE %s DROP COLUMN %s CASCADE',
                                     tools.SQL.identifier(model._table), tools.SQL.identifier(row.name)))
                _logger.info('column %s.%s dropped', model._table, row.name)
            if row.state == 'manual':
                model._pop_field(row.name)
        tables.discard(None)
        if not tables:
            return
        cr.execute("SELECT relation_table FROM ir_model_fields WHERE relation_table IN %s AND id NOT IN %s",
                   [tuple(tables), tuple(self.ids)])
        for table in tables.difference(name for (name,) in cr.fetchall()):
            cr.execute(tools.SQL('DROP TABLE IF EXISTS %s', tools.SQL.identifier(table)))

    def unlink(self):
        if not self:
            return True
        rows = self._prepare_update()
        doomed = [self.pool[row.model]._fields[row.name] for row in rows
                  if row.model in self.pool and row.name in self.pool[row.model]._fields]
        self.pool.registry_invalidated = True
        self.pool._discard_fields(doomed)
        for field in doomed:
            self.env.transaction.tocompute.pop(field, None)
        model_names = set(rows.mapped('model'))
        rows._drop_column()
        result = super(IrModelFieldsManual, rows).unlink()
        self.env.registry.clear_cache()
        if not self._context.get(MODULE_UNINSTALL_FLAG):
            self._refresh_models(model_names)
        return result


class IrModelSelectionManual(models.Model):
    _inherit = 'ir.model.fields.selection'

    def _get_selection(self, field_id: int) -> list:
        """ ``[(value, label)]`` of a field's rows, once pending writes are saved. """
        self.flush_model(['value', 'name', 'field_id', 'sequence'])
        return self._get_selection_data(field_id)

    def _get_selection_data(self, field_id: int) -> list:
        # the registry holds English labels; fields_get translates from the rows
        self.env.cr.execute("""
            SELECT value, name->>'en_US' FROM ir_model_fields_selection
             WHERE field_id = %s ORDER BY sequence, id
        """, [field_id])
        return [tuple(row) for row in self.env.cr.fetchall()]

    def _update_selection(self, model_name: str, field_name: str, selection: list) -> None:
        """ Make the rows of a field's choices ``selection`` (``[(value, label)]``). """
        field_id = self.env['ir.model.fields']._get_ids(model_name)[field_name]
        current = {row.value: row for row in self.search([('field_id', '=', field_id)])}
        to_create = []
        for sequence, (value, label) in enumerate(selection):
            row = current.pop(value, None)
            if row is None:
                to_create.append({'field_id': field_id, 'value': value, 'name': label, 'sequence': sequence})
            elif (row.name, row.sequence) != (label, sequence):
                row.write({'name': label, 'sequence': sequence})
        if to_create:
            self.create(to_create)
        if current:
            self.browse([row.id for row in current.values()]).unlink()

    def _setup_again(self) -> None:
        self.env.flush_all()
        self.env.registry.clear_cache()
        self.pool.setup_models(self.env.cr)

    @api.model_create_multi
    def create(self, vals_list):
        owners = self.env['ir.model.fields'].browse({vals['field_id'] for vals in vals_list})
        for owner in owners.filtered(lambda f: f.state != 'manual'):
            raise UserError(_("Field %s is defined by a module: its values change in the module's code.",
                              owner.name))
        rows = super().create(vals_list)
        if any(owner.model in self.pool and owner.name in self.pool[owner.model]._fields for owner in owners):
            self._setup_again()
        return rows

    def _rename_stored_value(self, new_value: str) -> None:
        """ Records holding the old value of ``self`` get ``new_value``. """
        owner = self.field_id
        model = self.env.get(owner.model)
        if self.value == new_value or not owner.store or model is None or not model._auto:
            return
        model.flush_model([owner.name])
        model.invalidate_model([owner.name])
        column = tools.SQL.identifier(owner.name)
        self.env.cr.execute(tools.SQL('UPDATE %s SET %s = %s WHERE %s = %s', tools.SQL.identifier(model._table),
                                      column, new_value, column, self.value))

    def write(self, vals):
        if not self:
            return True
        if not self.env.user._is_admin():
            for row in self.filtered(lambda r: r.field_id.state != 'manual'):
                raise UserError(_("Field %s is defined by a module: its values change in the module's code.",
                                  row.field_id.name))
        if 'value' in vals:
            for row in self:
                row._rename_stored_value(vals['value'])
        result = super().write(vals)
        self._setup_again()
        return result

    def unlink(self):
        if not self:
            return True
        result = super().unlink()
        # an uninstallation sets the models up again once it is done
        if not self._context.get(MODULE_UNINSTALL_FLAG):
            self._setup_again()
        return result
