"""The ``Query`` object: the FROM tables, joins, WHERE conditions, grouping,
ordering and paging of a SELECT, rendered to an ``SQL`` object on demand.

Building a query is pure; only :meth:`Query.get_result_ids` (and the
conveniences that call it) run it, through the environment's cursor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..tools.sql import SQL, make_identifier

_KINDS = {"JOIN": SQL("JOIN"), "LEFT JOIN": SQL("LEFT JOIN")}
_NOTHING = SQL("(SELECT 1 WHERE FALSE)")


class _Join(NamedTuple):
    kind: SQL
    source: SQL
    on: SQL


def _aliased(alias: str, source: SQL) -> SQL:
    """A FROM item: ``source AS "alias"``, shortened when the alias is the
    table's own name."""
    name = SQL.identifier(alias)
    return source if source == name else SQL("%s AS %s", source, name)


class Query:
    """A SELECT under construction.

    :param env: the environment the query will run in (used only when it is
        executed)
    :param alias: the alias of the main table (its name when ``table`` is
        omitted)
    :param table: the main table as an ``SQL`` expression (a table
        identifier or a parenthesised subquery), optional
    """

    def __init__(self, env: Any, alias: str, table: SQL | None = None):
        self._env = env
        self._sources: dict[str, SQL] = {}
        self._joined: dict[str, _Join] = {}  # in the order they were added
        self._conditions: list[SQL] = []
        self.groupby: SQL | None = None
        self.having: SQL | None = None
        self._order: SQL | None = None
        self.limit: int | None = None
        self.offset: int | None = None
        self._ids: tuple[int, ...] | None = None  # known result, when set or fetched
        self.add_table(alias, table)

    # ------------------------------------------------------------------
    # building
    # ------------------------------------------------------------------

    @staticmethod
    def make_alias(alias: str, link: str) -> str:
        """The alias of the table reached from ``alias`` through ``link``:
        ``alias__link``, shortened with a hash beyond 63 characters so that
        the same path always gets the same alias."""
        return make_identifier(alias + "__" + link)

    def _known(self, alias: str) -> bool:
        return alias in self._sources or alias in self._joined

    def add_table(self, alias: str, table: SQL | None = None) -> None:
        """Add a table to the FROM clause (a cross product; add a condition)."""
        if self._known(alias):
            raise ValueError(f"Alias {alias!r} is already used in {self}")
        self._sources[alias] = SQL.identifier(alias) if table is None else table
        self._ids = None

    def add_join(self, kind: str, alias: str, table: str | SQL | None, condition: SQL) -> None:
        """Add ``kind`` (``JOIN`` or ``LEFT JOIN``) of ``table AS alias ON condition``.

        Adding the same join twice is a no-op; reusing an alias for a
        different join is an error.
        """
        try:
            sql_kind = _KINDS[kind.upper()]
        except KeyError:
            raise ValueError(f"Invalid JOIN type {kind!r}") from None
        if alias in self._sources:
            raise ValueError(f"Alias {alias!r} is already a table of {self}")
        source = SQL.identifier(table or alias) if not isinstance(table, SQL) else table
        wanted = _Join(sql_kind, source, condition)
        current = self._joined.setdefault(alias, wanted)
        if current is wanted:
            self._ids = None
        elif current != wanted:
            raise ValueError(f"Alias {alias!r} is already used for another join in {self}")

    def add_where(self, where_clause: str | SQL, where_params: Iterable = ()) -> None:
        """AND a condition to the WHERE clause."""
        self._conditions.append(SQL(where_clause, *where_params))
        self._ids = None

    def join(self, lhs_alias: str, lhs_column: str, rhs_table: str | SQL, rhs_column: str, link: str) -> str:
        """INNER JOIN ``rhs_table`` on ``lhs_alias.lhs_column = rhs.rhs_column``;
        return the alias generated from ``lhs_alias`` and ``link``."""
        return self._link("JOIN", lhs_alias, lhs_column, rhs_table, rhs_column, link)

    def left_join(self, lhs_alias: str, lhs_column: str, rhs_table: str | SQL, rhs_column: str,
                  link: str) -> str:
        """Like :meth:`join`, as a LEFT JOIN."""
        return self._link("LEFT JOIN", lhs_alias, lhs_column, rhs_table, rhs_column, link)

    def _link(self, kind: str, source_alias: str, source_column: str, target: str | SQL,
              target_column: str, link: str) -> str:
        if not self._known(source_alias):
            raise ValueError(f"Alias {source_alias!r} is not part of {self}")
        target_alias = self.make_alias(source_alias, link)
        on = SQL("%s = %s", SQL.identifier(source_alias, source_column),
                 SQL.identifier(target_alias, target_column))
        self.add_join(kind, target_alias, target, on)
        return target_alias

    @property
    def order(self) -> SQL | None:
        return self._order

    @order.setter
    def order(self, value: SQL | str | None) -> None:
        # a str here is ORM-generated code (never user input)
        self._order = None if value is None else SQL(value)

    # ------------------------------------------------------------------
    # rendering
    # ------------------------------------------------------------------

    @property
    def table(self) -> str:
        """The alias of the main table (the first of the FROM clause)."""
        return next(iter(self._sources))

    @property
    def from_clause(self) -> SQL:
        """The FROM clause, without the keyword."""
        parts = [SQL(", ").join([_aliased(alias, source) for alias, source in self._sources.items()])]
        for alias, spec in self._joined.items():
            parts.append(SQL("%s %s ON (%s)", spec.kind, _aliased(alias, spec.source), spec.on))
        return SQL(" ").join(parts)

    @property
    def where_clause(self) -> SQL:
        """The WHERE condition, without the keyword (empty SQL when none)."""
        return SQL(" AND ").join(self._conditions)

    def _columns(self, args: tuple) -> SQL:
        if not args:
            return SQL.identifier(self.table, "id")
        return SQL(", ").join([SQL(arg) for arg in args])

    def _clauses(self, *keywords: str) -> list[SQL]:
        """The optional clauses named in ``keywords`` that are set."""
        values = {
            "WHERE": self.where_clause if self._conditions else None,
            "GROUP BY": self.groupby,
            "HAVING": self.having,
            "ORDER BY": self._order,
            "LIMIT": self.limit,
            "OFFSET": self.offset,
        }
        clauses = []
        for keyword in keywords:
            value = values[keyword]
            if value:
                clauses.append(SQL(f" {keyword} %s", value))
        return clauses

    def select(self, *args: str | SQL) -> SQL:
        """The whole SELECT; selects the main table's ``id`` by default."""
        clauses = self._clauses("WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "OFFSET")
        return SQL().join([SQL("SELECT %s FROM %s", self._columns(args), self.from_clause), *clauses])

    def subselect(self, *args: str | SQL) -> SQL:
        """The query as a parenthesised subquery (for ``IN``).

        Known ids are inlined instead; ORDER BY is dropped unless paging
        makes it meaningful.
        """
        if self._ids is not None and not args:
            # "IN ()" is a syntax error, and "IN (NULL)" breaks NOT IN
            return SQL("%s", self._ids) if self._ids else _NOTHING
        if self.limit or self.offset:
            return SQL("(%s)", self.select(*args))
        inner = SQL().join([SQL("SELECT %s FROM %s", self._columns(args), self.from_clause),
                            *self._clauses("WHERE")])
        return SQL("(%s)", inner)

    # ------------------------------------------------------------------
    # results
    # ------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether the query is known, without running it, to return nothing."""
        return self._ids == ()

    def get_result_ids(self) -> tuple[int, ...]:
        """Run the query (once) and return the selected ids."""
        if self._ids is None:
            self._ids = tuple(row[0] for row in execute_query(self._env, self.select()))
        return self._ids

    def set_result_ids(self, ids: Iterable[int], ordered: bool = True) -> None:
        """Make a fresh query return exactly ``ids`` (in that order when ``ordered``)."""
        if self._joined or self._conditions or self.limit or self.offset:
            raise ValueError("set_result_ids() needs a query without joins, conditions or paging")
        ids = tuple(ids)
        if not ids:
            self.add_where("FALSE")
        elif not ordered:
            self.add_where(SQL("%s IN %s", SQL.identifier(self.table, "id"), ids))
        else:
            # keep the given order in SQL through the ordinality of unnest()
            positions = SQL("(SELECT * FROM unnest(%s) WITH ORDINALITY)", list(ids))
            alias = self.join(self.table, "id", positions, "unnest", "ids")
            self.order = SQL.identifier(alias, "ordinality")
        self._ids = ids

    def __str__(self) -> str:
        sql = self.select()
        return f"<Query: {sql.code!r} with params: {sql.params!r}>"

    __repr__ = __str__

    def __bool__(self) -> bool:
        return bool(self.get_result_ids())

    def __len__(self) -> int:
        if self._ids is not None:
            return len(self._ids)
        if self.limit or self.offset:
            # count the page, not the whole result
            count = SQL("SELECT COUNT(*) FROM (%s) AS page", self.select(""))
        else:
            # ORDER BY would be meaningless (and invalid) around an aggregate
            count = SQL().join([SQL("SELECT COUNT(*) FROM %s", self.from_clause), *self._clauses("WHERE")])
        return execute_query(self._env, count)[0][0]

    def __iter__(self) -> Iterator[int]:
        return iter(self.get_result_ids())


def flush_sql(env: Any, sql: SQL) -> None:
    """Write to the database the pending updates of the fields ``sql`` reads
    (those recorded in its ``to_flush``)."""
    by_model: dict[str, list[str]] = {}
    for field in sql.to_flush:
        fnames = by_model.setdefault(field.model_name, [])
        if field.name not in fnames:
            fnames.append(field.name)
    for model_name, fnames in by_model.items():
        env[model_name].flush_model(fnames)


def execute_query(env: Any, sql: SQL) -> list[tuple]:
    """Flush what ``sql`` reads, run it and return all its rows."""
    if hasattr(env, "execute_query"):
        return env.execute_query(sql)
    flush_sql(env, sql)
    env.cr.execute(sql)
    return env.cr.fetchall()
