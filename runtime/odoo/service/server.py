"""Running the server: load (install/update) the registries of the preloaded databases,
run their post-install tests, then serve HTTP unless ``--stop-after-init``.

Serving is ``odoo.service.http_server`` (threaded, or prefork with ``--workers``).
"""
from __future__ import annotations

import logging
import threading
import time

from .. import sql_db
from ..tools.config import config

_logger = logging.getLogger(__name__)


def _run_post_install_tests(registry, update_module: bool) -> None:
    from ..tests import loader
    from ..tests.result import OdooTestResult
    started, queries = time.time(), sql_db.sql_counter
    module_names = sorted(registry.updated_modules) if update_module else sorted(registry._init_modules)
    _logger.info("Starting post tests")
    if registry._assertion_report is None:
        registry._assertion_report = OdooTestResult()
    report = registry._assertion_report
    before = report.testsRun
    result = loader.run_suite(loader.make_suite(module_names, 'post_install'), global_report=report)
    report.update(result)
    _logger.info("%d post-tests in %.2fs, %s queries", report.testsRun - before,
                 time.time() - started, sql_db.sql_counter - queries)


def preload_registries(dbnames: list[str]) -> int:
    """Load the registry of each database (installing/updating modules as configured,
    running tests when enabled). Returns the number of databases whose tests failed,
    or -1 if one could not be loaded."""
    from ..modules.registry import Registry
    rc = 0
    for dbname in dbnames:
        try:
            update_module = bool(config['init'] or config['update'])
            threading.current_thread().dbname = dbname
            registry = Registry.new(dbname, update_module=update_module)
            if config['test_enable']:
                _run_post_install_tests(registry, update_module)
            report = getattr(registry, '_assertion_report', None)
            if report is not None and not report.wasSuccessful():
                rc += 1
        except Exception:
            _logger.critical("Failed to initialize database `%s`.", dbname, exc_info=True)
            return -1
    return rc


def _log_test_reports() -> None:
    """As Odoo does before stopping: one summary line per loaded database."""
    from ..modules.registry import Registry
    from ..tests.result import _logger as tests_logger
    for dbname, registry in list(Registry.registries.items()):
        report = registry._assertion_report
        if report is None:
            continue
        log = tests_logger.error if not report.wasSuccessful() else \
            tests_logger.warning if not report.testsRun else tests_logger.info
        log("%s when loading database %r", report, dbname)


def start(preload: list[str] | None = None, stop: bool = False) -> int:
    """Preload the databases, then serve until interrupted (or return at once with ``stop``)."""
    rc = preload_registries(preload or [])
    if stop:
        if config['test_enable']:
            _log_test_reports()
        return rc
    if rc:
        _logger.error("databases failed to load; not serving")
        return rc
    if not config['http_enable']:
        _logger.info("HTTP service disabled (--no-http); nothing left to run")
        return 0
    from . import http_server
    return http_server.serve(preload or [])
