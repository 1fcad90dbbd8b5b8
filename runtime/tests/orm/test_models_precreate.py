"""Batches of new records inserted with their stored computed fields
(``orm/models_precreate.py``): one INSERT and no UPDATE, and compute methods
that see exactly what they saw when the fields were computed after it."""
from __future__ import annotations

import psycopg2.errors
import pytest
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.orm.models_precreate import BACKGROUND_MIN_ROWS
from tests.orm.orm_registry import QueryCounter, make_env


class PreTag(models.Model):
    _name = 'test.pre.tag'
    _description = 'Tag'
    _register = False
    name = fields.Char()


class PreItem(models.Model):
    _name = 'test.pre.item'
    _description = 'Item'
    _register = False

    name = fields.Char()
    parent_id = fields.Many2one('test.pre.item')
    child_ids = fields.One2many('test.pre.item', 'parent_id')
    tag_ids = fields.Many2many('test.pre.tag')
    label = fields.Char(compute='_compute_label', store=True)
    root_id = fields.Many2one('test.pre.item', compute='_compute_root', store=True, recursive=True)
    root_name = fields.Char(compute='_compute_root_name', store=True)
    tag_count = fields.Integer(compute='_compute_tag_count', store=True)
    same_name_count = fields.Integer(compute='_compute_same_name_count', store=True)

    @api.depends('name', 'parent_id.name')
    def _compute_label(self):
        for item in self:
            if item.name == 'explode':
                raise ValidationError("label of explode")
            item.label = f"{item.parent_id.name}/{item.name}" if item.parent_id else item.name

    @api.depends('parent_id.root_id')
    def _compute_root(self):
        for item in self:
            item.root_id = item.parent_id.root_id if item.parent_id else item

    @api.depends('root_id.name')
    def _compute_root_name(self):
        for item in self:
            item.root_name = item.root_id.name

    @api.depends('tag_ids')
    def _compute_tag_count(self):
        for item in self:
            item.tag_count = len(item.tag_ids)

    @api.depends('name')
    def _compute_same_name_count(self):
        # reads the table: it must see the rows of its own batch
        for item in self:
            item.same_name_count = self.search_count([('name', '=', item.name)]) if item.name == 'twin' else 0


class PrePart(models.Model):
    _name = 'test.pre.part'
    _description = 'Part'
    _register = False
    _sql_constraints = [('code_unique', 'UNIQUE(code)', "Codes are unique.")]

    code = fields.Char()
    label = fields.Char(compute='_compute_label', store=True)

    @api.depends('code')
    def _compute_label(self):
        for part in self:
            part.label = f"part {part.code}"


@pytest.fixture
def env(cr):
    return make_env(cr, [PreTag, PreItem, PrePart])


def _column_values(env, items, names):
    env.flush_all()
    env.cr.execute(f"SELECT {', '.join(names)} FROM test_pre_item WHERE id IN %s ORDER BY id", (tuple(items.ids),))
    return env.cr.fetchall()


def test_batch_inserted_with_its_computed_fields(env, cr):
    top = env['test.pre.item'].create({'name': 'top'})
    env.flush_all()
    with QueryCounter(cr) as qc:
        items = env['test.pre.item'].create([{'name': 'a', 'parent_id': top.id}, {'name': 'b'}])
        env.flush_all()
    assert not [query for query in qc.queries if query.startswith('UPDATE')], qc.queries
    assert [query.split(' (')[0] for query in qc.queries if query.startswith('INSERT')] == \
        ['INSERT INTO "test_pre_item"']
    a, b = items
    assert _column_values(env, items, ['label', 'root_id', 'root_name', 'tag_count']) == [
        ('top/a', top.id, 'top', 0), ('b', b.id, 'b', 0)]
    assert a.root_id == top and b.root_id == b


