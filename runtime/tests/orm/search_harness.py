"""A minimal model layer for testing the search layer on its own.

The search layer (domains, Query, SearchMixin) reads only a narrow contract
from models and fields: ``_name``, ``_table``, ``_fields``, ``env``,
``browse``, ``with_context``, ``sudo``, ``flush_model`` and field metadata
(``type``, ``store``, ``column_type``, ``comodel_name``...). These small
classes honour that contract so that compiled SQL can be checked as text and
run against tables created in a real PostgreSQL database.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from odoo import sql_db
from odoo.orm.models_search import SearchMixin
from odoo.service import db as db_service
from odoo.tools.sql import SQL

_COLUMN_TYPES = {
    "char": ("varchar", "VARCHAR"), "text": ("text", "TEXT"), "html": ("text", "TEXT"),
    "integer": ("int4", "INTEGER"), "float": ("float8", "DOUBLE PRECISION"),
    "monetary": ("numeric", "NUMERIC"), "boolean": ("bool", "BOOLEAN"),
    "date": ("date", "DATE"), "datetime": ("timestamp", "TIMESTAMP"),
    "selection": ("varchar", "VARCHAR"), "many2one": ("int4", "INTEGER"),
    "binary": ("bytea", "BYTEA"),
}


class Field:
    """Field metadata as the search layer reads it."""

    def __init__(self, type: str, **attrs: Any):
        self.type = type
        self.name = None
        self.model_name = None
        self.store = attrs.pop("store", True)
        self.translate = attrs.pop("translate", False)
        self.company_dependent = attrs.pop("company_dependent", False)
        self.related = attrs.pop("related", None)
        self.search = attrs.pop("search", None)
        self.comodel_name = attrs.pop("comodel_name", None)
        self.inverse_name = attrs.pop("inverse_name", None)
        self.relation = attrs.pop("relation", None)
        self.column1 = attrs.pop("column1", None)
        self.column2 = attrs.pop("column2", None)
        self.required = attrs.pop("required", False)
        self.inherited = attrs.pop("inherited", False)
        self.compute_sudo = attrs.pop("compute_sudo", True)
        self.context = attrs.pop("context", {})
        self.domain = attrs.pop("domain", [])
        self.auto_join = attrs.pop("auto_join", False)
        self.aggregator = attrs.pop("aggregator", None)
        self.group_expand = attrs.pop("group_expand", None)
        if attrs:
            raise TypeError(f"unknown field attributes {sorted(attrs)}")
        self.relational = type in ("many2one", "one2many", "many2many")
        if not self.store or type in ("one2many", "many2many"):
            self.column_type = None
        elif self.translate or self.company_dependent:
            self.column_type = ("jsonb", "jsonb")
        else:
            self.column_type = _COLUMN_TYPES[type]

    def __repr__(self) -> str:
        return f"{self.model_name}.{self.name}"


class Env:
    """An environment: a registry of model classes, a cursor, a context."""

    def __init__(self, registry: dict, cr: Any = None, context: dict | None = None, su: bool = True,
                 rules: dict | None = None):
        self.registry = registry
        self.cr = cr
        self.context = dict(context or {})
        self.su = su
        self.rules = rules if rules is not None else {}
        self.flushed: list[tuple[str, tuple]] = []

    @property
    def lang(self) -> str | None:
        return self.context.get("lang")

    @property
    def company(self) -> Any:
        return type("Company", (), {"id": self.context.get("company_id", 1)})()

    def __getitem__(self, model_name: str) -> Any:
        if model_name == "ir.rule":
            return RuleStub(self)
        return self.registry[model_name](self, ())

    def __call__(self, context: dict | None = None, su: bool | None = None) -> Env:
        env = Env(self.registry, self.cr, self.context if context is None else context,
                  self.su if su is None else su, self.rules)
        env.flushed = self.flushed
        return env


class RuleStub:
    """``ir.rule`` reduced to ``_compute_domain``: the env's ``rules`` dict."""

    def __init__(self, env: Env):
        self.env = env

    def _compute_domain(self, model_name: str, mode: str = "read") -> list | None:
        return self.env.rules.get(model_name)


