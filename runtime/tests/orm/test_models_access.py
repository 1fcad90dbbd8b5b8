"""Access checks of recordsets: model rights through ``ir.model.access``,
record rules through ``ir.rule``, superuser bypass; with stand-in models
playing the part of ``base``."""
from __future__ import annotations

import pytest
from odoo import api, fields, models
from odoo.exceptions import AccessError
from tests.orm.orm_registry import make_env

RIGHTS = {('test.doc', 'read'), ('test.doc', 'write'), ('test.doc', 'create')}


class Access(models.AbstractModel):
    _name = 'ir.model.access'
    _description = 'Stand-in for the access rights of base'
    _register = False

    @api.model
    def check(self, model, mode='read', raise_exception=True):
        allowed = (model, mode) in RIGHTS
        if not allowed and raise_exception:
            raise self._make_access_error(model, mode)
        return allowed

    @api.model
    def _make_access_error(self, model, mode):
        return AccessError(f"No {mode} access on {model} for user {self.env.uid}")


class Rule(models.AbstractModel):
    _name = 'ir.rule'
    _description = 'Stand-in for the record rules of base'
    _register = False

    @api.model
    def _compute_domain(self, model_name, mode='read'):
        return [('public', '=', True)] if model_name == 'test.doc' else None

    @api.model
    def _make_access_error(self, operation, records):
        return AccessError(f"Rule forbids {operation} on {records}")


class Doc(models.Model):
    _name = 'test.doc'
    _description = 'Document'
    _register = False
    name = fields.Char()
    public = fields.Boolean(default=True)


@pytest.fixture
def env(cr):
    return make_env(cr, [Access, Rule, Doc])


def test_rights_and_rules(env):
    user_env = env(user=2)
    assert not user_env.su
    docs = env['test.doc'].create([{'name': 'open'}, {'name': 'secret', 'public': False}])
    open_doc, secret = docs
    env.flush_all()
    Docs = user_env['test.doc']
    created = Docs.create({'name': 'mine'})
    assert created.name == 'mine'
    with pytest.raises(AccessError, match="Rule forbids create"):
        Docs.create({'name': 'hidden', 'public': False})
    assert open_doc.with_env(user_env).name == 'open'
    with pytest.raises(AccessError, match="Rule forbids read"):
        secret.with_env(user_env).invalidate_recordset()
        secret.with_env(user_env).name  # noqa: B018 - reading is the test
    assert docs.with_env(user_env)._filtered_access('read') == open_doc
    assert not secret.with_env(user_env).has_access('write')
    with pytest.raises(AccessError, match="No unlink access on test.doc for user 2"):
        open_doc.with_env(user_env).unlink()
    assert open_doc.with_env(user_env).sudo().unlink()
