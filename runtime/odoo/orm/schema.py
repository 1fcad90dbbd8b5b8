"""Schema of models: tables, columns, NOT NULL, foreign keys, indexes,
many2many relation tables and ``_sql_constraints`` (``_auto_init``).
Upgrading adds what is new and never drops data; a changed column type is
converted when PostgreSQL can cast it, otherwise refused with an error."""
from __future__ import annotations

import logging

from ..tools import sql

_logger = logging.getLogger(__name__)

# column types that convert into each other with a plain cast without losing data
_SAFE_CASTS = {
    ('varchar', 'text'), ('text', 'varchar'), ('int4', 'int8'), ('int4', 'numeric'), ('int4', 'float8'),
    ('float8', 'numeric'), ('numeric', 'float8'), ('int8', 'numeric'), ('date', 'timestamp'),
    ('int4', 'varchar'), ('int4', 'text'), ('numeric', 'varchar'), ('float8', 'varchar'),
    ('bool', 'varchar'), ('timestamp', 'date'), ('numeric', 'int4'), ('float8', 'int4'),
    ('varchar', 'jsonb'), ('text', 'jsonb'), ('jsonb', 'varchar'), ('jsonb', 'text'),
}


class SchemaError(Exception):
    """A column cannot be brought to the type its field needs."""


def auto_init(model) -> None:
    """Create or update the table of ``model`` and its relation tables."""
    if not model._auto or model._abstract or model._table_query:
        return
    env = model.env
    cr = env.cr
    registry = model.pool
    table = model._table
    must_create = not sql.table_exists(cr, table)
    if must_create:
        sql.create_model_table(cr, table, model._description)
    columns = sql.table_columns(cr, table)
    has_rows = None
    new_computed = []
    # custom fields change through their ir.model.fields rows, which ask for it
    update_custom_fields = env.context.get('update_custom_fields', False)
    for field in model._fields.values():
        if not field.store or (field.manual and not update_custom_fields):
            continue
        if field.type == 'many2many':
            _init_relation(model, field)
            continue
        if field.name == 'id' or not field.column_type:
            continue
        column = columns.get(field.name)
        udt, sqltype = _column_type(field)
        if column is None:
            sql.create_column(cr, table, field.name, sqltype, field.string)
            if not must_create:
                _fill_new_column(model, field)
                if field.compute:
                    new_computed.append(field)
        elif column['udt_name'] != udt:
            _convert(model, field, column, udt, sqltype)
        elif udt == 'varchar' and column.get('character_maximum_length') != (getattr(field, 'size', None) or None) \
                and getattr(field, 'size', None) != column.get('character_maximum_length'):
            _resize(model, field, column, sqltype)
        # NOT NULL where the field is required and the data allow it
        column = sql.table_columns(cr, table).get(field.name) if column is None else column
        nullable = column is None or column['is_nullable'] == 'YES'
        if field.required and nullable and not (field.compute and not field.precompute and not field.store):
            if has_rows is None:
                cr.execute(sql.SQL("SELECT 1 FROM %s LIMIT 1", sql.SQL.identifier(table)))
                has_rows = bool(cr.fetchall())
            cr.execute(sql.SQL("SELECT 1 FROM %s WHERE %s IS NULL LIMIT 1",
                               sql.SQL.identifier(table), sql.SQL.identifier(field.name)))
            if not cr.fetchall():
                sql.set_not_null(cr, table, field.name)
            else:
                _logger.warning("%s.%s is required but has NULL values: NOT NULL not set", table, field.name)
        elif not field.required and not nullable:
            sql.drop_not_null(cr, table, field.name)
        if field.type == 'many2one' and field.store and not field.company_dependent:
            comodel = env[field.comodel_name]
            # the actions' rows live in tables inheriting ir_actions, which a
            # foreign key on ir_actions would not see (Odoo adds none either)
            if comodel._auto and not comodel._abstract and not comodel._table_query \
                    and comodel._table != 'ir_actions':
                registry._foreign_keys[(table, field.name)] = (comodel._table, 'id', field.ondelete or 'set null')
        if field.index:
            _create_index(cr, table, field)
    if new_computed:
        # the existing rows get the values of a new computed column at the
        # next flush, as Odoo marks them for computation
        cr.execute(sql.SQL("SELECT id FROM %s", sql.SQL.identifier(table)))
        records = model.browse([row[0] for row in cr.fetchall()])
        if records:
            for field in new_computed:
                env.add_to_compute(field, records)
    if model._parent_store and 'parent_path' in model._fields:
        indexname = f"{table}_parent_path"
        if not sql.index_exists(cr, indexname):
            cr.execute(sql.SQL("CREATE INDEX %s ON %s (parent_path text_pattern_ops)",
                               sql.SQL.identifier(indexname), sql.SQL.identifier(table)))
    for key, definition, _message in model._sql_constraints:
        conname = sql.make_identifier(f"{table}_{key}")
        current = sql.constraint_definition(cr, table, conname)
        if current is None:
            sql.add_constraint(cr, table, conname, definition)
        elif current.lower().replace(' ', '') != definition.lower().replace(' ', ''):
            sql.drop_constraint(cr, table, conname)
            sql.add_constraint(cr, table, conname, definition)


