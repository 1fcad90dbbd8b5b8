"""Grouping on real PostgreSQL: ``_read_group`` (specs, aggregates, having,
order) and ``read_group`` (Odoo's result dicts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from tests.orm.search_harness import REGISTRY, Env, insert, rolled_back, scratch_database


def _fill(cr) -> dict:
    ids = {}
    ids["cn"] = insert(cr, "test_country", name="China", code="CN")
    ids["fr"] = insert(cr, "test_country", name="France", code="FR")
    ids["red"] = insert(cr, "test_tag", name="red")
    ids["blue"] = insert(cr, "test_tag", name="blue")
    rows = [
        ("a", "cn", 100.0, 1, date(2024, 1, 3), "company", True),
        ("b", "cn", 50.0, 2, date(2024, 1, 20), "person", False),
        ("c", "fr", 7.0, None, date(2024, 3, 1), "person", None),
        ("d", None, 1.0, 4, None, None, True),
    ]
    for name, country, credit, count, birthday, kind, vip in rows:
        ids[name] = insert(cr, "test_partner", name=name, country_id=ids.get(country), credit=credit,
                           count=count, birthday=birthday, kind=kind, vip=vip, active=True)
    for partner, tag in (("a", "red"), ("a", "blue"), ("b", "blue")):
        cr.execute("INSERT INTO test_partner_tag_rel VALUES (%s, %s)", [ids[partner], ids[tag]])
    return ids


@pytest.fixture(scope="module")
def shared(pg_server):
    with scratch_database("read_group") as cr:
        yield cr, _fill(cr)


@pytest.fixture
def env(shared) -> Iterator[Env]:
    cr, ids = shared
    with rolled_back(cr) as test_env:
        test_env.ids = ids
        yield test_env


def test_group_by_many2one_with_aggregates(env):
    rows = env["test.partner"]._read_group([], ["country_id"], ["__count", "credit:sum", "count:max"])
    as_names = [(country["name"] if country else False, count, total, top) for country, count, total, top in rows]
    assert as_names == [("China", 2, 150.0, 2), ("France", 1, 7.0, False), (False, 1, 1.0, 4)]
    assert rows[2][0] == env["test.country"]  # the empty group is an empty recordset


def test_no_groupby_gives_one_row(env):
    assert env["test.partner"]._read_group([], [], ["__count", "credit:avg"]) == [(4, 39.5)]
    assert env["test.partner"]._read_group([("id", "in", [])], [], ["__count", "credit:sum"]) == [(0, False)]
    assert env["test.partner"]._read_group([("id", "in", [])], ["kind"], ["__count"]) == []


def test_group_by_dates(env):
    partners = env["test.partner"]
    assert partners._read_group([("birthday", "!=", False)], ["birthday:month"], ["__count"]) == [
        (date(2024, 1, 1), 2), (date(2024, 3, 1), 1)]
    assert partners._read_group([("birthday", "!=", False)], ["birthday:year"], ["__count"]) == [
        (date(2024, 1, 1), 3)]
    weeks = partners._read_group([("birthday", "!=", False)], ["birthday:week"], ["__count"])
    assert weeks == [(date(2024, 1, 1), 1), (date(2024, 1, 15), 1), (date(2024, 2, 26), 1)]
    assert partners._read_group([], ["birthday:month_number"], ["__count"]) == [(1, 2), (3, 1), (False, 1)]
    with pytest.raises(ValueError, match="granularity"):
        partners._read_group([], ["birthday"], ["__count"])


def test_group_by_boolean_many2many_and_several_levels(env):
    partners = env["test.partner"]
    assert partners._read_group([], ["vip"], ["__count"]) == [(False, 2), (True, 2)]
    tags = partners._read_group([], ["tag_ids"], ["__count"], order="tag_ids")
    assert [(tag["name"] if tag else False, count) for tag, count in tags] == [
        ("red", 1), ("blue", 2), (False, 2)]
    rows = partners._read_group([("country_id", "!=", False)], ["country_id", "kind"], ["__count"])
    assert [(country["name"], kind, count) for country, kind, count in rows] == [
        ("China", "company", 1), ("China", "person", 1), ("France", "person", 1)]


def test_aggregate_functions(env):
    partners = env["test.partner"]
    [(distinct, names, count_ids)] = partners._read_group(
        [], [], ["country_id:count_distinct", "name:array_agg", "id:count"])
    assert (distinct, names, count_ids) == (2, ["a", "b", "c", "d"], 4)
    [(records,)] = partners._read_group([("kind", "=", "person")], [], ["id:recordset"])
    assert records == partners.browse([env.ids["b"], env.ids["c"]])
    with pytest.raises(ValueError, match="aggregate"):
        partners._read_group([], [], ["credit:median"])
    with pytest.raises(ValueError, match="nope"):
        partners._read_group([], ["nope"], [])


def test_having_and_order(env):
    partners = env["test.partner"]
    rows = partners._read_group([], ["country_id"], ["__count"], having=[("__count", ">", 1)])
    assert [(country["name"], count) for country, count in rows] == [("China", 2)]
    rows = partners._read_group([], ["kind"], ["credit:sum"], order="credit:sum desc")
    assert rows == [("company", 100.0), ("person", 57.0), (False, 1.0)]
    rows = partners._read_group([], ["country_id"], ["__count"], order="country_id desc", limit=2)
    assert [country["name"] if country else False for country, _ in rows] == [False, "France"]
    with pytest.raises(ValueError, match="Invalid order"):
        partners._read_group([], ["kind"], ["__count"], order="kind; DROP TABLE x")
    with pytest.raises(ValueError, match="having"):
        partners._read_group([], ["kind"], ["__count"], having=[("__count", "like", 1)])


def test_public_read_group_shape(env):
    partners = env["test.partner"]
    groups = partners.read_group([("credit", ">", 5)], ["credit"], ["country_id", "kind"])
    china, france = groups
    assert china["country_id"] == (env.ids["cn"], "China")
    assert china["country_id_count"] == 2 and china["credit"] == 150.0
    assert china["__domain"] == ["&", ("credit", ">", 5), ("country_id", "=", env.ids["cn"])]
    assert china["__context"] == {"group_by": ["kind"]}
    assert france["country_id"] == (env.ids["fr"], "France")

    eager = partners.read_group([], ["count:sum"], ["kind", "vip"], lazy=False)
    assert {(row["kind"], row["vip"]): (row["__count"], row["count"]) for row in eager} == {
        ("company", True): (1, 1), ("person", False): (2, 2), (False, True): (1, 4)}
    assert all("__context" not in row for row in eager)


def test_public_read_group_dates(env):
    groups = env["test.partner"].read_group([("birthday", "!=", False)], ["credit"], ["birthday"])
    january = groups[0]
    assert january["birthday"] == "January 2024"
    assert january["birthday_count"] == 2
    assert january["__range"] == {"birthday": {"from": "2024-01-01", "to": "2024-02-01"}}
    assert january["__domain"] == [
        "&", ("birthday", "!=", False),
        "&", ("birthday", ">=", "2024-01-01"), ("birthday", "<", "2024-02-01")]
    weeks = env["test.partner"].read_group([("birthday", "!=", False)], [], ["birthday:week"])
    assert [group["birthday:week"] for group in weeks] == ["W1 2024", "W3 2024", "W9 2024"]


def test_group_expand_adds_empty_groups(env, monkeypatch):
    field = REGISTRY["test.partner"]._fields["country_id"]
    monkeypatch.setattr(field, "group_expand", "_read_group_expand_full")
    insert(env.cr, "test_country", name="Brazil", code="BR")
    groups = env["test.partner"].read_group([("kind", "=", "person")], [], ["country_id"])
    assert [(group["country_id"][1] if group["country_id"] else False, group["country_id_count"])
            for group in groups] == [("Brazil", 0), ("China", 1), ("France", 1)]


def test_fill_temporal_adds_empty_periods(env):
    partners = env["test.partner"].with_context(fill_temporal=True)
    groups = partners.read_group([("birthday", "!=", False)], ["credit"], ["birthday:month"])
    assert [(group["birthday:month"], group["birthday_count"]) for group in groups] == [
        ("January 2024", 2), ("February 2024", 0), ("March 2024", 1)]
    assert groups[1]["__range"] == {"birthday:month": {"from": "2024-02-01", "to": "2024-03-01"}}
    bounded = env["test.partner"].with_context(fill_temporal={"fill_from": "2023-12-15", "min_groups": 5})
    groups = bounded.read_group([("birthday", "!=", False)], [], ["birthday:month"])
    assert [group["birthday:month"] for group in groups] == [
        "December 2023", "January 2024", "February 2024", "March 2024", "April 2024"]
