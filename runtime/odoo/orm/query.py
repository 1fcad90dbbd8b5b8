"""The ``Query`` object: the FROM tables, joins, WHERE conditions, grouping,
ordering and paging of a SELECT, rendered to an ``SQL`` object on demand.

Building a query is pure; only :meth:`Query.get_result_ids` (and the
conveniences that call it) run it, through the environment's cursor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..tools.sql import SQL, make_identifier

_JOIN_KINDS = {
    "JOIN": SQL("JOIN"),
    "LEFT JOIN": SQL("LEFT JOIN"),
}


def _from_item(alias: str, table: SQL) -> SQL:
    """``table AS alias``, or just ``table`` when the alias is its name."""
    alias_sql = SQL.identifier(alias)
    if alias_sql == table:
        return table
    return SQL("%s AS %s", table, alias_sql)


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
        self._tables: dict[str, SQL] = {alias: table if table is not None else SQL.identifier(alias)}
        # alias -> (kind, table, condition); insertion order is the SQL order
        self._joins: dict[str, tuple[SQL, SQL, SQL]] = {}
        self._where_clauses: list[SQL] = []
        self.groupby: SQL | None = None
        self.having: SQL | None = None
        self._order: SQL | None = None
        self.limit: int | None = None
        self.offset: int | None = None
        # memoized ids once executed or set explicitly
        self._ids: tuple[int, ...] | None = None

    # ------------------------------------------------------------------
    # building
    # ------------------------------------------------------------------

    @staticmethod
    def make_alias(alias: str, link: str) -> str:
        """The alias of the table reached from ``alias`` through ``link``:
        ``alias__link``, shortened with a hash beyond 63 characters so that
        the same path always gets the same alias."""
        return make_identifier(f"{alias}__{link}")

    def _check_alias(self, alias: str) -> None:
        if alias not in self._tables and alias not in self._joins:
            raise ValueError(f"Alias {alias!r} is not part of {self}")

    def add_table(self, alias: str, table: SQL | None = None) -> None:
        """Add a table to the FROM clause (a cross product; add a condition)."""
        if alias in self._tables or alias in self._joins:
            raise ValueError(f"Alias {alias!r} already used in {self}")
        self._tables[alias] = table if table is not None else SQL.identifier(alias)
        self._ids = None

    def add_join(self, kind: str, alias: str, table: str | SQL | None, condition: SQL) -> None:
        """Add ``kind`` (``JOIN`` or ``LEFT JOIN``) of ``table AS alias ON condition``.

        Adding the same join twice is a no-op; reusing an alias for a
        different join is an error.
        """
        sql_kind = _JOIN_KINDS.get(kind.upper())
        if sql_kind is None:
            raise ValueError(f"Invalid JOIN type {kind!r}")
        if alias in self._tables:
            raise ValueError(f"Alias {alias!r} already used as a table in {self}")
        table = table or alias
        if isinstance(table, str):
            table = SQL.identifier(table)
        join = (sql_kind, table, condition)
        existing = self._joins.get(alias)
        if existing is None:
            self._joins[alias] = join
            self._ids = None
        elif existing != join:
            raise ValueError(f"Alias {alias!r} already used for another join in {self}")

    def add_where(self, where_clause: str | SQL, where_params: Iterable = ()) -> None:
        """AND a condition to the WHERE clause."""
        self._where_clauses.append(SQL(where_clause, *where_params))
        self._ids = None

    def _join(self, kind: str, lhs_alias: str, lhs_column: str, rhs_table: str | SQL,
              rhs_column: str, link: str) -> str:
        self._check_alias(lhs_alias)
        rhs_alias = self.make_alias(lhs_alias, link)
        condition = SQL("%s = %s", SQL.identifier(lhs_alias, lhs_column), SQL.identifier(rhs_alias, rhs_column))
        self.add_join(kind, rhs_alias, rhs_table, condition)
        return rhs_alias

    def join(self, lhs_alias: str, lhs_column: str, rhs_table: str | SQL, rhs_column: str, link: str) -> str:
        """INNER JOIN ``rhs_table`` on ``lhs_alias.lhs_column = rhs.rhs_column``;
        return the alias generated from ``lhs_alias`` and ``link``."""
        return self._join("JOIN", lhs_alias, lhs_column, rhs_table, rhs_column, link)

    def left_join(self, lhs_alias: str, lhs_column: str, rhs_table: str | SQL, rhs_column: str,
                  link: str) -> str:
        """Like :meth:`join`, as a LEFT JOIN."""
        return self._join("LEFT JOIN", lhs_alias, lhs_column, rhs_table, rhs_column, link)

    @property
    def order(self) -> SQL | None:
        return self._order

    @order.setter
    def order(self, value: SQL | str | None) -> None:
        # a str here is ORM-generated code (never user input)
        self._order = SQL(value) if value is not None else None

    # ------------------------------------------------------------------
    # rendering
    # ------------------------------------------------------------------

    @property
    def table(self) -> str:
        """The alias of the main table (the first of the FROM clause)."""
        return next(iter(self._tables))

    @property
    def from_clause(self) -> SQL:
        """The FROM clause, without the keyword."""
        tables = SQL(", ").join(_from_item(alias, table) for alias, table in self._tables.items())
        if not self._joins:
            return tables
        joins = [
            SQL("%s %s ON (%s)", kind, _from_item(alias, table), condition)
            for alias, (kind, table, condition) in self._joins.items()
        ]
        return SQL(" ").join([tables, *joins])

    @property
    def where_clause(self) -> SQL:
        """The WHERE condition, without the keyword (empty SQL when none)."""
        return SQL(" AND ").join(self._where_clauses)

    def _select_list(self, args: tuple) -> SQL:
        items = [SQL(arg) for arg in args] if args else [SQL.identifier(self.table, "id")]
        return SQL(", ").join(items)

    def select(self, *args: str | SQL) -> SQL:
        """The whole SELECT; selects the main table's ``id`` by default."""
        return SQL(
            "SELECT %s FROM %s%s%s%s%s%s%s",
            self._select_list(args),
            self.from_clause,
            SQL(" WHERE %s", self.where_clause) if self._where_clauses else SQL(),
            SQL(" GROUP BY %s", self.groupby) if self.groupby else SQL(),
            SQL(" HAVING %s", self.having) if self.having else SQL(),
            SQL(" ORDER BY %s", self._order) if self._order else SQL(),
            SQL(" LIMIT %s", self.limit) if self.limit else SQL(),
            SQL(" OFFSET %s", self.offset) if self.offset else SQL(),
        )

    def subselect(self, *args: str | SQL) -> SQL:
        """The query as a parenthesised subquery (for ``IN``).

        Known ids are inlined instead; ORDER BY is dropped unless paging
        makes it meaningful.
        """
        if self._ids is not None and not args:
            if not self._ids:
                # an empty tuple is a syntax error, and (NULL) breaks NOT IN
                return SQL("(SELECT 1 WHERE FALSE)")
            return SQL("%s", self._ids)
        if self.limit or self.offset:
            return SQL("(%s)", self.select(*args))
        return SQL(
            "(SELECT %s FROM %s%s)",
            self._select_list(args),
            self.from_clause,
            SQL(" WHERE %s", self.where_clause) if self._where_clauses else SQL(),
        )

    # ------------------------------------------------------------------
    # results
    # ------------------------------------------------------------------

    def is_empty(self) -> bool:
        """Whether the query is known, without running it, to return nothing."""
        return self._ids == ()

    def _execute(self, sql: SQL) -> list[tuple]:
        execute_query = getattr(self._env, "execute_query", None)
        if execute_query is not None:
            return execute_query(sql)
        self._env.cr.execute(sql)
        return self._env.cr.fetchall()

    def get_result_ids(self) -> tuple[int, ...]:
        """Run the query (once) and return the selected ids."""
        if self._ids is None:
            self._ids = tuple(row[0] for row in self._execute(self.select()))
        return self._ids

    def set_result_ids(self, ids: Iterable[int], ordered: bool = True) -> None:
        """Make a fresh query return exactly ``ids`` (in that order when ``ordered``)."""
        if self._joins or self._where_clauses or self.limit or self.offset:
            raise ValueError("set_result_ids() needs a query without joins, conditions or paging")
        ids = tuple(ids)
        if not ids:
            self.add_where("FALSE")
        elif ordered:
            # join on unnest(...) WITH ORDINALITY to keep the given order in SQL
            alias = self.join(
                self.table, "id", SQL("(SELECT * FROM unnest(%s) WITH ORDINALITY)", list(ids)),
                "unnest", "ids",
            )
            self.order = SQL.identifier(alias, "ordinality")
        else:
            self.add_where(SQL("%s IN %s", SQL.identifier(self.table, "id"), ids))
        self._ids = ids

    def __str__(self) -> str:
        sql = self.select()
        return f"<Query: {sql.code!r} with params: {sql.params!r}>"

    def __repr__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return bool(self.get_result_ids())

    def __len__(self) -> int:
        if self._ids is not None:
            return len(self._ids)
        if self.limit or self.offset:
            sql = SQL("SELECT COUNT(*) FROM (%s) t", self.select(""))
        else:
            sql = self.select("COUNT(*)")
        return self._execute(sql)[0][0]

    def __iter__(self) -> Iterator[int]:
        return iter(self.get_result_ids())