def _column_type(field) -> tuple[str, str]:
    udt, sqltype = field.column_type
    if udt == 'varchar' and getattr(field, 'size', None):
        sqltype = f"varchar({field.size})"
    return udt, sqltype


def _fill_new_column(model, field) -> None:
    """Give the existing rows the default value of a new column."""
    if not field.default or field.compute:
        return
    cr = model.env.cr
    table = model._table
    cr.execute(sql.SQL("SELECT 1 FROM %s LIMIT 1", sql.SQL.identifier(table)))
    if not cr.fetchall():
        return
    value = field.default(model)
    column_value = field.convert_to_column_insert(value, model)
    if column_value is None:
        return
    cr.execute(sql.SQL("UPDATE %s SET %s = %s WHERE %s IS NULL", sql.SQL.identifier(table),
                       sql.SQL.identifier(field.name), column_value, sql.SQL.identifier(field.name)))


def _convert(model, field, column: dict, udt: str, sqltype: str) -> None:
    """Convert a column to the type of its field, or refuse clearly."""
    cr = model.env.cr
    table = model._table
    old = column['udt_name']
    if field.translate and old in ('varchar', 'text'):
        sql.convert_column_translatable(cr, table, field.name, sqltype)
        return
    if not field.translate and old == 'jsonb' and udt in ('varchar', 'text'):
        cr.execute(sql.SQL("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s->>'en_US'",
                           sql.SQL.identifier(table), sql.SQL.identifier(field.name), sql.SQL(sqltype),
                           sql.SQL.identifier(field.name)))
        return
    if (old, udt) not in _SAFE_CASTS and old not in field.column_cast_from:
        raise SchemaError(
            f"Cannot convert column {table}.{field.name} from type {old} to type {udt} "
            f"(field {model._name}.{field.name}): PostgreSQL has no safe cast; migrate the data first.")
    lost = _values_lost(cr, table, field, old, udt)
    if lost:
        raise SchemaError(
            f"Cannot convert column {table}.{field.name} from type {old} to type {udt} "
            f"(field {model._name}.{field.name}): {lost}; migrate the data first.")
    cr.execute("SAVEPOINT convert_column")
    try:
        sql.convert_column(cr, table, field.name, sqltype)
    except Exception as exc:
        cr.execute("ROLLBACK TO SAVEPOINT convert_column")
        raise SchemaError(
            f"Cannot convert column {table}.{field.name} from type {old} to type {udt} "
            f"(field {model._name}.{field.name}): {exc}") from exc
    cr.execute("RELEASE SAVEPOINT convert_column")


# conversions that PostgreSQL performs by rounding or cutting, with the test
# finding a value that would change
_LOSSY = {
    ('numeric', 'int4'): "%s <> round(%s)",
    ('float8', 'int4'): "%s <> round(%s)",
    ('int8', 'int4'): "abs(%s) > 2147483647 AND %s IS NOT NULL",
    ('timestamp', 'date'): "%s <> date_trunc('day', %s)",
}


def _values_lost(cr, table: str, field, old: str, new: str) -> str:
    """A description of the data a cast would change, or '' when it keeps everything."""
    test = _LOSSY.get((old, new))
    if test is None:
        return ''
    column = sql.SQL.identifier(field.name)
    cr.execute(sql.SQL("SELECT 1 FROM %s WHERE " + test + " LIMIT 1", sql.SQL.identifier(table), column, column))
    return "some values would be rounded or cut" if cr.fetchall() else ''


