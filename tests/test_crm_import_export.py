"""Customers in and out of spreadsheets against a real ``./odoo-bin`` serving
tianchi_crm: a sheet with a region and a custom field column is imported through
the import wizard's methods, then the customer list is exported to .xlsx by the
web client, with the list's headers in the user's language, the region names and
the custom field's values."""
from __future__ import annotations

import base64
import http.cookiejar
import io
import os
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from .conftest import OdooServer, admin_call, serve_database

pytestmark = pytest.mark.slow

SHEET = ("客户名称,统一社会信用代码,省份,城市,区县,手机,项目阶段\n"
         "广州星辰软件有限公司,9144010655H9C85H29,广东,广州,天河区,+86 138-0013-8000,立项\n"
         "杭州恒通建材有限公司,913301063C5F96E708,浙江省,杭州市,西湖区,13900139000,投标\n")


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"crmexport_{os.getpid()}", 'tianchi_crm', demo=False) as server:
        yield server


def _browser(server: OdooServer):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(server.url + '/web/login', timeout=60).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    opener.open(server.url + '/web/login', urllib.parse.urlencode(
        {'login': 'admin', 'password': 'admin', 'csrf_token': token}).encode(), timeout=60).read()
    return opener


def test_import_then_export_customers(crm_server):
    from openpyxl import load_workbook

    target = admin_call(crm_server, 'tianchi.custom.field.target', 'search_read',
                        [('model_name', '=', 'res.partner')], ['name'])
    customers_target = next(row for row in target if 'ustomer' in row['name'])
    custom = admin_call(crm_server, 'tianchi.custom.field', 'create', {
        'name': '项目阶段', 'target_id': customers_target['id'], 'field_type': 'char'})
    field = admin_call(crm_server, 'tianchi.custom.field', 'read', [custom], ['field_name'])[0]['field_name']

    session = admin_call(crm_server, 'tianchi.customer.import', 'create', {
        'file': base64.b64encode(SHEET.encode()).decode(), 'filename': 'customers.csv'})
    admin_call(crm_server, 'tianchi.customer.import', 'action_parse', [session])
    columns = admin_call(crm_server, 'tianchi.customer.import.column', 'search_read',
                         [('import_id', '=', session)], ['header', 'target'])
    assert {row['header']: row['target'] for row in columns}['项目阶段'] == field
    admin_call(crm_server, 'tianchi.customer.import', 'action_import', [session])
    outcome = admin_call(crm_server, 'tianchi.customer.import', 'read', [session], ['state', 'created_count'])[0]
    assert (outcome['state'], outcome['created_count']) == ('done', 2)
    ids = admin_call(crm_server, 'res.partner', 'search', [('tianchi_is_customer', '=', True), ('parent_id', '=', False)],
                     order='name')
    assert len(ids) == 2

    view_id = admin_call(crm_server, 'ir.model.data', 'search_read',
                         [('module', '=', 'tianchi_crm'), ('name', '=', 'tianchi_customer_view_tree')], ['res_id'])[0]['res_id']
    browser = _browser(crm_server)
    wizard = browser.open(crm_server.url + '/odoo/action-tianchi_crm.tianchi_customer_import_action',
                          timeout=60).read().decode()
    assert 'type="file"' in wizard and 'action_parse' in wizard
    import_page = browser.open(f'{crm_server.url}/tianchi_crm/import/{session}', timeout=60).read().decode()
    assert 'customers.csv' in import_page and '项目阶段' in import_page
    page = browser.open(crm_server.url + '/odoo/action-tianchi_crm.tianchi_customer_action', timeout=60).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = [('model', 'res.partner'), ('operation', 'export'), ('view_id', str(view_id)),
            ('csrf_token', token)] + [('ids', str(rid)) for rid in ids]
    reply = browser.open(crm_server.url + '/web/client/batch', urllib.parse.urlencode(form).encode(), timeout=60)
    assert 'spreadsheetml' in reply.headers['Content-Type']
    sheet = load_workbook(io.BytesIO(reply.read()), read_only=True).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    labels = admin_call(crm_server, 'res.partner', 'fields_get', ['region_province_id', 'region_city_id', field],
                        attributes=['string'])
    header = lines[0]
    for name in ('region_province_id', 'region_city_id', field):
        assert labels[name]['string'] in header, (labels[name]['string'], header)
    assert '项目阶段' in header
    rows = {line[header.index(labels['region_city_id']['string'])]: line for line in lines[1:]}
    assert set(rows) == {'广州市', '杭州市'}
    guangzhou = rows['广州市']
    assert guangzhou[header.index(labels['region_province_id']['string'])] == '广东省'
    assert guangzhou[header.index('项目阶段')] == '立项'


def test_import_page_in_chromium(crm_server):
    """The import page runs a dry run and then the import, its bar reaching 100%."""
    playwright_api = pytest.importorskip('playwright.sync_api')
    chromium = '/usr/bin/chromium'
    if not os.path.exists(chromium):
        pytest.fail(f"{chromium} missing: run scripts/setup.sh (Debian package chromium)")
    sheet = SHEET.replace('广州星辰软件有限公司', '深圳星辰软件有限公司').replace('9144010655H9C85H29', '') \
                 .replace('杭州恒通建材有限公司', '宁波恒通建材有限公司').replace('913301063C5F96E708', '') \
                 .replace('138-0013-8000', '137-0013-7000').replace('13900139000', '13600136000')
    session = admin_call(crm_server, 'tianchi.customer.import', 'create', {
        'file': base64.b64encode(sheet.encode()).decode(), 'filename': 'page.csv'})
    admin_call(crm_server, 'tianchi.customer.import', 'action_parse', [session])
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=['--headless', '--no-sandbox'])
        tab = browser.new_context().new_page()
        tab.goto(f"{crm_server.url}/web/login")
        tab.fill('input[name=login]', 'admin')
        tab.fill('input[name=password]', 'admin')
        tab.click('button[type=submit]')
        tab.wait_for_url(lambda target: '/web/login' not in target)
        tab.goto(f"{crm_server.url}/tianchi_crm/import/{session}")
        tab.click('#tianchi_dry_run')
        tab.wait_for_selector('#tianchi_result:not([hidden])')
        assert 'nothing saved' in tab.inner_text('#tianchi_result')
        tab.click('#tianchi_start')
        tab.wait_for_function("document.getElementById('tianchi_start').disabled === false")
        tab.wait_for_selector('#tianchi_result:not([hidden])')
        assert '2 customers created' in tab.inner_text('#tianchi_result')
        assert tab.eval_on_selector('#tianchi_bar', 'bar => bar.style.width') == '100%'
        browser.close()
    created = admin_call(crm_server, 'res.partner', 'search_count', [('name', 'in', ['深圳星辰软件有限公司', '宁波恒通建材有限公司'])])
    assert created == 2
