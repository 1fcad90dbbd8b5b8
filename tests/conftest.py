"""Fixtures of the cross-addon tests: the runtime suite's throwaway
PostgreSQL (``pg_server``, ``db_name``...) and ``odoo_server``, a real
``./odoo-bin`` process serving a fresh database on a free port of 127.0.0.1
(created with ``base`` by the server itself, dropped at the end)."""
from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
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
