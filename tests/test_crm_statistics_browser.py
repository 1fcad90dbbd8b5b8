"""Customer statistics (客户分布统计图) in Chromium against a real ``./odoo-bin``
serving tianchi_crm with its demo data: the province chart ranks its bars,
and a click on a bar lists exactly the customers counted in it; the level
chart and the dashboard page do the same on a phone-sized screen."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import OdooServer, start_odoo_bin, stop_odoo_bin

pytestmark = pytest.mark.slow

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
HQ_HEAD = '13800000001'     # 王建国, the demo company's HQ head (tianchi_org demo data)
CUSTOMERS = [['tianchi_is_customer', '=', True], ['parent_id', '=', False]]   # the statistics actions' domain
CHART = "Chart.getChart(document.querySelector('canvas.o_graph_canvas'))"


@pytest.fixture(scope='module')
def crm_server(pg_server: dict) -> Iterator[OdooServer]:
    from odoo.service import db as db_service
    name = f"crmstats_{os.getpid()}"
    workdir = tempfile.mkdtemp(prefix='odoo-crmstats-')
    server = start_odoo_bin(pg_server, name, workdir, extra=('-i', 'tianchi_crm'), timeout=600)
    try:
        yield server
    finally:
        stop_odoo_bin(server)
        db_service.exp_drop(name)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def browser_page(crm_server: OdooServer):
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} missing: run scripts/setup.sh (Debian package chromium)")
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _login(browser, server: OdooServer, width: int, height: int):
    context = browser.new_context(viewport={'width': width, 'height': height}, locale='zh-CN')
    page = context.new_page()
    page.js_errors = []
    page.on('pageerror', lambda exc: page.js_errors.append(str(exc)))
    # the HQ head has no password in the demo data: set one as admin first
    _call(page, server, 'admin', 'admin', 'res.users', 'write',
          [_call(page, server, 'admin', 'admin', 'res.users', 'search', [[('login', '=', HQ_HEAD)]]), {'password': 'Demo2026'}])
    page.goto(f"{server.url}/web/login?db={server.db}")
    page.fill('input[name=login]', HQ_HEAD)
    page.fill('input[name=password]', 'Demo2026')
    page.click('button[type=submit]')
    page.wait_for_url(lambda target: '/web/login' not in target)
    return page


def _call(page, server: OdooServer, login: str, password: str, model: str, method: str, args: list, kwargs=None):
    reply = page.request.post(f"{server.url}/jsonrpc", data=json.dumps({
        'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
            'service': 'object', 'method': 'execute_kw',
            'args': [server.db, _uid(page, server, login, password), password, model, method, args, kwargs or {}]}}),
        headers={'Content-Type': 'application/json'})
    body = reply.json()
    assert 'error' not in body, body
    return body['result']


def _uid(page, server: OdooServer, login: str, password: str) -> int:
    reply = page.request.post(f"{server.url}/jsonrpc", data=json.dumps({
        'jsonrpc': '2.0', 'method': 'call', 'id': 1,
        'params': {'service': 'common', 'method': 'login', 'args': [server.db, login, password]}}),
        headers={'Content-Type': 'application/json'})
    return reply.json()['result']


def _click_bar(page, index: int) -> None:
    x, y = page.evaluate(f"""(i) => {{
        const chart = {CHART}, bar = chart.getDatasetMeta(0).data[i], box = chart.canvas.getBoundingClientRect();
        return [box.left + bar.x, box.top + (bar.y + bar.base) / 2];
    }}""", index)
    page.mouse.click(x, y)


def _customers_behind(page, server: OdooServer) -> int:
    """How many customers the list just opened selects, counted by the HQ head over JSON-RPC."""
    domain = json.loads(parse_qs(urlsplit(page.url).query)['domain'][0])
    return _call(page, server, HQ_HEAD, 'Demo2026', 'res.partner', 'search_count', [CUSTOMERS + domain])


def _listed_total(page) -> int:
    """The record count the list's pager shows ("1-80 / 123")."""
    return int(page.inner_text('.o_pager span').rsplit('/', 1)[1])


def test_province_ranking_clicks_through_to_its_customers(crm_server: OdooServer, browser_page) -> None:
    page = _login(browser_page, crm_server, 1280, 900)
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_statistics_province_action")
    page.wait_for_selector('canvas.o_graph_canvas[data-drawn="1"]')
    labels = page.evaluate(f"{CHART}.data.labels")
    counts = page.evaluate(f"{CHART}.data.datasets[0].data")
    assert len(labels) >= 10, labels
    assert counts == sorted(counts, reverse=True), "bars ranked by count"
    assert labels[0] == '广东省'
    _click_bar(page, 0)
    page.wait_for_url(lambda url: 'view_type=list' in url)
    page.wait_for_selector('.o_list_table')
    assert _customers_behind(page, crm_server) == counts[0]
    assert page.locator('.o_data_row').count() == min(counts[0], 80)
    assert page.locator('.o_drill_facet').count() == 1
    assert not page.js_errors, page.js_errors


def test_level_chart_on_a_phone(crm_server: OdooServer, browser_page) -> None:
    page = _login(browser_page, crm_server, 375, 800)
    page.goto(f"{crm_server.url}/odoo/action-tianchi_crm.tianchi_customer_statistics_action")
    page.wait_for_selector('canvas.o_graph_canvas[data-drawn="1"]')
    labels = page.evaluate(f"{CHART}.data.labels")
    assert {'战略客户', '重点客户', '普通客户'} <= set(labels), labels
    width = page.evaluate("document.querySelector('canvas.o_graph_canvas').getBoundingClientRect().width")
    assert width <= 375
    counts = page.evaluate(f"{CHART}.data.datasets[0].data")
    index = labels.index('战略客户')
    _click_bar(page, index)
    page.wait_for_url(lambda url: 'view_type=list' in url)
    page.wait_for_selector('.o_list_table')
    assert page.locator('.o_data_row').count() == counts[index]
    assert not page.js_errors, page.js_errors


def test_dashboard_bar_opens_its_customers(crm_server: OdooServer, browser_page) -> None:
    page = _login(browser_page, crm_server, 375, 800)
    page.goto(f"{crm_server.url}/tianchi/crm/dashboard")
    page.wait_for_selector('canvas[data-key="province"][data-drawn="1"]')
    assert page.locator('canvas.o_tianchi_dashboard_chart').count() == 6
    assert page.locator('.o_tianchi_kpi_total b').inner_text() == '300'
    chart = "Chart.getChart(document.querySelector('canvas[data-key=\"province\"]'))"
    counts = page.evaluate(f"{chart}.data.datasets[0].data")
    assert counts == sorted(counts, reverse=True)
    page.locator('canvas[data-key="province"]').scroll_into_view_if_needed()
    x, y = page.evaluate(f"""() => {{
        const chart = {chart}, point = chart.getDatasetMeta(0).data[0].getCenterPoint();
        const box = chart.canvas.getBoundingClientRect();
        return [box.left + point.x, box.top + point.y];
    }}""")
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: 'view_type=list' in url)
    page.wait_for_selector('.o_list_table')
    # the link names an action and its active_id only (what Odoo 18's router reads)
    assert 'domain=' not in page.url
    assert _listed_total(page) == counts[0]
    assert page.locator('.o_data_row').count() == min(counts[0], 80)
    assert not page.js_errors, page.js_errors
