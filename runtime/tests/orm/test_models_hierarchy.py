"""Cycle detection on hierarchies (``_has_cycle``): right on many2one and many2many
links, and one query per level for a whole recordset, whatever its size."""
from __future__ import annotations

import pytest
from odoo import fields, models
from tests.orm.orm_registry import QueryCounter, make_env


class Node(models.Model):
    _name = 'test.hier.node'
    _description = 'Hierarchy node'
    _register = False

    name = fields.Char()
    parent_id = fields.Many2one('test.hier.node')
    link_ids = fields.Many2many('test.hier.node', 'test_hier_node_link_rel', 'src_id', 'dst_id')


@pytest.fixture
def env(cr):
    return make_env(cr, [Node])


def test_many2one_cycles(env):
    Node = env['test.hier.node']
    root = Node.create({'name': 'root'})
    chain = [root]
    for index in range(5):
        chain.append(Node.create({'name': f'n{index}', 'parent_id': chain[-1].id}))
    nodes = Node.browse([node.id for node in chain])
    assert not nodes._has_cycle()
    chain[0].parent_id = chain[3]
    env.flush_all()
    assert nodes._has_cycle()
    assert not chain[4]._has_cycle()        # reaches the loop from below, is not on it (as in Odoo)
    assert chain[1]._has_cycle()
    self_loop = Node.create({'name': 'self'})
    self_loop.parent_id = self_loop
    assert self_loop._has_cycle()
    assert not Node.create({'name': 'alone'})._has_cycle()


def test_many2many_cycles(env):
    Node = env['test.hier.node']
    a, b, c, d = (Node.create({'name': name}) for name in 'abcd')
    a.link_ids = b | c
    b.link_ids = d
    c.link_ids = d                          # a diamond is no cycle
    env.flush_all()
    assert not (a | b | c | d)._has_cycle('link_ids')
    d.link_ids = a
    env.flush_all()
    assert (a | b | c | d)._has_cycle('link_ids')
    assert c._has_cycle('link_ids')


def test_one_query_per_level(env, cr):
    Node = env['test.hier.node']
    roots = Node.create([{'name': f'r{index}'} for index in range(50)])
    kids = Node.create([{'name': f'k{index}', 'parent_id': roots[index % 50].id} for index in range(500)])
    env.flush_all()
    with QueryCounter(cr) as counter:
        assert not kids._has_cycle()
    # kids -> roots -> (none): two levels, whatever the number of records
    assert counter.count == 2, counter.queries
    with pytest.raises(ValueError):
        kids._has_cycle('name')


def test_check_recursion_on_write(env):
    Node = env['test.hier.node']
    parent = Node.create({'name': 'p'})
    child = Node.create({'name': 'c', 'parent_id': parent.id})
    assert child._check_recursion()
    parent.parent_id = child
    env.flush_all()
    assert not parent._check_recursion()
