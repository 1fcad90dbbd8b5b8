"""Fixtures of the HTTP tests: a database of their own with ``base`` (and
the auto-installed ``web``) that requests may commit into, and the WSGI
application served in this process by werkzeug's threaded server on a free
port of 127.0.0.1."""
from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator

import pytest
from odoo.service import db as db_service
from odoo.tools import config

_counter = itertools.count()


@pytest.fixture(scope='session')
def http_db(pg_server: dict) -> Iterator[str]:
    """A database with base installed, dropped at the end (tests may commit)."""
    from odoo.modules.registry import Registry
    name = f"http_{os.getpid()}_{next(_counter)}"
    db_service._create_empty_database(name)
    saved_init, saved_demo = config['init'], config['demo']
    config['init'] = {'base': 1}
    config['demo'] = {}
    try:
        Registry.new(name, update_module=True)
    finally:
        config['init'], config['demo'] = saved_init, saved_demo
    try:
        yield name
    finally:
        Registry.delete(name)
        db_service.exp_drop(name)


@pytest.fixture(scope='session')
def http_url(http_db: str) -> Iterator[str]:
    """Base URL of the application serving ``http_db`` (the only database its filter lets through)."""
    from odoo.http import root
    from odoo.httpd.databases import forget_listing
    from werkzeug.serving import make_server
    saved_filter = config['dbfilter']
    config['dbfilter'] = f'^{http_db}$'
    forget_listing()
    server = make_server('127.0.0.1', 0, root, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name='http-tests', daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        config['dbfilter'] = saved_filter
        forget_listing()
