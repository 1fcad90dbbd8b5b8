"""Serving modes of ``./odoo-bin``: ``--workers`` (gunicorn prefork plus a
scheduled-actions process) and sessions that outlive a restart."""
from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _call(opener, url: str, path: str, params: dict) -> dict:
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1}).encode()
    request = urllib.request.Request(url + path, body, {'Content-Type': 'application/json'})
    with opener.open(request, timeout=30) as reply:
        return json.loads(reply.read())


def _children(pid: int) -> list[int]:
    listing = subprocess.run(['ps', '-o', 'pid=', '--ppid', str(pid)], capture_output=True, text=True, check=False)
    return [int(line) for line in listing.stdout.split()]


def test_workers_serve_rpc_and_run_a_cron_process(odoo_bin):
    server = odoo_bin('--workers=2')
    # two HTTP workers and the scheduled-actions runner (the workers boot in the background)
    deadline = time.monotonic() + 20
    while len(children := _children(server.process.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(children) == 3, children
    opener = _opener()
    for _ in range(10):
        answer = _call(opener, server.url, '/jsonrpc', {'service': 'object', 'method': 'execute_kw', 'args': [
            server.db, 2, 'admin', 'res.partner', 'search_count', [[]]]})
        assert answer['result'] > 0
    odoo_bin.stop(server)
    assert server.process.returncode == 0
    time.sleep(0.5)
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_sessions_survive_a_restart(odoo_bin):
    workdir = tempfile.mkdtemp(prefix='odoo-restart-')
    first = odoo_bin(workdir=workdir)
    opener = _opener()
    info = _call(opener, first.url, '/web/session/authenticate',
                 {'db': first.db, 'login': 'admin', 'password': 'admin'})['result']
    assert info['uid'] == 2
    first.process.send_signal(signal.SIGINT)
    first.process.wait(timeout=30)
    second = odoo_bin(workdir=workdir)
    # same cookie, new process (and new port): the session is read back from data_dir
    answer = _call(opener, second.url, '/web/session/get_session_info', {})
    assert answer.get('result', {}).get('uid') == 2, answer


def test_workers_see_each_others_changes(odoo_bin):
    """A password changed through one worker is refused by every worker at once
    (their ormcaches are cleared through the signalling sequences)."""
    server = odoo_bin('--workers=2')

    def execute(password, method, args):
        # a new connection each time: the calls spread over both workers
        return _call(_opener(), server.url, '/jsonrpc', {'service': 'object', 'method': 'execute_kw', 'args': [
            server.db, 2, password, 'res.users', method, args]})

    for _ in range(6):  # warm both workers' credential caches with the old password
        assert execute('admin', 'search_count', [[]])['result'] > 0
    assert execute('admin', 'write', [[2], {'password': 'admin-2'}])['result'] is True
    try:
        for _ in range(6):
            refused = execute('admin', 'search_count', [[]])
            assert refused['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
            assert execute('admin-2', 'search_count', [[]])['result'] > 0
    finally:
        assert execute('admin-2', 'write', [[2], {'password': 'admin'}])['result'] is True
