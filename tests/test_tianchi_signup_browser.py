"""Company sign-up end to end in Chromium, against a real ``./odoo-bin``
serving tianchi_org with its demo company: the page, the code e-mailed to
an SMTP server on 127.0.0.1, the new company's HQ head signed in and
seeing none of the demo company's records."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, Inbox, OdooServer, admin_call, serve_database, smtp_inbox

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def tianchi_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"signup_{os.getpid()}", 'tianchi_org') as server:
        yield server


@pytest.fixture
def inbox(tianchi_server: OdooServer) -> Iterator[Inbox]:
    with smtp_inbox(tianchi_server, 'test inbox') as handler:
        yield handler


def test_sign_up_in_chromium(tianchi_server: OdooServer, inbox: Inbox) -> None:
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} missing")
    demo_memos = admin_call(tianchi_server, 'ir.model.data', 'search_count',
                            [('module', '=', 'tianchi_org'), ('model', '=', 'tianchi.org.note')])
    assert demo_memos >= 5, "the demo company's memos should be installed"
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale='zh-CN')
            page = context.new_page()
            page.goto(f"{tianchi_server.url}/tianchi/signup?db={tianchi_server.db}")
            page.fill('#company_name', '浏览器注册有限公司')
            page.fill('#admin_name', '周总')
            page.fill('#mobile', '13566667777')
            page.fill('#email', 'zhou@example.com')
            page.click('button[name=send_code]')
            page.wait_for_selector('.alert-success')
            recipients, message = inbox.messages[-1]
            assert recipients == ['zhou@example.com']
            code = re.search(r'\b(\d{6})\b', message.get_body(('html', 'plain')).get_content()).group(1)
            page.fill('#code', code)
            page.fill('#password', 'Browser2026')
            page.fill('#confirm_password', 'Browser2026')
            page.click('button[name=register]')
            page.wait_for_url(lambda target: '/tianchi/signup' not in target, timeout=60000)
            info = page.request.post(f"{tianchi_server.url}/web/session/get_session_info", data=json.dumps(
                {'jsonrpc': '2.0', 'method': 'call', 'params': {}, 'id': 1}),
                headers={'Content-Type': 'application/json'}).json()['result']
            user_ids = admin_call(tianchi_server, 'res.users', 'search', [('login', '=', '13566667777')])
            assert info['uid'] == user_ids[0]

            def call(model: str, method: str, *args) -> object:
                answer = page.request.post(f"{tianchi_server.url}/web/dataset/call_kw", data=json.dumps({
                    'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
                        'model': model, 'method': method, 'args': list(args), 'kwargs': {}}}),
                    headers={'Content-Type': 'application/json'}).json()
                assert 'error' not in answer, answer['error']
                return answer['result']

            assert call('tianchi.org.note', 'search_count', []) == 0
            companies = call('res.company', 'search_read', [], ['name'])
            assert [company['name'] for company in companies] == ['浏览器注册有限公司']
        finally:
            browser.close()
