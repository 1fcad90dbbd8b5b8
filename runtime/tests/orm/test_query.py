"""The Query object: rendering of FROM/JOIN/WHERE/ORDER/paging, aliases, and
execution on a real database."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from odoo.tools.query import Query
from odoo.tools.sql import SQL


def test_select_renders_every_clause():
    query = Query(None, "res_partner")
    alias = query.left_join("res_partner", "country_id", "res_country", "id", "country_id")
    query.add_where(SQL("%s = %s", SQL.identifier(alias, "code"), "CN"))
    query.add_where("res_partner.active")
    query.order = SQL("%s DESC", SQL.identifier("res_partner", "name"))
    query.limit, query.offset = 10, 20
    sql = query.select()
    assert sql.code == (
        'SELECT "res_partner"."id" FROM "res_partner"'
        ' LEFT JOIN "res_country" AS "res_partner__country_id"'
        ' ON ("res_partner"."country_id" = "res_partner__country_id"."id")'
        ' WHERE "res_partner__country_id"."code" = %s AND res_partner.active'
        ' ORDER BY "res_partner"."name" DESC LIMIT %s OFFSET %s'
    )
    assert sql.params == ["CN", 10, 20]
    assert query.table == "res_partner"


def test_subselect_drops_order_unless_paged():
    query = Query(None, "t")
    query.add_where(SQL("x = %s", 1))
    query.order = "x"
    assert query.subselect() == SQL('(SELECT "t"."id" FROM "t" WHERE x = %s)', 1)
    assert query.subselect("x") == SQL('(SELECT x FROM "t" WHERE x = %s)', 1)
    query.limit = 5
    assert query.subselect().code == '(SELECT "t"."id" FROM "t" WHERE x = %s ORDER BY x LIMIT %s)'


def test_known_ids_are_inlined():
    query = Query(None, "t")
    query.set_result_ids([3, 1], ordered=False)
    assert query.subselect() == SQL("%s", (3, 1))
    empty = Query(None, "t")
    empty.set_result_ids([])
    assert empty.is_empty()
    assert empty.subselect().code == "(SELECT 1 WHERE FALSE)"


def test_aliases_are_deterministic_and_shortened():
    query = Query(None, "res_partner")
    link = "a_very_long_field_name_that_goes_on_and_on"
    first = query.join("res_partner", "x", "other", "id", link)
    second = query.join(first, "y", "other", "id", link)
    assert first == "res_partner__" + link
    assert len(second) <= 63 and second == Query.make_alias(first, link)
    # joining the same path twice adds one join
    assert query.join("res_partner", "x", "other", "id", link) == first
    assert query.from_clause.code.count("JOIN") == 2


def test_conflicting_aliases_are_refused():
    query = Query(None, "t")
    query.join("t", "a", "u", "id", "a")
    with pytest.raises(ValueError, match="already used"):
        query.add_join("JOIN", "t__a", "u", SQL("TRUE"))
    with pytest.raises(ValueError, match="Invalid JOIN"):
        query.add_join("CROSS JOIN", "z", "u", SQL("TRUE"))
    with pytest.raises(ValueError, match="not part"):
        query.join("nope", "a", "u", "id", "a")


def test_execution_on_postgresql(cr):
    cr.execute("CREATE TABLE item (id SERIAL PRIMARY KEY, name VARCHAR, qty INTEGER)")
    cr.execute("INSERT INTO item (name, qty) VALUES ('a', 1), ('b', 5), ('c', 9), ('d', NULL)")
    env = SimpleNamespace(cr=cr)
    query = Query(env, "item")
    query.add_where(SQL("%s > %s", SQL.identifier("item", "qty"), 2))
    query.order = "qty DESC"
    assert len(query) == 2
    ids = query.get_result_ids()
    cr.execute("SELECT id FROM item WHERE name IN ('c', 'b') ORDER BY qty DESC")
    assert ids == tuple(row[0] for row in cr.fetchall())
    assert list(query) == list(ids) and bool(query)
    paged = Query(env, "item")
    paged.order, paged.limit, paged.offset = "id", 2, 1
    assert len(paged) == 2
    ordered = Query(env, "item")
    ordered.set_result_ids([ids[1], ids[0]])
    ordered._ids = None  # force the SQL path
    assert ordered.get_result_ids() == (ids[1], ids[0])
