"""Evaluate a domain in Python on records already loaded (``filtered_domain``).

The semantics follow the SQL compilation: a relational path is an ``any``
condition, ``False`` equals an empty string for text fields, ``like``
patterns use ``%`` and ``_``, ``ilike`` ignores case. Only ``child_of`` and
``parent_of`` query the database (through ``search``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from . import domains

_STRING_TYPES = ("char", "text", "html")


def filter_ids(records: Any, domain: list) -> set:
    """The ids of ``records`` satisfying the normalized ``domain``."""
    all_ids = set(records._ids)
    stack: list[set] = []
    for token in reversed(domain):
        if token == domains.OR_OPERATOR:
            stack.append(stack.pop() | stack.pop())
        elif token == domains.AND_OPERATOR:
            stack.append(stack.pop() & stack.pop())
        elif token == domains.NOT_OPERATOR:
            stack.append(all_ids - stack.pop())
        elif token == domains.TRUE_LEAF:
            stack.append(set(all_ids))
        elif token == domains.FALSE_LEAF:
            stack.append(set())
        else:
            stack.append(_leaf_ids(records, token))
    result = stack.pop()
    while stack:
        result &= stack.pop()
    return result


def _like_regex(pattern: str, exact: bool, ignore_case: bool) -> re.Pattern:
    """A regex equivalent to the SQL LIKE ``pattern`` (``\\`` escapes)."""
    parts = ["^" if exact else ".*"]
    escaped = False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    if exact:
        parts.append("$")
    return re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def _to_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    if isinstance(value, str) and value:
        text = value[:19]
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S" if len(text) > 10 else "%Y-%m-%d")
    return value


def _values(record: Any, path: str, field: Any = None) -> list:
    """The values of ``path`` on one record, as a list (``field``: the field
    ``path`` names when it is a plain field name, read without ``mapped``)."""
    if not path:
        return [record.id]
    if field is not None:
        value = record[path]
        return value if field.relational else [value]
    data = record.mapped(path)
    if hasattr(data, "_ids") and hasattr(data, "_name"):
        return data
    return list(data)


def _leaf_ids(records: Any, leaf: tuple) -> set:
    key, operator, value = domains.normalize_leaf(tuple(leaf))
    domains.check_leaf_of((key, operator, value), records)

    if operator in domains.HIERARCHY_OPERATORS:
        found = records.with_context(active_test=False).search(
            [("id", "in", list(records._ids)), (key, operator, value)], order="id")
        return set(found._ids)

    if key.endswith(".id"):
        key = key[:-3]
    fname, _, rest = key.partition(".")
    field = records._fields[fname]
    if rest and field.type in ("many2one", "one2many", "many2many"):
        # a path through a relation means "some related record satisfies"
        key, operator, value = fname, "any", [(rest, operator, value)]
    elif rest:
        raise ValueError(f"Invalid path {key!r} in leaf {leaf!r} on model {records._name!r}")
    else:
        field = records._fields[key]
    if key == "id":
        key = ""

    if operator in ("=", "!=") and field.type in _STRING_TYPES and not value:
        operator, value = ("in" if operator == "=" else "not in"), ["", False]
    like = None
    if operator in ("like", "ilike", "=like", "=ilike", "not like", "not ilike"):
        like = _like_regex(str(value) if value else "", operator.startswith("="), "ilike" in operator)
    if operator in ("in", "not in"):
        if hasattr(value, "_ids"):
            value = value._ids
        value = set(value) if isinstance(value, (list, tuple, set, frozenset)) else {value}
        if field.type in ("date", "datetime"):
            value = {_to_datetime(item) for item in value}
        elif field.type in _STRING_TYPES and ({False, ""} & value):
            value |= {False, ""}
    elif field.type in ("date", "datetime") and operator not in ("any", "not any") and like is None:
        value = _to_datetime(value)

    plain = field if key and key == field.name else None
    matching = set()
    for record in records:
        data = _values(record, key, plain)
        if hasattr(data, "_ids") and operator not in ("any", "not any"):
            probe = next(iter(value), None) if isinstance(value, (set, list, tuple)) else value
            data = list(data.mapped("display_name")) if isinstance(probe, str) else (list(data._ids) or [False])
        elif field.type in ("date", "datetime"):
            data = [_to_datetime(item) for item in data]
        if _matches(data, operator, value, like):
            matching.add(record.id)
    return matching


def _comparable(items: list) -> Iterator:
    return (item for item in items if item is not False and item is not None)


def _matches(data: Any, operator: str, value: Any, like: re.Pattern | None) -> bool:
    if operator == "=":
        return value in data
    if operator == "!=":
        return value not in data
    if operator == "=?":
        return not value or value in data
    if operator == "in":
        return bool(value) and any(item in value for item in data)
    if operator == "not in":
        return not (value and any(item in value for item in data))
    if operator == "<":
        return any(item < value for item in _comparable(data))
    if operator == ">":
        return any(item > value for item in _comparable(data))
    if operator == "<=":
        return any(item <= value for item in _comparable(data))
    if operator == ">=":
        return any(item >= value for item in _comparable(data))
    if like is not None:
        # a missing value compares as an empty string, as in Odoo
        found = any(like.match(str(item) if item else "") for item in data)
        return not found if operator.startswith("not") else found
    if operator == "any":
        return bool(data.filtered_domain(value))
    if operator == "not any":
        return not data.filtered_domain(value)
    raise ValueError(f"Invalid operator {operator!r} in domain")
