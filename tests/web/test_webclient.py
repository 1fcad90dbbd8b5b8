"""The web client in a real browser (Debian Chromium through Playwright)
against a real ``./odoo-bin``: log in, open a menu, search, create and edit
a record in a form, edit a list row in place, drag a kanban card to another
column, open a graph; screenshots at 1280 and 375 px wide."""
from __future__ import annotations

import subprocess

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.slow

ACTION = '/odoo/action-test_web_l.test_web_task_action'


def _rpc(page, model: str, method: str, args: list, kwargs: dict | None = None):
    """A model call through the JSON-RPC route of the logged-in browser session."""
    reply = page.request.post(f"{page.url.split('/odoo')[0]}/web/dataset/call_kw/{model}/{method}", data={
        'jsonrpc': '2.0', 'method': 'call', 'params': {'model': model, 'method': method, 'args': args, 'kwargs': kwargs or {}}})
    body = reply.json()
    assert 'error' not in body, body
    return body['result']


def test_menu_list_and_search(page, web_server):
    page.goto(f"{web_server.url}/odoo")
    page.click('.o_home_menu a:has-text("任务")')
    page.wait_for_selector('.o_list_table')
    assert page.locator('.o_breadcrumb').inner_text().strip() == 'Tasks'
    # Chinese first: the fixture user reads zh_CN, the client's own words come from web/i18n/zh_CN.po
    assert page.locator('.o_list_button_add').inner_text().strip() == '新建'
    assert page.locator('html').get_attribute('lang') == 'zh-CN'
    # every task the server has (other test files share this server and add some)
    tasks = _rpc(page, 'test_web_l.task', 'search_read', [[]], {'fields': ['name', 'amount']})
    assert len(tasks) >= 4
    assert page.locator('.o_data_row').count() == len(tasks)
    # totals of the sum columns
    assert f"{sum(task['amount'] for task in tasks):,.2f}" in page.locator('.o_list_table tfoot').inner_text()
    page.select_option('select[name=search_field]', 'name')
    page.fill('.o_searchview_input', '合同')
    page.press('.o_searchview_input', 'Enter')
    page.wait_for_selector('.o_facet')
    rows = page.locator('.o_data_row')
    assert rows.count() == sum('合同' in task['name'] for task in tasks) >= 1
    assert '合同签订' in page.locator('.o_list_table').inner_text()
    # filter from the menu, then group by stage with the group totals
    page.goto(f"{web_server.url}{ACTION}?filter=draft&groupby=stage_id")
    headers = page.locator('.o_group_header')
    assert headers.count() >= 2
    assert '新建' in headers.first.inner_text()
    assert not page.js_errors


def test_create_and_edit_in_form(page, web_server):
    page.goto(f"{web_server.url}{ACTION}")
    page.click('.o_list_button_add')
    page.wait_for_selector('form.o_form_view')
    page.fill('#o_field_name', '新客户签约')
    page.fill('#o_field_hours', '4.5')
    # many2one autocomplete through name_search
    page.fill('.o_many2one_input[name=q_partner_id]', 'Admin')
    page.click('.o_many2one_choice >> nth=0')
    # a one2many line added in place
    page.click('.o_field_x2many_list_row_add')
    page.fill('[name="o2m.line_ids.n1.name"]', '首付款')
    page.fill('[name="o2m.line_ids.n1.quantity"]', '2')
    page.click('.o_form_button_save')
    page.wait_for_url(lambda url: url.rstrip('/').split('/')[-1].isdigit())
    record_id = int(page.url.rstrip('/').split('/')[-1])
    task = _rpc(page, 'test_web_l.task', 'read', [[record_id], ['name', 'hours', 'partner_id', 'line_ids']])[0]
    assert task['name'] == '新客户签约' and task['hours'] == 4.5 and task['partner_id']
    assert len(task['line_ids']) == 1
    # edit: a required-when expression and a clickable statusbar
    page.click('.o_field_statusbar button:has-text("In Progress")')
    page.wait_for_selector('.o_field_statusbar .active:has-text("In Progress")')
    assert page.locator('#o_field_deadline').get_attribute('required') is not None
    page.fill('#o_field_deadline', '2026-12-01')
    page.fill('#o_field_name', '新客户签约 已改')
    page.click('.o_form_button_save')
    page.wait_for_load_state()
    page.wait_for_selector('#o_field_name[value="新客户签约 已改"]')
    # the object button hides itself once done, and the amount becomes read-only
    page.click('button[value="object:action_done"]')
    page.wait_for_selector('.o_field_statusbar .active:has-text("Done")')
    assert page.locator('button[value="object:action_done"]').count() == 0
    assert page.locator('#o_field_amount').count() == 0
    # a type="action" button opens its action after the record: the breadcrumbs lead back
    page.click('button:has-text("All Tasks")')
    page.wait_for_selector('.o_list_table')
    crumbs = page.locator('.o_breadcrumb li')
    assert [crumbs.nth(i).inner_text().strip() for i in range(crumbs.count())] == ['Tasks', '新客户签约 已改', 'Tasks']
    crumbs.nth(1).locator('a').click()
    page.wait_for_selector('form.o_form_view')
    assert page.url.rstrip('/').endswith(f"/{record_id}")
    # a note in the chatter
    page.fill('.o_chatter textarea[name=body]', '已与客户确认')
    page.click('.o_chatter_post')
    page.wait_for_selector('.o_message_body:has-text("已与客户确认")')
    assert not page.js_errors


