"""Fields ``Properties`` and ``PropertiesDefinition``: definitions validated on
the container, values stored per child, read merged with their definition."""
from __future__ import annotations

import pytest
from odoo import fields, models
from tests.orm.orm_registry import make_env


class Partner(models.Model):
    _name = 'test.prop.partner'
    _description = 'Partner'
    _register = False
    name = fields.Char()


class Container(models.Model):
    _name = 'test.prop.container'
    _description = 'Container'
    _register = False
    name = fields.Char()
    item_definition = fields.PropertiesDefinition('Item Properties')


class Item(models.Model):
    _name = 'test.prop.item'
    _description = 'Item'
    _register = False
    name = fields.Char()
    container_id = fields.Many2one('test.prop.container')
    props = fields.Properties('Properties', definition='container_id.item_definition')


class Variant(models.Model):
    _name = 'test.prop.variant'
    _description = 'Variant'
    _register = False
    _inherits = {'test.prop.item': 'item_id'}
    item_id = fields.Many2one('test.prop.item', required=True, ondelete='cascade')


DEFINITION = [
    {'name': 'color', 'string': 'Color', 'type': 'char', 'default': 'blue'},
    {'name': 'size', 'string': 'Size', 'type': 'integer'},
    {'name': 'kind', 'string': 'Kind', 'type': 'selection', 'selection': [['a', 'A'], ['b', 'B']]},
    {'name': 'partner', 'string': 'Partner', 'type': 'many2one', 'comodel': 'test.prop.partner'},
    {'name': 'partners', 'string': 'Partners', 'type': 'many2many', 'comodel': 'test.prop.partner'},
]


@pytest.fixture
def env(cr):
    return make_env(cr, [Partner, Container, Item, Variant])


def _by_name(read_value: list) -> dict:
    return {prop['name']: prop for prop in read_value}


def test_definition_stored_as_jsonb(env):
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION})
    env.flush_all()
    env.cr.execute("SELECT pg_typeof(item_definition)::text, item_definition FROM test_prop_container WHERE id = %s",
                   [box.id])
    kind, stored = env.cr.fetchone()
    assert kind == 'jsonb'
    assert [prop['name'] for prop in stored] == ['color', 'size', 'kind', 'partner', 'partners']
    box.invalidate_recordset()
    assert box.item_definition[2]['selection'] == [['a', 'A'], ['b', 'B']]


@pytest.mark.parametrize('bad, message', [
    ([{'name': 'x', 'type': 'colour'}], 'Wrong property type'),
    ([{'name': 'x', 'type': 'char', 'widget': 1}], 'not allowed'),
    ([{'string': 'x', 'type': 'char'}], 'missing'),
    ([{'name': 'X Y', 'type': 'char'}], 'Wrong property name'),
    ([{'name': 'x', 'type': 'char'}, {'name': 'x', 'type': 'integer'}], 'duplicated'),
    ([{'name': 'x', 'type': 'many2one', 'comodel': 'no.such.model'}], 'Invalid model'),
    ([{'name': 'x', 'type': 'selection', 'selection': [['a', 'A'], ['a', 'B']]}], 'Duplicated options'),
    ([{'name': 'x', 'type': 'tags', 'tags': [['a', 'A']]}], 'Wrong tags'),
])
def test_definition_validated_on_write(env, bad, message):
    box = env['test.prop.container'].create({'name': 'Box'})
    with pytest.raises(ValueError, match=message):
        box.write({'item_definition': bad})
        env.flush_all()


def test_values_stored_as_dict_and_read_with_definition(env):
    bob, eve = env['test.prop.partner'].create([{'name': 'Bob'}, {'name': 'Eve'}])
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION})
    item = env['test.prop.item'].create({'name': 'I', 'container_id': box.id, 'props': {
        'color': 'red', 'size': 0, 'kind': 'b', 'partner': bob.id, 'partners': [eve.id, bob.id]}})
    env.flush_all()
    env.cr.execute("SELECT props FROM test_prop_item WHERE id = %s", [item.id])
    assert env.cr.fetchone()[0] == {'color': 'red', 'size': 0, 'kind': 'b', 'partner': bob.id,
                                    'partners': [eve.id, bob.id]}
    item.invalidate_recordset()
    assert item.props['color'] == 'red'
    read = _by_name(item.read(['props'])[0]['props'])
    assert read['color'] == {'name': 'color', 'string': 'Color', 'type': 'char', 'default': 'blue', 'value': 'red'}
    assert read['size']['value'] == 0
    assert read['kind']['value'] == 'b'
    assert read['partner']['value'] == (bob.id, 'Bob')
    assert read['partners']['value'] == [(eve.id, 'Eve'), (bob.id, 'Bob')]
    # without display names, the ids only
    raw = _by_name(item.read(['props'], load=None)[0]['props'])
    assert raw['partner']['value'] == bob.id


