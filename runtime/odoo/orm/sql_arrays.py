"""The columns of a multi-row INSERT as PostgreSQL array literals.

A batch of new rows goes to the database as ``INSERT ... SELECT * FROM
unnest(%s::type[], ...)``: one text parameter per column instead of one per
value, which psycopg2 would adapt one at a time (most of the client's cost of
a big INSERT). A column is written this way only when each of its values is
None, a string, or has the Python type psycopg2 would send for that column
type, so the database converts the same text into the same value; otherwise
the caller keeps the usual ``VALUES`` list.
"""
from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from psycopg2.extras import Json


class _Unfit(Exception):
    """A value that has not the type its column's array expects."""


def _quoted(text: str) -> str:
    if '"' in text or '\\' in text:
        text = text.replace('\\', '\\\\').replace('"', '\\"')
    return f'"{text}"'


# the text of a value that is neither None nor a string (a string goes to its
# column's input function as psycopg2's quoted literal would), by column type

def _integer(value) -> str:
    if value.__class__ is int:
        return str(value)
    raise _Unfit


def _boolean(value) -> str:
    if value is True or value is False:
        return 't' if value else 'f'
    raise _Unfit


def _number(value) -> str:
    if value.__class__ is int:
        return str(value)
    if value.__class__ is float and math.isfinite(value):
        return repr(value)
    if value.__class__ is Decimal and value.is_finite():
        return str(value)
    raise _Unfit


def _date(value) -> str:
    if value.__class__ is datetime.date:
        return value.isoformat()
    raise _Unfit


def _timestamp(value) -> str:
    if value.__class__ is datetime.datetime and value.tzinfo is None:
        return f'"{value.isoformat(" ")}"'
    raise _Unfit


def _json(value) -> str:
    if isinstance(value, Json):
        # the text psycopg2 would send for it
        return _quoted(value.dumps(value.adapted))
    raise _Unfit


def _unfit(value) -> str:
    raise _Unfit


# the base type of a column (its modifiers are left to the column: a cast to
# varchar(n) would truncate where the INSERT must fail) -> text of its values
_TEXT_OF: dict[str, Callable] = {
    'int4': _integer, 'int8': _integer,
    'varchar': _unfit, 'text': _unfit,
    'bool': _boolean,
    'float8': _number, 'numeric': _number,
    'date': _date,
    'timestamp': _timestamp,
    'jsonb': _json,
}


def _items(values: Sequence, text_of: Callable) -> list[str]:
    items = []
    append = items.append
    # a column often repeats one object (the create and write dates of a batch)
    previous = text = None
    for value in values:
        if value is None:
            append('NULL')
        elif isinstance(value, str):
            append(_quoted(value))
        elif value is previous:
            append(text)
        else:
            previous, text = value, text_of(value)
            append(text)
    return items


def _array(values: Sequence, text_of: Callable) -> str:
    """The array literal of ``values`` (raises _Unfit)."""
    kinds = set(map(type, values))
    # whole columns of plain strings or integers are joined at C speed
    if kinds == _STR:
        probe = ''.join(values)
        if '"' not in probe and '\\' not in probe:
            return '{"' + '","'.join(values) + '"}'
    elif kinds == _INT and (text_of is _integer or text_of is _number):
        return '{' + ','.join(map(str, values)) + '}'
    elif kinds == _STR_NONE:
        probe = ''.join(value for value in values if value is not None)
        if '"' not in probe and '\\' not in probe:
            return '{' + ','.join(['NULL' if value is None else f'"{value}"' for value in values]) + '}'
    elif kinds == _NONE:
        return '{' + ','.join(['NULL'] * len(values)) + '}'
    return '{' + ','.join(_items(values, text_of)) + '}'


_STR, _INT, _NONE = {str}, {int}, {type(None)}
_STR_NONE = _STR | _NONE


def column_arrays(types: Sequence[str], columns: Sequence[Sequence]) -> list[str] | None:
    """The array literal of each of ``columns`` (the values of a column,
    ``types`` their base SQL types), or None when one of them does not fit."""
    arrays = []
    try:
        for sql_type, values in zip(types, columns):
            text_of = _TEXT_OF.get(sql_type)
            if text_of is None:
                return None
            arrays.append(_array(values, text_of))
    except _Unfit:
        return None
    return arrays
