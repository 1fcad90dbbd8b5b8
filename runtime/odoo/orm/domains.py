"""Domains: Odoo's prefix-notation search conditions.

The first half manipulates domains as data (normalise, combine with AND/OR,
push negations down, validate leaves). The second half, the ``expression``
class, compiles a domain for a model into a parameterised SQL condition on a
:class:`~odoo.orm.query.Query`. Compiling never runs SQL: conditions on other
models become subqueries (``Query`` objects from their ``_search``), and tree
operators (``child_of``/``parent_of``) become recursive subqueries.
"""

from __future__ import annotations

import collections.abc
import logging
from datetime import date, datetime, time
from typing import Any

import pytz

from ..tools.sql import SQL
from .query import Query

_logger = logging.getLogger(__name__)

NOT_OPERATOR = "!"
OR_OPERATOR = "|"
AND_OPERATOR = "&"
DOMAIN_OPERATORS = (NOT_OPERATOR, OR_OPERATOR, AND_OPERATOR)

TERM_OPERATORS = (
    "=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike",
    "like", "not like", "ilike", "not ilike", "in", "not in",
    "child_of", "parent_of", "any", "not any",
)
# operators whose meaning is a negation; a NULL value satisfies them
NEGATIVE_TERM_OPERATORS = ("!=", "not like", "not ilike", "not in")

DOMAIN_OPERATORS_NEGATION = {AND_OPERATOR: OR_OPERATOR, OR_OPERATOR: AND_OPERATOR}
TERM_OPERATORS_NEGATION = {
    "<": ">=", ">": "<=", "<=": ">", ">=": "<",
    "=": "!=", "!=": "=",
    "in": "not in", "not in": "in",
    "like": "not like", "not like": "like",
    "ilike": "not ilike", "not ilike": "ilike",
    "any": "not any", "not any": "any",
}
WILDCARD_OPERATORS = ("like", "ilike", "not like", "not ilike")
ANY_IN = {"any": "in", "not any": "not in"}
HIERARCHY_OPERATORS = ("child_of", "parent_of")

TRUE_LEAF = (1, "=", 1)
FALSE_LEAF = (0, "=", 1)
TRUE_DOMAIN = [TRUE_LEAF]
FALSE_DOMAIN = [FALSE_LEAF]

SQL_OPERATORS = {
    "=": SQL("="), "!=": SQL("!="),
    "<=": SQL("<="), "<": SQL("<"), ">": SQL(">"), ">=": SQL(">="),
    "in": SQL("IN"), "not in": SQL("NOT IN"),
    "=like": SQL("LIKE"), "=ilike": SQL("ILIKE"),
    "like": SQL("LIKE"), "ilike": SQL("ILIKE"),
    "not like": SQL("NOT LIKE"), "not ilike": SQL("NOT ILIKE"),
}

# date parts usable as ``date_field.<part>`` in domains and read_group
READ_GROUP_NUMBER_GRANULARITY = {
    "year_number": "year",
    "quarter_number": "quarter",
    "month_number": "month",
    "iso_week_number": "week",
    "day_of_year": "doy",
    "day_of_month": "day",
    "day_of_week": "dow",
    "hour_number": "hour",
    "minute_number": "minute",
    "second_number": "second",
}

_ARITY = {NOT_OPERATOR: 1, AND_OPERATOR: 2, OR_OPERATOR: 2}


# --------------------------------------------------------------------------
# domains as data
# --------------------------------------------------------------------------

def normalize_domain(domain: list | tuple) -> list:
    """Return ``domain`` with its implicit ``&`` made explicit.

    An empty domain becomes ``[TRUE_LEAF]``. Raise ValueError when the
    operators and terms do not form exactly one expression.
    """
    if not isinstance(domain, (list, tuple)):
        raise ValueError(f"A domain must be a list or tuple, got {domain!r}")
    if not domain:
        return [TRUE_LEAF]
    result: list = []
    expected = 1  # number of expressions still needed to complete the domain
    for token in domain:
        if expected == 0:
            # [A, B] means [&, A, B]
            result.insert(0, AND_OPERATOR)
            expected = 1
        if isinstance(token, (list, tuple)):
            expected -= 1
            if len(token) == 3 and token[1] in ("any", "not any") and isinstance(token[2], (list, tuple)):
                result.append((token[0], token[1], normalize_domain(token[2])))
            else:
                result.append(tuple(token))
        elif token in _ARITY:
            expected += _ARITY[token] - 1
            result.append(token)
        else:
            raise ValueError(f"Invalid domain element {token!r} in domain {domain!r}")
    if expected:
        raise ValueError(f"Domain {domain!r} is syntactically not correct: operators lack operands")
    return result


