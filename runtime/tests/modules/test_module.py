"""Manifests, addons path and ``odoo.addons`` imports (runtime/odoo/modules/module.py)."""
from __future__ import annotations

import os

import odoo.addons
import pytest
from odoo.modules import module

TEST_ADDONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'addons')


@pytest.fixture
def test_addons_path(monkeypatch):
    """Put the runtime's fixture addons on the addons path."""
    monkeypatch.setattr(odoo.addons, '__path__', list(odoo.addons.__path__))
    module.initialize_sys_path()
    if TEST_ADDONS not in odoo.addons.__path__:
        odoo.addons.__path__.append(TEST_ADDONS)
    module.clear_manifest_cache()
    yield TEST_ADDONS
    module.clear_manifest_cache()


def test_initialize_sys_path_adds_repository_addons():
    module.initialize_sys_path()
    paths = list(odoo.addons.__path__)
    assert os.path.normcase(os.path.join(module.REPOSITORY_ROOT, 'addons')) in paths
    assert os.path.normcase(module.REPOSITORY_ROOT) in paths


def test_initialize_sys_path_reads_config(tmp_path):
    from odoo.tools import config
    saved = config['addons_path']
    config['addons_path'] = f"{tmp_path}, {saved}"
    try:
        module.initialize_sys_path()
        assert os.path.normcase(str(tmp_path)) in odoo.addons.__path__
    finally:
        config['addons_path'] = saved
        odoo.addons.__path__.remove(os.path.normcase(str(tmp_path)))


def test_get_module_path(test_addons_path):
    assert module.get_module_path('test_loading_dependent') == os.path.join(TEST_ADDONS, 'test_loading_dependent')
    assert module.get_module_path('no_such_module_anywhere', display_warning=False) is False
    assert module.get_module_path('../etc', display_warning=False) is False


def test_manifest_defaults(test_addons_path):
    manifest = module.get_manifest('test_loading_dependent')
    assert manifest['version'] == '18.0.1.0'
    assert manifest['depends'] == ['base']
    assert manifest['installable'] is True
    assert manifest['auto_install'] is False
    assert manifest['application'] is False
    assert manifest['category'] == 'Uncategorized'
    assert manifest['license'] == 'LGPL-3'
    assert manifest['data'][0] == 'security/ir.model.access.csv'
    assert manifest['addons_path'] == TEST_ADDONS
    # a copy: callers may modify it freely
    manifest['depends'].append('x')
    assert module.get_manifest('test_loading_dependent')['depends'] == ['base']


def test_manifest_of_unknown_module_is_empty(test_addons_path):
    assert module.get_manifest('no_such_module_anywhere') == {}


def test_broken_manifest_names_the_file(test_addons_path):
    with pytest.raises(module.ManifestError) as info:
        module.get_manifest('test_loading_broken_manifest')
    assert 'test_loading_broken_manifest/__manifest__.py' in str(info.value)


@pytest.mark.parametrize(('content', 'message'), [
    ("['a list']", 'must be a dict'),
    ("{'name': 'x', 'version': 'abc'}", "Invalid version 'abc'"),
    ("{'name': 'x', 'depends': 'base'}", "'depends'"),
    ("{'name': 'x', 'depends': ['base'], 'auto_install': ['mail']}", 'non-dependencies'),
])
def test_invalid_manifest(tmp_path, content, message):
    addon = tmp_path / 'bad_addon'
    addon.mkdir()
    (addon / '__manifest__.py').write_text(content)
    with pytest.raises(module.ManifestError, match=message) as info:
        module.load_manifest('bad_addon', str(addon))
    assert str(addon / '__manifest__.py') in str(info.value)


def test_auto_install_normalised(tmp_path):
    addon = tmp_path / 'auto'
    addon.mkdir()
    (addon / '__manifest__.py').write_text("{'name': 'A', 'depends': ['base', 'web'], 'auto_install': True}")
    assert module.load_manifest('auto', str(addon))['auto_install'] == {'base', 'web'}
    (addon / '__manifest__.py').write_text("{'name': 'A', 'depends': ['base', 'web'], 'auto_install': ['web']}")
    assert module.load_manifest('auto', str(addon))['auto_install'] == {'web'}


@pytest.mark.parametrize(('version', 'expected'), [
    ('1.0', '18.0.1.0'),
    ('1.2.3', '18.0.1.2.3'),
    ('18.0.1.0.0', '18.0.1.0.0'),
    ('18.0', '18.0.18.0'),
])
def test_adapt_version(version, expected):
    assert module.adapt_version(version) == expected


def test_adapt_version_rejects_garbage():
    with pytest.raises(ValueError, match='1.x'):
        module.adapt_version('1.x')


def test_get_modules_lists_addons_with_manifest(test_addons_path):
    names = module.get_modules()
    assert 'test_loading_dependent' in names
    assert 'test_loading_cycle_a' in names
    assert 'models' not in names


def test_load_openerp_module_imports_package(tmp_path, monkeypatch):
    addon = tmp_path / 'c_pkg_probe'
    addon.mkdir()
    (addon / '__manifest__.py').write_text("{'name': 'probe', 'post_load': 'hook'}")
    (addon / '__init__.py').write_text("CALLS = []\ndef hook():\n    CALLS.append(1)\n")
    monkeypatch.setattr(odoo.addons, '__path__', [*odoo.addons.__path__, str(tmp_path)])
    module.clear_manifest_cache()
    module.load_openerp_module('c_pkg_probe')
    import sys
    loaded = sys.modules['odoo.addons.c_pkg_probe']
    assert loaded.CALLS == [1]
    module.load_openerp_module('c_pkg_probe')  # already imported: hook not called again
    assert loaded.CALLS == [1]
    del sys.modules['odoo.addons.c_pkg_probe']
