"""Claiming customers from the public pool (公海领取) under real concurrency:
a ``./odoo-bin --workers`` server with tianchi_crm, and 20 sales people
calling ``action_claim`` over JSON-RPC at the same moment from 20 threads,
so the claims run in separate server processes and separate database
transactions. Exactly one person gets each customer, the others are told
who did, and nobody ever holds more than the company's daily claim limit."""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, Rpc, RpcError, serve_database

pytestmark = pytest.mark.slow

CLAIMANTS = 20
PASSWORD = 'claim-pw-2026'


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"crm_pool_{os.getpid()}", 'tianchi_crm', demo=False,
                        extra=('--workers=6',), timeout=300) as server:
        yield server


@pytest.fixture(scope='module')
def sales_team(crm_server):
    """The admin's client, the company id and 20 sales people's clients."""
    admin = Rpc(crm_server.url, crm_server.db, 'admin', 'admin')
    company_id = admin('res.users', 'read', [admin.uid], ['company_id'])[0]['company_id'][0]
    group = admin('ir.model.data', 'search_read',
                  [('module', '=', 'tianchi_org'), ('name', '=', 'tianchi_org_group_sale')], ['res_id'])[0]['res_id']
    logins = [f'pool_sale_{number:02d}' for number in range(CLAIMANTS)]
    admin('res.users', 'create', [{
        'name': f'销售{number:02d}', 'login': login, 'password': PASSWORD,
        'company_id': company_id, 'company_ids': [(6, 0, [company_id])], 'groups_id': [(6, 0, [group])],
    } for number, login in enumerate(logins)])
    clients = [Rpc(crm_server.url, crm_server.db, login, PASSWORD) for login in logins]
    return admin, company_id, clients


def _pool_customers(admin: Rpc, company_id: int, count: int, label: str) -> list[int]:
    return admin('res.partner', 'create', [{
        'name': f'{label}{index:02d}', 'is_company': True, 'tianchi_is_customer': True,
        'user_id': False, 'company_id': company_id} for index in range(count)])


def _at_once(jobs):
    """Run the callables in threads released together; return their results
    (the value, or the RpcError raised)."""
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


def test_twenty_claimants_one_winner(sales_team):
    admin, company_id, clients = sales_team
    admin('res.company', 'write', [company_id], {'tianchi_pool_claim_limit': 0})
    for customer_id in _pool_customers(admin, company_id, 2, '抢单客户'):
        results = _at_once([lambda c=client, cid=customer_id: c('res.partner', 'action_claim', [cid])
                            for client in clients])
        winners = [client for client, result in zip(clients, results) if result is True]
        assert len(winners) == 1, results
        losers = [result for result in results if result is not True]
        owner = admin('res.partner', 'read', [customer_id], ['user_id'])[0]['user_id']
        assert owner[0] == winners[0].uid
        for error in losers:
            assert error.name == 'odoo.exceptions.UserError', error
            assert owner[1] in error.text, error


def test_claim_limit_holds_for_one_person_clicking_everywhere(sales_team):
    """One person claims 20 pool customers at once from 20 connections,
    with a limit of 3 a day: they get at most 3, what each call answered
    matches what they got, and the others are refused or retried out."""
    admin, company_id, clients = sales_team
    admin('res.company', 'write', [company_id], {'tianchi_pool_claim_limit': 3})
    customer_ids = _pool_customers(admin, company_id, CLAIMANTS, '限额客户')
    greedy = clients[0]
    results = _at_once([lambda cid=customer_id: greedy('res.partner', 'action_claim', [cid])
                        for customer_id in customer_ids])
    won = {cid for cid, result in zip(customer_ids, results) if result is True}
    owned = {row['id'] for row in admin('res.partner', 'read', customer_ids, ['user_id'])
             if row['user_id'] and row['user_id'][0] == greedy.uid}
    assert won == owned
    assert 1 <= len(owned) <= 3
    refusals = [result for result in results if result is not True]
    assert any('3' in error.text and error.name == 'odoo.exceptions.UserError' for error in refusals), refusals
    for error in refusals:
        assert error.name in ('odoo.exceptions.UserError', 'psycopg2.errors.SerializationFailure'), error
    counted = admin('res.users', 'read', [greedy.uid], ['tianchi_claim_count'])[0]['tianchi_claim_count']
    assert counted == len(owned)
    # the rest of the team shares what is left, within their own allowance
    leftovers = sorted(set(customer_ids) - owned)
    results = _at_once([lambda c=client, cid=cid: c('res.partner', 'action_claim', [cid])
                        for client, cid in zip(clients[1:], leftovers)])
    assert all(result is True for result in results), results