def is_false(model: Any, domain: list) -> bool:
    """Whether ``domain`` certainly matches nothing (without looking at data)."""
    # three-valued: -1 false, 0 unknown, +1 true
    stack: list[int] = []
    for token in reversed(normalize_domain(domain)):
        if token == AND_OPERATOR:
            stack.append(min(stack.pop(), stack.pop()))
        elif token == OR_OPERATOR:
            stack.append(max(stack.pop(), stack.pop()))
        elif token == NOT_OPERATOR:
            stack.append(-stack.pop())
        elif token == TRUE_LEAF:
            stack.append(1)
        elif token == FALSE_LEAF:
            stack.append(-1)
        elif token[1] == "in" and not isinstance(token[2], (Query, SQL)) and not token[2]:
            stack.append(-1)
        elif token[1] == "not in" and not isinstance(token[2], (Query, SQL)) and not token[2]:
            stack.append(1)
        else:
            stack.append(0)
    return stack.pop() == -1


def combine(operator: str, unit: list, zero: list, domains: collections.abc.Iterable) -> list:
    """Combine normalized ``domains`` with the binary ``operator``; ``unit``
    is its neutral domain, ``zero`` its absorbing one."""
    parts: list = []
    count = 0
    for domain in domains:
        normalized = normalize_domain(domain)
        if normalized == unit:
            continue
        if normalized == zero:
            return zero
        parts.extend(normalized)
        count += 1
    if not count:
        return unit
    return [operator] * (count - 1) + parts


def AND(domains: collections.abc.Iterable) -> list:
    """The conjunction of ``domains``, normalized."""
    return combine(AND_OPERATOR, [TRUE_LEAF], [FALSE_LEAF], domains)


def OR(domains: collections.abc.Iterable) -> list:
    """The disjunction of ``domains``, normalized."""
    return combine(OR_OPERATOR, [FALSE_LEAF], [TRUE_LEAF], domains)


def distribute_not(domain: list) -> list:
    """Push every ``!`` of a normalized domain down to its leaves.

    A negated leaf takes the opposite operator; ``!`` stays only before
    leaves whose operator has no opposite (``child_of``, ``=like``...) and
    before dotted paths, since ``not (a.b = x)`` means ``a not any (b = x)``,
    not ``a.b != x``.
    """
    result: list = []
    negations = [False]  # whether the subexpression starting at each token is negated
    for token in domain:
        negate = negations.pop()
        if token == NOT_OPERATOR:
            negations.append(not negate)
        elif isinstance(token, str) and token in DOMAIN_OPERATORS_NEGATION:
            result.append(DOMAIN_OPERATORS_NEGATION[token] if negate else token)
            negations.extend((negate, negate))
        elif not negate:
            result.append(token)
        elif token == TRUE_LEAF:
            result.append(FALSE_LEAF)
        elif token == FALSE_LEAF:
            result.append(TRUE_LEAF)
        else:
            left, operator, right = token
            if isinstance(operator, str) and operator in TERM_OPERATORS_NEGATION and (not isinstance(left, str) or "." not in left):
                result.append((left, TERM_OPERATORS_NEGATION[operator], right))
            else:
                result.extend((NOT_OPERATOR, token))
    return result


def prettify_domain(domain: list, pre_indent: int = 0) -> str:
    """A readable multi-line rendering of a normalized domain: one element per
    line, the operands of each operator indented below it."""
    lines: list[str] = []
    pending: list[int] = []  # operands still expected at each open operator

    def render(token: Any, depth: int) -> str:
        if isinstance(token, tuple) and len(token) == 3 and token[1] in ("any", "not any") \
                and isinstance(token[2], list):
            inner = prettify_domain(token[2], pre_indent + depth + 1)
            return f"({token[0]!r}, {token[1]!r}, {inner})"
        return repr(token)

    for token in domain:
        depth = len(pending)
        lines.append("    " * (pre_indent + depth) + render(token, depth))
        if pending:
            pending[-1] -= 1
        if is_operator(token):
            pending.append(_ARITY[token])
        while pending and pending[-1] == 0:
            pending.pop()
    return "[" + ",\n".join(lines).lstrip() + "]"


