"""Dependencies and recomputation: paths through one2many, many2many and
many2one, recursive fields on trees, inverse methods, onchange on existing
records."""
from __future__ import annotations

import pytest
from odoo import Command, api, fields, models
from tests.orm.orm_registry import make_env


class Category(models.Model):
    _name = 'test.category'
    _description = 'Category'
    _register = False
    name = fields.Char()
    parent_id = fields.Many2one('test.category')
    complete_name = fields.Char(compute='_compute_complete_name', store=True, recursive=True)
    weight = fields.Integer()

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for rec in self:
            rec.complete_name = f"{rec.parent_id.complete_name} / {rec.name}" if rec.parent_id else rec.name


class Item(models.Model):
    _name = 'test.item'
    _description = 'Item'
    _register = False
    name = fields.Char()
    category_ids = fields.Many2many('test.category')
    total_weight = fields.Integer(compute='_compute_total_weight', store=True)
    basket_id = fields.Many2one('test.basket')
    price = fields.Float()
    doubled = fields.Float(compute='_compute_doubled', inverse='_inverse_doubled')

    @api.depends('category_ids.weight')
    def _compute_total_weight(self):
        for rec in self:
            rec.total_weight = sum(rec.category_ids.mapped('weight'))

    @api.depends('price')
    def _compute_doubled(self):
        for rec in self:
            rec.doubled = rec.price * 2

    def _inverse_doubled(self):
        for rec in self:
            rec.price = rec.doubled / 2


class Basket(models.Model):
    _name = 'test.basket'
    _description = 'Basket'
    _register = False
    name = fields.Char()
    item_ids = fields.One2many('test.item', 'basket_id')
    total = fields.Float(compute='_compute_total', store=True)
    count = fields.Integer(compute='_compute_total', store=True)

    @api.depends('item_ids.price')
    def _compute_total(self):
        for rec in self:
            rec.total = sum(rec.item_ids.mapped('price'))
            rec.count = len(rec.item_ids)

    top_price = fields.Float(compute='_compute_top_price', store=True)
    cheapest = fields.Float(compute='_compute_cheapest')

    @api.depends('item_ids.price')
    def _compute_top_price(self):
        for rec in self:
            rec.top_price = max(rec.item_ids.mapped('price'), default=0.0)

    @api.depends('item_ids.price')
    def _compute_cheapest(self):
        for rec in self:
            rec.cheapest = min(rec.item_ids.mapped('price'), default=0.0)

    @api.onchange('name')
    def _onchange_name(self):
        for item in self.item_ids:
            item.price = item.price + 1


@pytest.fixture
def env(cr):
    return make_env(cr, [Category, Item, Basket])


def test_recursive_tree(env):
    root = env['test.category'].create({'name': 'A'})
    child = env['test.category'].create({'name': 'B', 'parent_id': root.id})
    leaf = env['test.category'].create({'name': 'C', 'parent_id': child.id})
    assert leaf.complete_name == 'A / B / C'
    root.name = 'Z'
    assert leaf.complete_name == 'Z / B / C'
    env.flush_all()
    env.cr.execute("SELECT complete_name FROM test_category WHERE id = %s", (leaf.id,))
    assert env.cr.fetchone()[0] == 'Z / B / C'


def test_many2many_and_one2many_paths(env):
    light, heavy = env['test.category'].create([{'name': 'l', 'weight': 1}, {'name': 'h', 'weight': 10}])
    item = env['test.item'].create({'name': 'i', 'category_ids': [Command.set([light.id, heavy.id])], 'price': 3})
    assert item.total_weight == 11
    heavy.weight = 20
    assert item.total_weight == 21
    item.category_ids = [Command.unlink(light.id)]
    assert item.total_weight == 20
    basket = env['test.basket'].create({'name': 'b', 'item_ids': [Command.link(item.id)]})
    assert (basket.total, basket.count) == (3.0, 1)
    basket.write({'item_ids': [Command.update(item.id, {'price': 5}), Command.create({'price': 1})]})
    assert (basket.total, basket.count) == (6.0, 2)
    item.basket_id = False
    assert (basket.total, basket.count) == (1.0, 1)


