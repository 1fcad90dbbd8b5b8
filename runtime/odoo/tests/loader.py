"""Finding and running the tests of modules: the ``tests`` package of an
addon imports its ``test_*`` modules (as in Odoo), whose test cases are
selected by position (``at_install`` / ``post_install``) and by
``config['test_tags']``."""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import logging
import threading
import unittest
from collections.abc import Iterator
from types import ModuleType

from odoo.tools import config

from .result import OdooTestResult
from .tag_selector import TagsSelector

_logger = logging.getLogger(__name__)

# (registry, cursor) of the module installation running tests, if any
_install_context: list[tuple] = []


def get_test_modules(module: str) -> list[ModuleType]:
    """The ``test_*`` submodules imported by ``odoo.addons.<module>.tests``."""
    package = f'odoo.addons.{module}'
    if importlib.util.find_spec(package) is None:
        return []
    if importlib.util.find_spec(f'{package}.tests') is None:
        return []
    tests = importlib.import_module(f'{package}.tests')
    return [obj for name, obj in inspect.getmembers(tests, inspect.ismodule) if name.startswith('test_')]


def get_module_test_cases(module: ModuleType) -> Iterator[unittest.TestCase]:
    """One test case instance per ``test*`` method of each TestCase class
    defined in ``module``."""
    for obj in list(vars(module).values()):
        if not (isinstance(obj, type) and issubclass(obj, unittest.TestCase) and obj.__module__ == module.__name__):
            continue
        if getattr(obj, 'allow_inherited_tests_method', False):
            methods = inspect.getmembers(obj, callable)
        else:
            methods = sorted(vars(obj).items())
        for name, method in methods:
            if name.startswith('test') and callable(method):
                yield obj(name)


def make_suite(module_names: list[str], position: str = 'at_install') -> unittest.TestSuite:
    """The tests of ``module_names`` for ``position`` selected by the
    configured test tags."""
    config_tags = TagsSelector(config.get('test_tags'))
    position_tag = TagsSelector(position)
    tests = [
        test
        for module_name in module_names
        for test_module in get_test_modules(module_name)
        for test in get_module_test_cases(test_module)
        if position_tag.check(test) and config_tags.check(test)
    ]
    return unittest.TestSuite(sorted(tests, key=lambda test: getattr(test, 'test_sequence', 0)))


def run_suite(suite: unittest.TestSuite, global_report: OdooTestResult | None = None) -> OdooTestResult:
    """Run ``suite``, recording outcomes in ``global_report`` too."""
    from odoo.modules import module
    module.current_test = True
    threading.current_thread().testing = True
    try:
        result = OdooTestResult(global_report=global_report)
        suite(result)
    finally:
        threading.current_thread().testing = False
        module.current_test = False
    return result


@contextlib.contextmanager
def install_cursor(registry, cr) -> Iterator[None]:
    """Make test cases run on savepoints of ``cr`` (the transaction of a
    module installation) instead of a new cursor, so that they see the data
    being installed."""
    _install_context.append((registry, cr))
    previous, registry.install_cr = getattr(registry, 'install_cr', None), cr
    try:
        yield
    finally:
        registry.install_cr = previous
        _install_context.pop()


def current_install() -> tuple | None:
    """The (registry, cursor) of the installation running tests, or None."""
    return _install_context[-1] if _install_context else None
