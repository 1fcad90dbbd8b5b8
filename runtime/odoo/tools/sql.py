"""Composable SQL (the ``SQL`` class) and the schema helpers the ORM uses.

``SQL`` carries code and parameters together so that pieces built by
different layers (domains, ordering, schema) can be nested without ever
formatting a value into the code. The DDL helpers keep Odoo 18's names and
signatures; they run their statements on the cursor they are given.
"""

from __future__ import annotations

import enum
import logging
import re
from binascii import crc32
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg2

__all__ = [
    "SQL",
    "create_index",
    "create_unique_index",
    "drop_view_if_exists",
    "escape_psql",
    "index_exists",
    "make_identifier",
    "make_index_name",
    "reverse_order",
]

_schema = logging.getLogger("odoo.schema")

# Identifiers accepted by SQL.identifier(): Python identifiers plus the few
# extra characters Odoo table/column/alias names may contain.
_IDENT_RE = re.compile(r"^[a-z0-9_][a-z0-9_$\-]*$", re.IGNORECASE)
_NAMED_PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")

# pg_constraint.confdeltype letters for each ON DELETE action
_CONFDELTYPES = {
    "RESTRICT": "r",
    "NO ACTION": "a",
    "CASCADE": "c",
    "SET NULL": "n",
    "SET DEFAULT": "d",
}


class SQL:
    """SQL code with its parameters, composable with other ``SQL`` objects.

    ``SQL("a = %s AND %s", 42, SQL("b IS NULL"))`` nests the second object's
    code in place and appends the plain value 42 to the parameters. Named
    placeholders (``%(name)s``) are accepted as keyword arguments. The code
    must not contain other ``%`` sequences (write ``%%`` nowhere: pass
    patterns such as ``'%foo%'`` as parameters).

    ``to_flush`` records fields the code reads, so that callers can flush
    them before executing.
    """

    __slots__ = ("_code", "_params", "_to_flush")

    _code: str
    _params: tuple
    _to_flush: tuple

    def __init__(self, code: str | SQL = "", /, *args: Any, to_flush: Any = None, **kwargs: Any):
        if isinstance(code, SQL):
            if args or kwargs or to_flush is not None:
                raise TypeError("SQL(sql_object) accepts no further arguments")
            self._code, self._params, self._to_flush = code._code, code._params, code._to_flush
            return
        if not isinstance(code, str):
            raise TypeError(f"SQL() expects a string as code, got {type(code).__name__}")
        if args and kwargs:
            raise TypeError("SQL() takes either positional or named arguments, not both")
        if kwargs:
            code, args = self._named_to_positional(code, kwargs)

        codes: list[str] = []
        params: list = []
        flush: list = []
        for arg in args:
            if isinstance(arg, SQL):
                codes.append(arg._code)
                params.extend(arg._params)
                flush.extend(arg._to_flush)
            else:
                codes.append("%s")
                params.append(arg)
        if to_flush is not None:
            flush.append(to_flush)
        try:
            # the % operator validates the placeholder count for us
            self._code = code % tuple(codes)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"SQL({code!r}) does not match its {len(args)} argument(s): {exc}") from None
        self._params = tuple(params)
        self._to_flush = tuple(flush)

    @staticmethod
    def _named_to_positional(code: str, kwargs: dict) -> tuple[str, tuple]:
        names = _NAMED_PLACEHOLDER_RE.findall(code)
        missing = [name for name in names if name not in kwargs]
        if missing:
            raise TypeError(f"SQL({code!r}) lacks named argument(s) {missing}")
        return _NAMED_PLACEHOLDER_RE.sub("%s", code), tuple(kwargs[name] for name in names)

    @property
    def code(self) -> str:
        """The SQL text, with ``%s`` for every parameter."""
        return self._code

    @property
    def params(self) -> list:
        """The parameters, in the order of the ``%s`` of :attr:`code`."""
        return list(self._params)

    @property
    def to_flush(self) -> tuple:
        """The fields this code depends on, from itself and its parts."""
        return self._to_flush

    def __repr__(self) -> str:
        return f"SQL({', '.join(repr(item) for item in (self._code, *self._params))})"

    def __bool__(self) -> bool:
        return bool(self._code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SQL) and (self._code, self._params) == (other._code, other._params)

    def __hash__(self) -> int:
        return hash((self._code, self._params))

    def __iter__(self) -> Iterator:
        # lets old-style callers write ``code, params = sql``
        yield self.code
        yield self.params

    def join(self, args: Iterable) -> SQL:
        """Join ``args`` (SQL objects or values) with ``self`` as separator."""
        items = list(args)
        if not items:
            return SQL()
        if len(items) == 1 and isinstance(items[0], SQL):
            return items[0]
        interleaved: list = []
        for index, item in enumerate(items):
            if index:
                interleaved.append(self)
            interleaved.append(item)
        return SQL("%s" * len(interleaved), *interleaved)

    @classmethod
    def identifier(cls, name: str, subname: str | None = None, to_flush: Any = None) -> SQL:
        """A double-quoted identifier, or ``"name"."subname"``."""
        for part in (name,) if subname is None else (name, subname):
            if not isinstance(part, str) or not (part.isidentifier() or _IDENT_RE.match(part)):
                raise ValueError(f"{part!r} is not a valid SQL identifier")
        quoted = ".".join(f'"{part}"' for part in (name, subname) if part is not None)
        return cls(quoted, to_flush=to_flush)


