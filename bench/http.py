"""HTTP benchmark of issue 3: prints the figures of the external API.

Usage: python3 bench/http.py [odoo-bin database options, e.g. --db_host=127.0.0.1
       --db_port=5433 --db_user=odoo] [-d NAME] [--duration 20] [--clients 4]

It prepares database NAME (default ``tianchi_bench_http``: ``base`` installed,
at least 1,000 partners), then for each serving mode — one threaded process,
and ``--workers 2`` — starts ``./odoo-bin``, measures the time from the start
of the process to the first answered ``/web/login``, and drives an
authenticated ``execute_kw`` ``search_read`` of 80 partners (5 fields) over
``/jsonrpc`` from N concurrent keep-alive clients (one asyncio process,
``bench/_clients.py``), each sending its next call as soon as the previous
one answered, for the given duration (requests per second, p50 and p99
latency). With the threaded server it also
times a ``search_read`` of 1,000 partners with 5 fields (median of 20 calls).
All traffic stays on 127.0.0.1; every loop is bounded in time.
"""
from __future__ import annotations

import os
import sys

# this file is named http.py: keep its folder off the path, or it would
# shadow the standard library's http package
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or '.') != _HERE]
_ROOT = os.path.dirname(_HERE)
sys.path.insert(0, os.path.join(_ROOT, 'runtime'))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, _HERE)
import _clients  # noqa: E402

del sys.path[0]

FIELDS = ['name', 'email', 'phone', 'city', 'country_id']
PARTNERS_NEEDED = 1000
TARGETS = {'rps_workers': 250.0, 'p99_ms': 50.0, 'read_1000_ms': 20.0, 'first_login_s': 1.5}


def prepare_database(db_options: list[str], db_name: str) -> None:
    """Create ``db_name`` with base when missing; make sure it has enough partners."""
    from odoo import api, sql_db
    from odoo.modules.registry import Registry
    from odoo.service import db as db_service
    from odoo.tools import config
    config.parse_config(db_options + ['--log-level=warn'])
    if not db_service.exp_db_exist(db_name):
        print(f"creating database {db_name} with base...", flush=True)
        db_service._create_empty_database(db_name)
        config['init'] = {'base': 1}
        config['without_demo'] = 'all'
        Registry.new(db_name, update_module=True)
        config['init'] = {}
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, 1, {})
        partners = env['res.partner']
        missing = PARTNERS_NEEDED + 100 - partners.search_count([])
        if missing > 0:
            country = env.ref('base.cn', raise_if_not_found=False)
            partners.create([{
                'name': f'基准客户 {index:04d}', 'email': f'bench{index}@example.com',
                'phone': f'0571-{index:06d}', 'city': '杭州', 'country_id': country.id if country else False,
            } for index in range(missing)])
    sql_db.close_all()


def _call_payload(db: str, limit: int) -> dict:
    return {'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
        'service': 'object', 'method': 'execute_kw',
        'args': [db, 2, 'admin', 'res.partner', 'search_read', [[]], {'fields': FIELDS, 'limit': limit}],
    }}


def _call_body(db: str, limit: int) -> bytes:
    return json.dumps(_call_payload(db, limit)).encode()


def _post(connection: http.client.HTTPConnection, body: bytes) -> dict:
    connection.request('POST', '/jsonrpc', body, {'Content-Type': 'application/json'})
    reply = connection.getresponse()
    payload = json.loads(reply.read())
    if 'error' in payload:
        raise RuntimeError(f"server error: {payload['error']['data']['message']}")
    return payload


def load(port: int, db_name: str, clients: int, duration: float) -> dict:
    body = _call_body(db_name, 80)
    warm = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    rows = len(_post(warm, body)['result'])
    for _ in range(30):
        _post(warm, body)
    warm.close()
    payload = _call_payload(db_name, 80)

    async def call(_index: int, connection: _clients.Connection, _item: None) -> bool:
        try:
            answer = await connection.post_json('/jsonrpc', payload)
        except (OSError, RuntimeError, ValueError):
            connection.close()
            return False
        return 'error' not in answer

    async def drive() -> list:
        connections = await _clients.connect_all('127.0.0.1', port, clients)
        try:
            return await _clients.closed_loop(connections, call, deadline=time.perf_counter() + duration)
        finally:
            for connection in connections:
                connection.close()

    timed = [entry for per_client in asyncio.run(drive()) for entry in per_client]
    figures = _clients.latency_figures([seconds for seconds, ok in timed if ok])
    return {
        'rows': rows, 'requests': figures['count'], 'errors': sum(1 for _s, ok in timed if not ok),
        'rps': figures['count'] / duration, 'p50_ms': figures['p50_ms'], 'p99_ms': figures['p99_ms'],
    }


def read_1000(port: int, db_name: str) -> tuple[int, float, float]:
    body = _call_body(db_name, 1000)
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    rows = len(_post(connection, body)['result'])
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        _post(connection, body)
        timings.append(1000 * (time.perf_counter() - started))
    connection.close()
    return rows, statistics.median(timings), min(timings)


def _verdict(ok: bool) -> str:
    return 'ok' if ok else 'MISSED'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('-d', '--database', default='tianchi_bench_http')
    parser.add_argument('--duration', type=float, default=20.0)
    parser.add_argument('--clients', type=int, default=4)
    args, db_options = parser.parse_known_args()
    prepare_database(db_options, args.database)
    workdir = tempfile.mkdtemp(prefix='bench-http-')
    print(f"load: {args.clients} clients x {args.duration:g} s of execute_kw search_read "
          f"(80 partners, {len(FIELDS)} fields) over /jsonrpc; logs in {workdir}", flush=True)
    for label, extra in (('threaded (1 process)', []), ('--workers 2', ['--workers=2'])):
        process, port, log, _log_path, first_login = _clients.start_server(db_options, args.database, extra, workdir)
        try:
            figures = load(port, args.database, args.clients, args.duration)
            print(f"{label:<22} first /web/login {first_login:6.2f} s   "
                  f"{figures['rps']:7.1f} req/s   p50 {figures['p50_ms']:6.1f} ms   p99 {figures['p99_ms']:6.1f} ms   "
                  f"({figures['requests']} requests of {figures['rows']} rows, {figures['errors']} errors)", flush=True)
            if extra:
                print(f"  targets: >= {TARGETS['rps_workers']:g} req/s with 2 workers: "
                      f"{_verdict(figures['rps'] >= TARGETS['rps_workers'])}; p99 < {TARGETS['p99_ms']:g} ms: "
                      f"{_verdict(figures['p99_ms'] < TARGETS['p99_ms'])}", flush=True)
            else:
                rows, median, best = read_1000(port, args.database)
                print(f"  search_read of {rows} partners, {len(FIELDS)} fields: median {median:.1f} ms, "
                      f"best {best:.1f} ms (target < {TARGETS['read_1000_ms']:g} ms: "
                      f"{_verdict(median < TARGETS['read_1000_ms'])})", flush=True)
                print(f"  first /web/login after start: {first_login:.2f} s (target < {TARGETS['first_login_s']:g} s: "
                      f"{_verdict(first_login < TARGETS['first_login_s'])})", flush=True)
        finally:
            _clients.stop_server(process, log)


if __name__ == '__main__':
    main()