def test_write_as_list_with_display_names(env):
    bob = env['test.prop.partner'].create({'name': 'Bob'})
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION})
    item = env['test.prop.item'].create({'name': 'I', 'container_id': box.id})
    listed = item.read(['props'])[0]['props']
    for prop in listed:
        if prop['name'] == 'partner':
            prop['value'] = (bob.id, 'Bob')
        if prop['name'] == 'size':
            prop['value'] = 7
    item.write({'props': listed})
    env.flush_all()
    item.invalidate_recordset()
    assert item.props['partner'] == bob.id
    assert item.props['size'] == 7
    with pytest.raises(ValueError, match='many2one'):
        item.write({'props': [{'name': 'partner', 'type': 'many2one', 'comodel': 'test.prop.partner',
                               'value': 'Bob'}]})


def test_removed_definitions_and_stale_values_dropped(env):
    bob = env['test.prop.partner'].create({'name': 'Bob'})
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION})
    item = env['test.prop.item'].create({'name': 'I', 'container_id': box.id,
                                         'props': {'color': 'red', 'kind': 'a', 'partner': bob.id}})
    box.item_definition = [
        {'name': 'color', 'string': 'Color', 'type': 'char'},
        {'name': 'kind', 'string': 'Kind', 'type': 'selection', 'selection': [['b', 'B']]},
        {'name': 'partner', 'string': 'Partner', 'type': 'many2one', 'comodel': 'test.prop.partner'},
    ]
    bob.unlink()
    read = _by_name(item.read(['props'])[0]['props'])
    assert set(read) == {'color', 'kind', 'partner'}
    assert read['kind']['value'] is False        # option removed
    assert read['partner']['value'] is False     # record deleted
    # no container: no properties
    item.container_id = False
    assert item.read(['props'])[0]['props'] == []


def test_definition_changed_by_child_write(env):
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION[:1]})
    item = env['test.prop.item'].create({'name': 'I', 'container_id': box.id})
    item.write({'props': [
        {'name': 'color', 'string': 'Color', 'type': 'char', 'value': 'green', 'definition_deleted': True},
        {'string': 'Weight', 'type': 'float', 'value': 2.5, 'definition_changed': True},
    ]})
    [weight] = box.item_definition
    assert weight['string'] == 'Weight' and weight['name'] and 'value' not in weight
    assert item.props == {weight['name']: 2.5}


def test_fields_get(env):
    desc = env['test.prop.item'].fields_get(['props'])['props']
    assert desc['type'] == 'properties'
    assert desc['definition_record'] == 'container_id'
    assert desc['definition_record_field'] == 'item_definition'
    assert env['test.prop.container'].fields_get(['item_definition'])['item_definition']['type'] \
        == 'properties_definition'


def test_inherits_reads_parent_definition(env):
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION[:2]})
    variant = env['test.prop.variant'].create({'name': 'V', 'container_id': box.id, 'props': {'size': 3}})
    assert variant._fields['props'].definition_record == 'container_id'
    read = _by_name(variant.read(['props'])[0]['props'])
    assert read['size']['value'] == 3
    assert read['color']['value'] is False


def test_search_on_properties(env):
    bob = env['test.prop.partner'].create({'name': 'Bob'})
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION})
    Item = env['test.prop.item']
    Item.create([
        {'name': 'red', 'container_id': box.id, 'props': {'color': 'Dark Red', 'size': 3, 'partner': bob.id,
                                                           'partners': [bob.id]}},
        {'name': 'blue', 'container_id': box.id, 'props': {'color': 'blue', 'size': 10, 'partner': False}},
        {'name': 'bare'},
    ])

    def names(domain):
        return set(Item.search(domain).mapped('name'))

    assert names([('props.color', '=', 'blue')]) == {'blue'}
    assert names([('props.color', 'ilike', 'red')]) == {'red'}
    assert names([('props.size', '>', 5)]) == {'blue'}
    assert names([('props.size', '<=', 3)]) == {'red'}
    assert names([('props.partner', '=', bob.id)]) == {'red'}
    assert names([('props.partner', '=', False)]) == {'blue', 'bare'}
    assert names([('props.partner', '!=', False)]) == {'red'}
    assert names([('props.size', 'in', [3, 4])]) == {'red'}
    assert names([('props.partners', 'in', bob.id)]) == {'red'}
    with pytest.raises(ValueError, match='Wrong property name'):
        Item.search([('props.Bad Name', '=', 1)])
    with pytest.raises(ValueError, match='cannot search properties'):
        Item.search([('props.size', 'child_of', 1)])


def test_defaults_from_the_container(env):
    box = env['test.prop.container'].create({'name': 'Box', 'item_definition': DEFINITION[:2]})
    other = env['test.prop.container'].create({'name': 'Other', 'item_definition': [
        {'name': 'size', 'string': 'Size', 'type': 'integer', 'default': 5},
        {'name': 'shape', 'string': 'Shape', 'type': 'char', 'default': 'round'}]})
    item = env['test.prop.item'].create({'name': 'I', 'container_id': box.id})
    assert item.props == {'color': 'blue', 'size': False}
    given = env['test.prop.item'].create({'name': 'G', 'container_id': box.id, 'props': {'size': 2}})
    assert given.props == {'size': 2}
    ctx = env['test.prop.item'].with_context({'default_props.color': 'green'}).create(
        {'name': 'C', 'container_id': box.id})
    assert ctx.props['color'] == 'green'
    # another container: values of the same name kept, the others dropped or defaulted
    given.container_id = other
    assert given.props == {'size': 2, 'shape': 'round'}