def normalize_leaf(element: Any) -> Any:
    """Canonical operator spelling: lower case, ``<>`` as ``!=``, and the
    tolerated abuses ``in True`` (-> ``=``) and ``= [list]`` (-> ``in``)."""
    if not is_leaf(element):
        return element
    left, operator, right = element
    original = operator
    operator = operator.lower()
    if operator == "<>":
        operator = "!="
    if isinstance(right, bool) and operator in ("in", "not in"):
        _logger.warning("The domain term %r should use the '=' or '!=' operator.", (left, original, right))
        operator = "=" if operator == "in" else "!="
    if isinstance(right, (list, tuple)) and operator in ("=", "!="):
        _logger.warning("The domain term %r should use the 'in' or 'not in' operator.", (left, original, right))
        operator = "in" if operator == "=" else "not in"
    return left, operator, right


def is_operator(element: Any) -> bool:
    """Whether ``element`` is one of ``! & |``."""
    return isinstance(element, str) and element in DOMAIN_OPERATORS


def is_leaf(element: Any) -> bool:
    """Whether ``element`` is a term ``(field_path, operator, value)``
    (the operator may be in any case) or TRUE_LEAF / FALSE_LEAF."""
    if not isinstance(element, (list, tuple)) or len(element) != 3:
        return False
    left, operator = element[0], element[1]
    if not isinstance(operator, str) or operator.lower() not in (*TERM_OPERATORS, "<>"):
        return False
    return (isinstance(left, str) and bool(left)) or tuple(element) in (TRUE_LEAF, FALSE_LEAF)


def is_boolean(element: Any) -> bool:
    """Whether ``element`` is TRUE_LEAF or FALSE_LEAF."""
    return element == TRUE_LEAF or element == FALSE_LEAF


def check_leaf(element: Any) -> None:
    """Raise ValueError unless ``element`` is an operator or a valid leaf."""
    if not is_operator(element) and not is_leaf(element):
        raise ValueError(f"Invalid leaf {element!r}")


def _anyfy(domain: list, model: Any) -> list:
    """Rewrite conditions on paths through relational fields as ``any``:
    ``('partner_id.name', '=', x)`` -> ``('partner_id', 'any', [('name', '=', x)])``.
    Also checks that every leaf names an existing field."""
    result = []
    for item in domain:
        if is_operator(item):
            result.append(item)
            continue
        check_leaf_of(item, model)
        leaf = normalize_leaf(tuple(item))
        if is_boolean(leaf):
            result.append(leaf)
            continue
        left, operator, right = leaf
        fname, _, rest = left.partition(".")
        field = model._fields[fname]
        if rest and _is_relational(field):
            comodel = model.env[field.comodel_name]
            result.append((fname, "any", _anyfy([(rest, operator, right)], comodel)))
        else:
            result.append(leaf)
    return result


def check_leaf_of(item: Any, model: Any) -> None:
    """Validate a leaf against ``model``: its shape, operator and field."""
    if not is_leaf(item):
        raise ValueError(f"Invalid leaf {item!r} in domain on model {model._name!r}")
    if is_boolean(tuple(item)):
        return
    fname = item[0].split(".", 1)[0]
    if fname not in model._fields:
        raise ValueError(f"Invalid field {model._name}.{fname} in leaf {tuple(item)!r}")


def domain_combine_anies(domain: list, model: Any) -> list:
    """Return ``domain`` with relational paths expressed as ``any`` conditions
    and negations pushed down to the leaves."""
    return distribute_not(_anyfy(normalize_domain(domain), model))


# --------------------------------------------------------------------------
# compilation to SQL
# --------------------------------------------------------------------------

def _is_relational(field: Any) -> bool:
    return field.type in ("many2one", "one2many", "many2many")


def _field_domain(field: Any, model: Any) -> list:
    """The ``domain=`` of a relational field as a list (string domains are
    client-side expressions and do not restrict searches)."""
    if hasattr(field, "get_domain_list"):
        return field.get_domain_list(model)
    domain = getattr(field, "domain", None)
    if callable(domain):
        domain = domain(model)
    return domain if isinstance(domain, list) else []


