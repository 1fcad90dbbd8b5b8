"""Fixtures of the cross-addon tests: the runtime suite's throwaway
PostgreSQL (``pg_server``, ``db_name``...) and ``odoo_server``, a real
``./odoo-bin`` process serving a fresh database on a free port of 127.0.0.1
(created with ``base`` by the server itself, dropped at the end); and the
helpers the cross-addon test files share (they load this file by path, as
tests/ is not a package): ``serve_database`` (odoo-bin installing given
modules), ``jsonrpc`` / ``admin_call`` / ``Rpc`` (JSON-RPC clients),
``chromium`` and ``login`` (a signed-in browser page); and ``browser``,
one Chromium for the whole run (tests/web/ builds on it)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location('_runtime_tests_conftest', ROOT / 'runtime' / 'tests' / 'conftest.py')
_runtime_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_runtime_conftest)
pg_server = _runtime_conftest.pg_server
db_name = _runtime_conftest.db_name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class OdooServer:
    """A running ``./odoo-bin``: its URL, database, log and how long it took to answer."""

    def __init__(self, url: str, db: str, process: subprocess.Popen, log_path: str, ready_after: float,
                 log_file: Any = None) -> None:
        self.log_file = log_file
        self.url = url
        self.db = db
        self.process = process
        self.log_path = log_path
        self.ready_after = ready_after

    def log(self) -> str:
        with open(self.log_path, encoding='utf-8', errors='replace') as file:
            return file.read()


def start_odoo_bin(pg: dict, db: str, workdir: str, extra: tuple[str, ...] = (), timeout: float = 120) -> OdooServer:
    """Start ``./odoo-bin -d db`` and wait until it answers ``/web/login``."""
    port = free_port()
    log_path = os.path.join(workdir, f'odoo-{port}.log')
    command = [
        sys.executable, str(ROOT / 'odoo-bin'), '-d', db,
        f"--db_host={pg['host']}", f"--db_port={pg['port']}", f"--db_user={pg['user'] or ''}",
        f"--data-dir={os.path.join(workdir, 'data')}", '--http-interface=127.0.0.1', f'--http-port={port}',
        '--max-cron-threads=1', *extra,
    ]
    started = time.monotonic()
    log = open(log_path, 'w', encoding='utf-8')
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    while True:
        if process.poll() is not None:
            log.close()
            raise RuntimeError(f"odoo-bin exited with {process.returncode}:\n{Path(log_path).read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f'{url}/web/login', timeout=5) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() - started > timeout:
            process.kill()
            process.wait()
            log.close()
            raise RuntimeError(f"odoo-bin did not answer within {timeout} s:\n{Path(log_path).read_text()[-3000:]}")
        time.sleep(0.1)
    return OdooServer(url, db, process, log_path, time.monotonic() - started, log)


def stop_odoo_bin(server: OdooServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.log_file is not None and not server.log_file.closed:
        server.log_file.close()


@pytest.fixture(scope='session')
def odoo_server(pg_server: dict) -> Iterator[OdooServer]:
    from odoo.service import db as db_service
    name = f"api_{os.getpid()}"
    workdir = tempfile.mkdtemp(prefix='odoo-api-')
    server = start_odoo_bin(pg_server, name, workdir)
    try:
        yield server
    finally:
        stop_odoo_bin(server)
        db_service.exp_drop(name)


@pytest.fixture
def odoo_bin(pg_server: dict, odoo_server: OdooServer) -> Iterator:
    """Start more ``./odoo-bin`` processes on ``odoo_server``'s database:
    ``odoo_bin(*flags, workdir=None)``; all are stopped after the test."""
    started: list[OdooServer] = []

    def start(*flags: str, workdir: str | None = None) -> OdooServer:
        server = start_odoo_bin(pg_server, odoo_server.db, workdir or tempfile.mkdtemp(prefix='odoo-api-'), flags)
        started.append(server)
        return server

    start.stop = stop_odoo_bin
    try:
        yield start
    finally:
        for server in started:
            stop_odoo_bin(server)


@contextmanager
def serve_database(pg: dict, name: str, modules: str, demo: bool = True, extra: tuple[str, ...] = (),
                   timeout: float = 600) -> Iterator[OdooServer]:
    """``./odoo-bin`` on a new database ``name`` installing ``modules``
    (comma-separated), with or without demo data; the server is stopped and
    the database dropped on exit."""
    from odoo.service import db as db_service
    workdir = tempfile.mkdtemp(prefix=f'odoo-{name}-')
    flags = ('-i', modules, *(() if demo else ('--without-demo=all',)), *extra)
    server = start_odoo_bin(pg, name, workdir, flags, timeout=timeout)
    try:
        yield server
    finally:
        stop_odoo_bin(server)
        db_service.exp_drop(name)
        shutil.rmtree(workdir, ignore_errors=True)


def jsonrpc(url: str, path: str, params: dict, opener: Any = None, timeout: float = 120) -> Any:
    """POST a JSON-RPC call and return its result, failing the test on an error reply."""
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1}).encode()
    request = urllib.request.Request(url + path, body, {'Content-Type': 'application/json'})
    with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as reply:
        answer = json.loads(reply.read())
    assert 'error' not in answer, answer['error']
    return answer['result']


def admin_call(server: OdooServer, model: str, method: str, *args, **kwargs) -> Any:
    """``execute_kw`` as the administrator (uid 2, password ``admin``)."""
    return jsonrpc(server.url, '/jsonrpc', {'service': 'object', 'method': 'execute_kw', 'args': [
        server.db, 2, 'admin', model, method, list(args), kwargs]})


class RpcError(Exception):
    def __init__(self, error: dict) -> None:
        data = error.get('data') or {}
        self.name = data.get('name', '')
        self.text = data.get('message', '') or error.get('message', '')
        super().__init__(f'{self.name}: {self.text}')


class Rpc:
    """A JSON-RPC client of one user (a fresh HTTP connection per call, so
    calls from several threads run side by side); errors raise ``RpcError``."""

    def __init__(self, url: str, db: str, login: str, password: str) -> None:
        self.url, self.db, self.password = url, db, password
        self.uid = self.call('common', 'login', db, login, password)
        assert self.uid, f"{login} cannot log in"

    def call(self, service: str, method: str, *args):
        body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                           'params': {'service': service, 'method': method, 'args': args}}).encode()
        request = urllib.request.Request(f'{self.url}/jsonrpc', body, {'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=120) as reply:
            answer = json.loads(reply.read())
        if 'error' in answer:
            raise RpcError(answer['error'])
        return answer['result']

    def __call__(self, model: str, method: str, *args, **kwargs):
        return self.call('object', 'execute_kw', self.db, self.uid, self.password, model, method, list(args), kwargs)


CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium driven by Playwright (skips without Playwright)."""
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run scripts/setup.sh (Debian package chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope='session')
def browser() -> Iterator:
    """One Chromium for the whole run (each test opens its own context)."""
    with chromium() as launched:
        yield launched


def login(page: Any, server: OdooServer | str, user_login: str = 'admin', password: str = 'admin',
          query: str = '') -> None:
    """Sign ``page`` in through the ``/web/login`` form of ``server`` (or
    of a base URL)."""
    url = server if isinstance(server, str) else server.url
    page.goto(f"{url}/web/login{query}")
    page.fill('input[name=login]', user_login)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_url(lambda target: '/web/login' not in target)


class Inbox:
    """What the SMTP server on 127.0.0.1 received: (recipients, message) pairs."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return '250 OK'


@contextmanager
def smtp_inbox(server: OdooServer, name: str) -> Iterator[Inbox]:
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1, made the first
    outgoing mail server of ``server``'s database."""
    from aiosmtpd.controller import Controller
    port = free_port()
    handler = Inbox()
    controller = Controller(handler, hostname='127.0.0.1', port=port)
    controller.start()
    admin_call(server, 'ir.mail_server', 'create', {
        'name': name, 'smtp_host': '127.0.0.1', 'smtp_port': port, 'smtp_encryption': 'none', 'sequence': 1})
    try:
        yield handler
    finally:
        controller.stop()