def test_inverse(env):
    item = env['test.item'].create({'name': 'i', 'doubled': 8})
    assert item.price == 4
    item.doubled = 10
    assert item.price == 5 and item.doubled == 10


def test_onchange_existing_record_lines(env):
    basket = env['test.basket'].create({'name': 'b', 'item_ids': [Command.create({'price': 1})]})
    item = basket.item_ids
    result = basket.onchange({'name': 'c'}, ['name'], {'name': {}, 'total': {},
                                                      'item_ids': {'fields': {'price': {}}}})
    value = result['value']
    assert value['total'] == 2.0
    assert value['item_ids'] == [(Command.UPDATE, item.id, {'price': 2.0})]
    env.invalidate_all()
    assert item.price == 1.0 and basket.total == 1.0


class Label(models.Model):
    _name = 'test.label'
    _description = 'Label'
    _register = False
    name = fields.Char()
    gadget_ids = fields.Many2many('test.gadget', 'test_gadget_label_rel', 'label_id', 'gadget_id')
    gadget_count = fields.Integer(compute='_compute_gadget_count', store=True)

    @api.depends('gadget_ids')
    def _compute_gadget_count(self):
        for rec in self:
            rec.gadget_count = len(rec.gadget_ids)


class Gadget(models.Model):
    _name = 'test.gadget'
    _description = 'Gadget'
    _register = False
    name = fields.Char()
    label_ids = fields.Many2many('test.label', 'test_gadget_label_rel', 'gadget_id', 'label_id')


def test_many2many_seen_from_both_sides(cr):
    env = make_env(cr, [Label, Gadget])
    label = env['test.label'].create({'name': 'l'})
    gadget = env['test.gadget'].create({'name': 'g', 'label_ids': [Command.link(label.id)]})
    assert label.gadget_count == 1 and label.gadget_ids == gadget
    gadget.label_ids = [Command.clear()]
    assert label.gadget_count == 0


def test_commands_on_new_records_stay_in_memory(env):
    basket = env['test.basket'].create({'name': 'b', 'item_ids': [Command.create({'price': 1})]})
    item = basket.item_ids
    draft = env['test.basket'].new({'name': 'd', 'item_ids': [Command.update(item.id, {'price': 7})]}, origin=basket)
    assert draft.item_ids.price == 7 and draft.total == 7
    draft.item_ids = [Command.create({'price': 2})]  # appended to the current lines
    assert sorted(draft.item_ids.mapped('price')) == [2.0, 7.0]
    draft.item_ids = [Command.unlink(item.id)]
    assert draft.item_ids.mapped('price') == [2.0]
    env.invalidate_all()
    assert item.price == 1.0 and basket.total == 1.0 and len(basket.item_ids) == 1


def test_recursive_recomputation_is_not_per_record_queries(env, cr):
    from tests.orm.orm_registry import QueryCounter
    root = env['test.category'].create({'name': 'root'})
    with QueryCounter(cr) as qc:
        children = env['test.category'].create([{'name': f'c{i}', 'parent_id': root.id} for i in range(300)])
        env.flush_all()
    assert qc.count <= 8, qc.queries
    assert children[-1].complete_name == 'root / c299'


def test_dependents_sharing_a_path_all_follow_a_change(env):
    """Three fields of the basket depend on its items' prices: one change of
    the items of two baskets reaches each of them, stored or not."""
    small, big = env['test.basket'].create([{'name': 'small'}, {'name': 'big'}])
    items = env['test.item'].create([
        {'name': 'a', 'price': 1.0, 'basket_id': small.id}, {'name': 'b', 'price': 2.0, 'basket_id': small.id},
        {'name': 'c', 'price': 10.0, 'basket_id': big.id}])
    assert (big.cheapest, big.top_price) == (10.0, 10.0)
    items.write({'price': 5.0})
    assert [(b.total, b.top_price, b.cheapest) for b in (small, big)] == [(10.0, 5.0, 5.0), (5.0, 5.0, 5.0)]
    items[2].unlink()
    assert (big.total, big.top_price, big.cheapest, big.count) == (0.0, 0.0, 0.0, 0)
