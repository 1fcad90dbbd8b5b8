"""Searching on real PostgreSQL tables: every operator, paths through
relations, trees, translations, delegation, rules, archiving and ordering,
through ``SearchMixin`` on the minimal models of ``search_harness``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from odoo.exceptions import UserError
from psycopg2.extras import Json
from tests.orm.search_harness import REGISTRY, Env, Field, Model, insert, rolled_back, scratch_database


@pytest.fixture(scope="module")
def shared(pg_server):
    with scratch_database("search") as cr:
        yield cr, _fill(cr)


@pytest.fixture
def env(shared) -> Iterator[Env]:
    with rolled_back(shared[0]) as test_env:
        yield test_env


@pytest.fixture
def data(shared, env) -> dict:
    return shared[1]


def _fill(cr) -> dict:
    """Countries, tags, a tree of partners (with parent_path) and users."""
    ids = {}
    ids["cn"] = insert(cr, "test_country", name="China", code="CN")
    ids["fr"] = insert(cr, "test_country", name="France", code="FR")
    ids["red"] = insert(cr, "test_tag", name="red", color=1)
    ids["blue"] = insert(cr, "test_tag", name="blue", color=None)

    def partner(key, parent=None, **values):
        values.setdefault("active", True)
        values.setdefault("name", key)
        new_id = insert(cr, "test_partner", parent_id=ids.get(parent), **values)
        path = (paths[parent] if parent else "") + f"{new_id}/"
        cr.execute("UPDATE test_partner SET parent_path = %s WHERE id = %s", [path, new_id])
        paths[key] = path
        ids[key] = new_id

    paths: dict[str, str] = {}
    partner("acme", country_id=ids["cn"], credit=5000.0, count=3, birthday=date(1990, 3, 14),
            created=datetime(2024, 1, 2, 10, 0), title=Json({"en_US": "Manager", "zh_CN": "经理"}),
            kind="company", vip=True)
    partner("alice", "acme", country_id=ids["fr"], credit=10.0, count=0, ref="A1",
            title=Json({"en_US": "Engineer"}), kind="person")
    partner("bob", "alice", credit=-5.0, birthday=date(2001, 7, 1), kind="person")
    partner("zed", country_id=ids["fr"], credit=None, ref="", active=False)
    for key, tags in (("acme", ["red", "blue"]), ("alice", ["blue"])):
        for tag in tags:
            cr.execute("INSERT INTO test_partner_tag_rel VALUES (%s, %s)", [ids[key], ids[tag]])

    ids["root"] = insert(cr, "test_category", name="root")
    ids["leaf"] = insert(cr, "test_category", name="leaf", parent_id=ids["root"])
    ids["subleaf"] = insert(cr, "test_category", name="subleaf", parent_id=ids["leaf"])
    ids["other"] = insert(cr, "test_category", name="other")

    ids["u_alice"] = insert(cr, "test_user", login="alice@x", partner_id=ids["alice"])
    ids["u_zed"] = insert(cr, "test_user", login="zed@x", partner_id=ids["zed"])
    return ids


def names(records) -> list[str]:
    return sorted(record["name"] for record in records)


def search(env, domain, model="test.partner", **kwargs):
    return names(env[model].search(domain, **kwargs))


# ---------------------------------------------------------------- operators

@pytest.mark.parametrize("domain, expected", [
    ([("name", "=", "acme")], ["acme"]),
    ([("name", "!=", "acme")], ["alice", "bob"]),
    ([("credit", ">", 0)], ["acme", "alice"]),
    ([("credit", "<", 100)], ["alice", "bob"]),
    ([("credit", ">=", 10)], ["acme", "alice"]),
    ([("credit", "<=", 10)], ["alice", "bob"]),
    ([("count", "<", 1)], ["alice", "bob"]),  # NULL counts as 0
    ([("count", "=", False)], ["alice", "bob"]),
    ([("ref", "=", False)], ["acme", "bob"]),
    ([("ref", "!=", False)], ["alice"]),
    ([("name", "in", ["bob", "acme"])], ["acme", "bob"]),
    ([("name", "not in", ["bob"])], ["acme", "alice"]),
    ([("name", "like", "l")], ["alice"]),
    ([("name", "ilike", "A")], ["acme", "alice"]),
    ([("name", "not ilike", "A")], ["bob"]),
    ([("name", "not like", "b")], ["acme", "alice"]),
    ([("name", "=like", "a%")], ["acme", "alice"]),
    ([("name", "=ilike", "BOB")], ["bob"]),
    ([("ref", "=?", False)], ["acme", "alice", "bob"]),
    ([("ref", "=?", "A1")], ["alice"]),
    ([("vip", "=", False)], ["alice", "bob"]),
    ([("vip", "!=", True)], ["alice", "bob"]),
    ([("kind", "=", "person")], ["alice", "bob"]),
    ([("birthday", ">", "2000-01-01")], ["bob"]),
    ([("birthday", "=", False)], ["alice"]),
    ([("created", ">=", "2024-01-02")], ["acme"]),
    ([("created", "<=", date(2024, 1, 2))], ["acme"]),
    ([("created", "<", "2024-01-02")], []),
    ([("birthday.month_number", "=", 3)], ["acme"]),
    (["|", ("name", "=", "bob"), ("credit", ">", 1000)], ["acme", "bob"]),
    (["!", ("name", "=", "bob")], ["acme", "alice"]),
    (["!", "|", ("name", "=", "bob"), ("name", "=", "acme")], ["alice"]),
    ([("name", "<>", "bob"), ("name", "ILIKE", "a")], ["acme", "alice"]),
    ([(1, "=", 1)], ["acme", "alice", "bob"]),
    ([(0, "=", 1)], []),
])
def test_operators(env, data, domain, expected):
    assert search(env, domain) == expected


# ---------------------------------------------------------------- relations

@pytest.mark.parametrize("domain, expected", [
    ([("country_id", "=", False)], ["bob"]),
    ([("country_id.code", "=", "FR")], ["alice"]),
    ([("country_id.code", "!=", "FR")], ["acme"]),  # 'any' semantics: bob has no country
    (["!", ("country_id.code", "=", "FR")], ["acme", "bob"]),
    ([("country_id", "=", "China")], ["acme"]),  # names match the display name
    ([("country_id", "ilike", "n")], ["acme", "alice"]),
    ([("country_id", "not ilike", "fran")], ["acme", "bob"]),
    ([("country_id", "any", [("name", "=", "France")])], ["alice"]),
    ([("country_id", "not any", [("name", "=", "France")])], ["acme", "bob"]),
    ([("parent_id.parent_id.name", "=", "acme")], ["bob"]),
    ([("tag_ids", "=", False)], ["bob"]),
    ([("tag_ids", "!=", False)], ["acme", "alice"]),
    ([("tag_ids.name", "=", "red")], ["acme"]),
    ([("tag_ids", "=", "blue")], ["acme", "alice"]),
    ([("tag_ids", "!=", "red")], ["alice", "bob"]),
    ([("tag_ids", "any", [("color", "=", False)])], ["acme", "alice"]),
    ([("tag_ids", "not any", [("name", "=", "red")])], ["alice", "bob"]),
    ([("child_ids", "=", False)], ["bob"]),
    ([("child_ids", "!=", False)], ["acme", "alice"]),
    ([("child_ids.name", "=", "bob")], ["alice"]),
    ([("child_ids", "any", [("credit", "<", 0)])], ["alice"]),
    ([("child_ids", "not any", [("credit", "<", 0)])], ["acme", "bob"]),
])
def test_relational_conditions(env, data, domain, expected):
    assert search(env, domain) == expected


def test_relations_with_ids(env, data):
    assert search(env, [("country_id", "in", [data["fr"]])]) == ["alice"]
    assert search(env, [("country_id", "not in", [data["fr"]])]) == ["acme", "bob"]
    assert search(env, [("tag_ids", "in", [data["red"]])]) == ["acme"]
    assert search(env, [("child_ids", "in", [data["bob"]])]) == ["alice"]
    assert search(env, [("child_ids", "not in", [data["bob"]])]) == ["acme", "bob"]
    countries = env["test.country"]._search([("code", "=", "CN")])
    assert search(env, [("country_id", "in", countries)]) == ["acme"]


def test_trees(env, data):
    assert search(env, [("id", "child_of", data["alice"])]) == ["alice", "bob"]
    assert search(env, [("id", "parent_of", data["bob"])]) == ["acme", "alice", "bob"]
    assert search(env, [("parent_id", "child_of", data["acme"])]) == ["acme", "alice", "bob"]
    assert search(env, [("id", "child_of", "alice")]) == ["alice", "bob"]
    assert search(env, [("id", "child_of", [])]) == []
    assert search(env, ["!", ("id", "child_of", data["alice"])]) == ["acme"]
    assert search(env, [("tag_ids", "child_of", [])]) == []
    # trees without parent_path walk the links
    assert search(env, [("id", "child_of", data["leaf"])], "test.category") == ["leaf", "subleaf"]
    assert search(env, [("id", "parent_of", data["subleaf"])], "test.category") == ["leaf", "root", "subleaf"]
    assert search(env, [("parent_id", "child_of", data["root"])], "test.category") == ["leaf", "root", "subleaf"]


def test_translated_field(env, data):
    assert search(env, [("title", "=", "Manager")]) == ["acme"]
    zh = env(context={"lang": "zh_CN"})
    assert search(zh, [("title", "ilike", "经")]) == ["acme"]
    # falls back to en_US when the language has no translation
    assert search(zh, [("title", "ilike", "engineer")]) == ["alice"]
    assert search(zh, [("title", "=", False)]) == ["bob"]


def test_delegated_fields_and_related_fields(env, data):
    users = env["test.user"].with_context(active_test=False)
    assert [user["login"] for user in users.search([("name", "=", "alice")])] == ["alice@x"]
    assert [user["login"] for user in users.search([("country_id.code", "=", "FR")], order="login")] == [
        "alice@x", "zed@x"]
    assert search(env, [("country_code", "=", "FR")]) == ["alice"]
    # a missing link matches "= False" on the related field, as in Odoo
    assert search(env, [("country_code", "=", False)]) == ["bob"]
    assert search(env, [("country_code", "!=", "FR")]) == ["acme", "bob"]


def test_field_with_search_method(env, data):
    assert search(env, [("is_big", "=", True)]) == ["acme"]
    assert search(env, [("is_big", "!=", True)]) == ["alice", "bob"]


def test_display_name_search(env, data):
    assert search(env, [("display_name", "ilike", "ali")]) == ["alice"]
    assert search(env, [("display_name", "not ilike", "a")]) == ["bob"]


# ---------------------------------------------------------------- search API

def test_active_test(env, data):
    assert "zed" not in search(env, [])
    assert "zed" in names(env["test.partner"].with_context(active_test=False).search([]))
    assert search(env, [("active", "=", False)]) == ["zed"]
    # many2one paths ignore archiving of the target, as in Odoo
    users = env["test.user"].with_context(active_test=False)
    assert users.search_count([("partner_id.active", "=", False)]) == 1


def test_search_count_limit_offset_and_order(env, data):
    partners = env["test.partner"]
    assert partners.search_count([]) == 3
    assert partners.search_count([], limit=2) == 2
    assert names(partners.search([], order="credit desc", limit=1)) == ["acme"]
    ordered = partners.search([], order="credit asc")
    assert [record["name"] for record in ordered] == ["bob", "alice", "acme"]
    ordered = partners.search([], order="name desc", offset=1)
    assert [record["name"] for record in ordered] == ["alice", "acme"]
    # default order: the model's _order
    assert [record["name"] for record in partners.search([])] == ["acme", "alice", "bob"]


def test_order_by_many2one_uses_comodel_order(env, data):
    partners = env["test.partner"]
    by_country = [record["name"] for record in partners.search([], order="country_id, name")]
    assert by_country == ["acme", "alice", "bob"]  # China < France < NULL (last in ASC)
    by_country = [record["name"] for record in partners.search([], order="country_id desc nulls last, name")]
    assert by_country == ["alice", "acme", "bob"]
    by_country = [record["name"] for record in partners.search([], order="country_id nulls first, name")]
    assert by_country == ["bob", "acme", "alice"]


@pytest.mark.parametrize("order", [
    "name; DROP TABLE test_partner", "name desc desc", "(SELECT 1)", "name,", "name asc nulls",
])
def test_order_injection_is_refused(env, data, order):
    with pytest.raises(UserError, match="Invalid"):
        env["test.partner"].search([], order=order)


def test_unknown_order_field_is_refused(env, data):
    with pytest.raises(ValueError, match="nope"):
        env["test.partner"].search([], order="nope")


def test_record_rules_apply_unless_superuser(env, data):
    rules = {"test.partner": [("country_id.code", "=", "FR")]}
    user_env = env(su=False)
    user_env.rules.update(rules)
    assert search(user_env, []) == ["alice"]
    assert search(user_env, [("name", "ilike", "a")]) == ["alice"]
    assert user_env["test.partner"].search_count([]) == 1
    assert search(env, []) == ["acme", "alice", "bob"]


def test_search_flushes_the_fields_it_reads(env, data):
    env.flushed.clear()
    env["test.partner"].search([("country_id.code", "=", "FR")], order="credit")
    flushed = {(model, name) for model, fnames in env.flushed for name in fnames}
    assert {("test.partner", "country_id"), ("test.country", "code"), ("test.partner", "credit"),
            ("test.partner", "active")} <= flushed
    env.flushed.clear()
    env["test.partner"].search([("id", "child_of", data["acme"]), ("tag_ids", "in", [data["red"]])])
    flushed = {(model, name) for model, fnames in env.flushed for name in fnames}
    assert {("test.partner", "parent_id"), ("test.partner", "tag_ids")} <= flushed


def test_invalid_domain_errors_name_model_and_leaf(env, data):
    with pytest.raises(ValueError, match=r"test\.partner\.nope") as info:
        env["test.partner"].search([("nope", "=", 1)])
    assert "('nope', '=', 1)" in str(info.value)
    with pytest.raises(ValueError, match="Invalid leaf"):
        env["test.partner"].search([("name", "is", "x")])


# ---------------------------------------------------------------- filtered_domain

@pytest.mark.parametrize("domain", [
    [("name", "=", "acme")],
    [("credit", ">", 0)],
    [("ref", "=", False)],
    [("name", "ilike", "A")],
    [("name", "=like", "a%")],
    [("name", "not ilike", "a")],
    [("country_id.code", "=", "FR")],
    [("country_id", "=", False)],
    [("tag_ids.name", "in", ["red"])],
    [("child_ids", "!=", False)],
    ["|", ("name", "=", "bob"), "!", ("credit", "<", 100)],
    [("id", "child_of", "alice")],
    [("birthday", ">", "2000-01-01")],
    ["&", "|", ("name", "=", "bob"), ("credit", ">", 0), "!", ("ref", "=", False)],
    ["|", "&", ("credit", ">", 0), ("name", "ilike", "a"), "|", ("id", "child_of", "alice"), ("country_id", "=", False)],
    ["!", "|", ("name", "=", "acme"), "&", ("credit", "<", 100), ("ref", "!=", False)],
    [("name", "!=", "bob"), "!", "!", ("credit", ">=", 0), ("country_id", "!=", False)],
])
def test_filtered_domain_agrees_with_search(env, data, domain):
    everything = env["test.partner"].search([])
    assert names(everything.filtered_domain(domain)) == search(env, domain)


def test_filtered_domain_of_a_long_or_chain(env, data):
    # the prefix notation of a long chain nests as deep as it is long
    domain = ["|"] * 2999 + [("name", "=", f"nobody {index}") for index in range(2999)] + [("name", "=", "bob")]
    everything = env["test.partner"].search([])
    assert names(everything.filtered_domain(domain)) == search(env, [("name", "=", "bob")]) == ["bob"]


def test_filtered_domain_skips_alternatives_nothing_is_left_for(env, data, monkeypatch):
    everything = env["test.partner"].search([])
    expected = search(env, [("id", "child_of", "alice")])
    queries = []
    original = type(everything).search
    monkeypatch.setattr(type(everything), "search",
                        lambda self, *args, **kwargs: queries.append(args) or original(self, *args, **kwargs))
    # every record matches the first alternative: the tree operator has nothing left to check
    assert names(everything.filtered_domain(["|", ("id", "!=", 0), ("id", "child_of", "alice")])) == names(everything)
    assert queries == []
    assert names(everything.filtered_domain(["&", ("id", "=", 0), ("id", "child_of", "alice")])) == []
    assert queries == []
    assert names(everything.filtered_domain(["|", ("id", "=", 0), ("id", "child_of", "alice")])) == expected
    assert len(queries) == 1


def test_company_dependent_fields(env, data):
    cr = env.cr
    cr.execute("UPDATE test_tag SET priority = %s, owner_id = %s WHERE id = %s",
               [Json({"1": 5, "2": 7}), Json({"1": data["acme"], "2": 999999}), data["red"]])
    cr.execute("UPDATE test_tag SET priority = %s WHERE id = %s", [Json({"2": 5}), data["blue"]])
    tags = env["test.tag"]
    assert names(tags.search([("priority", "=", 5)])) == ["red"]
    assert names(tags.with_context(company_id=2).search([("priority", "=", 5)])) == ["blue"]
    assert names(tags.search([("priority", "=", False)])) == ["blue"]
    assert names(tags.search([("owner_id", "=", data["acme"])])) == ["red"]
    # a value pointing to a deleted record reads as empty
    assert names(tags.with_context(company_id=2).search([("owner_id", "=", False)])) == ["blue", "red"]
    assert [tag["name"] for tag in tags.search([], order="priority desc nulls last")] == ["red", "blue"]



def test_models_defined_by_a_query(env, data):
    class BigPartner(Model):
        _name = "test.big.partner"
        _table_query = "SELECT * FROM test_partner WHERE credit > 100"
        name = Field("char")
        active = Field("boolean")

    registry = dict(REGISTRY, **{"test.big.partner": BigPartner})
    view_env = Env(registry, env.cr)
    found = view_env["test.big.partner"].search([("name", "ilike", "a")])
    assert found.ids == [data["acme"]]
    sql = view_env["test.big.partner"]._search([]).select()
    assert 'FROM (SELECT * FROM test_partner WHERE credit > 100) AS "test_big_partner"' in sql.code


def test_datetimes_are_grouped_and_compared_in_the_user_timezone(env, data):
    partners = env["test.partner"]
    assert partners._read_group([("created", "!=", False)], ["created:day"], ["__count"]) == [
        (datetime(2024, 1, 2), 1)]
    east = partners.with_context(tz="Pacific/Kiritimati")  # UTC+14: 10:00 UTC is the next day
    assert east._read_group([("created", "!=", False)], ["created:day"], ["__count"]) == [
        (datetime(2024, 1, 3), 1)]
    assert names(east.search([("created.hour_number", "=", 0)])) == ["acme"]
    unknown = partners.with_context(tz="Mars/Olympus")  # ignored, as in Odoo
    assert names(unknown.search([("created.hour_number", "=", 10)])) == ["acme"]
