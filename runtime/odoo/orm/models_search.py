"""``SearchMixin``: the searching half of ``BaseModel``.

It turns domains, orders and record rules into a :class:`Query`
(``_search``, ``_where_calc``, ``_order_to_sql``, ``_field_to_sql``,
``_condition_to_sql``, ``_apply_ir_rules``), runs it (``search``,
``search_count``, ``search_fetch``), and evaluates domains on records in
Python (``filtered_domain``). Grouping lives in ``models_read_group``.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any

from ..exceptions import UserError
from ..tools.sql import SQL
from . import decorators as api
from . import domains
from .models_read_group import ReadGroupMixin
from .query import Query

_logger = logging.getLogger(__name__)

# An ORDER BY specification: comma-separated terms "field[.sub][:func] [asc|desc] [nulls first|last]".
# Only names made of [a-z0-9_] get through, so no SQL can be smuggled in.
regex_order = re.compile(r"""
    ^
    (\s*
        (?P<term>((?P<field>[a-z0-9_]+|"[a-z0-9_]+")(\.(?P<property>[a-z0-9_]+))?(:(?P<func>[a-z_]+))?))
        (\s+(?P<direction>desc|asc))?
        (\s+(?P<nulls>nulls\ first|nulls\ last))?
        \s*
        (,|$)
    )+
    (?<!,)
    $
