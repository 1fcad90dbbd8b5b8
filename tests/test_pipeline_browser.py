"""An order walks every stage of the demo 销售型 flow in Chromium, against a
real ``./odoo-bin`` serving tianchi_pipeline with its demo data, each step
by the person whose job it is: 吴静 drags the new lead on the kanban board
into 抢单, 孙伟 grabs it from the grab pool and takes it through 需求沟通,
报价, 签约 and 回款 with the form's buttons (and is refused 完成, which
takes 财务), and 蒋敏 of finance closes it from the status bar. The stage
history, the grab log and the chatter's tracking are checked after. On the
way, at 报价 the quotation PDF is e-mailed to the customer through a real
SMTP server on 127.0.0.1 (aiosmtpd), and at 签约 the confirmed order's
contract is made and printed: its PDF text holds the amount in figures and
in Chinese words (大写金额)."""
from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, Inbox, OdooServer, jsonrpc, login, serve_database, smtp_inbox

pytestmark = pytest.mark.slow

PASSWORD = 'walk-pw-2026'
BOARD = '/odoo/action-tianchi_pipeline.sale_order_action_board'
POOL = '/odoo/action-tianchi_pipeline.sale_order_action_grab_pool'


def _call(server: OdooServer, uid: int, password: str, model: str, method: str, *args, **kwargs):
    return jsonrpc(server.url, '/jsonrpc', {'service': 'object', 'method': 'execute_kw', 'args': [
        server.db, uid, password, model, method, list(args), kwargs]})


@pytest.fixture(scope='module')
def pipeline_server(pg_server: dict) -> Iterator[OdooServer]:
    with serve_database(pg_server, f"pipeline_walk_{os.getpid()}", 'tianchi_pipeline', timeout=900) as server:
        yield server


@pytest.fixture(scope='module')
def people(pipeline_server: OdooServer) -> dict:
    """The demo people of the walk, with a known password: login and uid."""
    logins = {'wu': '13800000006', 'sun': '13800000004', 'jiang': '13800000012'}
    # admin checks the outcome: let it see the demo company
    _call(pipeline_server, 2, 'admin', 'res.users', 'write', [2],
          {'company_ids': [(4, _ref(pipeline_server, 'tianchi_org.demo_company'))]})
    found = {}
    for key, user_login in logins.items():
        uid = _call(pipeline_server, 2, 'admin', 'res.users', 'search', [('login', '=', user_login)])[0]
        # the quotation goes out from the salesperson's own address
        _call(pipeline_server, 2, 'admin', 'res.users', 'write', [uid],
              {'password': PASSWORD, 'email': f'{user_login}@tianchi-demo.example.com'})
        found[key] = {'login': user_login, 'uid': uid}
    return found


def _ref(server: OdooServer, xmlid: str) -> int:
    module, name = xmlid.split('.')
    return _call(server, 2, 'admin', 'ir.model.data', 'search_read',
                 [('module', '=', module), ('name', '=', name)], ['res_id'])[0]['res_id']


def _login(browser, server: OdooServer, user_login: str):
    context = browser.new_context(viewport={'width': 1440, 'height': 900}, locale='zh-CN')
    page = context.new_page()
    # the board draws 13 columns and every order of the demo: generous on a busy machine
    page.set_default_timeout(120_000)
    page.js_errors = []
    page.on('pageerror', lambda exc: page.js_errors.append(str(exc)))
    login(page, server, user_login, PASSWORD)
    return context, page


def _submit(page, selector: str) -> None:
    """Press a form button; on success the server answers with the page to
    open next (HX-Redirect), otherwise with the error shown to the user."""
    # mark the page, so that the next one is told apart even at the same address
    page.evaluate("document.body.setAttribute('data-stale', '1')")
    with page.expect_response(lambda reply: '/web/client/form/save' in reply.url) as answered:
        page.click(selector)
    reply = answered.value
    location = reply.headers.get('hx-redirect')
    assert reply.ok and location, f"{selector}: {reply.status} {reply.text()[:500]}"
    page.wait_for_selector('body:not([data-stale]) main.o_action_manager', state='attached')