def _ident(*names: str) -> SQL:
    return SQL.identifier(*names)


def _first_column(cr) -> list:
    return [row[0] for row in cr.fetchall()]


def existing_tables(cr, tablenames: Iterable[str]) -> list[str]:
    """Return those of ``tablenames`` that exist as tables or views."""
    wanted = tuple(tablenames)
    if not wanted:
        return []
    cr.execute(SQL(
        """SELECT rel.relname FROM pg_class rel
             JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE rel.relname IN %s AND rel.relkind IN ('r', 'v', 'm')
              AND ns.nspname = current_schema""",
        wanted,
    ))
    return _first_column(cr)


def table_exists(cr, tablename: str) -> bool:
    """Whether ``tablename`` exists (table, view or materialized view)."""
    return bool(existing_tables(cr, [tablename]))


class TableKind(enum.Enum):
    Regular = "r"
    Temporary = "t"
    View = "v"
    Materialized = "m"
    Foreign = "f"
    Other = None


def table_kind(cr, tablename: str) -> TableKind | None:
    """The kind of relation ``tablename`` is, or None when it does not exist."""
    cr.execute(SQL(
        """SELECT rel.relkind, rel.relpersistence FROM pg_class rel
             JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE rel.relname = %s AND ns.nspname = current_schema""",
        tablename,
    ))
    found = cr.fetchone()
    if found is None:
        return None
    relkind, persistence = found
    if relkind == "r":
        # temporary and unlogged tables share relkind 'r'
        return TableKind.Temporary if persistence == "t" else TableKind.Regular
    known = {kind.value for kind in TableKind}
    return TableKind(relkind) if relkind in known else TableKind.Other


# Column order by type when creating a table, to limit alignment padding:
# 4-byte aligned first, then 1-byte, then 8-byte; unknown types last.
_TYPE_RANK = {
    "int4": 1, "varchar": 2, "date": 3, "jsonb": 4, "text": 5,
    "numeric": 6, "bool": 7, "timestamp": 8, "float8": 9,
}
SQL_ORDER_BY_TYPE = defaultdict(lambda: 16, _TYPE_RANK)


def create_model_table(cr, tablename: str, comment: str | None = None, columns: Iterable = ()) -> None:
    """Create a model's table with its ``id`` primary key.

    ``columns`` holds ``(name, sql_type, comment)`` triples.
    """
    columns = list(columns)
    table = _ident(tablename)
    definitions = [SQL("id SERIAL NOT NULL")]
    definitions += [SQL("%s %s", _ident(name), SQL(sqltype)) for name, sqltype, _ in columns]
    definitions.append(SQL("PRIMARY KEY(id)"))
    statements = [SQL("CREATE TABLE %s (%s)", table, SQL(", ").join(definitions))]
    if comment:
        statements.append(SQL("COMMENT ON TABLE %s IS %s", table, comment))
    statements += [
        SQL("COMMENT ON COLUMN %s IS %s", _ident(tablename, name), text)
        for name, _, text in columns
    ]
    cr.execute(SQL("; ").join(statements))
    _schema.debug("%s: table created", tablename)