def _comodel(model: Any, field: Any) -> Any:
    comodel = model.env[field.comodel_name]
    if field.type == "many2one":
        # a many2one points to archived records too
        return comodel.with_context(active_test=False)
    context = getattr(field, "context", None) or {}
    return comodel.with_context(**context) if context else comodel


def _table_sql(model: Any) -> SQL:
    """The FROM source of a model: its table, or the subquery of a model
    defined by ``_table_query``."""
    table = getattr(model, "_table_sql", None)
    if isinstance(table, SQL):
        return table
    table_query = getattr(model, "_table_query", None)
    if table_query:
        return SQL("(%s)", table_query if isinstance(table_query, SQL) else SQL(table_query))
    return SQL.identifier(model._table)


def _ids_sql(ids: Any) -> SQL:
    """``ids`` (a Query, SQL or a collection) as the right side of ``IN``."""
    if isinstance(ids, Query):
        return ids.subselect()
    if isinstance(ids, SQL):
        return ids
    values = tuple(id_ for id_ in ids if id_)
    return SQL("%s", values) if values else SQL("(SELECT 1 WHERE FALSE)")


class expression:
    """Compile ``domain`` on ``model`` into a WHERE condition of a query.

    :param domain: the domain (a list in prefix notation)
    :param model: the model (recordset) the domain applies to
    :param alias: the alias of the model's table in ``query``
    :param query: the query to add the condition to (a new one by default)

    The condition is in ``self.result``; the query (with the joins the
    condition needs) in ``self.query``.
    """

    def __init__(self, domain: list, model: Any, alias: str | None = None, query: Query | None = None):
        self.root_model = model
        self.root_alias = alias or model._table
        self.query = Query(model.env, model._table, _table_sql(model)) if query is None else query
        self.expression = domain_combine_anies(domain, model)
        self.result = self._compile(self.expression, model, self.root_alias)
        self.query.add_where(self.result)

    # ------------------------------------------------------------------

    def _compile(self, domain: list, model: Any, alias: str) -> SQL:
        """Compile a normalized domain whose negations were distributed."""
        stack: list[SQL] = []
        for token in reversed(domain):
            if token == NOT_OPERATOR:
                stack.append(SQL("(NOT (%s))", stack.pop()))
            elif token == AND_OPERATOR:
                stack.append(SQL("(%s AND %s)", stack.pop(), stack.pop()))
            elif token == OR_OPERATOR:
                stack.append(SQL("(%s OR %s)", stack.pop(), stack.pop()))
            else:
                stack.append(self._leaf_to_sql(token, model, alias))
        if len(stack) != 1:
            raise ValueError(f"Domain {domain!r} on model {model._name!r} is syntactically not correct")
        return stack[0]

    def _compile_domain(self, domain: list, model: Any, alias: str) -> SQL:
        """Compile an arbitrary (not yet normalized) domain on ``model``."""
        return self._compile(domain_combine_anies(domain, model), model, alias)

    def _leaf_to_sql(self, leaf: tuple, model: Any, alias: str) -> SQL:
        leaf = normalize_leaf(leaf)
        if leaf == TRUE_LEAF:
            return SQL("TRUE")
        if leaf == FALSE_LEAF:
            return SQL("FALSE")
        check_leaf_of(leaf, model)
        left, operator, right = leaf
        fname, _, rest = left.partition(".")
        field = model._fields[fname]
        query = self.query

        if getattr(field, "inherited", False) and field.name != "id":
            return self._inherited_to_sql(leaf, model, alias, field)

        if fname == "id" and operator in HIERARCHY_OPERATORS:
            ids = self._hierarchy_ids(model, operator, self._to_ids(right, model, leaf))
            return SQL("(%s IN %s)", SQL.identifier(alias, "id"), ids)

        if rest and field.type in ("date", "datetime"):
            return self._date_part_to_sql(leaf, model, alias, field)

        if rest and field.type == "properties":
            return field.condition_to_sql(model, alias, rest, operator, right, self.query)

        if operator in ("any", "not any"):
            return self._any_to_sql(leaf, model, alias, field)

        if rest:
            raise ValueError(f"Invalid path {left!r} in leaf {leaf!r} on model {model._name!r}")

        if not field.store:
            return self._non_stored_to_sql(leaf, model, alias, field)

        if field.type == "one2many":
            return self._one2many_to_sql(leaf, model, alias, field)
        if field.type == "many2many":
            return self._many2many_to_sql(leaf, model, alias, field)
        if field.type == "many2one":
            return self._many2one_to_sql(leaf, model, alias, field)

        if field.type == "binary" and getattr(field, "attachment", False):
            if operator in ("=", "!=") and not right:
                subquery = SQL(
                    "(SELECT res_id FROM ir_attachment WHERE res_model = %s AND res_field = %s)",
                    model._name, fname,
                )
                sql_in = SQL("NOT IN") if operator == "=" else SQL("IN")
                return SQL("(%s %s %s)", SQL.identifier(alias, "id"), sql_in, subquery)
            _logger.error("Binary field %s.%s stored in attachment: ignored condition %r",
                          model._name, fname, leaf)
            return SQL("TRUE")

        if field.type == "datetime" and right:
            # a bare date compares with the start (or the end) of that day
            if isinstance(right, str) and len(right) == 10:
                right += " 23:59:59" if operator in (">", "<=") else " 00:00:00"
            elif isinstance(right, date) and not isinstance(right, datetime):
                right = datetime.combine(right, time.max if operator in (">", "<=") else time.min)

        if operator in HIERARCHY_OPERATORS:
            raise ValueError(f"Operator {operator!r} needs a relational field, in leaf {leaf!r} "
                             f"on model {model._name!r}")
        return model._condition_to_sql(alias, fname, operator, right, query)

    # ------------------------------------------------------------------
    # leaves by kind of field
    # ------------------------------------------------------------------

    def _inherited_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        """A field of an ``_inherits`` parent: join the parent's table."""
        link = field.related.split(".", 1)[0] if getattr(field, "related", None) else None
        if link is None:
            link = next(
                link for parent, link in model._inherits.items()
                if field.name in model.env[parent]._fields
            )
        parent_model = model.env[model._fields[link].comodel_name]
        parent_alias = self.query.make_alias(alias, link)
        self.query.add_join("LEFT JOIN", parent_alias, parent_model._table, SQL(
            "%s = %s", model._field_to_sql(alias, link, self.query), SQL.identifier(parent_alias, "id"),
        ))
        return self._leaf_to_sql(leaf, parent_model, parent_alias)

    def _date_part_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        left, operator, right = leaf
        part = left.split(".", 1)[1]
        if part not in READ_GROUP_NUMBER_GRANULARITY:
            raise ValueError(
                f"Invalid date part {part!r} in leaf {leaf!r} on model {model._name!r}; "
                f"expected one of {', '.join(READ_GROUP_NUMBER_GRANULARITY)}"
            )
        if operator not in ("=", "!=", "<", ">", "<=", ">=", "in", "not in"):
            raise ValueError(f"Invalid operator {operator!r} for a date part in leaf {leaf!r}")
        sql_field = model._field_to_sql(alias, field.name, self.query)
        tz = model.env.context.get("tz")
        if field.type == "datetime" and tz in pytz.all_timezones_set:
            sql_field = SQL("timezone(%s, timezone('UTC', %s))", tz, sql_field)
        if part == "day_of_week":
            week_start = _week_start(model.env)
            sql_part = SQL("mod(7 - %s + date_part(%s, %s)::int, 7)", week_start, "dow", sql_field)
        else:
            sql_part = SQL("date_part(%s, %s)", READ_GROUP_NUMBER_GRANULARITY[part], sql_field)
        if operator in ("in", "not in"):
            right = tuple(right) or (None,)
        return SQL("%s %s %s", sql_part, SQL_OPERATORS[operator], right)

    def _any_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        left, operator, right = leaf
        if not _is_relational(field):
            raise ValueError(f"Operator {operator!r} needs a relational field, in leaf {leaf!r} "
                             f"on model {model._name!r}")
        comodel = _comodel(model, field)
        if isinstance(right, (Query, SQL)):
            subquery = right
        else:
            if not isinstance(right, (list, tuple)):
                raise ValueError(f"Operator {operator!r} needs a domain as value, in leaf {leaf!r} "
                                 f"on model {model._name!r}")
            if field.type == "many2one" and field.store and getattr(field, "auto_join", False):
                # join the comodel and compile the subdomain inline, bypassing its rules
                coalias = self.query.make_alias(alias, field.name)
                self.query.add_join("LEFT JOIN", coalias, comodel._table, SQL(
                    "%s = %s", model._field_to_sql(alias, field.name, self.query),
                    SQL.identifier(coalias, "id"),
                ))
                subdomain = list(right)
                if operator == "not any":
                    subdomain = ["|", ("id", "=", False), "!", *normalize_domain(subdomain)]
                return self._compile_domain(subdomain, comodel, coalias)
            domain = list(right)
            if field.type != "many2one":
                domain = AND([_field_domain(field, model), domain])
            subquery = comodel._search(domain)

        if not field.store:
            # e.g. a related x2many: let the field's search turn it into a domain
            return self._non_stored_to_sql((left, ANY_IN[operator], subquery), model, alias, field)
        if field.type == "many2one":
            sql_field = model._field_to_sql(alias, field.name, self.query)
            if operator == "any":
                return SQL("(%s IN %s)", sql_field, _ids_sql(subquery))
            return SQL("(%s NOT IN %s OR %s IS NULL)", sql_field, _ids_sql(subquery), sql_field)
        in_leaf = (left, ANY_IN[operator], subquery)
        if field.type == "one2many":
            return self._one2many_to_sql(in_leaf, model, alias, field)
        return self._many2many_to_sql(in_leaf, model, alias, field)

    def _non_stored_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        fname, operator, right = leaf
        if getattr(field, "related", None) and _default_related_search(field):
            return self._compile_domain(_related_domain(model, field, operator, right), model, alias)
        if getattr(field, "search", None):
            if hasattr(field, "determine_domain"):
                domain = field.determine_domain(model, operator, right)
            else:
                method = field.search
                domain = getattr(model, method)(operator, right) if isinstance(method, str) \
                    else method(model, operator, right)
            return self._compile_domain(list(domain), model, alias)
        if fname == "display_name" and hasattr(model, "_search_display_name"):
            return self._compile_domain(list(model._search_display_name(operator, right)), model, alias)
        _logger.error("Non-stored field %s.%s cannot be searched; condition %r ignored.",
                      model._name, fname, leaf)
        return SQL("TRUE")

    def _one2many_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        _fname, operator, right = leaf
        comodel = _comodel(model, field)
        inverse = comodel._fields.get(field.inverse_name) if field.inverse_name else None
        if inverse is None or not inverse.store:
            raise ValueError(f"Cannot search on {model._name}.{field.name}: its inverse field "
                             f"{field.comodel_name}.{field.inverse_name} is not stored")
        inverse_is_int = inverse.type in ("integer", "many2one_reference")
        field_domain = _field_domain(field, model)
        negative = operator in NEGATIVE_TERM_OPERATORS
        sql_id = SQL.identifier(alias, "id")

        if operator in HIERARCHY_OPERATORS:
            ids = self._to_ids(right, comodel, leaf)
            if field.comodel_name == model._name:
                return SQL("(%s IN %s)", sql_id, self._hierarchy_ids(model, operator, ids))
            right = self._hierarchy_ids(comodel, operator, ids)
            negative = False

        if right is False or right is None:
            # records with (or without) lines
            coquery = comodel._where_calc([(inverse.name, "!=", False)] + (field_domain if inverse_is_int else []))
            sql_inverse = comodel._field_to_sql(coquery.table, inverse.name, coquery)
            sql_in = SQL("IN") if negative else SQL("NOT IN")
            return SQL("(%s %s %s)", sql_id, sql_in, coquery.subselect(sql_inverse))

        if isinstance(right, str):
            op2 = TERM_OPERATORS_NEGATION[operator] if negative else operator
            coquery = comodel._search(AND([field_domain, [("display_name", op2, right)]]))
        elif isinstance(right, Query):
            coquery = right
            if inverse_is_int and field_domain:
                coquery = comodel._search([("id", "in", right), *field_domain])
        else:
            if isinstance(right, SQL):
                ids = right
            elif isinstance(right, collections.abc.Iterable):
                ids = list(right)
            else:
                ids = [right]
            if inverse_is_int and field_domain:
                coquery = comodel._search([("id", "in", ids), *field_domain])
            else:
                coquery = Query(comodel.env, comodel._table, _table_sql(comodel))
                coquery.add_where(SQL("%s IN %s", SQL.identifier(comodel._table, "id"), _ids_sql(ids)))
        sql_inverse = comodel._field_to_sql(coquery.table, inverse.name, coquery)
        if not getattr(inverse, "required", False):
            # a NULL in the subquery would make NOT IN never true
            coquery.add_where(SQL("%s IS NOT NULL", sql_inverse))
        sql_in = SQL("NOT IN") if negative else SQL("IN")
        return SQL("(%s %s %s)", sql_id, sql_in, coquery.subselect(sql_inverse))

    def _many2many_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        _fname, operator, right = leaf
        comodel = _comodel(model, field)
        rel_alias = self.query.make_alias(alias, field.name)
        rel_table = SQL.identifier(field.relation)
        # to_flush: pending changes of the many2many are written to its table on flush
        link = SQL("%s = %s", SQL.identifier(rel_alias, field.column1, to_flush=field), SQL.identifier(alias, "id"))
        negative = operator in NEGATIVE_TERM_OPERATORS

        if operator in HIERARCHY_OPERATORS:
            ids_sql = self._hierarchy_ids(comodel, operator, self._to_ids(right, comodel, leaf))
            negative = False
        elif right is False or right is None:
            sql_exists = SQL("EXISTS") if negative else SQL("NOT EXISTS")
            return SQL("%s (SELECT 1 FROM %s AS %s WHERE %s)",
                       sql_exists, rel_table, SQL.identifier(rel_alias), link)
        elif isinstance(right, str):
            op2 = TERM_OPERATORS_NEGATION[operator] if negative else operator
            ids_sql = _ids_sql(comodel._search(AND([_field_domain(field, model), [("display_name", op2, right)]])))
        elif isinstance(right, (Query, SQL)):
            ids_sql = _ids_sql(right)
        elif isinstance(right, collections.abc.Iterable):
            ids_sql = SQL("%s", tuple(id_ for id_ in right if id_) or (None,))
        else:
            ids_sql = SQL("%s", (right,))
        sql_exists = SQL("NOT EXISTS") if negative else SQL("EXISTS")
        return SQL(
            "%s (SELECT 1 FROM %s AS %s WHERE %s AND %s IN %s)",
            sql_exists, rel_table, SQL.identifier(rel_alias), link,
            SQL.identifier(rel_alias, field.column2), ids_sql,
        )

    def _many2one_to_sql(self, leaf: tuple, model: Any, alias: str, field: Any) -> SQL:
        _fname, operator, right = leaf
        comodel = _comodel(model, field)
        if operator in HIERARCHY_OPERATORS:
            ids = self._to_ids(right, comodel, leaf)
            if field.comodel_name == model._name:
                return SQL("(%s IN %s)", SQL.identifier(alias, "id"),
                           self._hierarchy_ids(model, operator, ids, parent_name=field.name))
            sql_field = model._field_to_sql(alias, field.name, self.query)
            return SQL("(%s IN %s)", sql_field, self._hierarchy_ids(comodel, operator, ids))

        names = isinstance(right, str) or (
            isinstance(right, (list, tuple)) and right and all(isinstance(item, str) for item in right)
        )
        if not names:
            return model._condition_to_sql(alias, field.name, operator, right, self.query)

        # names: match the comodel's display name
        if operator in ("<", ">", "<=", ">="):
            operator = "in"
        if isinstance(right, tuple):
            right = list(right)
        if isinstance(right, list) and operator in ("=", "!="):
            operator = "in" if operator == "=" else "not in"
        elif not isinstance(right, list) and operator in ("in", "not in"):
            operator = "=" if operator == "in" else "!="
        sql_field = model._field_to_sql(alias, field.name, self.query)
        if operator in NEGATIVE_TERM_OPERATORS:
            subquery = comodel._search([("display_name", TERM_OPERATORS_NEGATION[operator], right)])
            return SQL("(%s NOT IN %s OR %s IS NULL)", sql_field, subquery.subselect(), sql_field)
        subquery = comodel._search([("display_name", operator, right)])
        return SQL("(%s IN %s)", sql_field, subquery.subselect())

    # ------------------------------------------------------------------
    # hierarchies
    # ------------------------------------------------------------------

    def _to_ids(self, value: Any, model: Any, leaf: tuple) -> Any:
        """The right side of a hierarchy operator as ids: names are matched
        on the display name (giving a Query), ``False`` matches nothing."""
        if isinstance(value, (Query, SQL)):
            return value
        if isinstance(value, str):
            value = [value]
        if isinstance(value, (list, tuple)) and value and all(isinstance(item, str) for item in value):
            return model._search(OR([("display_name", "ilike", name)] for name in value))
        if isinstance(value, bool) or value is None:
            if value:
                raise ValueError(f"Invalid value {value!r} in leaf {leaf!r} on model {model._name!r}")
            return []
        if isinstance(value, int):
            if not value:
                _logger.warning("Unexpected domain %r, interpreted as False", leaf)
                return []
            return [value]
        return [id_ for id_ in value if id_]

    def _hierarchy_ids(self, model: Any, operator: str, ids: Any, parent_name: str | None = None) -> SQL:
        """A subquery of the ids of ``model`` below (``child_of``) or above
        (``parent_of``) the records ``ids``, those included.

        Like Odoo, it ignores access rules and archiving: the rest of the
        domain filters the records the user may see.
        """
        if isinstance(ids, list) and not ids:
            return SQL("(SELECT 1 WHERE FALSE)")
        subquery = self._tree_subquery(model, operator, ids, parent_name)
        # the tree column is read in raw SQL: its pending changes must be flushed first
        tree_fields = [model._fields[name] for name in (parent_name or getattr(model, "_parent_name", "parent_id"),)
                       if name in model._fields]
        return SQL().join([subquery, *(SQL("", to_flush=field) for field in tree_fields)])

    def _tree_subquery(self, model: Any, operator: str, ids: Any, parent_name: str | None) -> SQL:
        table = SQL.identifier(model._table)
        roots = _ids_sql(ids)
        parent_name = parent_name or getattr(model, "_parent_name", "parent_id")
        if parent_name not in model._fields or model._fields[parent_name].comodel_name != model._name:
            raise ValueError(f"Invalid parent field {model._name}.{parent_name} for operator {operator!r}")
        # The parent links are walked even when the model keeps parent_path:
        # the result is the same, and rows written without the ORM (the
        # bootstrap company...) may lack a parent_path.
        parent = SQL.identifier(parent_name)
        if operator == "child_of":
            return SQL(
                "(WITH RECURSIVE tree(id) AS (SELECT id FROM %s WHERE id IN %s"
                " UNION SELECT child.id FROM %s AS child JOIN tree ON child.%s = tree.id)"
                " SELECT id FROM tree)",
                table, roots, table, parent,
            )
        return SQL(
            "(WITH RECURSIVE tree(id, parent) AS (SELECT id, %s FROM %s WHERE id IN %s"
            " UNION SELECT up.id, up.%s FROM %s AS up JOIN tree ON up.id = tree.parent)"
            " SELECT id FROM tree)",
            parent, table, roots, parent, table,
        )


