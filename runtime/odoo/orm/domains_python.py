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
    """The ids of ``records`` satisfying the normalized ``domain``.

    An operand of ``|`` is only evaluated on the records the operands before
    it left unmatched, an operand of ``&`` on those they matched: a record
    rule's later alternatives often have nothing left to look at, and then
    cost nothing (not even the query of a tree operator). The prefix notation
    is walked without recursion: long ``|`` chains nest deeply.
    """
    candidates = set(records._ids)
    frames: list[list] = []   # [operator, its candidates, its first operand's ids or None]
    for token in domain:
        if isinstance(token, str):
            frames.append([token, candidates, None])
            continue
        if token == domains.TRUE_LEAF:
            found = set(candidates)
        elif token == domains.FALSE_LEAF or not candidates:
            found = set()
        else:
            found = _leaf_ids(_subset(records, candidates), token)
        # hand the operand's ids to the operators it completes
        while frames:
            frame = frames[-1]
            operator, scope, first = frame
            if operator == domains.NOT_OPERATOR:
                frames.pop()
                found = scope - found
            elif first is None:
                frame[2] = found
                candidates = scope - found if operator == domains.OR_OPERATOR else found
                break
            else:
                frames.pop()
                # the second operand of & was only evaluated on what the first matched
                found = first | found if operator == domains.OR_OPERATOR else found
        else:
            return found
    raise ValueError(f"Domain {domain!r} is syntactically not correct: operators lack operands")


def _subset(records: Any, ids: set) -> Any:
    """The records of ``records`` whose id is in ``ids``."""
    if len(ids) == len(records._ids):
        return records
    return records.browse([id_ for id_ in records._ids if id_ in ids])


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
    if plain is not None and operator in ("=", "!=", "in", "not in") and like is None:
        matched = _compared_ids(records, field, operator, value)
        if matched is not None:
            return matched
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


def _compared_ids(records: Any, field: Any, operator: str, value: Any) -> set | None:
    """The ids of ``records`` whose single value of ``field`` passes an
    equality or membership test, read one value per record (the common
    leaves of record rules, checked on every created record); None for the
    cases the general evaluation handles (several values, names of records)."""
    if field.type in ("one2many", "many2many"):
        return None
    name = field.name
    if field.type == "many2one":
        probes = value if isinstance(value, set) else (value,)
        if any(isinstance(probe, str) for probe in probes):
            return None

        def read(record):
            ids = record[name]._ids
            return ids[0] if ids else False
    elif field.type in ("date", "datetime"):
        def read(record):
            return _to_datetime(record[name])
    else:
        def read(record):
            return record[name]
    pairs = zip(records._ids, records)
    if operator == "=":
        return {id_ for id_, record in pairs if read(record) == value}
    if operator == "!=":
        return {id_ for id_, record in pairs if read(record) != value}
    if not value:
        return set() if operator == "in" else set(records._ids)
    if operator == "in":
        return {id_ for id_, record in pairs if read(record) in value}
    return {id_ for id_, record in pairs if read(record) not in value}


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
