"""A pytest plugin running addons' Odoo tests: install the addons into a
throwaway database with tests enabled (``at_install`` tests run during the
installation, ``post_install`` ones after it, as ``odoo-bin --test-enable``
does) and fail with the report of every failing test.

Enable it from a conftest with ``pytest_plugins = ['odoo.tests.pytest_plugin']``
(the database server must already be configured in ``odoo.tools.config``),
then::

    def test_tianchi_crm(odoo_addon_tests):
        odoo_addon_tests(['tianchi_crm'])

    @pytest.mark.parametrize('addon', addons_with_tests('tianchi_'))
    def test_addon(odoo_addon_tests, addon):
        odoo_addon_tests([addon])
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator

import pytest

from odoo.tools import config

_counter = itertools.count()


class AddonTestsFailed(AssertionError):
    """Some tests of the installed addons failed; the message lists them."""


def run_addon_tests(addons: list[str], test_tags: str | None = None, without_demo: bool = True,
                    db_name: str | None = None) -> object:
    """Install ``addons`` into a new database, running their tests; drop the
    database; return the test report.

    :param test_tags: Odoo's ``--test-tags`` (default: the standard tests of ``addons``)
    :raises AddonTestsFailed: when a test failed or errored (lists them)
    """
    from odoo.modules.registry import Registry
    from odoo.service import db as db_service

    from . import loader

    db_name = db_name or f"addon_tests_{os.getpid()}_{next(_counter)}"
    saved = {key: config.get(key) for key in ('init', 'update', 'demo', 'without_demo', 'test_enable', 'test_tags', 'db_name')}
    db_service._create_empty_database(db_name)
    try:
        config['db_name'] = db_name
        config['init'] = dict.fromkeys(addons, 1)
        config['update'] = {}
        config['without_demo'] = without_demo
        config['demo'] = {} if without_demo else dict.fromkeys(addons, 1)
        config['test_enable'] = True
        config['test_tags'] = test_tags or ','.join(f'/{addon}' for addon in addons)
        registry = Registry.new(db_name, update_module=True)
        report = registry._assertion_report
        # as the server does once the registry is ready
        modules = sorted(getattr(registry, 'updated_modules', None) or addons)
        report.update(loader.run_suite(loader.make_suite(modules, 'post_install'), global_report=report))
    finally:
        for key, value in saved.items():
            config[key] = value
        Registry.delete(db_name)
        db_service.exp_drop(db_name)
    if not report.wasSuccessful():
        lines = [f"{len(report.failures)} failure(s), {len(report.errors)} error(s) in {report.testsRun} tests "
                 f"of {', '.join(addons)}"]
        for test, trace in report.failures + report.errors:
            lines.append(f"--- {test}\n{trace}")
        raise AddonTestsFailed('\n'.join(lines))
    return report


def addons_with_tests(prefix: str = '') -> list[str]:
    """The installable addons of the addons path (names starting with
    ``prefix``) that have a ``tests`` package, to parametrize a test with."""
    from odoo.modules.module import ManifestError, get_manifest, get_module_path, get_modules, initialize_sys_path
    initialize_sys_path()
    found = []
    for name in get_modules():
        if not name.startswith(prefix):
            continue
        path = get_module_path(name, display_warning=False)
        try:
            installable = get_manifest(name).get('installable')
        except ManifestError:
            installable = True   # the error is reported when installing it
        if installable and os.path.isfile(os.path.join(path, 'tests', '__init__.py')):
            found.append(name)
    return found


@pytest.fixture
def odoo_addon_tests() -> Iterator[Callable[..., object]]:
    """The function :func:`run_addon_tests`, for tests that install addons."""
    yield run_addon_tests