""", re.IGNORECASE | re.VERBOSE)

_NUMBER_TYPES = ("integer", "float", "monetary")
# SQL types of the values of company-dependent fields, kept in jsonb per company
_VALUE_TYPES = {
    "many2one": "int4", "integer": "int4", "float": "float8", "monetary": "numeric",
    "boolean": "bool", "date": "date", "datetime": "timestamp",
    "char": "varchar", "selection": "varchar", "text": "text", "html": "text",
}
_STRING_TYPES = ("char", "text", "html")


def _column_value(field: Any, value: Any, model: Any) -> Any:
    """``value`` in the SQL parameter format of ``field`` (for conditions)."""
    if isinstance(value, SQL):
        return value
    if getattr(field, "translate", False):
        return value if value is None or isinstance(value, str) else str(value)
    convert = getattr(field, "convert_to_column", None)
    if convert is None:
        return value
    try:
        return convert(value, model, validate=False)
    except TypeError:
        return convert(value, model)


def _identity(sql: SQL) -> SQL:
    return sql


class SearchMixin(ReadGroupMixin):
    """Search methods of every model; ``BaseModel`` inherits them."""

    __slots__ = ()

    # ------------------------------------------------------------------
    # public search API
    # ------------------------------------------------------------------

    @api.model
    @api.readonly
    def search_count(self, domain: list, limit: int | None = None) -> int:
        """The number of records matching ``domain`` (at most ``limit``)."""
        return len(self._search(domain, limit=limit))

    @api.model
    @api.readonly
    def search(self, domain: list, offset: int = 0, limit: int | None = None, order: str | None = None):
        """The records matching ``domain``, ordered by ``order`` (the model's
        ``_order`` by default)."""
        return self.search_fetch(domain, [], offset=offset, limit=limit, order=order)

    @api.model
    @api.readonly
    def search_fetch(self, domain: list, field_names: Any, offset: int = 0, limit: int | None = None,
                     order: str | None = None):
        """Like :meth:`search`, also loading ``field_names`` into the cache
        in the same round trip."""
        order = order or self._order
        query = self._search(domain, offset=offset, limit=limit, order=order)
        if query.is_empty():
            return self.browse()
        if hasattr(self, "_determine_fields_to_fetch"):
            fields = self._determine_fields_to_fetch(field_names)
        else:
            fields = [self._fields[fname] for fname in field_names]
        if hasattr(self, "_fetch_query"):
            return self._fetch_query(query, fields)
        return self.browse(query.get_result_ids())

    # ------------------------------------------------------------------
    # building queries
    # ------------------------------------------------------------------

    @api.model
    def _search(self, domain: list, offset: int = 0, limit: int | None = None, order: str | None = None) -> Query:
        """A :class:`Query` for the records matching ``domain`` that the
        current user may read; ordered only when ``order`` is given.

        The query is not executed: it can be used as a subquery in another
        domain (``('partner_id', 'in', query)``).
        """
        if hasattr(self, "check_access"):
            self.browse().check_access("read")
        if domains.is_false(self, domain):
            return self.browse()._as_query()
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        if order:
            query.order = self._order_to_sql(order, query)
        query.limit = limit
        query.offset = offset
        return query

    def _as_query(self, ordered: bool = True) -> Query:
        """A query returning exactly the records of ``self``."""
        query = Query(self.env, self._table, domains._table_sql(self))
        query.set_result_ids(self._ids, ordered)
        return query

    @api.model
    def _where_calc(self, domain: list, active_test: bool = True) -> Query:
        """A query for ``domain`` alone (no record rules), hiding archived
        records unless the domain or the context (``active_test=False``)
        says otherwise."""
        domain = list(domain)
        active_name = getattr(self, "_active_name", None)
        if active_name and active_test and self.env.context.get("active_test", True):
            # item[0] is the field of a leaf and the operator itself otherwise
            if not any(item[0] == active_name for item in domain if item):
                domain = [(active_name, "=", True), *domain]
        if domain:
            return domains.expression(domain, self).query
        return Query(self.env, self._table, domains._table_sql(self))

    @api.model
    def _apply_ir_rules(self, query: Query, mode: str = "read") -> None:
        """AND the record rules of ``mode`` for the current user to ``query``."""
        if self.env.su:
            return
        try:
            rule_model = self.env["ir.rule"]
        except KeyError:
            return  # base is still being installed: no rules yet
        rule_domain = rule_model._compute_domain(self._name, mode)
        if rule_domain:
            domains.expression(rule_domain, self.sudo(), self._table, query)

    def _check_qorder(self, word: str) -> bool:
        if not isinstance(word, str) or not regex_order.match(word):
            raise UserError(
                f'Invalid "order" specified ({word}) on model {self._name}. A valid "order" '
                "specification is a comma-separated list of valid field names (optionally "
                "followed by asc/desc for the direction)"
            )
        return True

    def _order_to_sql(self, order: str, query: Query, alias: str | None = None, reverse: bool = False) -> SQL:
        """The ORDER BY terms (without the keyword) for ``order``, adding to
        ``query`` the joins that many2one orderings need."""
        order = order or self._order
        if not order:
            return SQL()
        self._check_qorder(order)
        alias = alias or self._table
        terms = []
        for part in order.split(","):
            match = regex_order.match(part)
            field_name = match["field"].strip('"')
            if match["property"]:
                field_name = f"{field_name}.{match['property']}"
            direction = (match["direction"] or "").upper()
            nulls = (match["nulls"] or "").upper()
            if reverse:
                direction = "ASC" if direction == "DESC" else "DESC"
                if nulls:
                    nulls = "NULLS LAST" if nulls == "NULLS FIRST" else "NULLS FIRST"
            term = self._order_field_to_sql(alias, field_name, SQL(direction), SQL(nulls), query)
            if term:
                terms.append(term)
        return SQL(", ").join(terms)

    def _order_field_to_sql(self, alias: str, field_name: str, direction: SQL, nulls: SQL, query: Query) -> SQL:
        """The ORDER BY term for one field; a many2one orders by its
        comodel's ``_order`` (NULL values included through a LEFT JOIN)."""
        fname = field_name.split(".", 1)[0]
        field = self._fields.get(fname)
        if field is None:
            raise ValueError(f"Order {field_name!r} on model {self._name!r}: no such field {fname!r}")

        if field.type == "many2one":
            seen = self.env.context.get("__m2o_order_seen", ())
            if field in seen:
                return SQL()  # a cycle of many2one orders
            model = self.with_context(__m2o_order_seen=frozenset((field, *seen)))
            target = model.env[field.comodel_name]
            if field_name.endswith(".id"):
                coorder = "id"
                column = model._field_to_sql(alias, fname, query)
            else:
                coorder = target._order
                column = model._field_to_sql(alias, field_name, query)
            if coorder == "id":
                if query.groupby:
                    query.groupby = SQL("%s, %s", query.groupby, column)
                return SQL("%s %s %s", column, direction, nulls)
            terms = []
            if nulls.code == "NULLS FIRST":
                terms.append(SQL("%s IS NOT NULL", column))
            elif nulls.code == "NULLS LAST":
                terms.append(SQL("%s IS NULL", column))
            coalias = query.make_alias(alias, fname)
            query.add_join("LEFT JOIN", coalias, target._table, SQL(
                "%s = %s", column, SQL.identifier(coalias, "id"),
            ))
            term = target._order_to_sql(coorder, query, alias=coalias, reverse=direction.code == "DESC")
            if term:
                terms.append(term)
            return SQL(", ").join(terms)

        column = self._field_to_sql(alias, field_name, query)
        if field.type == "boolean":
            column = SQL("COALESCE(%s, %s)", column, False)  # NULL sorts as False
        if query.groupby:
            query.groupby = SQL("%s, %s", query.groupby, column)
        return SQL("%s %s %s", column, direction, nulls)

    def _traverse_related_sql(self, alias: str, field: Any, query: Query) -> tuple[Any, Any, str]:
        """Join the many2one path of a non-stored related field; return the
        model, field and alias where its value is stored."""
        if not (self.env.su or getattr(field, "compute_sudo", False) or getattr(field, "inherited", False)):
            raise ValueError(f"Cannot convert {self._name}.{field.name} to SQL: it is a related field "
                             "that is neither sudoed nor inherited")
        model = self.sudo() if getattr(field, "compute_sudo", False) else self
        *path, last = field.related.split(".")
        for link in path:
            link_field = model._fields[link]
            if link_field.type != "many2one":
                raise ValueError(f"Cannot convert {self._name}.{field.name} (related={field.related}) "
                                 f"to SQL: {link} is not a many2one")
            comodel = model.env[link_field.comodel_name]
            coalias = query.make_alias(alias, link)
            query.add_join("LEFT JOIN", coalias, comodel._table, SQL(
                "%s = %s", model._field_to_sql(alias, link, query), SQL.identifier(coalias, "id"),
            ))
            model, alias = comodel, coalias
        return model, model._fields[last], alias

    def _field_to_sql(self, alias: str, fname: str, query: Query | None = None, flush: bool = True) -> SQL:
        """The SQL value of field ``fname`` of the row aliased ``alias``:
        a column, a language of a translated jsonb column, or the current
        company's value of a company-dependent field."""
        field = None if "." in fname else self._fields.get(fname)
        if field is None:
            raise ValueError(f"{self._name} has no field {fname!r} that SQL could read (dotted paths are not fields)")
        if getattr(field, "related", None) and not field.store:
            if query is None:
                raise ValueError(f"Field {self._name}.{fname} needs a query to be converted to SQL")
            owner, target, target_alias = self._traverse_related_sql(alias, field, query)
            return owner._field_to_sql(target_alias, target.name, query)
        if not (field.store and field.column_type):
            raise ValueError(f"Cannot convert {self._name}.{fname} to SQL because it is not stored")
        if hasattr(self, "check_field_access_rights"):
            self.check_field_access_rights("read", [fname])

        sql_field = SQL.identifier(alias, fname, to_flush=field if flush and fname != "id" else None)
        if getattr(field, "translate", False):
            langs = self._translation_langs(field)
            parts = [SQL("%s->>%s", sql_field, lang) for lang in langs]
            return parts[0] if len(parts) == 1 else SQL("COALESCE(%s)", SQL(", ").join(parts))
        if getattr(field, "company_dependent", False) and field.column_type[0] == "jsonb":
            return self._company_dependent_sql(field, sql_field)
        return sql_field

    def _translation_langs(self, field: Any) -> tuple[str, ...]:
        if hasattr(field, "get_translation_fallback_langs"):
            return tuple(field.get_translation_fallback_langs(self.env))
        lang = self.env.lang or "en_US"
        return ("en_US",) if lang == "en_US" else (lang, "en_US")

    def _company_dependent_sql(self, field: Any, sql_field: SQL) -> SQL:
        """The current company's value in a ``{company_id: value}`` jsonb column."""
        column_type = (getattr(field, "_column_type", None) or (None, _VALUE_TYPES.get(field.type, "text")))[1]
        value = SQL("%s->%s", sql_field, str(self.env.company.id))
        fallback = None
        if hasattr(field, "get_company_dependent_fallback"):
            fallback = field.get_company_dependent_fallback(self)
            if hasattr(fallback, "_ids"):
                fallback = fallback.id
        if fallback not in (None, False, 0):
            value = SQL("COALESCE(%s, to_jsonb(%s::%s))", value, fallback, SQL(column_type))
        # ->>0 turns a JSON null into SQL NULL
        value = SQL("(%s->>0)::%s", value, SQL(column_type))
        if field.type == "many2one":
            # the referenced record may have been deleted: no foreign key here
            comodel = self.env[field.comodel_name]
            cotable = SQL.identifier(comodel._table)
            coalias = SQL.identifier(Query.make_alias(comodel._table, "exists"))
            value = SQL("(SELECT %s.id FROM %s AS %s WHERE %s.id = %s)", coalias, cotable, coalias, coalias, value)
        return value

    def _condition_to_sql(self, alias: str, fname: str, operator: str, value: Any, query: Query) -> SQL:
        """The SQL condition for ``(fname, operator, value)`` on a stored
        field, with Odoo's treatment of False (NULL, and '' / 0 for text and
        numbers) and of NULLs under negative operators."""
        if operator not in domains.TERM_OPERATORS or operator in ("any", "not any", "child_of", "parent_of"):
            raise ValueError(f"Invalid operator {operator!r} in domain term {(fname, operator, value)!r} "
                             f"on model {self._name!r}")
        if fname not in self._fields:
            raise ValueError(f"Invalid field {fname!r} in domain term {(fname, operator, value)!r} "
                             f"on model {self._name!r}")
        if hasattr(value, "_ids") and hasattr(value, "_name"):
            raise ValueError(f"Invalid value {value!r} in domain term {(fname, operator, value)!r}: "
                             "use ids, not records")
        if operator == "=?":
            if value is False or value is None:
                return SQL("TRUE")
            operator = "="

        field = self._fields[fname]
        column = self._field_to_sql(alias, fname, query)
        is_number = field.type in _NUMBER_TYPES and fname != "id"
        is_string = field.type in _STRING_TYPES
        op_sql = domains.SQL_OPERATORS[operator]

        if operator in ("in", "not in"):
            return self._condition_in_to_sql(field, column, operator, value, is_number, is_string)

        if field.type == "boolean" and operator in ("=", "!=") and isinstance(value, bool):
            truth = value if operator == "=" else not value
            if truth:
                return SQL("(%s = TRUE)", column)
            return SQL("(%s IS NULL OR %s = FALSE)", column, column)

        relational_or_id = field.type in ("many2one", "one2many", "many2many") or fname == "id"
        if relational_or_id and operator in ("=", "!=") and type(value).__name__ == "NewId":
            _logger.warning("_condition_to_sql: ignored (%r, %r, NewId)", fname, operator)
            return SQL("TRUE") if operator == "!=" else SQL("FALSE")
        if relational_or_id and operator in ("=", "!=") and not value:
            value = False

        if operator in ("=", "!=") and (value is False or value is None):
            if is_number:
                value = 0  # matches 0 and NULL
            elif is_string:
                value = ""  # matches '' and NULL
            elif operator == "=":
                return SQL("%s IS NULL", column)
            else:
                return SQL("%s IS NOT NULL", column)

        wildcard = operator in domains.WILDCARD_OPERATORS
        if wildcard and not value:
            # 'like' an empty string matches everything
            return SQL("FALSE") if operator in domains.NEGATIVE_TERM_OPERATORS else SQL("TRUE")
        if isinstance(value, SQL):
            right = value
        elif wildcard:
            right = SQL("%s", f"%{value}%")
        else:
            right = SQL("%s", _column_value(field, value, self))

        left = column
        if operator.endswith("like") and field.type not in _STRING_TYPES:
            left = SQL("(%s)::text", column)
        if operator.endswith("ilike"):
            unaccent = getattr(self.env.registry, "unaccent", _identity)
            left, right = unaccent(left), unaccent(right)

        sql = SQL("(%s %s %s)", left, op_sql, right)
        negative = operator in domains.NEGATIVE_TERM_OPERATORS
        if bool(value) == negative and operator[:1] not in ("<", ">"):
            # "x != 5" and "x = ''" (falsy value) must also match NULL
            sql = SQL("(%s OR %s IS NULL)", sql, column)
        if is_number and not wildcard and not isinstance(value, SQL):
            # NULL counts as 0 for numbers
            number = _as_number(value)
            if number is not None and (
                (operator == ">=" and number <= 0) or (operator == "<=" and number >= 0)
                or (operator == "<" and number > 0) or (operator == ">" and number < 0)
            ):
                sql = SQL("(%s OR %s IS NULL)", sql, column)
        return sql

    def _condition_in_to_sql(self, field: Any, column: SQL, operator: str, value: Any,
                             is_number: bool, is_string: bool) -> SQL:
        op_sql = domains.SQL_OPERATORS[operator]
        if isinstance(value, bool):
            # ('x', 'in', True): a tolerated abuse meaning "is set"
            if (operator == "in") == value:
                return SQL("(%s IS NOT NULL)", column)
            return SQL("(%s IS NULL)", column)
        if isinstance(value, SQL):
            return SQL("(%s %s %s)", column, op_sql, value)
        if isinstance(value, Query):
            return SQL("(%s %s %s)", column, op_sql, value.subselect())
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise ValueError(f"Invalid domain term {(field.name, operator, value)!r} on model "
                             f"{self._name!r}: {operator!r} needs a list of values")
        params = [item for item in value if item is not False and item is not None]
        check_null = len(params) != len(value)
        if field.type == "boolean":
            # a boolean column only holds TRUE, FALSE or NULL
            params = ([True] if any(params) else []) + ([False] if check_null else [])
        elif is_number:
            if check_null and 0 not in params:
                params.append(0)
            check_null = check_null or 0 in params
        elif is_string:
            if check_null and "" not in params:
                params.append("")
            check_null = check_null or "" in params

        if params:
            if field.name != "id":
                params = [_column_value(field, item, self) for item in params]
            sql = SQL("(%s %s %s)", column, op_sql, tuple(params))
        else:
            sql = SQL("FALSE") if operator == "in" else SQL("TRUE")
        if (operator == "in") == check_null:
            # in: a False among the values matches NULL; not in: NULL is not among them
            sql = SQL("(%s OR %s IS NULL)", sql, column)
        elif operator == "not in" and check_null:
            sql = SQL("(%s AND %s IS NOT NULL)", sql, column)
        return sql

    # ------------------------------------------------------------------
    # display name search (BaseModel may override)
    # ------------------------------------------------------------------

    @api.model
    def _search_display_name(self, operator: str, value: Any) -> list:
        """A domain matching records whose display name matches: the fields
        of ``_rec_names_search`` (or ``_rec_name``) compared with ``operator``."""
        fnames = getattr(self, "_rec_names_search", None) or (
            [self._rec_name] if getattr(self, "_rec_name", None) else []
        )
        if not fnames:
            _logger.warning("Cannot search on display_name of %s: no _rec_name", self._name)
            return domains.TRUE_DOMAIN
        if operator.endswith("like") and not value and "=" not in operator:
            return domains.FALSE_DOMAIN if operator in domains.NEGATIVE_TERM_OPERATORS else domains.TRUE_DOMAIN
        combine = domains.AND if operator in domains.NEGATIVE_TERM_OPERATORS else domains.OR
        parts = []
        for path in fnames:
            model = self
            for fname in path.split("."):
                field = model._fields[fname]
                if field.type in ("many2one", "one2many", "many2many"):
                    model = model.env[field.comodel_name]
            if field.type in ("many2one", "one2many", "many2many"):
                # a name compared with a relation matches the comodel's display name
                parts.append([(path, operator, value)])
                continue
            convert = getattr(field, "convert_to_write", None)
            try:
                converted = convert(value, self) if convert else value
            except (ValueError, TypeError):
                continue  # the value cannot be one of this field's (text for a number)
            parts.append([(path, operator, converted)])
        return combine(parts)

    # ------------------------------------------------------------------
    # domains evaluated in Python
    # ------------------------------------------------------------------

    def filtered_domain(self, domain: list):
        """The records of ``self`` satisfying ``domain``, in the same order,
        evaluated on the records' values (no SQL except for tree operators)."""
        if not domain or not self:
            return self
        from .domains_python import filter_ids
        matching = filter_ids(self, domains.normalize_domain(domain))
        return self.browse([id_ for id_ in self._ids if id_ in matching])


def _as_number(value: Any) -> float | None:
    if isinstance(value, (date, datetime)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
