"""The customer list in Chromium against a real ``./odoo-bin`` serving
tianchi_crm, as a salesperson: a customer added and edited in the list
itself (领导和员工直接在表格里编辑), refused with the form's own message when
its unified social credit code is wrong; then a customer of the public pool
claimed from its form (which a salesperson may open: the form's print menu
lists the reports through the action bindings, not a search they have no
right to)."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, admin_call, chromium, login, serve_database

pytestmark = pytest.mark.slow

# a valid code (GB 32100-2015) and the same with a wrong check character
GOOD_CODE = '91330106MA0000015K'
BAD_CODE = '91330106MA0000015J'


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"customer_{os.getpid()}", 'tianchi_crm', demo=False) as server:
        yield server


@pytest.fixture(scope='module')
def seller(crm_server: OdooServer) -> int:
    group = admin_call(crm_server, 'ir.model.data', 'search_read',
                       [('module', '=', 'tianchi_org'), ('name', '=', 'tianchi_org_group_sale')], ['res_id'])[0]['res_id']
    return admin_call(crm_server, 'res.users', 'create', {
        'name': '销售小李', 'login': 'xiaoli', 'password': 'xiaoli-2026', 'groups_id': [(6, 0, [group])]})


@pytest.fixture
def page(crm_server: OdooServer, seller: int) -> Iterator:
    with chromium() as browser:
        tab = browser.new_context(viewport={'width': 1280, 'height': 900}, locale='zh-CN').new_page()
        login(tab, crm_server, 'xiaoli', 'xiaoli-2026')
        yield tab


def test_inline_editing_checks_the_credit_code(page, crm_server, seller):
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_action")
    page.wait_for_load_state('networkidle')
    page.click('tr.o_add_row a')
    page.wait_for_selector('tr.o_selected_row')
    row = page.locator('tr.o_selected_row')
    row.locator('td[data-name=name] input').fill('台州椒江机电有限公司')
    row.locator('td[data-name=vat] input').fill(BAD_CODE)
    row.locator('.o_list_save').click()
    page.wait_for_selector(f'text={BAD_CODE}')
    assert '台州椒江机电有限公司' in page.content()
    assert not admin_call(crm_server, 'res.partner', 'search', [('name', '=', '台州椒江机电有限公司')])

    row.locator('td[data-name=vat] input').fill(GOOD_CODE.lower())
    row.locator('.o_list_save').click()
    page.wait_for_selector('tr.o_selected_row', state='detached')
    found = admin_call(crm_server, 'res.partner', 'search_read', [('name', '=', '台州椒江机电有限公司')],
                       ['tianchi_is_customer', 'user_id', 'vat', 'customer_status', 'is_company'])
    assert len(found) == 1, found
    customer = found[0]
    assert customer['tianchi_is_customer'] and customer['is_company']
    assert customer['user_id'][0] == seller
    assert (customer['vat'], customer['customer_status']) == (GOOD_CODE, 'potential')

    # an existing row edited in place
    page.locator(f'tr.o_data_row[data-id="{customer["id"]}"] td[data-name=phone]').click()
    page.wait_for_selector('tr.o_selected_row')
    row = page.locator('tr.o_selected_row')
    row.locator('td[data-name=phone] input').fill('0576-88123456')
    row.locator('.o_list_save').click()
    page.wait_for_selector('tr.o_selected_row', state='detached')
    assert admin_call(crm_server, 'res.partner', 'read', [customer['id']], ['phone'])[0]['phone'] == '0576-88123456'


def test_claim_from_the_pool(page, crm_server, seller):
    customer = admin_call(crm_server, 'res.partner', 'create', {
        'name': '绍兴柯桥纺织有限公司', 'is_company': True, 'tianchi_is_customer': True, 'user_id': False})
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_pool_action")
    assert '绍兴柯桥纺织有限公司' in page.content()
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_pool_action/{customer}")
    page.click('button[value="object:action_claim"]')
    page.wait_for_load_state('networkidle')
    owner = admin_call(crm_server, 'res.partner', 'read', [customer], ['user_id'])[0]['user_id']
    assert owner and owner[0] == seller
