"""The shortcuts of record and field access (``Field.__get__``, assignment,
iteration, ``filtered``, ``sudo``, column conversions) keep the general
semantics: stale stored values are recomputed, empty and multi-record sets
give their values or errors, prefetching works by batches, environments are
shared, archived lines stay hidden."""
from __future__ import annotations

import datetime

import pytest
from odoo import api, fields, models
from odoo.orm.models import PREFETCH_MAX
from tests.orm.orm_registry import QueryCounter, make_env


class Tag(models.Model):
    _name = 'test.hot.tag'
    _description = 'Tag'
    _register = False
    name = fields.Char(size=5)
    active = fields.Boolean(default=True)
    item_id = fields.Many2one('test.hot.item')


class Item(models.Model):
    _name = 'test.hot.item'
    _description = 'Item'
    _register = False
    name = fields.Char()
    kind = fields.Selection([('a', 'A'), ('b', 'B')])
    parent_id = fields.Many2one('test.hot.item')
    size = fields.Integer(compute='_compute_size', store=True)
    tag_ids = fields.One2many('test.hot.tag', 'item_id')

    @api.depends('name')
    def _compute_size(self):
        for item in self:
            item.size = len(item.name or '')


class Kinds(models.Model):
    _name = 'test.hot.kinds'
    _description = 'Values of several types'
    _register = False
    name = fields.Char()
    code = fields.Char(size=3)
    note = fields.Text()
    count = fields.Integer()
    flag = fields.Boolean()
    day = fields.Date()
    amount = fields.Float(digits=(16, 2))
    item_id = fields.Many2one('test.hot.item')


@pytest.fixture
def env(cr):
    return make_env(cr, [Tag, Item, Kinds])


def test_stale_stored_value_is_recomputed_on_read(env):
    item = env['test.hot.item'].create({'name': 'abc'})
    field = item._fields['size']
    assert item.size == 3
    # a cached value waiting for its recomputation is not served
    env.cache._data[field][item.id] = 99
    env.add_to_compute(field, item)
    assert item.size == 3
    assert not env.is_to_compute(field, item)


def test_values_of_empty_and_several_records(env):
    parent = env['test.hot.item'].create({'name': 'p'})
    items = env['test.hot.item'].create([{'name': 'x', 'parent_id': parent.id},
                                         {'name': 'y', 'parent_id': parent.id}])
    empty = env['test.hot.item']
    assert empty.name is False and empty.size == 0 and empty.id is False
    assert empty.parent_id._name == 'test.hot.item' and not empty.parent_id
    # a relational field gives the union of the values of the records
    assert items.parent_id == parent
    with pytest.raises(ValueError, match='Expected singleton'):
        items.name  # noqa: B018
    with pytest.raises(ValueError, match='Expected singleton'):
        items.id  # noqa: B018


def test_many2one_values_prefetch_together(env, cr):
    parents = env['test.hot.item'].create([{'name': f'p{i}'} for i in range(3)])
    children = env['test.hot.item'].create([{'name': f'c{i}', 'parent_id': parent.id}
                                            for i, parent in enumerate(parents)])
    env.invalidate_all()
    children = env['test.hot.item'].browse(children.ids)
    with QueryCounter(cr) as counter:
        names = [child.parent_id.name for child in children]
    assert names == ['p0', 'p1', 'p2']
    # the children's row in one query, then their parents' rows in one query
    assert counter.count == 2, counter.queries


def test_iteration_prefetches_by_batches(env):
    ids = tuple(range(1, PREFETCH_MAX + 3))
    records = env['test.hot.item'].browse(ids)
    batches = {record._prefetch_ids for record in records}
    assert sorted(len(batch) for batch in batches) == [2, PREFETCH_MAX]
    # a part of a recordset prefetches with the whole of it
    assert all(record._prefetch_ids is ids for record in records[:3])


def test_filtered_by_field_name(env):
    items = env['test.hot.item'].create([{'name': 'x', 'kind': 'a'}, {'name': 'y'}])
    kept = items.filtered('kind')
    assert kept == items[0] and kept._prefetch_ids is items._prefetch_ids
    assert not env['test.hot.item'].filtered('no_such_field')
    with pytest.raises(KeyError):
        items.filtered('no_such_field')


def test_sudo_environments_are_shared(env):
    user_env = env(user=2)
    item = env['test.hot.item'].create({'name': 'x'}).with_env(user_env)
    assert not item.env.su
    assert item.sudo().env.su and item.sudo().env is user_env(su=True)
    assert item.sudo().sudo(False).env is user_env
    assert item.sudo(False) is item
    with pytest.raises(ValueError):
        item.sudo(1)


def test_assignments_and_column_conversions(env):
    tag = env['test.hot.tag'].create({'name': 'abcdefgh'})
    assert tag.name == 'abcde'  # the size of a char applies when created...
    tag.name = 'xyz123456'
    assert tag.name == 'xyz12'  # ...and written
    env.flush_all()
    env.invalidate_all()
    assert tag.name == 'xyz12'
    item = env['test.hot.item'].create({'name': 'i'})
    many2one, char = tag._fields['item_id'], tag._fields['name']
    assert many2one.convert_to_column(item.id, tag) == item.id
    assert many2one.convert_to_column(item, tag) == item.id
    assert many2one.convert_to_column(0, tag) is None
    assert many2one.convert_to_column(False, tag) is None
    with pytest.raises(ValueError):
        many2one.convert_to_column(True, tag)
    assert char.convert_to_column(b'abcdefg', tag) == 'abcde'
    assert char.convert_to_column_insert('abcdefg', tag) == 'abcde'
    assert item._fields['kind'].convert_to_column(False, item) is None
    with pytest.raises(ValueError):
        item._fields['kind'].convert_to_column('z', item)


def test_values_create_takes_as_they_are(env):
    """create() skips the conversion of the values a field keeps unchanged;
    the others (cut, rounded, emptied) are still converted."""
    item = env['test.hot.item'].create({'name': 'i'})
    Kinds = env['test.hot.kinds']
    samples = {'name': 'abc', 'note': 'n', 'count': 7, 'flag': True, 'day': datetime.date(2026, 1, 2),
               'item_id': item.id}
    for name, value in samples.items():
        field = Kinds._fields[name]
        assert isinstance(value, field._cache_passthrough) and isinstance(value, field._column_passthrough)
        assert field.convert_to_cache(value, Kinds) == value
        assert field.convert_to_column_insert(value, Kinds) == value
    assert Kinds._fields['code']._cache_passthrough is None  # a size cuts
    assert Kinds._fields['amount']._cache_passthrough is None  # digits round
    records = Kinds.create([dict(samples, code='abcdef', amount=1.004),
                            dict(samples, code='xy', count=0, flag=False, item_id=0, amount=2.0)])
    values = ['code', 'count', 'flag', 'item_id', 'day', 'amount']
    cached = [[record[name] for name in values] for record in records]
    assert cached == [['abc', 7, True, item, datetime.date(2026, 1, 2), 1.0],
                      ['xy', 0, False, env['test.hot.item'], datetime.date(2026, 1, 2), 2.0]]
    env.invalidate_all()
    assert [[record[name] for name in values] for record in records] == cached


def test_one2many_hides_archived_lines(env):
    item = env['test.hot.item'].create({'name': 'i'})
    tags = env['test.hot.tag'].create([{'name': 'a', 'item_id': item.id},
                                       {'name': 'b', 'item_id': item.id, 'active': False}])
    assert item.tag_ids == tags[0]
    assert item.with_context(active_test=False).tag_ids == tags
    assert not env['test.hot.item'].create({'name': 'j'}).tag_ids
