"""Shared fixtures of the runtime's test suite: a real, throwaway PostgreSQL.

For the whole test session a private PostgreSQL cluster is created with
``initdb`` in a temporary directory (durability off, a free port, a Unix
socket), exactly as the embedded cluster of ``odoo.service.embedded_pg``, and
``odoo.tools.config`` is pointed at it (``db_host`` = its socket directory,
``db_port``, ``db_user='odoo'``; ``data_dir`` is a temporary directory too).
It is stopped and deleted at the end. Run as root, the cluster runs as the
``postgres`` (or ``nobody``) user, since PostgreSQL refuses root.

To use an existing server instead (no ``initdb`` on the machine), set
``ODOO_TEST_DB_HOST`` (and optionally ``ODOO_TEST_DB_PORT``,
``ODOO_TEST_DB_USER``, ``ODOO_TEST_DB_PASSWORD``); test databases are still
created and dropped by the fixtures.

Fixtures:

``pg_server`` (session, autouse)
    dict of psycopg2 connection parameters of the test server.
``db_name``
    the name of a fresh, empty database (UTF8, as ``service.db`` creates
    them), dropped after the test.
``cr``
    an ``odoo.sql_db.Cursor`` on a fresh empty database; closed (and its
    uncommitted work rolled back) after the test.
``base_db`` (session)
    the name of a database with the ``base`` module installed by
    ``Registry.new(db, update_module=True)``; also set as
    ``config['db_name']`` so that ``odoo.tests.common.get_db_name()`` finds
    it. Shared by the whole session: tests must not commit into it.
``base_env``
    an ``odoo.api.Environment`` (superuser) on a cursor of ``base_db``;
    everything the test did is rolled back afterwards.
"""
from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
import types
from collections.abc import Iterator

import pytest
from odoo import sql_db
from odoo.service import db as db_service
from odoo.service.embedded_pg import Cluster
from odoo.tools import config

_counter = itertools.count()


def _share_the_tests_package() -> None:
    """Make ``runtime/tests`` a portion of the package ``tests`` (test helpers are imported
    as ``tests.orm.<helper>``), whatever pytest registered under that name for the
    cross-addon ``tests/`` folder at the repository root."""
    here = os.path.dirname(os.path.abspath(__file__))
    package = sys.modules.get('tests')
    if package is None:
        package = sys.modules['tests'] = types.ModuleType('tests')
    portions = list(getattr(package, '__path__', None) or [])
    if here not in portions:
        package.__path__ = [here, *portions]


_share_the_tests_package()


def _unique_db_name(prefix: str = 'test') -> str:
    return f"{prefix}_{os.getpid()}_{next(_counter)}"


@pytest.fixture(scope='session', autouse=True)
def pg_server() -> Iterator[dict]:
    """Start the session's PostgreSQL and point ``odoo.tools.config`` at it."""
    workdir = tempfile.mkdtemp(prefix='odoo-tests-')
    # The unprivileged user running PostgreSQL (when we are root) must reach it.
    os.chmod(workdir, 0o755)
    saved = dict(config.options)
    cluster = None
    config.parse_config([])
    if os.environ.get('ODOO_TEST_DB_HOST'):
        params = {
            'host': os.environ['ODOO_TEST_DB_HOST'],
            'port': int(os.environ.get('ODOO_TEST_DB_PORT', '5432')),
            'user': os.environ.get('ODOO_TEST_DB_USER') or False,
            'password': os.environ.get('ODOO_TEST_DB_PASSWORD') or False,
        }
    else:
        cluster = Cluster(os.path.join(workdir, 'postgresql'), fast=True)
        params = dict(cluster.connection_params(), password=False)
    config['db_host'] = params['host']
    config['db_port'] = params['port']
    config['db_user'] = params['user']
    config['db_password'] = params['password']
    config['data_dir'] = os.path.join(workdir, 'data')
    config['db_name'] = False
    try:
        yield params
    finally:
        sql_db.close_all()
        if cluster is not None:
            cluster.destroy()
        config.options.clear()
        config.options.update(saved)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def db_name(pg_server: dict) -> Iterator[str]:
    """A fresh empty database, dropped after the test."""
    name = _unique_db_name()
    db_service._create_empty_database(name)
    try:
        yield name
    finally:
        db_service.exp_drop(name)


@pytest.fixture
def cr(db_name: str) -> Iterator[sql_db.Cursor]:
    """A cursor on a fresh empty database."""
    cursor = sql_db.db_connect(db_name).cursor()
    try:
        yield cursor
    finally:
        cursor.close()


@pytest.fixture(scope='session')
def base_db(pg_server: dict) -> Iterator[str]:
    """A database with ``base`` installed, shared by the session (never commit into it)."""
    from odoo.modules.registry import Registry
    name = _unique_db_name('base')
    db_service._create_empty_database(name)
    saved_init, saved_demo = config['init'], config['demo']
    config['init'] = {'base': 1}
    config['demo'] = {}
    try:
        Registry.new(name, update_module=True)
    finally:
        config['init'], config['demo'] = saved_init, saved_demo
    config['db_name'] = name
    try:
        yield name
    finally:
        config['db_name'] = False
        db_service.exp_drop(name)


@pytest.fixture
def base_env(base_db: str) -> Iterator:
    """A superuser environment on ``base_db``, rolled back after the test."""
    from odoo import api
    from odoo.modules.registry import Registry
    cr = Registry(base_db).cursor()
    try:
        yield api.Environment(cr, 1, {})
    finally:
        cr.rollback()
        cr.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run where no test actually ran (all skipped or deselected) is a failure too,
    with pytest's own code for "no tests" (5), so that CI cannot pass empty."""
    reporter = session.config.pluginmanager.get_plugin('terminalreporter')
    if reporter is None or exitstatus != 0:
        return
    ran = sum(len(reporter.stats.get(outcome, [])) for outcome in ('passed', 'failed', 'error', 'xfailed', 'xpassed'))
    if ran == 0:
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