def table_columns(cr, tablename: str) -> dict[str, dict]:
    """Map each column of ``tablename`` to its information_schema row
    (``column_name``, ``udt_name``, ``character_maximum_length``, ``is_nullable``)."""
    cr.execute(SQL(
        """SELECT column_name, udt_name, character_maximum_length, is_nullable
             FROM information_schema.columns
            WHERE table_name = %s AND table_schema = current_schema""",
        tablename,
    ))
    keys = ("column_name", "udt_name", "character_maximum_length", "is_nullable")
    return {row[0]: dict(zip(keys, row, strict=True)) for row in cr.fetchall()}


def column_exists(cr, tablename: str, columnname: str) -> int:
    """1 when the column exists, else 0 (a row count, as in Odoo)."""
    cr.execute(SQL(
        """SELECT 1 FROM information_schema.columns
            WHERE table_name = %s AND column_name = %s AND table_schema = current_schema""",
        tablename, columnname,
    ))
    return cr.rowcount


def create_column(cr, tablename: str, columnname: str, columntype: str, comment: str | None = None) -> None:
    """Add a column; booleans get ``DEFAULT false`` as in Odoo."""
    default = SQL("DEFAULT false") if columntype.upper() == "BOOLEAN" else SQL()
    statements = [SQL("ALTER TABLE %s ADD COLUMN %s %s %s",
                      _ident(tablename), _ident(columnname), SQL(columntype), default)]
    if comment:
        statements.append(SQL("COMMENT ON COLUMN %s IS %s", _ident(tablename, columnname), comment))
    cr.execute(SQL("; ").join(statements))
    _schema.debug("%s: new column %s (%s)", tablename, columnname, columntype)


def rename_column(cr, tablename: str, columnname1: str, columnname2: str) -> None:
    """Rename a column."""
    old, new = _ident(columnname1), _ident(columnname2)
    cr.execute(SQL("ALTER TABLE %s RENAME COLUMN %s TO %s", _ident(tablename), old, new))
    _schema.debug("%s: column %s renamed %s", tablename, columnname1, columnname2)


def convert_column(cr, tablename: str, columnname: str, columntype: str) -> None:
    """Change a column's type with a plain cast of its values."""
    cast = SQL("%s::%s", _ident(columnname), SQL(columntype))
    _retype_column(cr, tablename, columnname, columntype, cast)


def convert_column_translatable(cr, tablename: str, columnname: str, columntype: str) -> None:
    """Convert a column to or from the jsonb layout of translated fields."""
    drop_index(cr, make_index_name(tablename, columnname), tablename)
    column = _ident(columnname)
    if columntype == "jsonb":
        conversion = SQL("CASE WHEN %s IS NOT NULL THEN jsonb_build_object('en_US', %s::varchar) END",
                         column, column)
    else:
        conversion = SQL("%s->>'en_US'", column)
    _retype_column(cr, tablename, columnname, columntype, conversion)


def _retype_column(cr, table: str, column: str, sqltype: str, conversion: SQL) -> None:
    target = _ident(column)
    statement = SQL(
        "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT, ALTER COLUMN %s TYPE %s USING %s",
        _ident(table), target, target, SQL(sqltype), conversion,
    )
    try:
        with cr.savepoint(flush=False):
            cr.execute(statement, log_exceptions=False)
    except psycopg2.NotSupportedError:
        # a view reads the column: PostgreSQL refuses to retype it until dropped
        drop_depending_views(cr, table, column)
        cr.execute(statement)
    _schema.debug("%s: column %s is now %s", table, column, sqltype)


def drop_depending_views(cr, table: str, column: str) -> None:
    """Drop the views that read ``table.column``."""
    for viewname, relkind in get_depending_views(cr, table, column):
        what = SQL("MATERIALIZED VIEW") if relkind == "m" else SQL("VIEW")
        cr.execute(SQL("DROP %s IF EXISTS %s CASCADE", what, _ident(viewname)))
        _schema.debug("view %s dropped (it reads %s.%s)", viewname, table, column)


