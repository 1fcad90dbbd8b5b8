"""Field types: conversions, storage in columns, relational commands, related
fields with inverse, binaries and JSON, on test models only."""
from __future__ import annotations

import base64
from datetime import date, datetime

import pytest
from odoo import Command, fields, models
from tests.orm.orm_registry import QueryCounter, make_env


class Currency(models.Model):
    _name = 'test.currency'
    _description = 'Currency'
    _register = False
    name = fields.Char()

    def round(self, amount):
        return round(amount, 2)


class Thing(models.Model):
    _name = 'test.thing'
    _description = 'Thing'
    _register = False
    name = fields.Char(size=8)
    note = fields.Text()
    body = fields.Html()
    count = fields.Integer()
    ratio = fields.Float(digits=(16, 2))
    raw = fields.Float()
    flag = fields.Boolean()
    day = fields.Date()
    moment = fields.Datetime()
    state = fields.Selection([('a', 'A'), ('b', 'B')], default='a')
    data = fields.Json()
    blob = fields.Binary(attachment=False)
    currency_id = fields.Many2one('test.currency')
    amount = fields.Monetary()
    ref = fields.Reference([('test.currency', 'Currency')])
    currency_name = fields.Char(related='currency_id.name', readonly=False)
    friend_ids = fields.Many2many('test.currency', 'test_thing_friend_rel', 'thing_id', 'currency_id')
    stored_name_a = fields.Char(related='currency_id.name', store=True)
    stored_name_b = fields.Char(related='currency_id.name', store=True)


class ThingExt(models.Model):
    _inherit = 'test.thing'
    _register = False
    state = fields.Selection(selection_add=[('c', 'C')])


@pytest.fixture
def env(cr):
    return make_env(cr, [Currency, Thing, ThingExt])


def test_values_roundtrip(env):
    eur = env['test.currency'].create({'name': 'EUR'})
    thing = env['test.thing'].create({
        'name': 'abcdefghijk', 'note': 'n', 'body': '<p>x</p>', 'count': '7', 'ratio': 1.005, 'raw': 0.1,
        'flag': 1, 'day': '2024-02-29', 'moment': '2024-02-29 10:11:12', 'state': 'c', 'data': {'k': [1, 2]},
        'blob': base64.b64encode(b'hello'), 'currency_id': eur.id, 'amount': 3.5,
        'ref': f'test.currency,{eur.id}'})
    assert thing.ratio == 1.01  # the cache holds what the column got
    env.flush_all()
    env.invalidate_all()
    assert thing.name == 'abcdefgh'
    assert thing.count == 7 and thing.ratio == 1.01 and thing.raw == 0.1 and thing.flag is True
    assert thing.day == date(2024, 2, 29) and thing.moment == datetime(2024, 2, 29, 10, 11, 12)
    assert thing.state == 'c' and thing.data == {'k': [1, 2]} and thing.amount == 3.5
    assert base64.b64decode(thing.blob) == b'hello'
    assert thing.ref == eur and thing.currency_name == 'EUR' and str(thing.body) == '<p>x</p>'
    thing.body = '<p onclick="steal()">hi<script>alert(1)</script></p>'
    assert 'script' not in thing.body and 'onclick' not in thing.body and 'hi' in thing.body
    data = thing.read(['day', 'moment', 'currency_id', 'state'])[0]
    assert data['day'] == '2024-02-29' and data['moment'] == '2024-02-29 10:11:12'
    assert data['currency_id'] == (eur.id, 'EUR')
    priced = env['test.thing'].create({'amount': 3.456, 'currency_id': eur.id})
    env.flush_all()
    env.cr.execute("SELECT amount FROM test_thing WHERE id = %s", (priced.id,))
    assert float(env.cr.fetchone()[0]) == 3.46  # rounded by the currency given along
    empty = env['test.thing'].create({})
    assert empty.name is False and empty.count == 0 and empty.day is False and empty.currency_id.id is False
    assert empty.state == 'a'
    assert env['test.thing']._fields['state'].get_values(env) == ['a', 'b', 'c']


