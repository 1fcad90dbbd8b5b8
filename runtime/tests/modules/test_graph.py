"""Module dependency graph (runtime/odoo/modules/graph.py)."""
from __future__ import annotations

import os

import odoo.addons
import pytest
from odoo.modules import graph, module

TEST_ADDONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'addons')


def make(infos, **kwargs):
    g = graph.Graph()
    g.add_infos({name: {'depends': deps} for name, deps in infos.items()}, **kwargs)
    return g


def test_order_by_depth_then_name():
    g = make({'base': [], 'web': ['base'], 'mail': ['web', 'base'], 'auth': ['base'], 'crm': ['mail']}, flags={})
    assert g.names() == ['base', 'auth', 'web', 'mail', 'crm']
    assert [g[name].depth for name in g.names()] == [0, 1, 1, 2, 3]
    assert [node.name for node in g['mail'].parents] == ['web', 'base']
    assert [node.name for node in g['base'].children] == ['auth', 'mail', 'web']


def test_every_module_after_its_dependencies():
    g = make({'z': [], 'y': ['z'], 'x': ['y'], 'a': ['x', 'z'], 'b': ['a', 'y']}, flags={})
    order = g.names()
    for node in g:
        for dep in node.depends:
            assert order.index(dep) < order.index(node.name)


def test_adding_in_two_batches():
    g = make({'base': []}, flags={})
    g.add_infos({'sale': {'depends': ['base']}}, flags={})
    assert g.names() == ['base', 'sale']


def test_missing_dependency_names_modules():
    with pytest.raises(graph.MissingDependencyError) as info:
        make({'base': [], 'sale': ['base', 'product']}, flags={})
    assert 'sale' in str(info.value) and 'product' in str(info.value)
    assert info.value.missing == {'sale': ['product']}


def test_cycle_names_modules():
    with pytest.raises(graph.CyclicDependencyError) as info:
        make({'base': [], 'a': ['base', 'b'], 'b': ['c'], 'c': ['a'], 'd': ['base']}, flags={})
    assert info.value.cycle == ['a', 'b', 'c', 'a']
    assert 'a -> b -> c -> a' in str(info.value)


def test_flags_from_config_propagate_to_dependents():
    g = make({'base': [], 'web': ['base'], 'mail': ['web'], 'hr': ['base']}, flags={'update': {'web': 1}})
    assert [node.name for node in g if node.update] == ['web', 'mail']
    g = make({'base': [], 'web': ['base']}, flags={'init': {'all': 1}})
    assert all(node.init for node in g)
    g = make({'base': [], 'web': ['base']}, force=['demo'], flags={})
    assert all(node.demo for node in g)


def test_flag_inherited_by_later_batch():
    g = make({'base': []}, flags={'update': {'base': 1}})
    g.add_infos({'web': {'depends': ['base']}}, flags={})
    assert g['web'].update


def test_should_have_demo():
    g = make({'base': [], 'web': ['base']}, flags={})
    g['web'].demo = True
    assert not g['web'].should_have_demo()  # base has no demo data
    g['base'].dbdemo = True
    assert g['web'].should_have_demo()


@pytest.fixture
def test_addons_path(monkeypatch):
    monkeypatch.setattr(odoo.addons, '__path__', list(odoo.addons.__path__))
    module.initialize_sys_path()
    if TEST_ADDONS not in odoo.addons.__path__:
        odoo.addons.__path__.append(TEST_ADDONS)
    module.clear_manifest_cache()
    yield
    module.clear_manifest_cache()


def test_dependency_closure_from_disk(test_addons_path):
    infos = graph.dependency_closure(['test_loading_dependent'])
    assert set(infos) == {'test_loading_dependent', 'base'}


def test_dependency_closure_cycle_on_disk(test_addons_path):
    with pytest.raises(graph.CyclicDependencyError, match='test_loading_cycle_a -> test_loading_cycle_b'):
        graph.dependency_closure(['test_loading_cycle_a'])


def test_dependency_closure_missing_on_disk(test_addons_path):
    with pytest.raises(graph.MissingDependencyError) as info:
        graph.dependency_closure(['test_loading_missing_dep'])
    assert info.value.missing == {'test_loading_missing_dep': ['test_loading_no_such_module']}


def test_not_installable(test_addons_path):
    with pytest.raises(graph.NotInstallableError, match='no_such_module_anywhere'):
        graph.dependency_closure(['no_such_module_anywhere'])