def get_depending_views(cr, table: str, column: str) -> list[tuple[str, str]]:
    """``(view name, relkind)`` of the views depending on ``table.column``."""
    cr.execute(SQL(
        """SELECT DISTINCT view.relname, view.relkind
             FROM pg_depend dep
             JOIN pg_rewrite rw ON dep.objid = rw.oid
             JOIN pg_class view ON rw.ev_class = view.oid
             JOIN pg_class tab ON dep.refobjid = tab.oid
             JOIN pg_attribute att ON att.attrelid = dep.refobjid AND att.attnum = dep.refobjsubid
            WHERE tab.relname = %s AND att.attnum > 0 AND att.attname = %s
              AND view.relkind IN ('v', 'm')""",
        table, column,
    ))
    return cr.fetchall()


def set_not_null(cr, tablename: str, columnname: str) -> None:
    """Add NOT NULL on a column; raise naming the column when rows violate it."""
    statement = SQL("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", _ident(tablename), _ident(columnname))
    try:
        with cr.savepoint(flush=False):
            cr.execute(statement, log_exceptions=False)
    except psycopg2.Error as exc:
        raise Exception(f"Table {tablename!r}: unable to set NOT NULL on column {columnname!r}") from exc
    _schema.debug("%s.%s: NOT NULL set", tablename, columnname)


def drop_not_null(cr, tablename: str, columnname: str) -> None:
    """Drop NOT NULL on a column."""
    cr.execute(SQL("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", _ident(tablename), _ident(columnname)))
    _schema.debug("%s.%s: NOT NULL dropped", tablename, columnname)


def constraint_definition(cr, tablename: str, constraintname: str) -> str | None:
    """The definition a constraint was created with (its comment), or None."""
    cr.execute(SQL(
        """SELECT COALESCE(descr.description, pg_get_constraintdef(con.oid))
             FROM pg_constraint con
             JOIN pg_class rel ON rel.oid = con.conrelid
             LEFT JOIN pg_description descr ON descr.objoid = con.oid
            WHERE rel.relname = %s AND con.conname = %s""",
        tablename, constraintname,
    ))
    found = cr.fetchone()
    return found[0] if found else None


def add_constraint(cr, tablename: str, constraintname: str, definition: str) -> None:
    """Add a constraint, remembering its definition in the constraint's comment.

    ``definition`` comes from model code (``_sql_constraints``), never from
    users, and may contain ``%`` (LIKE patterns).
    """
    table, name = _ident(tablename), _ident(constraintname)
    try:
        with cr.savepoint(flush=False):
            cr.execute(SQL("ALTER TABLE %s ADD CONSTRAINT %s %s", table, name, _raw(definition)),
                       log_exceptions=False)
            cr.execute(SQL("COMMENT ON CONSTRAINT %s ON %s IS %s", name, table, definition),
                       log_exceptions=False)
    except psycopg2.Error as exc:
        raise Exception(
            f"Table {tablename!r}: unable to add constraint {constraintname!r} as {definition}: {exc}"
        ) from exc
    _schema.debug("%s: constraint %s added (%s)", tablename, constraintname, definition)


def _raw(code: str) -> SQL:
    """Model-defined SQL text used verbatim, ``%`` included: the statement
    has no parameters, and the cursor then hands it to psycopg2 unformatted."""
    sql = SQL()
    sql._code = code
    return sql


def drop_constraint(cr, tablename: str, constraintname: str) -> None:
    """Drop a constraint; a failure is logged, not raised (as in Odoo)."""
    try:
        with cr.savepoint(flush=False):
            cr.execute(SQL("ALTER TABLE %s DROP CONSTRAINT %s", _ident(tablename), _ident(constraintname)))
    except psycopg2.Error:
        _schema.warning("%s: could not drop constraint %s", tablename, constraintname)
    else:
        _schema.debug("%s: constraint %s dropped", tablename, constraintname)


