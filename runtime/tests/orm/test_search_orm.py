"""Searching through the real ORM: models built by the registry (no addon),
records created with ``create``, searched with domains, orders, groups and
``filtered_domain`` on a fresh PostgreSQL database."""

from __future__ import annotations

import os
from datetime import date

import pytest
from odoo import SUPERUSER_ID, api, fields, models, sql_db
from odoo.orm.registry import Registry
from odoo.service import db as db_service


class Country(models.Model):
    _name = "e.country"
    _description = "Country"
    _order = "name"
    _rec_names_search = ["name", "code", "number"]

    name = fields.Char(required=True)
    code = fields.Char()
    number = fields.Integer()


class Tag(models.Model):
    _name = "e.tag"
    _description = "Tag"

    name = fields.Char()


class Partner(models.Model):
    _name = "e.partner"
    _description = "Partner"
    _order = "name"
    _parent_store = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one("e.partner", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("e.partner", "parent_id")
    country_id = fields.Many2one("e.country")
    country_code = fields.Char(related="country_id.code")
    tag_ids = fields.Many2many("e.tag")
    amount = fields.Float()
    birthday = fields.Date()
    big = fields.Boolean(compute="_compute_big", search="_search_big")

    @api.depends("amount")
    def _compute_big(self):
        for partner in self:
            partner.big = partner.amount >= 1000

    def _search_big(self, operator, value):
        wanted = (operator == "=") == bool(value)
        return [("amount", ">=" if wanted else "<", 1000)]


class User(models.Model):
    _name = "e.user"
    _description = "User"
    _inherits = {"e.partner": "partner_id"}

    partner_id = fields.Many2one("e.partner", required=True, ondelete="cascade")
    login = fields.Char()


@pytest.fixture(scope="module")
def registry(pg_server):
    """One database and registry for the module (building them takes a while)."""
    name = f"search_orm_{os.getpid()}"
    db_service._create_empty_database(name)
    registry = Registry.new_empty(name)
    try:
        with registry.cursor() as cr:
            names = registry.load_classes(cr, [Country, Tag, Partner, User])
            registry.setup_models(cr)
            registry.init_models(cr, names, {})
        yield registry
    finally:
        Registry.delete(name)
        sql_db.close_db(name)
        db_service.exp_drop(name)


@pytest.fixture
def env(registry):
    cr = registry.cursor()
    try:
        yield api.Environment(cr, SUPERUSER_ID, {})
    finally:
        cr.clear()
        cr.rollback()
        cr.close()


@pytest.fixture
def data(env):
    cn = env["e.country"].create({"name": "China", "code": "CN"})
    fr = env["e.country"].create({"name": "France", "code": "FR"})
    red, blue = env["e.tag"].create([{"name": "red"}, {"name": "blue"}])
    acme = env["e.partner"].create({"name": "acme", "country_id": cn.id, "amount": 5000,
                                    "tag_ids": [(6, 0, [red.id, blue.id])], "birthday": date(1990, 3, 1)})
    alice = env["e.partner"].create({"name": "alice", "parent_id": acme.id, "country_id": fr.id,
                                     "amount": 10, "tag_ids": [(6, 0, [blue.id])]})
    bob = env["e.partner"].create({"name": "bob", "parent_id": alice.id, "amount": -5})
    zed = env["e.partner"].create({"name": "zed", "active": False})
    user = env["e.user"].create({"name": "carol", "login": "carol@x", "country_id": fr.id})
    return {"cn": cn, "fr": fr, "red": red, "blue": blue, "acme": acme, "alice": alice, "bob": bob,
            "zed": zed, "user": user}


def names(records) -> list[str]:
    return sorted(records.mapped("name"))


@pytest.mark.parametrize("domain, expected", [
    ([("name", "=", "acme")], ["acme"]),
    ([("amount", ">", 0)], ["acme", "alice"]),
    ([("parent_id", "=", False)], ["acme", "carol"]),
    ([("country_id.code", "=", "FR")], ["alice", "carol"]),
    ([("country_code", "=", "CN")], ["acme"]),
    ([("tag_ids.name", "=", "blue")], ["acme", "alice"]),
    ([("tag_ids", "=", False)], ["bob", "carol"]),
    ([("child_ids", "!=", False)], ["acme", "alice"]),
    ([("child_ids.name", "=", "bob")], ["alice"]),
    ([("big", "=", True)], ["acme"]),
    ([("birthday", "<", "2000-01-01")], ["acme"]),
    (["|", ("name", "=like", "b%"), ("country_id", "=", "China")], ["acme", "bob"]),
    ([("name", "not ilike", "a")], ["bob"]),
    ([("display_name", "ilike", "ALI")], ["alice"]),
    ([("country_id", "ilike", "fra")], ["alice", "carol"]),
    ([("parent_id", "child_of", "acme")], ["acme", "alice", "bob"]),
])
def test_search_domains(env, data, domain, expected):
    assert names(env["e.partner"].search(domain)) == expected


def test_trees_through_parent_path(env, data):
    partners = env["e.partner"]
    assert names(partners.search([("id", "child_of", data["alice"].id)])) == ["alice", "bob"]
    assert names(partners.search([("id", "parent_of", data["bob"].id)])) == ["acme", "alice", "bob"]


def test_archived_records(env, data):
    partners = env["e.partner"]
    assert "zed" not in names(partners.search([]))
    assert names(partners.with_context(active_test=False).search([("name", "=", "zed")])) == ["zed"]
    assert partners.search_count([]) == 4


def test_delegated_fields(env, data):
    users = env["e.user"]
    assert users.search([("name", "=", "carol")]) == data["user"]
    assert users.search([("country_id.code", "=", "FR")]) == data["user"]
    assert not users.search([("name", "=", "acme")])


def test_order_and_paging(env, data):
    partners = env["e.partner"]
    assert partners.search([], order="amount desc nulls last").mapped("name") == ["acme", "alice", "bob", "carol"]
    assert partners.search([], order="amount desc").mapped("name") == ["carol", "acme", "alice", "bob"]
    assert partners.search([], order="country_id, name").mapped("name") == ["acme", "alice", "carol", "bob"]
    assert partners.search([], limit=2, offset=1).mapped("name") == ["alice", "bob"]


def test_search_sees_pending_writes(env, data):
    data["bob"].amount = 9999  # not flushed yet
    assert names(env["e.partner"].search([("amount", ">", 5000)])) == ["bob"]
    data["bob"].name = "robert"
    assert env["e.partner"].search([("name", "=", "robert")]) == data["bob"]


def test_read_group(env, data):
    groups = env["e.partner"].read_group([], ["amount"], ["country_id"])
    result = {group["country_id"] and group["country_id"][1]: (group["country_id_count"], group["amount"])
              for group in groups}
    assert result == {"China": (1, 5000.0), "France": (2, 10.0), False: (1, -5.0)}
    rows = env["e.partner"]._read_group([], ["tag_ids"], ["__count"])
    assert {tag.name if tag else False: count for tag, count in rows} == {"red": 1, "blue": 2, False: 2}


def test_filtered_domain(env, data):
    everyone = env["e.partner"].search([])
    assert names(everyone.filtered_domain([("country_id.code", "=", "FR")])) == ["alice", "carol"]
    assert names(everyone.filtered_domain(["|", ("amount", "<", 0), ("tag_ids.name", "=", "red")])) == [
        "acme", "bob"]


def test_invalid_domain_is_a_clear_error(env, data):
    with pytest.raises(ValueError, match=r"e\.partner\.colour"):
        env["e.partner"].search([("colour", "=", "red")])


def test_read_group_aggregates_delegated_fields(env, data):
    env["e.user"].create({"name": "dave", "login": "dave@x", "amount": 30})
    [group] = env["e.user"].read_group([], ["amount"], [])
    assert group["__count"] == 2 and group["amount"] == 30.0


def test_display_name_search_over_several_fields(env, data):
    data["fr"].number = 33
    Country = env["e.country"]
    assert Country.search([("display_name", "=", "France")]) == data["fr"]  # text not compared to number
    assert Country.search([("display_name", "=", "33")]) == data["fr"]
    assert Country.search([("display_name", "ilike", "cn")]) == data["cn"]
    assert Country.search([("display_name", "not ilike", "an")]) == data["cn"]  # every field must differ

