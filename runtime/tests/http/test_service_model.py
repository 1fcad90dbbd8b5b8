"""The ``object`` service's calling conventions on a real database:
public/private methods, record vs model methods, results, retries."""
from __future__ import annotations

import psycopg2.errors
import pytest
from odoo import api
from odoo.exceptions import AccessError
from odoo.modules.registry import Registry
from odoo.service import model as model_service


@pytest.fixture
def env(base_db):
    cr = Registry(base_db).cursor()
    try:
        yield api.Environment(cr, 2, {})
    finally:
        cr.rollback()
        cr.close()


@pytest.mark.parametrize('name', ['_compute_display_name', '_read_format', 'sudo', 'with_user', 'mapped',
                                  'invalidate_model', 'init', 'ensure_one'])
def test_private_methods_are_refused(env, name):
    with pytest.raises(AccessError, match=f"Private methods \\(such as 'res.partner.{name}'\\)"):
        model_service.get_public_method(env['res.partner'], name)


def test_api_private_tag_is_honoured_along_the_hierarchy(env):
    partner_class = type(env['res.partner'])

    def public_looking(self):
        return 'secret'
    public_looking._api_private = True
    ancestor = partner_class.__mro__[1]
    ancestor.public_looking = public_looking
    try:
        with pytest.raises(AccessError):
            model_service.get_public_method(env['res.partner'], 'public_looking')
    finally:
        del ancestor.public_looking


def test_unknown_and_non_callable_names(env):
    with pytest.raises(AttributeError, match="res.partner.no_such_method"):
        model_service.get_public_method(env['res.partner'], 'no_such_method')
    with pytest.raises(AttributeError, match="res.partner.name"):
        model_service.get_public_method(env['res.partner'], 'name')


def test_public_methods_are_returned(env):
    assert model_service.get_public_method(env['res.partner'], 'search_read')


def test_call_kw_model_and_record_methods(env):
    partners = env['res.partner']
    created = model_service.call_kw(partners, 'create', [{'name': '调用客户'}], {})
    assert isinstance(created, int)
    several = model_service.call_kw(partners, 'create', [[{'name': 'A 客户'}, {'name': 'B 客户'}]], {})
    assert isinstance(several, list) and len(several) == 2
    # @api.model: the first argument is the domain, not ids
    assert model_service.call_kw(partners, 'search', [[('id', '=', created)]], {}) == [created]
    # record method: the first argument is the ids
    rows = model_service.call_kw(partners, 'read', [[created], ['name']], {})
    assert rows == [{'id': created, 'name': '调用客户'}]
    assert model_service.call_kw(partners, 'write', [[created], {'city': '上海'}], {}) is True
    # recordsets come back as ids
    assert model_service.call_kw(partners, 'exists', [[created, 999_999_999]], {}) == [created]


def test_call_kw_applies_the_context(env):
    seen = model_service.call_kw(env['res.users'], 'context_get', [], {'context': {'lang': 'zh_CN'}})
    assert isinstance(seen, dict)
    rows = model_service.call_kw(env['res.partner'], 'search_read', [[('id', '=', 1)]],
                                 {'fields': ['name'], 'context': {'active_test': False}})
    assert rows and rows[0]['id'] == 1


def test_record_method_without_ids_is_a_clear_error(env):
    with pytest.raises(TypeError, match="res.partner.read\\(\\) acts on records"):
        model_service.call_kw(env['res.partner'], 'read', [], {})


def test_retrying_retries_serialization_failures(http_db, monkeypatch):
    monkeypatch.setattr(model_service.time, 'sleep', lambda _seconds: None)
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) < 3:
            raise psycopg2.errors.SerializationFailure("could not serialize access")
        return 'done'

    with Registry(http_db).cursor() as cr:
        assert model_service.retrying(flaky, api.Environment(cr, 1, {})) == 'done'
    assert len(attempts) == 3


def test_retrying_gives_up_and_rolls_back(http_db, monkeypatch):
    monkeypatch.setattr(model_service.time, 'sleep', lambda _seconds: None)
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 1, {})

        def always_conflicting():
            env['res.partner'].create({'name': '不应保存'})
            raise psycopg2.errors.SerializationFailure("could not serialize access")

        with pytest.raises(psycopg2.errors.SerializationFailure):
            model_service.retrying(always_conflicting, env)
        assert not env['res.partner'].search([('name', '=', '不应保存')])


def test_integrity_errors_become_validation_errors(http_db):
    from odoo.exceptions import ValidationError
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 1, {})

        def violate():
            env.cr.execute("UPDATE res_users SET login = NULL WHERE id = 2")

        with pytest.raises(ValidationError, match="'login' of res.users is required"):
            model_service.retrying(violate, env)