def _ondelete_sql(ondelete: str) -> SQL:
    action = ondelete.upper()
    if action not in _CONFDELTYPES:
        raise ValueError(f"Invalid ON DELETE action {ondelete!r}")
    return SQL(action)


def add_foreign_key(cr, tablename1: str, columnname1: str, tablename2: str, columnname2: str,
                    ondelete: str) -> bool:
    """Create a foreign key ``tablename1.columnname1 -> tablename2.columnname2``."""
    source, target = _ident(tablename1), _ident(tablename2)
    cr.execute(SQL(
        "ALTER TABLE %s ADD FOREIGN KEY (%s) REFERENCES %s(%s) ON DELETE %s",
        source, _ident(columnname1), target, _ident(columnname2), _ondelete_sql(ondelete),
    ))
    _schema.debug("%s.%s: foreign key to %s.%s (on delete %s)",
                  tablename1, columnname1, tablename2, columnname2, ondelete)
    return True


def get_foreign_keys(cr, tablename1: str, columnname1: str, tablename2: str, columnname2: str,
                     ondelete: str) -> list[str]:
    """Names of the foreign keys matching exactly the given description."""
    cr.execute(SQL(
        """SELECT fk.conname FROM pg_constraint fk
             JOIN pg_class src ON fk.conrelid = src.oid
             JOIN pg_class dst ON fk.confrelid = dst.oid
             JOIN pg_attribute src_col ON src_col.attrelid = src.oid AND fk.conkey[1] = src_col.attnum
             JOIN pg_attribute dst_col ON dst_col.attrelid = dst.oid AND fk.confkey[1] = dst_col.attnum
            WHERE fk.contype = 'f' AND src.relname = %s AND src_col.attname = %s
              AND dst.relname = %s AND dst_col.attname = %s AND fk.confdeltype = %s""",
        tablename1, columnname1, tablename2, columnname2, _CONFDELTYPES[ondelete.upper()],
    ))
    return _first_column(cr)


def fix_foreign_key(cr, tablename1: str, columnname1: str, tablename2: str, columnname2: str,
                    ondelete: str) -> bool | None:
    """Make the foreign keys on ``tablename1.columnname1`` be exactly the given
    one; return True when it had to be (re)created."""
    wanted = (tablename2, columnname2, _CONFDELTYPES.get(ondelete.upper(), "a"))
    # pg_catalog rather than information_schema: the latter is very slow here
    cr.execute(SQL(
        """SELECT fk.conname, dst.relname, dst_col.attname, fk.confdeltype
             FROM pg_constraint fk
             JOIN pg_class src ON fk.conrelid = src.oid
             JOIN pg_class dst ON fk.confrelid = dst.oid
             JOIN pg_attribute src_col ON src_col.attrelid = src.oid AND src_col.attnum = fk.conkey[1]
             JOIN pg_attribute dst_col ON dst_col.attrelid = dst.oid AND dst_col.attnum = fk.confkey[1]
            WHERE fk.contype = 'f' AND array_lower(fk.conkey, 1) = 1
              AND array_lower(fk.confkey, 1) = 1
              AND src.relname = %s AND src_col.attname = %s""",
        tablename1, columnname1,
    ))
    kept = False
    for name, *description in cr.fetchall():
        if kept or tuple(description) != wanted:
            drop_constraint(cr, tablename1, name)
        else:
            kept = True
    if kept:
        return None
    return add_foreign_key(cr, tablename1, columnname1, tablename2, columnname2, ondelete)


def index_exists(cr, indexname: str) -> int:
    """1 when the index exists, else 0."""
    cr.execute(SQL("SELECT 1 FROM pg_indexes WHERE indexname = %s", indexname))
    return cr.rowcount


def check_index_exist(cr, indexname: str) -> None:
    if not index_exists(cr, indexname):
        raise AssertionError(f"index {indexname} does not exist")


def _index_terms(expressions: list[str]) -> SQL:
    # expressions are model-defined SQL (column names, functions), never user input
    return SQL(", ").join([SQL(term) for term in expressions])