def test_form_error_is_shown_and_nothing_saved(page, web_server):
    page.goto(f"{web_server.url}{ACTION}/new")
    page.fill('#o_field_name', '坏数据')
    page.evaluate("document.querySelector('#o_field_name').removeAttribute('required')")
    page.fill('#o_field_name', '')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_notification')
    assert _rpc(page, 'test_web_l.task', 'search_count', [[('name', '=', '坏数据')]]) == 0


def test_inline_list_edit(page, web_server):
    page.goto(f"{web_server.url}{ACTION}")
    page.click('.o_data_row:has-text("客户回访") td[data-name=name]')
    page.wait_for_selector('.o_selected_row')
    page.fill('.o_selected_row input[name=hours]', '7')
    page.click('.o_selected_row .o_list_save')
    page.wait_for_selector('.o_data_row:has-text("客户回访") td[data-name=hours]:has-text("7.00")')
    assert _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '客户回访')], ['hours']])[0]['hours'] == 7.0
    # optional columns: the deadline (optional="show") can be hidden, and inline editing follows
    page.click('.o_optional_columns')
    page.click('.dropdown-menu a:has-text("Deadline")')
    page.wait_for_url(lambda url: 'optional=deadline' in url)
    assert page.locator('th[data-name=deadline]').count() == 0
    page.click('.o_data_row:has-text("客户回访") td[data-name=name]')
    page.wait_for_selector('.o_selected_row')
    assert page.locator('.o_selected_row [data-name=deadline]').count() == 0
    page.click('.o_selected_row .o_list_discard')
    # a type="object" button of the row runs on that record only
    page.click('.o_data_row:has-text("客户回访") .o_list_button')
    page.wait_for_selector('.o_data_row:has-text("客户回访") td[data-name=state]:has-text("Done")')
    assert _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '客户回访')], ['state']])[0]['state'] == 'done'
    assert not page.js_errors


def test_kanban_drag_card_writes_stage(page, web_server):
    page.goto(f"{web_server.url}{ACTION}?view_type=kanban")
    page.wait_for_selector('.o_kanban_group')
    card = page.locator('.o_kanban_record:has-text("报价单审核")')
    target = page.locator('.o_kanban_group:has-text("进行中") .o_kanban_records')
    start, end = card.bounding_box(), target.bounding_box()
    with page.expect_response(lambda reply: '/web/client/kanban/move' in reply.url) as moved:
        page.mouse.move(start['x'] + 20, start['y'] + 10)
        page.mouse.down()
        page.mouse.move(end['x'] + 30, end['y'] + 20, steps=12)
        page.mouse.move(end['x'] + 40, end['y'] + 30, steps=4)
        page.mouse.up()
    assert moved.value.ok
    task = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '报价单审核')], ['stage_id']])[0]
    assert task['stage_id'][1] == '进行中'
    # quick create in a column
    page.click('.o_kanban_group:has-text("已完成") .o_kanban_quick_add')
    page.fill('.o_kanban_group:has-text("已完成") .o_kanban_quick_create input[name=name]', '快速任务')
    page.click('.o_kanban_group:has-text("已完成") .o_kanban_quick_create button')
    page.wait_for_selector('.o_kanban_group:has-text("已完成") .o_kanban_record:has-text("快速任务")')
    assert not page.js_errors