def _press(page, method: str) -> None:
    _submit(page, f'button[name=button_call][value="object:{method}"]')


def _pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(data)
        file.flush()
        return subprocess.run(['pdftotext', '-layout', file.name, '-'], capture_output=True, text=True,
                              check=True).stdout


@pytest.fixture
def inbox(pipeline_server: OdooServer) -> Iterator[Inbox]:
    with smtp_inbox(pipeline_server, 'walk inbox') as handler:
        yield handler


def test_order_walks_every_stage(pipeline_server: OdooServer, people: dict, inbox: Inbox) -> None:
    playwright_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} missing")
    server = pipeline_server
    stages = {key: _ref(server, f'tianchi_pipeline.stage_sale_{key}')
              for key in ('lead', 'grab', 'needs', 'quote', 'sign', 'payment', 'done')}
    wu, sun, jiang = people['wu'], people['sun'], people['jiang']
    # a new lead, created by 吴静 (市场, staff of 线索确认) without owner
    order_id = _call(server, wu['uid'], PASSWORD, 'sale.order', 'create', {
        'partner_id': _ref(server, 'tianchi_pipeline.customer_05'),
        'company_id': _ref(server, 'tianchi_org.demo_company'),
        'stage_id': stages['lead'], 'user_id': False, 'client_order_ref': 'WALK-001',
        'order_line': [(0, 0, {'product_id': _ref(server, 'tianchi_pipeline.product_server'), 'product_uom_qty': 2})],
    })
    name = _call(server, wu['uid'], PASSWORD, 'sale.order', 'read', [order_id], ['name'])[0]['name']

    def order(*fields):
        return _call(server, 2, 'admin', 'sale.order', 'read', [order_id], list(fields))[0]

    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # 吴静 drags the card from 线索确认 to 抢单 on the board
            context, page = _login(browser, server, wu['login'])
            page.goto(f"{server.url}{BOARD}?view_type=kanban")
            page.wait_for_selector('.o_kanban_group')
            card = page.locator(f'.o_kanban_record:has-text("{name}")')
            target = page.locator(f'.o_kanban_records[data-group-value="{stages["grab"]}"]')
            start, end = card.bounding_box(), target.bounding_box()
            with page.expect_response(lambda reply: '/web/client/kanban/move' in reply.url) as moved:
                page.mouse.move(start['x'] + 20, start['y'] + 10)
                page.mouse.down()
                page.mouse.move(end['x'] + 30, end['y'] + 20, steps=12)
                page.mouse.move(end['x'] + 40, end['y'] + 30, steps=4)
                page.mouse.up()
            assert moved.value.ok
            assert order('stage_id')['stage_id'][0] == stages['grab']
            assert not page.js_errors, page.js_errors
            context.close()

            # 孙伟 (销售, staff of 抢单 through 销售中心) grabs it from the pool's card
            context, page = _login(browser, server, sun['login'])
            page.goto(f"{server.url}{POOL}?view_type=kanban")
            card = page.locator(f'.o_kanban_record:has-text("{name}")')
            with page.expect_response(lambda reply: '/web/client/kanban/button' in reply.url) as answered:
                card.locator('button:has-text("抢单"), button:has-text("Grab")').first.click()
            assert answered.value.ok
            assert order('user_id')['user_id'][0] == sun['uid']

            # and takes it on with the form's buttons, stage after stage
            page.goto(f"{server.url}/odoo/action-tianchi_pipeline.sale_order_action_board/{order_id}")
            page.wait_for_selector('.o_field_statusbar[data-name=stage_id]')
            # the stage bar lists the stages of the order's own type only (the field's domain)
            stage_bar = page.inner_text('.o_field_statusbar[data-name=stage_id]')
            assert '需求沟通' in stage_bar and '方案设计' not in stage_bar, stage_bar
            form = f"{server.url}/odoo/action-tianchi_pipeline.sale_order_action_board/{order_id}"
            for stage in ('needs', 'quote'):
                _press(page, 'action_next_stage')
                assert order('stage_id')['stage_id'][0] == stages[stage], stage
            # 报价: the quotation PDF goes to the customer through the SMTP server on 127.0.0.1
            _press(page, 'action_tianchi_send_quotation')
            # the staff's stage notifications travel by e-mail too: the quotation is the customer's one
            to_customer = [message for message in inbox.messages
                           if message[0] == ['contact05@customer05.example.com']]
            assert len(to_customer) == 1, inbox.messages
            _recipients, mail = to_customer[0]
            pdfs = [part for part in mail.iter_attachments() if part.get_content_type() == 'application/pdf']
            assert len(pdfs) == 1
            assert name in _pdf_text(pdfs[0].get_content())
            # 签约: the customer confirmed; the contract is made from the order and printed
            _press(page, 'action_next_stage')
            assert order('stage_id')['stage_id'][0] == stages['sign']
            _press(page, 'action_confirm')
            assert order('state')['state'] == 'sale'
            _press(page, 'action_tianchi_create_contract')
            contracts = _call(server, 2, 'admin', 'tianchi.contract', 'search', [('order_id', '=', order_id)])
            assert len(contracts) == 1
            reply = page.request.get(f"{server.url}/report/pdf/tianchi_pipeline.report_tianchi_contract/{contracts[0]}")
            assert reply.ok and reply.body().startswith(b'%PDF')
            text = _pdf_text(reply.body())
            assert '77,200.00' in text, text
            assert '柒万柒仟贰佰元整' in text, text
            page.goto(form)
            _press(page, 'action_next_stage')
            assert order('stage_id')['stage_id'][0] == stages['payment']
            # 完成 takes 财务: refused, and the order stays in 回款
            with page.expect_response(lambda reply: '/web/client/form/save' in reply.url) as answered:
                page.click(f'button[name=statusbar_set][value="stage_id:{stages["done"]}"]')
            assert answered.value.status == 400
            assert '完成' in answered.value.text() and 'Finance' in answered.value.text()
            assert order('stage_id')['stage_id'][0] == stages['payment']
            assert not page.js_errors, page.js_errors
            context.close()

            # 蒋敏 (财务, staff of 回款) closes it from the status bar
            context, page = _login(browser, server, jiang['login'])
            page.goto(f"{server.url}/odoo/action-tianchi_pipeline.sale_order_action_board/{order_id}")
            _submit(page, f'button[name=statusbar_set][value="stage_id:{stages["done"]}"]')
            assert order('stage_id')['stage_id'][0] == stages['done']
            assert not page.js_errors, page.js_errors
            context.close()
        finally:
            browser.close()

    history = _call(server, 2, 'admin', 'tianchi.order.stage.history', 'search_read',
                    [('order_id', '=', order_id)], ['stage_id', 'user_id', 'date_out'], order='id')
    assert [line['stage_id'][0] for line in history] == [stages[key] for key in
                                                         ('lead', 'grab', 'needs', 'quote', 'sign', 'payment', 'done')]
    assert [line['user_id'][0] for line in history] == [wu['uid'], wu['uid'], sun['uid'], sun['uid'], sun['uid'],
                                                        sun['uid'], jiang['uid']]
    assert all(line['date_out'] for line in history[:-1]) and not history[-1]['date_out']
    events = _call(server, 2, 'admin', 'tianchi.order.grab.log', 'search_read',
                   [('order_id', '=', order_id)], ['event', 'user_id'], order='id')
    assert [event['event'] for event in events] == ['announced', 'won']
    assert events[1]['user_id'][0] == sun['uid']
    tracked = _call(server, 2, 'admin', 'mail.tracking.value', 'search_read',
                    [('mail_message_id.model', '=', 'sale.order'), ('mail_message_id.res_id', '=', order_id),
                     ('field_id.name', '=', 'stage_id')], ['new_value_char'], order='id')
    assert [value['new_value_char'] for value in tracked] == ['抢单', '需求沟通', '报价', '签约', '回款', '完成']
