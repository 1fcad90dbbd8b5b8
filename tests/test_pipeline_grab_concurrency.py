"""Grab-order (抢单) under real concurrency: a ``./odoo-bin --workers``
server with tianchi_pipeline, and 20 stage staff calling ``action_grab``
over JSON-RPC at the same moment from 20 threads, so the grabs run in
separate server processes and separate database transactions. Exactly one
person gets each order, the others are told who did ("already taken by
X"), and nobody ever holds more than the company's limit of open grabs."""
from __future__ import annotations

import os
import random
import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, Rpc, RpcError, serve_database

pytestmark = pytest.mark.slow

GRABBERS = 20
PASSWORD = 'grab-pw-2026'


@pytest.fixture(scope='module')
def pipeline_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"grab_{os.getpid()}", 'tianchi_pipeline', demo=False,
                        extra=('--workers=6',), timeout=400) as server:
        yield server


@pytest.fixture(scope='module')
def grab_pool(pipeline_server):
    """The admin's client, the company id, the pool stage id and 20 staff clients."""
    admin = Rpc(pipeline_server.url, pipeline_server.db, 'admin', 'admin')
    company_id = admin('res.users', 'read', [admin.uid], ['company_id'])[0]['company_id'][0]
    group = admin('ir.model.data', 'search_read',
                  [('module', '=', 'tianchi_org'), ('name', '=', 'tianchi_org_group_sale')], ['res_id'])[0]['res_id']
    department = admin('hr.department', 'create', {'name': '抢单测试组', 'company_id': company_id})
    order_type = admin('tianchi.order.type', 'create', {'name': '并发测试型', 'company_id': company_id})
    stage = admin('tianchi.order.stage', 'create', {
        'name': '抢单', 'sequence': 1, 'order_type_id': order_type, 'allow_grab': True,
        'staff_department_ids': [(6, 0, [department])]})
    admin('tianchi.order.stage', 'create', {'name': '需求沟通', 'sequence': 2, 'order_type_id': order_type})
    clients = []
    for number in range(GRABBERS):
        login = f'grab_sale_{number:02d}'
        user = admin('res.users', 'create', {
            'name': f'抢单员{number:02d}', 'login': login, 'password': PASSWORD,
            'company_id': company_id, 'company_ids': [(6, 0, [company_id])], 'groups_id': [(6, 0, [group])]})
        admin('hr.employee', 'create', {'name': f'抢单员{number:02d}', 'user_id': user,
                                        'company_id': company_id, 'department_id': department})
        clients.append(Rpc(pipeline_server.url, pipeline_server.db, login, PASSWORD))
    customer = admin('res.partner', 'create', {'name': '并发测试客户有限公司', 'is_company': True})
    return admin, company_id, stage, customer, clients


def _pool_orders(admin: Rpc, company_id: int, stage: int, customer: int, count: int) -> list[int]:
    return [admin('sale.order', 'create', {
        'partner_id': customer, 'company_id': company_id, 'stage_id': stage, 'user_id': False})
        for _ in range(count)]


def _at_once(jobs):
    """Run the callables in threads released together; return their
    results (the value, or the RpcError raised)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except RpcError as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def test_twenty_grabbers_one_winner(grab_pool):
    admin, company_id, stage, customer, clients = grab_pool
    admin('res.company', 'write', [company_id], {'tianchi_grab_limit': 0})
    for order_id in _pool_orders(admin, company_id, stage, customer, 3):
        results = _at_once([lambda c=client, o=order_id: c('sale.order', 'action_grab', [o]) for client in clients])
        winners = [client for client, result in zip(clients, results) if result is True]
        assert len(winners) == 1, results
        owner = admin('sale.order', 'read', [order_id], ['user_id'])[0]['user_id']
        assert owner[0] == winners[0].uid
        for error in (result for result in results if result is not True):
            assert error.name == 'odoo.exceptions.UserError', error
            assert f'already taken by {owner[1]}' in error.text, error
        events = Counter(row['event'] for row in admin(
            'tianchi.order.grab.log', 'search_read', [('order_id', '=', order_id)], ['event']))
        assert events['won'] == 1 and events['lost'] == GRABBERS - 1, events


def test_limit_holds_under_concurrency(grab_pool):
    """Every person grabs at all 10 orders in a random order at once, with
    a limit of 2 open grabs: each order ends with one owner, nobody holds
    more than 2, and what each was told matches what they got."""
    admin, company_id, stage, customer, clients = grab_pool
    admin('res.company', 'write', [company_id], {'tianchi_grab_limit': 2})
    order_ids = _pool_orders(admin, company_id, stage, customer, 10)

    def grab_all(client):
        def job():
            told = []
            for order_id in random.sample(order_ids, len(order_ids)):
                try:
                    told.append((order_id, client('sale.order', 'action_grab', [order_id])))
                except RpcError as error:
                    told.append((order_id, error))
            return told
        return job

    results = _at_once([grab_all(client) for client in clients])
    owners = {row['id']: row['user_id'] for row in admin('sale.order', 'read', order_ids, ['user_id'])}
    assert all(owners.values()), owners
    held = Counter(owner[0] for owner in owners.values())
    for client, told in zip(clients, results):
        won = {order_id for order_id, answer in told if answer is True}
        assert won == {oid for oid, owner in owners.items() if owner[0] == client.uid}
        assert held[client.uid] <= 2
        for _order_id, answer in told:
            if answer is not True:
                assert answer.name == 'odoo.exceptions.UserError', answer
                assert 'already taken by' in answer.text or 'already holds 2' in answer.text, answer
