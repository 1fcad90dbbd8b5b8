"""Custom fields in Chromium against a real ``./odoo-bin`` serving
tianchi_crm: the administrator adds a field to customers in the custom
field form, and the next page of the customer list and form shows it and
takes its value."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, admin_call, chromium, login, serve_database

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"customfields_{os.getpid()}", 'tianchi_crm', demo=False) as server:
        yield server


@pytest.fixture
def page(crm_server: OdooServer) -> Iterator:
    with chromium() as browser:
        tab = browser.new_context(viewport={'width': 1280, 'height': 900}).new_page()
        login(tab, crm_server, 'admin', 'admin')
        yield tab


def test_admin_adds_a_customer_field(page, crm_server):
    customer = admin_call(crm_server, 'res.partner', 'create', {
        'name': '宁波港口物流有限公司', 'is_company': True, 'tianchi_is_customer': True})

    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_custom_field_action")
    page.click('.o_list_button_add')
    page.wait_for_selector('form.o_form_view')
    page.fill('#o_field_name', 'Berth Number')
    page.select_option('#o_field_field_type', 'char')
    page.fill('.o_many2one_input[name=q_target_id]', 'Customers')
    page.click('.o_many2one_choice:has-text("Customers")')
    page.click('.o_form_button_save')
    page.wait_for_url(lambda url: url.rstrip('/').split('/')[-1].isdigit())
    custom_id = int(page.url.rstrip('/').split('/')[-1])
    field = admin_call(crm_server, 'tianchi.custom.field', 'read', [custom_id], ['field_name'])[0]['field_name']
    assert field and field.startswith('x_')

    # the very next pages show it: a list column and a form field taking a value
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_action")
    page.wait_for_selector('.o_list_view, table')
    assert 'Berth Number' in page.inner_text('thead')
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_action/{customer}")
    page.wait_for_selector('form.o_form_view')
    assert 'Berth Number' in page.inner_text('form.o_form_view')
    page.fill(f'#o_field_{field}', 'B-17')
    with page.expect_response(lambda reply: '/web/client/form/save' in reply.url):
        page.click('.o_form_button_save')
    page.wait_for_load_state()
    assert admin_call(crm_server, 'res.partner', 'read', [customer], [field])[0][field] == 'B-17'
