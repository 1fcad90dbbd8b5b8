"""Fixtures of the browser tests: ``web_server``, a real ``./odoo-bin``
serving a fresh database with ``web`` and the fixture addon ``test_web_l``
on 127.0.0.1, and ``browser``, Debian's Chromium driven by Playwright
(never a downloaded browser)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# the cross-addon conftest (not a package) starts and stops odoo-bin for us
_spec = importlib.util.spec_from_file_location('_tests_conftest_for_web', ROOT / 'tests' / 'conftest.py')
_tests_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tests_conftest)
start_odoo_bin = _tests_conftest.start_odoo_bin
stop_odoo_bin = _tests_conftest.stop_odoo_bin
CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
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
    from odoo.service import db as db_service
    if not (ROOT / 'node_modules' / 'htmx.org').is_dir():
        pytest.fail("front-end packages missing: run scripts/setup.sh (npm ci)")
    name = f"web_{os.getpid()}"
    workdir = tempfile.mkdtemp(prefix='odoo-web-')
    server = start_odoo_bin(pg_server, name, workdir, extra=(
        f"--addons-path={ROOT / 'addons'},{ROOT / 'tests' / 'web' / 'addons'}", '-i', 'web,test_web_l'), timeout=300)
    try:
        yield server
    finally:
        stop_odoo_bin(server)
        db_service.exp_drop(name)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope='session')
def browser() -> Iterator:
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run scripts/setup.sh (Debian package chromium)")
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def login(page, url: str, login: str = 'admin', password: str = 'admin') -> None:
    page.goto(f"{url}/web/login")
    page.fill('input[name=login]', login)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_url(lambda target: '/web/login' not in target)


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