def test_graph_and_pivot(page, web_server):
    page.goto(f"{web_server.url}{ACTION}?view_type=graph")
    page.wait_for_selector('canvas.o_graph_canvas[data-drawn="1"]')
    assert page.evaluate("Chart.getChart(document.querySelector('canvas.o_graph_canvas')).data.labels.length") >= 3
    page.click('.o_graph_pie')
    page.wait_for_selector('canvas.o_graph_canvas[data-drawn="1"]')
    assert page.evaluate("Chart.getChart(document.querySelector('canvas.o_graph_canvas')).config.type") == 'pie'
    page.goto(f"{web_server.url}{ACTION}?view_type=pivot")
    assert '合计' in page.locator('.o_pivot_table tbody tr').first.inner_text()
    assert page.locator('.o_pivot_table thead th.o_pivot_header').count() >= 4      # total, the states
    # the columns' total header closes the column level
    page.click('.o_pivot_table thead th.o_pivot_header:text-is("合计")')
    page.wait_for_url(lambda url: 'pivot=' in url)
    assert page.locator('.o_pivot_table thead th.o_pivot_header').count() == 1
    assert not page.js_errors


@pytest.mark.parametrize('width', [1280, 375])
def test_screenshots(browser, web_server, admin_state, width):
    context = browser.new_context(viewport={'width': width, 'height': 900}, locale='zh-CN', storage_state=admin_state)
    page = context.new_page()
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name, path in (('list', ACTION), ('form', f"{ACTION}/1"), ('kanban', f"{ACTION}?view_type=kanban"),
                           ('graph', f"{ACTION}?view_type=graph"), ('pivot', f"{ACTION}?view_type=pivot&groupby=stage_id&groupby=state"),
                           ('calendar', f"{ACTION}?view_type=calendar")):
            page.goto(f"{web_server.url}{path}")
            page.wait_for_load_state('networkidle')
            page.wait_for_timeout(400)
            # nothing wider than the screen except what scrolls inside its own box (tables, kanban)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} at {width}px overflows by {overflow}px"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"))
    finally:
        context.close()


def test_favourite_batch_actions_and_export(page, web_server, tmp_path):
    from openpyxl import load_workbook
    page.goto(f"{web_server.url}{ACTION}?filter=draft")
    page.click('.o_filter_toggle')
    page.fill('.o_filter_menu input[name=name]', '草稿任务')
    page.click('.o_filter_menu form button')
    page.wait_for_selector('.o_facet:has-text("草稿任务")')
    assert 'favorite=' in page.url
    drafts = page.locator('.o_data_row').count()
    assert drafts >= 1
    assert _rpc(page, 'ir.filters', 'get_filters', ['test_web_l.task'])[0]['name'] == '草稿任务'
    # select every row: export them to xlsx
    page.check('.o_select_all')
    with page.expect_download() as download:
        page.click('#o_list_batch button[value=export]')
    path = tmp_path / 'tasks.xlsx'
    download.value.save_as(path)
    sheet = load_workbook(path).active
    assert sheet.max_row == drafts + 1
    assert [cell.value for cell in sheet[1]][:2] == ['Name', 'Stage']
    # archive the first row only
    page.goto(f"{web_server.url}{ACTION}")
    first = page.locator('.o_data_row').first
    name = first.locator('td[data-name=name]').inner_text().strip()
    first.locator('input[name=ids]').check()
    page.click('#o_list_batch button[value=archive]')
    page.wait_for_load_state()
    assert page.locator(f'.o_data_row:has-text("{name}")').count() == 0
    assert _rpc(page, 'test_web_l.task', 'search_count', [[('name', '=', name), ('active', '=', False)]]) == 1
    # old-style links still open the action
    page.goto(f"{web_server.url}/web#action=test_web_l.test_web_task_action&view_type=kanban")
    page.wait_for_selector('.o_kanban_view')
    assert not page.js_errors


