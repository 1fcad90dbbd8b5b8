"""Custom fields in Chromium against a real ``./odoo-bin`` serving
tianchi_crm: the administrator adds a field to customers in the custom
field form, and the next page of the customer list and form shows it and
takes its value."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# the cross-addon conftest (not a package) starts and stops odoo-bin
_spec = importlib.util.spec_from_file_location('_tests_conftest_for_custom_fields', Path(__file__).with_name('conftest.py'))
_tests_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tests_conftest)
OdooServer = _tests_conftest.OdooServer
start_odoo_bin = _tests_conftest.start_odoo_bin
stop_odoo_bin = _tests_conftest.stop_odoo_bin

pytestmark = pytest.mark.slow

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


def _admin(server: OdooServer, model: str, method: str, *args, **kwargs):
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
        'service': 'object', 'method': 'execute_kw',
        'args': [server.db, 2, 'admin', model, method, list(args), kwargs]}}).encode()
    request = urllib.request.Request(server.url + '/jsonrpc', body, {'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=60) as reply:
        answer = json.loads(reply.read())
    assert 'error' not in answer, answer['error']
    return answer['result']


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    from odoo.service import db as db_service
    name = f"customfields_{os.getpid()}"
    workdir = tempfile.mkdtemp(prefix='odoo-customfields-')
    server = start_odoo_bin(pg_server, name, workdir, extra=('-i', 'tianchi_crm', '--without-demo=all'),
                            timeout=600)
    try:
        yield server
    finally:
        stop_odoo_bin(server)
        db_service.exp_drop(name)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def page(crm_server: OdooServer) -> Iterator:
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run scripts/setup.sh (Debian package chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_context(viewport={'width': 1280, 'height': 900}).new_page()
        tab.goto(f"{crm_server.url}/web/login")
        tab.fill('input[name=login]', 'admin')
        tab.fill('input[name=password]', 'admin')
        tab.click('button[type=submit]')
        tab.wait_for_url(lambda target: '/web/login' not in target)
        try:
            yield tab
        finally:
            browser.close()


def test_admin_adds_a_customer_field(page, crm_server):
    customer = _admin(crm_server, 'res.partner', 'create', {
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
    field = _admin(crm_server, 'tianchi.custom.field', 'read', [custom_id], ['field_name'])[0]['field_name']
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
    assert _admin(crm_server, 'res.partner', 'read', [customer], [field])[0][field] == 'B-17'