class Model(SearchMixin):
    """A recordset of a stub model."""

    _name: str = ""
    _table: str = ""
    _order = "id"
    _fields: dict[str, Field] = {}
    _inherits: dict[str, str] = {}
    _parent_store = False
    _parent_name = "parent_id"
    _active_name: str | None = None
    _rec_name = "name"
    _rec_names_search: list[str] | None = None

    def __init__(self, env: Env, ids: Any = ()):
        self.env = env
        self._ids = tuple(ids)

    def __init_subclass__(cls) -> None:
        fields = {"id": Field("integer"), "display_name": Field("char", store=False)}
        for base in reversed(cls.__mro__):
            for name, value in vars(base).items():
                if isinstance(value, Field):
                    fields[name] = value
        for name, field in fields.items():
            field.name, field.model_name = name, cls._name
        cls._fields = fields
        cls._table = cls._name.replace(".", "_")
        if "active" in fields:
            cls._active_name = "active"

    # recordset protocol used by the search layer
    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    @property
    def id(self) -> int | bool:
        return self._ids[0] if self._ids else False

    def __iter__(self):
        return (type(self)(self.env, (id_,)) for id_ in self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and (self._name, self._ids) == (other._name, other._ids)

    def __hash__(self) -> int:
        return hash((self._name, self._ids))

    def __repr__(self) -> str:
        return f"{self._name}{self._ids}"

    def browse(self, ids: Any = ()) -> Model:
        if isinstance(ids, int):
            ids = (ids,)
        return type(self)(self.env, ids)

    def with_context(self, *args: dict, **kwargs: Any) -> Model:
        context = dict(args[0]) if args else dict(self.env.context)
        context.update(kwargs)
        return type(self)(self.env(context=context), self._ids)

    def sudo(self, flag: bool = True) -> Model:
        return type(self)(self.env(su=flag), self._ids)

    def flush_model(self, fnames: Any = None) -> None:
        self.env.flushed.append((self._name, tuple(fnames or ())))

    def _read_values(self, fname: str) -> list:
        """The stored values of ``fname`` on the records (through SQL)."""
        field = self._fields[fname]
        if field.type == "many2many":
            self.env.cr.execute(SQL("SELECT %s FROM %s WHERE %s = %s ORDER BY 1",
                                    SQL.identifier(field.column2), SQL.identifier(field.relation),
                                    SQL.identifier(field.column1), self.id))
            return [row[0] for row in self.env.cr.fetchall()]
        if field.type == "one2many":
            comodel = self.env[field.comodel_name]
            self.env.cr.execute(SQL("SELECT id FROM %s WHERE %s = %s ORDER BY id",
                                    SQL.identifier(comodel._table), SQL.identifier(field.inverse_name), self.id))
            return [row[0] for row in self.env.cr.fetchall()]
        if field.inherited or (field.related and not field.store):
            value = self
            for part in field.related.split("."):
                value = value[part]
            return value
        column = SQL.identifier(fname)
        if field.translate:
            column = SQL("%s->>'en_US'", column)
        self.env.cr.execute(SQL("SELECT %s FROM %s WHERE id = %s", column, SQL.identifier(self._table), self.id))
        row = self.env.cr.fetchone()
        return row[0] if row else None

    def __getitem__(self, fname: str) -> Any:
        field = self._fields[fname]
        value = self._read_values(fname)
        if isinstance(value, Model):
            return value
        if field.relational:
            ids = value if isinstance(value, list) else ([value] if value else [])
            return self.env[field.comodel_name].browse(ids)
        return False if value is None and field.type != "float" else value

    def mapped(self, path: str) -> Any:
        fname, _, rest = path.partition(".")
        field = self._fields[fname]
        if field.relational:
            ids: list[int] = []
            for record in self:
                ids.extend(id_ for id_ in record[fname]._ids if id_ not in ids)
            records = self.env[field.comodel_name].browse(ids)
            return records.mapped(rest) if rest else records
        return [record[fname] for record in self]

    @property
    def display_name(self) -> str:
        return self[self._rec_name] if self._ids else ""

    def filtered_domain(self, domain: list) -> Model:
        return super().filtered_domain(domain)


def make_registry(*classes: type) -> dict:
    return {cls._name: cls for cls in classes}


def create_tables(cr: Any, registry: dict) -> None:
    """Create the tables (and many2many relation tables) of ``registry``."""
    for cls in registry.values():
        columns = [
            SQL("%s %s", SQL.identifier(name), SQL(field.column_type[1]))
            for name, field in cls._fields.items() if name != "id" and field.column_type
        ]
        if cls._parent_store:
            columns.append(SQL("parent_path VARCHAR"))
        cr.execute(SQL("CREATE TABLE %s (id SERIAL PRIMARY KEY%s)", SQL.identifier(cls._table),
                       SQL("").join(SQL(", %s", column) for column in columns)))
        for field in cls._fields.values():
            if field.type == "many2many":
                cr.execute(SQL("CREATE TABLE IF NOT EXISTS %s (%s INTEGER, %s INTEGER)",
                               SQL.identifier(field.relation), SQL.identifier(field.column1),
                               SQL.identifier(field.column2)))


def insert(cr: Any, table: str, **values: Any) -> int:
    """Insert one row; return its id."""
    names = list(values)
    cr.execute(SQL("INSERT INTO %s (%s) VALUES (%s) RETURNING id", SQL.identifier(table),
                   SQL(", ").join(SQL.identifier(name) for name in names),
                   SQL(", ").join(SQL("%s", values[name]) for name in names)))
    return cr.fetchone()[0]


# --------------------------------------------------------------------------
# the models of the tests
# --------------------------------------------------------------------------

class Country(Model):
    _name = "test.country"
    _order = "name"
    name = Field("char")
    code = Field("char")


class Tag(Model):
    _name = "test.tag"
    _order = "name"
    name = Field("char")
    color = Field("integer")
    priority = Field("integer", company_dependent=True)
    owner_id = Field("many2one", comodel_name="test.partner", company_dependent=True)


class Partner(Model):
    _name = "test.partner"
    _order = "name, id"
    _parent_store = True
    name = Field("char")
    ref = Field("char")
    active = Field("boolean")
    vip = Field("boolean")
    kind = Field("selection")
    credit = Field("float", aggregator="sum")
    count = Field("integer", aggregator="sum")
    birthday = Field("date")
    created = Field("datetime")
    title = Field("char", translate=True)
    parent_id = Field("many2one", comodel_name="test.partner")
    child_ids = Field("one2many", comodel_name="test.partner", inverse_name="parent_id")
    country_id = Field("many2one", comodel_name="test.country")
    tag_ids = Field("many2many", comodel_name="test.tag", relation="test_partner_tag_rel",
                    column1="partner_id", column2="tag_id")
    country_code = Field("char", store=False, related="country_id.code")
    is_big = Field("boolean", store=False, search="_search_is_big")

    def _search_is_big(self, operator: str, value: Any) -> list:
        if operator not in ("=", "!="):
            raise ValueError(f"unsupported operator {operator}")
        wanted = (operator == "=") == bool(value)
        return [("credit", ">=" if wanted else "<", 1000)]


class Category(Model):
    """A tree without parent_path: child_of/parent_of walk the parent links."""
    _name = "test.category"
    name = Field("char")
    parent_id = Field("many2one", comodel_name="test.category")


class User(Model):
    _name = "test.user"
    _inherits = {"test.partner": "partner_id"}
    _rec_name = "login"
    login = Field("char")
    partner_id = Field("many2one", comodel_name="test.partner", required=True)
    name = Field("char", store=False, related="partner_id.name", inherited=True)
    country_id = Field("many2one", comodel_name="test.country", store=False,
                       related="partner_id.country_id", inherited=True)


REGISTRY = make_registry(Country, Tag, Partner, Category, User)


@contextlib.contextmanager
def scratch_database(prefix: str) -> Iterator[Any]:
    """A cursor on a new database with the tables of REGISTRY, dropped at
    the end (for a module's worth of tests: creating one per test is slow)."""
    name = f"{prefix}_{os.getpid()}"
    db_service._create_empty_database(name)
    cr = sql_db.db_connect(name).cursor()
    try:
        create_tables(cr, REGISTRY)
        yield cr
    finally:
        cr.rollback()
        cr.close()
        sql_db.close_db(name)
        db_service.exp_drop(name)


@contextlib.contextmanager
def rolled_back(cr: Any) -> Iterator[Env]:
    """An environment whose changes are undone afterwards."""
    cr.execute("SAVEPOINT harness_test")
    try:
        yield Env(REGISTRY, cr)
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT harness_test")

