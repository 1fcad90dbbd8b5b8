"""Domains as data (normalize, AND/OR, distribute_not) and their compilation
to SQL text and parameters, without a database."""

from __future__ import annotations

import pytest
from odoo.orm import domains
from odoo.orm.domains import (
    AND,
    FALSE_DOMAIN,
    FALSE_LEAF,
    OR,
    TRUE_DOMAIN,
    TRUE_LEAF,
    distribute_not,
    expression,
    is_false,
    is_leaf,
    normalize_domain,
    normalize_leaf,
)
from odoo.orm.query import Query
from odoo.osv import expression as osv_expression
from tests.orm.search_harness import REGISTRY, Env


@pytest.fixture
def env() -> Env:
    return Env(REGISTRY)


def where(env: Env, model_name: str, domain: list) -> tuple[str, list]:
    sql = expression(domain, env[model_name]).query.where_clause
    return sql.code, sql.params


# ---------------------------------------------------------------- as data

def test_normalize_adds_implicit_and():
    assert normalize_domain([("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]) == [
        "&", "&", ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]
    assert normalize_domain([]) == [TRUE_LEAF]
    assert normalize_domain(["|", ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]) == [
        "&", "|", ("a", "=", 1), ("b", "=", 2), ("c", "=", 3)]


def test_normalize_rejects_malformed_domains():
    with pytest.raises(ValueError, match="syntactically"):
        normalize_domain(["|", ("a", "=", 1)])
    with pytest.raises(ValueError, match="'oops'"):
        normalize_domain([("a", "=", 1), "oops"])
    with pytest.raises(ValueError):
        normalize_domain("not a domain")


def test_and_or_absorb_units_and_zeros():
    assert AND([[("a", "=", 1)], [], [("b", "=", 2)]]) == ["&", ("a", "=", 1), ("b", "=", 2)]
    assert AND([[("a", "=", 1)], FALSE_DOMAIN]) == FALSE_DOMAIN
    assert OR([[("a", "=", 1)], TRUE_DOMAIN]) == TRUE_DOMAIN
    assert OR([]) == FALSE_DOMAIN
    assert AND([]) == TRUE_DOMAIN


def test_distribute_not_negates_operators_but_keeps_paths():
    assert distribute_not(["!", "&", ("a", "=", 1), ("b", "in", [2])]) == [
        "|", ("a", "!=", 1), ("b", "not in", [2])]
    assert distribute_not(["!", ("a.b", "=", 1)]) == ["!", ("a.b", "=", 1)]
    assert distribute_not(["!", "!", ("a", "<", 1)]) == [("a", "<", 1)]
    assert distribute_not(["!", TRUE_LEAF]) == [FALSE_LEAF]
    assert distribute_not(["!", ("a", "child_of", 1)]) == ["!", ("a", "child_of", 1)]


def test_leaf_helpers():
    assert normalize_leaf(("a", "<>", 1)) == ("a", "!=", 1)
    assert normalize_leaf(("a", "=", [1, 2])) == ("a", "in", [1, 2])
    assert normalize_leaf(("a", "in", True)) == ("a", "=", True)
    assert normalize_leaf(("a", "ILIKE", "x")) == ("a", "ilike", "x")
    assert is_leaf(("a", "not any", []))
    assert not is_leaf(("a", "contains", 1))
    assert not is_leaf(("", "=", 1))


def test_is_false_detects_empty_in():
    assert is_false(None, [("id", "in", [])])
    assert is_false(None, ["&", ("a", "=", 1), ("id", "in", [])])
    assert not is_false(None, ["|", ("a", "=", 1), ("id", "in", [])])
    assert not is_false(None, [("id", "not in", [])])
    assert is_false(None, ["!", ("id", "not in", [])])


def test_osv_facade_reexports_odoo_names():
    for name in ("normalize_domain", "AND", "OR", "TRUE_DOMAIN", "FALSE_DOMAIN", "TRUE_LEAF",
                 "FALSE_LEAF", "is_leaf", "expression", "NEGATIVE_TERM_OPERATORS",
                 "TERM_OPERATORS", "DOMAIN_OPERATORS", "distribute_not"):
        assert getattr(osv_expression, name) is getattr(domains, name)


# ---------------------------------------------------------------- compiled

def test_simple_conditions_are_parameterised(env):
    code, params = where(env, "test.country", [("name", "=", "France"), ("code", "!=", "FR")])
    assert code == ('(("test_country"."name" = %s) AND '
                    '(("test_country"."code" != %s) OR "test_country"."code" IS NULL))')
    assert params == ["France", "FR"]


def test_false_comparisons(env):
    assert where(env, "test.country", [("code", "=", False)]) == (
        '(("test_country"."code" = %s) OR "test_country"."code" IS NULL)', [""])
    assert where(env, "test.partner", [("parent_id", "=", False)]) == ('"test_partner"."parent_id" IS NULL', [])
    code, params = where(env, "test.partner", [("count", "=", False)])
    assert '("test_partner"."count" = %s) OR "test_partner"."count" IS NULL' in code
    assert params[-1] == 0
    code, _ = where(env, "test.partner", [("vip", "=", False)])
    assert '("test_partner"."vip" IS NULL OR "test_partner"."vip" = FALSE)' in code


def test_in_with_false_matches_null(env):
    code, params = where(env, "test.tag", [("color", "in", [1, False])])
    assert code == '(("test_tag"."color" IN %s) OR "test_tag"."color" IS NULL)'
    assert params == [(1, 0)]
    assert where(env, "test.tag", [("color", "in", [])]) == ("FALSE", [])
    # as in Odoo: "not in []" holds for every row, NULL included
    assert where(env, "test.tag", [("color", "not in", [])]) == ('(TRUE OR "test_tag"."color" IS NULL)', [])


def test_like_operators(env):
    assert where(env, "test.tag", [("name", "ilike", "ab")]) == ('("test_tag"."name" ILIKE %s)', ["%ab%"])
    assert where(env, "test.tag", [("name", "=like", "a_")]) == ('("test_tag"."name" LIKE %s)', ["a_"])
    assert where(env, "test.tag", [("name", "not ilike", "x")]) == (
        '(("test_tag"."name" NOT ILIKE %s) OR "test_tag"."name" IS NULL)', ["%x%"])
    assert where(env, "test.tag", [("name", "like", "")]) == ("TRUE", [])
    code, _ = where(env, "test.tag", [("color", "like", "1")])
    assert '("test_tag"."color")::text LIKE' in code


def test_active_test_is_added_by_where_calc_not_by_expression(env):
    partners = env["test.partner"]
    query = partners._where_calc([("name", "=", "a")])
    assert '"test_partner"."active" = TRUE' in query.where_clause.code
    query = partners.with_context(active_test=False)._where_calc([("name", "=", "a")])
    assert "active" not in query.where_clause.code
    query = partners._where_calc([("active", "=", False)])
    assert query.where_clause.code.count("active") == 2  # only the explicit leaf


def test_many2one_path_becomes_subquery(env):
    code, params = where(env, "test.partner", [("country_id.code", "=", "FR")])
    assert code == ('("test_partner"."country_id" IN (SELECT "test_country"."id" FROM "test_country"'
                    ' WHERE ("test_country"."code" = %s)))')
    assert params == ["FR"]


def test_many2many_conditions_use_exists(env):
    code, params = where(env, "test.partner", [("tag_ids", "in", [3, 4])])
    assert code == ('EXISTS (SELECT 1 FROM "test_partner_tag_rel" AS "test_partner__tag_ids"'
                    ' WHERE "test_partner__tag_ids"."partner_id" = "test_partner"."id"'
                    ' AND "test_partner__tag_ids"."tag_id" IN %s)')
    assert params == [(3, 4)]
    code, _ = where(env, "test.partner", [("tag_ids", "=", False)])
    assert code.startswith("NOT EXISTS (SELECT 1 FROM")


def test_one2many_conditions_use_inverse_subquery(env):
    code, params = where(env, "test.partner", [("child_ids", "in", [7])])
    assert code == ('("test_partner"."id" IN (SELECT "test_partner"."parent_id" FROM "test_partner"'
                    ' WHERE "test_partner"."id" IN %s AND "test_partner"."parent_id" IS NOT NULL))')
    assert params == [(7,)]


def test_translated_field_reads_language_with_fallback(env):
    partners = env["test.partner"].with_context(lang="zh_CN")
    sql = expression([("title", "ilike", "经理")], partners).query.where_clause
    assert sql.code == '''(COALESCE("test_partner"."title"->>%s, "test_partner"."title"->>%s) ILIKE %s)'''
    assert sql.params == ["zh_CN", "en_US", "%经理%"]


def test_inherited_field_joins_parent_table(env):
    query = expression([("name", "=", "bob")], env["test.user"]).query
    sql = query.select()
    assert 'LEFT JOIN "test_partner" AS "test_user__partner_id"' in sql.code
    assert '("test_user__partner_id"."name" = %s)' in sql.code


def test_search_method_and_related_fields(env):
    code, params = where(env, "test.partner", [("is_big", "=", True)])
    assert code == '("test_partner"."credit" >= %s)'
    assert params == [1000]
    code, params = where(env, "test.partner", [("country_code", "=", "CN")])
    assert '"test_partner"."country_id" IN (SELECT "test_country"."id"' in code
    assert params == ["CN"]


def test_date_parts(env):
    code, params = where(env, "test.partner", [("birthday.month_number", "=", 3)])
    assert code == 'date_part(%s, "test_partner"."birthday") = %s'
    assert params == ["month", 3]


def test_query_values_become_subqueries(env):
    countries = env["test.country"]._search([("code", "=", "CN")])
    code, params = where(env, "test.partner", [("country_id", "in", countries)])
    assert "IN (SELECT" in code and params == ["CN"]
    assert isinstance(countries, Query)


@pytest.mark.parametrize("domain, message", [
    ([("nope", "=", 1)], "test.country.nope"),
    ([("name", "equals", 1)], "Invalid leaf"),
    ([("name", "=")], "Invalid"),
    ([("name", "in", 5)], "needs a list"),
    ([("code.name", "=", 1)], "Invalid path"),
    ([("name", "child_of", 1)], "relational"),
])
def test_invalid_domains_name_the_culprit(env, domain, message):
    with pytest.raises(ValueError, match=message) as info:
        expression(domain, env["test.country"])
    assert "test.country" in str(info.value) or "test_country" in str(info.value)


def test_compiling_needs_no_database(env):
    # env.cr is None: any attempt to execute would fail
    assert env.cr is None
    expression([("parent_id", "child_of", 3), ("tag_ids.name", "ilike", "x"),
                ("child_ids", "=", False), ("country_id", "ilike", "chi")], env["test.partner"])


def test_prettify_domain_indents_operands():
    text = domains.prettify_domain(["|", ("a", "=", 1), "!", ("b", "any", [("c", "=", 2)])])
    assert text == "['|',\n    ('a', '=', 1),\n    '!',\n        ('b', 'any', [('c', '=', 2)])]"
    assert domains.prettify_domain([("a", "=", 1)]) == "[('a', '=', 1)]"
