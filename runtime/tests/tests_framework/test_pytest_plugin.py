"""Running an addon's Odoo tests from pytest (runtime/odoo/tests/pytest_plugin.py)."""
from __future__ import annotations

import os

import odoo.addons
import pytest
from odoo.modules import module
from odoo.tests.pytest_plugin import AddonTestsFailed, addons_with_tests, run_addon_tests
from odoo.tools import config

TEST_ADDONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'addons')

pytestmark = pytest.mark.slow


def test_failures_are_reported_with_their_trace(monkeypatch, pg_server):
    monkeypatch.setitem(config.options, 'addons_path', f"{config['addons_path']},{TEST_ADDONS}")
    monkeypatch.setattr(odoo.addons, '__path__', list(odoo.addons.__path__))
    module.initialize_sys_path()
    module.clear_manifest_cache()
    with pytest.raises(AddonTestsFailed) as info:
        run_addon_tests(['test_loading_dependent'], test_tags='/test_loading_dependent,failing_on_purpose')
    message = str(info.value)
    assert message.startswith('1 failure(s), 0 error(s) in 4 tests of test_loading_dependent')
    assert 'this test fails on purpose' in message
    # the configuration is restored
    assert not config['test_enable']


def test_addons_with_tests(monkeypatch):
    monkeypatch.setitem(config.options, 'addons_path', f"{config['addons_path']},{TEST_ADDONS}")
    monkeypatch.setattr(odoo.addons, '__path__', list(odoo.addons.__path__))
    module.clear_manifest_cache()
    assert addons_with_tests('test_loading') == ['test_loading_dependent']
    assert 'base' in addons_with_tests()
