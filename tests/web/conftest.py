"""Fixtures of the browser tests: ``web_server``, a real ``./odoo-bin``
serving a fresh database with ``web`` and the fixture addon ``test_web_l``
on 127.0.0.1, and the administrator's pages (``page``, ``phone_page``) in
the session's ``browser``, Debian's Chromium driven by Playwright (never a
downloaded browser). Starting servers, ``browser`` and ``login`` come from
tests/conftest.py."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import login, serve_database

__all__ = ['SCREENSHOTS', 'login']

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get('WEB_SCREENSHOTS') or tempfile.gettempdir()) / 'tianchi-web-screenshots'


class RunningServer:
    """A server started outside the test run (``TIANCHI_WEB_URL``), e.g. while developing."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip('/')


@pytest.fixture(scope='session')
def web_server(request) -> Iterator:
    if os.environ.get('TIANCHI_WEB_URL'):
        # a running server whose database has test_web_l installed (its data is changed by the tests)
        yield RunningServer(os.environ['TIANCHI_WEB_URL'])
        return
    pg_server = request.getfixturevalue('pg_server')
    if not (ROOT / 'node_modules' / 'htmx.org').is_dir():
        pytest.fail("front-end packages missing: run scripts/setup.sh (npm ci)")
    addons_path = f"--addons-path={ROOT / 'addons'},{ROOT / 'tests' / 'web' / 'addons'}"
    with serve_database(pg_server, f"web_{os.getpid()}", 'web,test_web_l', extra=(addons_path,),
                        timeout=300) as server:
        yield server


@pytest.fixture(scope='session')
def admin_state(browser, web_server) -> dict:
    """The cookies of one administrator login, shared by the tests' browser contexts (a login costs seconds)."""
    context = browser.new_context(locale='zh-CN')
    try:
        login(context.new_page(), web_server.url)
        return context.storage_state()
    finally:
        context.close()


def _logged_in_page(browser, web_server, admin_state, width: int, height: int) -> Iterator:
    context = browser.new_context(viewport={'width': width, 'height': height}, locale='zh-CN', storage_state=admin_state)
    tab = context.new_page()
    errors: list[str] = []
    tab.on('pageerror', lambda exc: errors.append(str(exc)))
    tab.goto(f"{web_server.url}/odoo")
    tab.js_errors = errors
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser, web_server, admin_state) -> Iterator:
    yield from _logged_in_page(browser, web_server, admin_state, 1280, 900)


@pytest.fixture
def phone_page(browser, web_server, admin_state) -> Iterator:
    """The administrator on a 375 px wide phone screen."""
    yield from _logged_in_page(browser, web_server, admin_state, 375, 800)