def create_index(cr, indexname: str, tablename: str, expressions: Iterable[str],
                 method: str = "btree", where: str = "") -> None:
    """Create an index unless one of that name exists.

    ``expressions`` and ``where`` are model-defined SQL text.
    """
    if index_exists(cr, indexname):
        return
    terms = list(expressions)
    predicate = SQL(" WHERE %s", SQL(where)) if where else SQL()
    cr.execute(SQL("CREATE INDEX %s ON %s USING %s (%s)%s",
                   _ident(indexname), _ident(tablename), SQL(method), _index_terms(terms), predicate))
    _schema.debug("%s: index %s on %s", tablename, indexname, terms)


def create_unique_index(cr, indexname: str, tablename: str, expressions: Iterable[str]) -> None:
    """Create a unique index unless one of that name exists."""
    if index_exists(cr, indexname):
        return
    terms = list(expressions)
    cr.execute(SQL("CREATE UNIQUE INDEX %s ON %s (%s)", _ident(indexname), _ident(tablename), _index_terms(terms)))
    _schema.debug("%s: unique index %s on %s", tablename, indexname, terms)


def drop_index(cr, indexname: str, tablename: str) -> None:
    """Drop an index if it exists."""
    cr.execute(SQL("DROP INDEX IF EXISTS %s", _ident(indexname)))
    _schema.debug("%s: index %s dropped", tablename, indexname)


def drop_view_if_exists(cr, viewname: str) -> None:
    """Drop a view or materialized view of that name, if there is one."""
    statements = {
        TableKind.View: "DROP VIEW %s CASCADE",
        TableKind.Materialized: "DROP MATERIALIZED VIEW %s CASCADE",
    }
    statement = statements.get(table_kind(cr, viewname))
    if statement:
        cr.execute(SQL(statement, _ident(viewname)))


def escape_psql(to_escape: str) -> str:
    """Escape the LIKE wildcards (and the backslash) of a literal string."""
    return to_escape.replace("\\", r"\\").replace("%", r"\%").replace("_", r"\_")


def pg_varchar(size: int = 0) -> str:
    """``VARCHAR(size)`` for a positive size, else unbounded ``VARCHAR``."""
    if size:
        if not isinstance(size, int):
            raise ValueError(f"VARCHAR parameter should be an int, got {type(size)}")
        if size > 0:
            return f"VARCHAR({size})"
    return "VARCHAR"


def reverse_order(order: str) -> str:
    """Reverse each term of an ORDER BY clause (``a desc, b`` -> ``a asc, b desc``)."""
    reversed_terms = []
    for term in order.split(","):
        words = term.lower().split()
        reversed_terms.append(words[0] + (" asc" if words[1:] == ["desc"] else " desc"))
    return ", ".join(reversed_terms)


def increment_fields_skiplock(records, *fields: str) -> bool:
    """Add 1 to integer ``fields`` of ``records``, skipping rows locked by
    others; the cache is left alone since the counters are informative only.
    Return whether any row was updated."""
    if not records:
        return False
    for fname in fields:
        if records._fields[fname].type != "integer":
            raise TypeError(f"{records._name}.{fname} is not an integer field")
    table = _ident(records._table)
    increments = [SQL("%s = COALESCE(%s, 0) + 1", _ident(fname), _ident(fname)) for fname in fields]
    records.env.cr.execute(SQL(
        """UPDATE %s SET %s
            WHERE id IN (SELECT id FROM %s WHERE id = ANY(%s) FOR UPDATE SKIP LOCKED)""",
        table, SQL(", ").join(increments), table, list(records.ids),
    ))
    return bool(records.env.cr.rowcount)


_PG_NAME_MAX = 63


def make_identifier(identifier: str) -> str:
    """Fit ``identifier`` into PostgreSQL's 63 bytes: when longer, keep a
    readable prefix and append a crc32 of the whole name."""
    if len(identifier) <= _PG_NAME_MAX:
        return identifier
    checksum = format(crc32(identifier.encode()), "08x")
    return identifier[:_PG_NAME_MAX - 9] + "_" + checksum


def make_index_name(table_name: str, column_name: str) -> str:
    """The conventional name of the index on ``table_name.column_name``."""
    return make_identifier(table_name + "__" + column_name + "_index")
