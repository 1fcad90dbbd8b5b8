"""Environments: switching user, context and superuser mode, the shared
cache and its invalidation, flush of pending writes, new ids."""
from __future__ import annotations

from odoo import api, fields, models
from odoo.api import NewId
from tests.orm.orm_registry import QueryCounter, make_env


class Note(models.Model):
    _name = 'test.note'
    _description = 'Note'
    _register = False
    name = fields.Char()
    size = fields.Integer(compute='_compute_size', store=True)

    @api.depends('name')
    def _compute_size(self):
        for rec in self:
            rec.size = len(rec.name or '')


def test_switching_environments(cr):
    env = make_env(cr, [Note])
    assert env.su and env.uid == 1
    other = env(user=2)
    assert other.uid == 2 and not other.su and other.cr is cr
    assert other(su=True).su and env(context={'a': 1}).context == {'a': 1}
    assert env(context={'a': 1}) is env(context={'a': 1})  # environments are shared
    note = env['test.note'].create({'name': 'abc'})
    assert note.with_user(2).env.uid == 2 and note.with_user(2).sudo().env.su
    assert note.with_context(x=1).env.context['x'] == 1
    assert note.with_context({'y': 2}).env.context == {'y': 2}
    assert note.with_env(other).env is other


def test_cache_flush_and_invalidate(cr):
    env = make_env(cr, [Note])
    note = env['test.note'].create({'name': 'abc'})
    env.flush_all()
    note.name = 'abcdef'
    assert note.size == 6  # recomputed from the cache, before any flush
    with QueryCounter(cr) as qc:
        note.flush_recordset()
    assert qc.count == 1
    cr.execute("UPDATE test_note SET name = 'changed behind the ORM' WHERE id = %s", (note.id,))
    assert note.name == 'abcdef'
    note.invalidate_recordset(['name'])
    assert note.name == 'changed behind the ORM'
    env.invalidate_all()
    with QueryCounter(cr) as qc:
        note.name  # noqa: B018 - reading is the test
        note.size  # noqa: B018 - fetched with name
    assert qc.count == 1


def test_new_ids():
    assert NewId(5) == NewId(5) and hash(NewId(5)) == hash(NewId(5))
    assert NewId(ref='virtual_1') == NewId(ref='virtual_1')
    assert NewId() != NewId() and not NewId()
