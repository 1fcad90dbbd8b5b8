"""Rows inserted as one array per column (``orm/sql_arrays.py``) give the
database the same values as the usual ``VALUES`` list psycopg2 fills."""
from __future__ import annotations

import datetime
from decimal import Decimal

import psycopg2.errors
import pytest
from odoo.orm.sql_arrays import column_arrays
from psycopg2.extras import Json

COLUMNS = [('i', 'int4', 'int4'), ('v', 'varchar(12)', 'varchar'), ('t', 'text', 'text'), ('b', 'bool', 'bool'),
           ('f', 'float8', 'float8'), ('n', 'numeric(12,3)', 'numeric'), ('d', 'date', 'date'),
           ('ts', 'timestamp', 'timestamp'), ('j', 'jsonb', 'jsonb')]

ROWS = [
    (0, '', 'NULL', True, 0.1, Decimal('1.2345'), datetime.date(2026, 1, 31),
     datetime.datetime(2026, 1, 31, 23, 59, 58, 123456), Json({'en_US': 'say "hi"', 'zh_CN': '你好\\'})),
    (-5, 'a"b\\c', '{x,y}', False, 1e-05, 7, None, datetime.datetime(2026, 2, 1), Json(['a', {'b': None}])),
    (2 ** 31 - 1, ' spaced ', 'tab\there\nnew line', None, -0.0, 0.1, datetime.date(1999, 12, 31), None, None),
    (None, "o'clock 中文", None, True, 1e300, None, '2026-03-04', '2026-03-04 05:06:07', '{"raw": "text"}'),
    (7, None, '', False, 12, Decimal('-0.5'), None, None, Json('plain')),
]


@pytest.fixture
def table(cr):
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type, _base in COLUMNS)
    cr.execute(f"CREATE TABLE test_sql_arrays (seq serial, {columns})")
    return cr


def _insert_both_ways(cr, rows):
    names = ", ".join(name for name, _type, _base in COLUMNS)
    types = [base for _name, _type, base in COLUMNS]
    row_sql = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    cr.execute(f"INSERT INTO test_sql_arrays ({names}) VALUES {', '.join([row_sql] * len(rows))}",
               [value for row in rows for value in row])
    arrays = column_arrays(types, list(zip(*rows)))
    assert arrays is not None
    casts = ", ".join(f"%s::{base}[]" for base in types)
    cr.execute(f"INSERT INTO test_sql_arrays ({names}) SELECT * FROM unnest({casts})", arrays)
    cr.execute(f"SELECT {names} FROM test_sql_arrays ORDER BY seq")
    return cr.fetchall()


def test_same_values_as_a_values_list(table):
    found = _insert_both_ways(table, ROWS)
    assert found[:len(ROWS)] == found[len(ROWS):]
    assert found[1][1] == 'a"b\\c' and found[0][2] == 'NULL' and found[3][0] is None
    assert found[0][8] == {'en_US': 'say "hi"', 'zh_CN': '你好\\'}


def test_too_long_text_fails_instead_of_being_cut(table):
    arrays = column_arrays(['varchar'], [['x' * 13, 'y']])
    with pytest.raises(psycopg2.errors.StringDataRightTruncation), table.savepoint():
        table.execute("INSERT INTO test_sql_arrays (v) SELECT * FROM unnest(%s::varchar[])", arrays)


@pytest.mark.parametrize(('sql_type', 'value'), [
    ('int4', True), ('int4', 1.5), ('bool', 1), ('float8', float('nan')), ('numeric', Decimal('Infinity')),
    ('date', datetime.datetime(2026, 1, 1)), ('timestamp', datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)),
    ('jsonb', {'a': 1}), ('bytea', b'raw'), ('varchar', 5),
])
def test_values_of_another_type_are_left_to_the_values_list(sql_type, value):
    assert column_arrays([sql_type], [[None, value]]) is None


def test_whole_columns_of_one_kind(table):
    """Columns of plain strings, integers or nothing (joined at once) read as
    those of mixed values do; a quote or backslash in one string is escaped."""
    rows = [(index, f"名{index}", None if index % 2 else f"t{index}", None, index, index, None, None, None)
            for index in range(4)]
    found = _insert_both_ways(table, rows)
    assert found[:4] == found[4:]
    assert [row[1] for row in found[:2]] == ['名0', '名1'] and found[1][2] is None and found[2][5] == 2
    quoted = [(1, 'a', 'x"y', None, 1, 1, None, None, None), (2, 'b', 'back\\slash', None, 2, 2, None, None, None)]
    found = _insert_both_ways(table, quoted)
    assert [row[2] for row in found[-2:]] == ['x"y', 'back\\slash']