def test_wrong_values_name_the_field(env):
    Thing = env['test.thing']
    for vals, culprit in [({'count': 'x'}, 'count'), ({'day': 'not a date'}, 'day'),
                          ({'state': 'z'}, 'state'), ({'currency_id': 'EUR'}, 'currency_id'),
                          ({'ratio': 'much'}, 'ratio')]:
        with pytest.raises(ValueError, match=f"test.thing.{culprit}"):
            Thing.create(vals)


def test_related_inverse_and_x2many_commands(env):
    eur, usd, cny = env['test.currency'].create([{'name': 'EUR'}, {'name': 'USD'}, {'name': 'CNY'}])
    thing = env['test.thing'].create({'currency_id': eur.id, 'friend_ids': [Command.set([eur.id, usd.id])]})
    thing.currency_name = 'Euro'
    assert eur.name == 'Euro'
    # each related field is computed by its own method, even with the same target
    env.flush_all()
    env.cr.execute("SELECT stored_name_a, stored_name_b FROM test_thing WHERE id = %s", (thing.id,))
    assert env.cr.fetchone() == ('Euro', 'Euro')
    thing.write({'friend_ids': [Command.unlink(eur.id), Command.link(cny.id)]})
    assert thing.friend_ids == usd | cny
    thing.write({'friend_ids': [Command.create({'name': 'JPY'})]})
    assert sorted(thing.friend_ids.mapped('name')) == ['CNY', 'JPY', 'USD']
    thing.write({'friend_ids': [Command.clear()]})
    assert not thing.friend_ids
    thing.friend_ids = usd
    env.invalidate_all()
    assert thing.friend_ids == usd


def test_single_create_is_one_query(env, cr):
    Thing = env['test.thing']
    Thing.create({'name': 'warm-up'})
    with QueryCounter(cr) as qc:
        Thing.create({'name': 'x', 'count': 1})
    assert qc.count == 1, qc.queries
    thing = Thing.create({'name': 'y'})
    env.flush_all()
    with QueryCounter(cr) as qc:
        thing.write({'count': 2, 'name': 'z'})
        env.flush_all()
    assert qc.count == 1, qc.queries


def test_new_record_and_origin(env):
    eur = env['test.currency'].create({'name': 'EUR'})
    thing = env['test.thing'].create({'name': 'orig', 'currency_id': eur.id})
    draft = env['test.thing'].new({'count': 5}, origin=thing)
    assert draft._origin == thing and draft.name == 'orig' and draft.count == 5
    assert draft.currency_name == 'EUR'
    assert not draft.id and draft.id.origin == thing.id


def test_write_on_deleted_record(env):
    from odoo.exceptions import MissingError
    thing = env['test.thing'].create({'name': 'gone'})
    env.flush_all()
    env.cr.execute("DELETE FROM test_thing WHERE id = %s", (thing.id,))
    thing.write({'count': 3})
    with pytest.raises(MissingError, match="test.thing"):
        env.flush_all()


class Grade(models.Model):
    _name = 'test.grade'
    _description = 'Grade with a selection given by a method'
    _register = False
    level = fields.Selection(selection='_get_level_selection')

    def _get_level_selection(self):
        return [('low', 'Low'), ('high', 'High')]


class Pupil(models.Model):
    _name = 'test.pupil'
    _description = 'Pupil reading its grade through a related selection'
    _register = False
    grade_id = fields.Many2one('test.grade')
    level = fields.Selection(related='grade_id.level')


def test_related_selection_uses_the_targets_method(cr):
    env = make_env(cr, [Grade, Pupil])
    description = env['test.pupil'].fields_get(['level'])['level']
    assert description['selection'] == [('low', 'Low'), ('high', 'High')]
    pupil = env['test.pupil'].create({'grade_id': env['test.grade'].create({'level': 'high'}).id})
    assert pupil.level == 'high'
