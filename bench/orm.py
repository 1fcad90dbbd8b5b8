"""ORM benchmark: prints the time and SQL query count of the hot paths of issue 2.

Usage: python3 bench/orm.py [odoo-bin options, e.g. --db_host=... -d bench_orm]
It (re)creates the database, installs ``base`` without demo data (timed), then
measures, each inside one transaction that is rolled back at the end:
a batch create of 10,000 partners, 1,000 creates one by one, a search_read of
1,000 partners with 5 fields, and a mapped() over 3 relations on 10,000 records.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

# bench/ holds http.py, which would shadow the standard library's http package.
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != BENCH_DIR]
sys.path.insert(0, os.path.join(os.path.dirname(BENCH_DIR), 'runtime'))

from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.modules.registry import Registry  # noqa: E402
from odoo.service import db as db_service  # noqa: E402
from odoo.tools import config  # noqa: E402

TARGETS = {
    'install base': 15.0,
    'create 10,000 partners (batch)': 3.0,
    'create 1,000 partners one by one': 1.5,
}


def measure(label: str, cr, func: Callable[[], object]) -> None:
    start_queries = cr.sql_log_count
    start = time.perf_counter()
    func()
    elapsed = time.perf_counter() - start
    queries = cr.sql_log_count - start_queries
    target = TARGETS.get(label)
    verdict = '' if target is None else f"  (target < {target:g} s: {'ok' if elapsed < target else 'MISSED'})"
    print(f"{label:<45} {elapsed:8.3f} s  {queries:6d} queries{verdict}", flush=True)


def main() -> None:
    config.parse_config(sys.argv[1:])
    db_name = config['db_name'] or 'tianchi_bench_orm'
    if db_service.exp_db_exist(db_name):
        db_service.exp_drop(db_name)
    db_service._create_empty_database(db_name)
    config['init'] = {'base': 1}
    config['without_demo'] = 'all'
    start = time.perf_counter()
    registry = Registry.new(db_name, update_module=True)
    elapsed = time.perf_counter() - start
    print(f"{'install base':<45} {elapsed:8.3f} s  (target < 15 s: {'ok' if elapsed < 15 else 'MISSED'})")

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True})
        Partner = env['res.partner']
        china = env.ref('base.cn')

        def batch_create():
            Partner.create([{'name': f'批量客户 {i}', 'email': f'b{i}@example.com', 'city': '上海'}
                            for i in range(10_000)])
            env.flush_all()

        def single_creates():
            for i in range(1_000):
                Partner.create({'name': f'单个客户 {i}', 'email': f's{i}@example.com'})
            env.flush_all()

        measure('create 10,000 partners (batch)', cr, batch_create)
        measure('create 1,000 partners one by one', cr, single_creates)

        companies = Partner.create([{'name': f'公司 {i}', 'is_company': True, 'country_id': china.id}
                                    for i in range(100)])
        contacts = Partner.create([{'name': f'联系人 {i}', 'parent_id': companies[i % 100].id}
                                   for i in range(10_000)])
        env.flush_all()
        env.invalidate_all()
        ids = Partner.search([], limit=1_000).ids
        env.invalidate_all()
        measure('search_read 1,000 partners, 5 fields', cr, lambda: Partner.search_read(
            [('id', 'in', ids)], ['name', 'email', 'city', 'country_id', 'is_company']))
        env.invalidate_all()
        records = Partner.browse(contacts.ids)
        measure('mapped over 3 relations on 10,000 records', cr,
                lambda: records.mapped('parent_id.country_id.currency_id.name'))
        cr.rollback()
    db_service.exp_drop(db_name)


if __name__ == '__main__':
    main()