def _default_related_search(field: Any) -> bool:
    """Whether a related field searches through the generic related search
    (rather than a ``search=`` method of its own)."""
    search = getattr(field, "search", None)
    return search is None or getattr(search, "__name__", None) == "_search_related"


def _related_domain(model: Any, field: Any, operator: str, value: Any) -> list:
    """A domain on the path of a non-stored related field, with Odoo's rule
    that a null link matches the conditions a missing value satisfies."""
    if isinstance(value, (list, tuple)):
        value_is_null = any(item is False or item is None for item in value)
    else:
        value_is_null = value is False or value is None
    negative = operator in NEGATIVE_TERM_OPERATORS
    can_be_null = value_is_null != negative

    def path_domain(path: str, current: Any) -> list:
        head, _, tail = path.partition(".")
        if not tail:
            return [(head, operator, value)]
        link = current._fields[head]
        comodel = current.env[link.comodel_name]
        domain = [(head, "in", comodel._search(path_domain(tail, comodel)))]
        if can_be_null and link.type == "many2one" and not getattr(link, "required", False):
            return OR([domain, [(head, "=", False)]])
        return domain

    searcher = model.with_context(active_test=False)
    if getattr(field, "compute_sudo", False) and hasattr(searcher, "sudo"):
        searcher = searcher.sudo()
    return path_domain(field.related, searcher)


def _week_start(env: Any) -> int:
    """The first day of the week of the user's language (1 = Monday)."""
    try:
        from ..tools.misc import get_lang
        return int(get_lang(env).week_start)
    except Exception:  # noqa: BLE001 - languages not loaded yet: ISO weeks
        return 1