def _resize(model, field, column: dict, sqltype: str) -> None:
    """Change the size of a varchar column; refuse when values would be cut
    (PostgreSQL's cast would silently truncate them)."""
    cr = model.env.cr
    table = model._table
    size = getattr(field, 'size', None)
    if size:
        cr.execute(sql.SQL("SELECT max(length(%s)) FROM %s", sql.SQL.identifier(field.name),
                           sql.SQL.identifier(table)))
        longest = cr.fetchone()[0] or 0
        if longest > size:
            old = f"varchar({column.get('character_maximum_length')})" \
                if column.get('character_maximum_length') else 'varchar'
            raise SchemaError(
                f"Cannot convert column {table}.{field.name} from type {old} to type {sqltype} "
                f"(field {model._name}.{field.name}): a value has {longest} characters and would be cut.")
    sql.convert_column(cr, table, field.name, sqltype)


def _create_index(cr, table: str, field) -> None:
    indexname = sql.make_index_name(table, field.name)
    index = field.index
    if index == 'trigram':
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if not cr.fetchall():
            index = True
        else:
            # a translated (jsonb) column is indexed on the text of all its translations
            column = (f'(jsonb_path_query_array("{field.name}", \'$.*\')::text)' if field.translate
                      else f'"{field.name}"')
            sql.create_index(cr, indexname, table, [f'{column} gin_trgm_ops'], method='gin')
            return
    if index == 'btree_not_null':
        sql.create_index(cr, indexname, table, [f'"{field.name}"'], where=f'"{field.name}" IS NOT NULL')
    elif index:
        sql.create_index(cr, indexname, table, [f'"{field.name}"'])


def _init_relation(model, field) -> None:
    """Create the relation table of a many2many field."""
    env = model.env
    cr = env.cr
    relation, col1, col2 = field.relation, field.column1, field.column2
    comodel = env[field.comodel_name]
    registry = model.pool
    # remember which module owns the table so that uninstalling it drops the
    # table; custom fields' tables go with their ir.model.fields row instead;
    # before base's models are loaded (bootstrap) there is nothing to record in
    if not field.manual and 'ir.model.relation' in registry:
        registry.post_init(env['ir.model.relation']._reflect_relation, model, relation, field._module)
    if not sql.table_exists(cr, relation):
        cr.execute(sql.SQL(
            "CREATE TABLE %s (%s INTEGER NOT NULL, %s INTEGER NOT NULL, PRIMARY KEY(%s, %s))",
            sql.SQL.identifier(relation), sql.SQL.identifier(col1), sql.SQL.identifier(col2),
            sql.SQL.identifier(col1), sql.SQL.identifier(col2)))
        cr.execute(sql.SQL("CREATE INDEX ON %s (%s, %s)", sql.SQL.identifier(relation),
                           sql.SQL.identifier(col2), sql.SQL.identifier(col1)))
    if model._auto and not model._abstract:
        registry._foreign_keys[(relation, col1)] = (model._table, 'id', 'cascade')
    if comodel._auto and not comodel._abstract and not comodel._table_query:
        registry._foreign_keys[(relation, col2)] = (comodel._table, 'id', field.ondelete or 'cascade')


def apply_foreign_keys(cr, foreign_keys: dict) -> None:
    """Create the queued foreign keys (or fix their ``ON DELETE``)."""
    for (table1, column1), (table2, column2, ondelete) in foreign_keys.items():
        sql.fix_foreign_key(cr, table1, column1, table2, column2, ondelete)


def ensure_tables(env, registry) -> None:
    """Create the tables missing for the models of ``registry``."""
    missing = [name for name, cls in registry.models.items()
               if cls._auto and not cls._abstract and not cls._table_query
               and not sql.table_exists(env.cr, cls._table)]
    if missing:
        _logger.info("Models have no table: %s; creating them", ", ".join(missing))
        for name in missing:
            auto_init(env[name])
        apply_foreign_keys(env.cr, registry._foreign_keys)
        registry._foreign_keys = {}
