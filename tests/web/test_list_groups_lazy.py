"""Grouped lists loaded as Odoo's are, in Debian Chromium: the page holds
the first level of groups only (counts and totals); a group's sub-groups
or records are asked for when it is opened, and a group larger than the
list's page size shows its records a page at a time (1280 and 375 px)."""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS
from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

BULK = '批量任务'


@pytest.fixture
def many_tasks(page, web_server):
    """85 draft tasks of the first stage: more than a list's page of 80."""
    old = _rpc(page, 'test_web_l.task', 'search', [[('name', '=like', f"{BULK}%")]])
    if old:
        _rpc(page, 'test_web_l.task', 'unlink', [old])
    stage = _rpc(page, 'test_web_l.stage', 'search', [[('name', '=', '新建')]])[0]
    ids = _rpc(page, 'test_web_l.task', 'create', [[{'name': f"{BULK}{index:03d}", 'stage_id': stage, 'hours': 1}
                                                     for index in range(85)]])
    yield ids
    _rpc(page, 'test_web_l.task', 'unlink', [ids])


def test_groups_load_when_opened(page, web_server):
    requests = []
    page.on('request', lambda request: requests.append(request.url) if '/web/client/list_group' in request.url else None)
    page.goto(f"{web_server.url}{ACTION}?groupby=stage_id&groupby=state")
    # the page itself holds no record and no sub-group: only the first level with its figures
    assert page.locator('tr.o_data_row').count() == 0 and page.locator('tr.o_group_subheader').count() == 0
    new = page.locator('tbody.o_group_header:has-text("新建")')
    tasks = _rpc(page, 'test_web_l.task', 'search_read', [[('stage_id.name', '=', '新建')], ['hours']])
    assert f"({len(tasks)})" in new.inner_text()
    assert requests == []
    new.locator('tr').click()
    subgroups = page.locator('tr.o_group_subheader[data-parent="g0"]')
    subgroups.first.wait_for()
    assert len(requests) == 1
    assert page.locator('tr.o_data_row').count() == 0
    # a sub-group's records come when it opens, once: closing and opening again asks nothing more
    draft = subgroups.filter(has_text='Draft')
    draft.click()
    rows = page.locator(f'tr.o_data_row[data-parent="{draft.get_attribute("data-path")}"]')
    rows.first.wait_for()
    expected = _rpc(page, 'test_web_l.task', 'search', [[('stage_id.name', '=', '新建'), ('state', '=', 'draft')]])
    assert sorted(int(rid) for rid in rows.evaluate_all("rows => rows.map(row => row.dataset.id)")) == sorted(expected)
    assert len(requests) == 2
    draft.click()
    assert not rows.first.is_visible()
    draft.click()
    assert rows.first.is_visible() and len(requests) == 2
    # a record of a loaded group opens its row for editing (the list is editable)
    rows.first.locator('td[data-name=name]').click()
    page.wait_for_selector('.o_selected_row')
    assert not page.js_errors


def test_large_group_pages(page, web_server, many_tasks):
    page.goto(f"{web_server.url}{ACTION}?groupby=stage_id")
    new = page.locator('tbody.o_group_header:has-text("新建")')
    new.locator('tr').click()
    body = page.locator('tbody.o_group_body#o_group_0')
    pager = body.locator('tr.o_group_pager')
    pager.wait_for()
    total = len(_rpc(page, 'test_web_l.task', 'search', [[('stage_id.name', '=', '新建')]]))
    assert body.locator('tr.o_data_row').count() == 80
    assert pager.locator('.o_group_pager_value').inner_text().strip() == f"1-80 / {total}"
    first_page = set(body.locator('tr.o_data_row').evaluate_all("rows => rows.map(row => row.dataset.id)"))
    pager.locator('button[aria-label]').last.click()
    page.wait_for_function(f"document.querySelector('#o_group_0 .o_group_pager_value').textContent.trim() == '81-{total} / {total}'")
    second_page = set(body.locator('tr.o_data_row').evaluate_all("rows => rows.map(row => row.dataset.id)"))
    assert len(second_page) == total - 80 and not first_page & second_page
    pager.locator('button[aria-label]').first.click()
    page.wait_for_function("document.querySelector('#o_group_0 .o_group_pager_value').textContent.trim().startsWith('1-80')")
    assert not page.js_errors


def test_groups_come_eighty_a_page(page, web_server, many_tasks):
    names = {task['name'] for task in _rpc(page, 'test_web_l.task', 'search_read', [[], ['name']])}
    page.goto(f"{web_server.url}{ACTION}?groupby=name")
    assert page.locator('tbody.o_group_header').count() == 80
    assert page.locator('.o_list_pager .o_pager').inner_text().strip().startswith(f"1-80 / {len(names)}")
    page.click('.o_list_pager .o_pager a[aria-label]:not(.disabled) >> nth=-1')
    page.wait_for_url(lambda url: 'offset=80' in url)
    assert page.locator('tbody.o_group_header').count() == len(names) - 80
    # a group of the second page still opens on its own records
    last = page.locator('tbody.o_group_header').last
    last.locator('tr').click()
    page.locator('tbody.o_group_body.show tr.o_data_row').first.wait_for()
    assert not page.js_errors


def test_large_sub_group_pages(page, web_server, many_tasks):
    page.goto(f"{web_server.url}{ACTION}?groupby=stage_id&groupby=state")
    page.locator('tbody.o_group_header:has-text("新建") tr').click()
    draft = page.locator('tr.o_group_subheader[data-parent="g0"]:has-text("Draft")')
    draft.click()
    path = draft.get_attribute('data-path')
    pager = page.locator(f'tr.o_group_pager[data-parent="{path}"]')
    pager.wait_for()
    rows = page.locator(f'tr.o_data_row[data-parent="{path}"]')
    assert rows.count() == 80
    drafts = len(_rpc(page, 'test_web_l.task', 'search', [[('stage_id.name', '=', '新建'), ('state', '=', 'draft')]]))
    pager.locator('button[aria-label]').last.click()
    page.wait_for_function(f"(document.querySelector('tr.o_group_pager[data-parent=\"{path}\"] .o_group_pager_value') || "
                           f"{{}}).textContent == '81-{drafts} / {drafts}'")
    assert rows.count() == drafts - 80
    # the rows of the page follow their sub-group: closing it hides them
    draft.click()
    assert not rows.first.is_visible() and not pager.is_visible()
    assert not page.js_errors


@pytest.mark.parametrize('width', [1280, 375])
def test_list_groups_screenshots(browser, web_server, admin_state, width):
    context = browser.new_context(viewport={'width': width, 'height': 900}, locale='zh-CN', storage_state=admin_state)
    page = context.new_page()
    try:
        page.goto(f"{web_server.url}{ACTION}?groupby=stage_id&groupby=state")
        page.locator('tbody.o_group_header:has-text("新建") tr').click()
        page.locator('tr.o_group_subheader[data-parent="g0"]').first.wait_for()
        page.locator('tr.o_group_subheader[data-parent="g0"]').first.click()
        page.locator('tr.o_data_row').first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"list-groups-{width}.png"))
    finally:
        context.close()
