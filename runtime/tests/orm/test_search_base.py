"""Searching the models of ``base``: record rules of a real user, delegated
user fields, partner trees, translated fields and grouping, on the session's
database with ``base`` installed (every test rolls back)."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image


@pytest.fixture
def env(base_env):
    return base_env


def _png() -> bytes:
    # users get an image of their own, so that none is generated for them
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue())


@pytest.fixture
def companies(env):
    main = env.ref("base.main_company")
    other = env["res.company"].create({"name": "Other Co"})
    return main, other


def test_record_rules_restrict_a_real_user(env, companies):
    main, other = companies
    Partner = env["res.partner"]
    # the user works for the company created here (its tree path is the ORM's own)
    mine = Partner.create({"name": "Mine Ltd", "company_id": other.id})
    theirs = Partner.create({"name": "Theirs Ltd", "company_id": main.id})
    shared = Partner.create({"name": "Shared Ltd", "company_id": False})
    user = env["res.users"].create({
        "name": "Clerk", "login": "clerk_e", "company_id": other.id, "company_ids": [(6, 0, [other.id])],
        "groups_id": [(6, 0, [env.ref("base.group_user").id])], "image_1920": _png(),
    })
    as_user = Partner.with_user(user)
    found = as_user.search([("name", "like", " Ltd")])
    assert mine in found and shared in found and theirs not in found
    assert as_user.search_count([("id", "=", theirs.id)]) == 0
    # the superuser sees everything
    assert Partner.search_count([("name", "like", " Ltd")]) == 3


def test_users_search_through_delegated_partner(env, companies):
    user = env["res.users"].create({"name": "Zhang San", "login": "zhangsan_e", "email": "zs@example.com",
                                     "image_1920": _png()})
    Users = env["res.users"]
    assert Users.search([("name", "=", "Zhang San")]) == user
    assert Users.search([("email", "ilike", "zs@")]) == user
    assert Users.search([("partner_id.email", "=", "zs@example.com")]) == user
    assert user in Users.search([("login", "=", "zhangsan_e")], order="name")


def test_partner_hierarchy(env):
    Partner = env["res.partner"]
    company = Partner.create({"name": "Tianchi Co", "is_company": True})
    contact = Partner.create({"name": "Li Si", "parent_id": company.id})
    assert Partner.search([("id", "child_of", company.id)]) == company | contact
    assert Partner.search([("id", "parent_of", contact.id)]) == company | contact
    assert Partner.search([("parent_id", "=", company.id)]) == contact
    assert contact in Partner.search([("parent_id.is_company", "=", True)])


def test_translated_country_names(env):
    Country = env["res.country"]
    china = env.ref("base.cn")
    assert Country.search([("name", "=", "China")]) == china
    assert Country.search([("code", "=", "CN")]) == china
    assert china in Country.search([("name", "ilike", "chin")])


def test_read_group_on_partners(env):
    Partner = env["res.partner"]
    Partner.create([{"name": "P1", "is_company": True}, {"name": "P2", "is_company": True},
                    {"name": "P3", "is_company": False}])
    groups = Partner.read_group([("name", "in", ["P1", "P2", "P3"])], ["name"], ["is_company"])
    assert {group["is_company"]: group["is_company_count"] for group in groups} == {True: 2, False: 1}


def test_binary_fields_stored_as_attachments(env):
    Partner = env["res.partner"]
    pictured = Partner.create({"name": "With Picture", "image_1920": _png()})
    plain = Partner.create({"name": "Without Picture"})
    both = pictured | plain
    assert Partner.search([("id", "in", both.ids), ("image_1920", "!=", False)]) == pictured
    assert Partner.search([("id", "in", both.ids), ("image_1920", "=", False)]) == plain


def test_company_rules_for_a_user_of_the_main_company(env, companies):
    main, other = companies
    Partner = env["res.partner"]
    ours = Partner.create({"name": "Ours Ltd", "company_id": main.id})
    foreign = Partner.create({"name": "Foreign Ltd", "company_id": other.id})
    user = env["res.users"].create({
        "name": "Main Clerk", "login": "main_clerk_e", "company_id": main.id,
        "company_ids": [(6, 0, [main.id])], "groups_id": [(6, 0, [env.ref("base.group_user").id])],
        "image_1920": _png(),
    })
    found = Partner.with_user(user).search([("name", "in", ["Ours Ltd", "Foreign Ltd"])])
    assert found == ours and foreign not in found
    assert env["res.company"].search([("id", "child_of", main.id)]) >= main