def test_given_x2many_are_seen_as_after_the_insert(env):
    red, blue = env['test.pre.tag'].create([{'name': 'red'}, {'name': 'blue'}])
    items = env['test.pre.item'].create([
        {'name': 'x', 'tag_ids': [Command.set([red.id, blue.id])]},
        {'name': 'y'}, {'name': 'z', 'tag_ids': [Command.link(red.id)]}])
    assert _column_values(env, items, ['tag_count', 'label']) == [(2, 'x'), (0, 'y'), (1, 'z')]


def test_table_reads_see_the_batch_as_after_the_insert(env):
    items = env['test.pre.item'].create([{'name': 'twin'}, {'name': 'twin'}, {'name': 'twin'}])
    assert _column_values(env, items, ['same_name_count', 'label']) == [(3, 'twin')] * 3
    env.invalidate_all()
    assert items.mapped('same_name_count') == [3, 3, 3]


def test_failing_compute_fails_at_the_flush_as_before(env):
    items = env['test.pre.item'].create([{'name': 'fine'}, {'name': 'explode'}])
    assert items[0].exists() and items[1].exists()
    with pytest.raises(ValidationError, match="label of explode"):
        env.flush_all()


def test_failing_insert_fails_the_create(env, cr):
    """A batch whose INSERT fails raises from create(); the savepoint restores the transaction."""
    values = [{'code': f"C{index}"} for index in range(20)]
    values[15]['code'] = "C1"
    with pytest.raises(psycopg2.errors.UniqueViolation), cr.savepoint():
        env['test.pre.part'].create(values)
    cr.execute("SELECT count(*) FROM test_pre_part")
    assert cr.fetchone() == (0,)
    assert env['test.pre.part'].create([{'code': "C1"}, {'code': "C2"}]).mapped('label') == ["part C1", "part C2"]


def test_big_batch_is_inserted_in_the_background_and_create_raises_its_error(env, cr, monkeypatch):
    sent = []
    execute_in_background = cr.execute_in_background

    def spy(query, params=None):
        sent.append(query.split(' (')[0])
        execute_in_background(query, params)

    monkeypatch.setattr(cr, 'execute_in_background', spy)
    values = [{'code': f"C{index}"} for index in range(BACKGROUND_MIN_ROWS + 20)]
    parts = env['test.pre.part'].create(values)
    assert sent == ['INSERT INTO "test_pre_part"'] and not cr.background_pending
    assert parts[-1].label == f"part C{BACKGROUND_MIN_ROWS + 19}"
    values[-1]['code'] = "C1"
    for value in values:
        value['code'] += "+"
    reached = []
    with pytest.raises(psycopg2.errors.UniqueViolation), cr.savepoint():
        env['test.pre.part'].create(values)
        reached.append("after create()")
    assert not reached, "create() itself raises the error of its INSERT"
    cr.execute("SELECT count(*) FROM test_pre_part")
    assert cr.fetchone() == (len(values),)


def test_children_and_links_of_a_big_batch_follow_its_background_insert(env, cr, monkeypatch):
    # committed, the id sequence is seen by the other connection that reserves the children's ids
    cr.commit()
    aside = []
    sequence_values_aside = cr._sequence_values_aside

    def spy(sequence, count):
        aside.append(sequence_values_aside(sequence, count))
        return aside[-1]

    monkeypatch.setattr(cr, '_sequence_values_aside', spy)
    red = env['test.pre.tag'].create({'name': 'red'})
    count = BACKGROUND_MIN_ROWS + 20
    parents = env['test.pre.item'].create([
        {'name': f"p{index}", 'tag_ids': [Command.link(red.id)],
         'child_ids': [Command.create({'name': f"c{index}"})]} for index in range(count)])
    assert len(aside) == 1 and len(aside[0]) == count, "the children's ids did not wait for the parents' INSERT"
    env.invalidate_all()
    assert parents.child_ids.mapped('label') == [f"p{index}/c{index}" for index in range(count)]
    assert parents.child_ids.root_id == parents
    assert parents.mapped('tag_count') == [1] * count
    cr.execute("SELECT count(*) FROM test_pre_item_test_pre_tag_rel")
    assert cr.fetchone() == (count,)