def test_chatter_followers_and_activities(page, web_server):
    page.goto(f"{web_server.url}{ACTION}/2")
    page.wait_for_selector('.o_chatter')
    follow = page.locator('.o_chatter form[action$="/follow"] button')
    before = follow.inner_text().strip()
    follow.click()
    page.wait_for_selector('.o_chatter')
    assert page.locator('.o_chatter form[action$="/follow"] button').inner_text().strip() != before
    page.fill('.o_chatter input[name=summary]', '电话回访客户')
    page.fill('.o_chatter input[name=date_deadline]', '2026-12-31')
    page.click('.o_chatter form[action$="/activity_schedule"] button')
    page.wait_for_selector('.o_activity:has-text("电话回访客户")')
    page.click('.o_activity:has-text("电话回访客户") button')
    page.wait_for_selector('.o_chatter')
    assert page.locator('.o_activity:has-text("电话回访客户")').count() == 0
    assert not page.js_errors


def test_group_totals_and_csrf(page, web_server):
    page.goto(f"{web_server.url}{ACTION}?groupby=state")
    draft = page.locator('.o_group_header:has-text("Draft")')
    assert draft.count() == 1
    expected = sum(task['hours'] for task in _rpc(page, 'test_web_l.task', 'search_read', [[('state', '=', 'draft')], ['hours']]))
    assert f"{expected:,.2f}" in draft.inner_text()
    # a post without the session's CSRF token changes nothing
    reply = page.request.post(f"{web_server.url}/web/client/form/save", form={
        'model': 'test_web_l.task', 'id': '2', 'name': '伪造', 'button_call': 'save:'})
    assert reply.status in (400, 403)
    assert _rpc(page, 'test_web_l.task', 'read', [[2], ['name']])[0]['name'] != '伪造'


def test_every_window_action_renders(page, web_server):
    """Each view of each window action of the installed addons, and a record's form, answer a page (no 500)."""
    actions = _rpc(page, 'ir.actions.act_window', 'search_read', [[], ['res_model', 'view_mode']])
    assert len(actions) > 10
    failures = []
    for action in actions:
        for kind in action['view_mode'].split(','):
            if kind not in ('list', 'kanban', 'graph', 'pivot', 'calendar', 'activity', 'form'):
                continue
            path = f"/odoo/action-{action['id']}/new" if kind == 'form' else f"/odoo/action-{action['id']}?view_type={kind}"
            reply = page.request.get(f"{web_server.url}{path}")
            if reply.status != 200 or 'o_error' in reply.text():
                failures.append((path, action['res_model'], reply.status))
    assert not failures


def test_print_pdf_from_the_form(page, web_server, tmp_path):
    page.goto(f"{web_server.url}{ACTION}/1")
    page.click('.o_print_toggle')
    link = page.locator('.o_print_report:has-text("任务单")')
    reply = page.request.get(f"{web_server.url}{link.get_attribute('href')}")
    assert reply.status == 200
    assert reply.headers['content-type'].startswith('application/pdf')
    assert reply.body()[:5] == b'%PDF-'
    pdf = tmp_path / 'task.pdf'
    pdf.write_bytes(reply.body())
    text = subprocess.run(['pdftotext', str(pdf), '-'], capture_output=True, text=True, check=True).stdout
    assert '任务单' in text and '报价单审核' in text


def test_menus_follow_the_user_groups(browser, page, web_server):
    from .conftest import login
    group_user = _rpc(page, 'ir.model.data', 'search_read', [[('module', '=', 'base'), ('name', '=', 'group_user')], ['res_id']])[0]['res_id']
    _rpc(page, 'res.users', 'create', [{'name': '王员工', 'login': 'wang.staff', 'password': 'wang-staff-1',
                                        'groups_id': [(6, 0, [group_user])]}])
    admin_apps = set(page.locator('.o_apps_menu .o_app span.d-block').all_inner_texts())
    context = browser.new_context(viewport={'width': 375, 'height': 800})
    staff = context.new_page()
    try:
        login(staff, web_server.url, 'wang.staff', 'wang-staff-1')
        staff.goto(f"{web_server.url}/odoo")
        staff_apps = set(staff.locator('.o_home_menu .o_app span.d-block').all_inner_texts())
        assert '任务' in staff_apps
        assert staff_apps < admin_apps, (staff_apps, admin_apps)
    finally:
        context.close()
