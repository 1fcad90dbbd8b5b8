"""Parts of issue 3's list, kanban and form views no other browser test
drives (Debian Chromium, 1280 px): sorting by a column header, the pager,
rows added at the top of an ``editable="top"`` list (Enter saves, Escape
discards), a ``multi_edit`` list writing a changed cell to every selected
row, a kanban quick create in its action's context, columns folded by their
stage and unfolded, and notebook pages."""
from __future__ import annotations

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

PAGES = '/odoo/action-test_web_l.test_web_task_pages_action'


def _names(page) -> list[str]:
    return page.locator('.o_data_row:not(.o_selected_row) td[data-name=name]').all_inner_texts()


def test_sorting_and_pager(page, web_server):
    total = _rpc(page, 'test_web_l.task', 'search_count', [[]])
    page.goto(f"{web_server.url}{PAGES}")
    assert page.locator('.o_data_row').count() == 2                 # the action's limit
    assert page.locator('.o_pager').inner_text().strip().startswith(f"1-2 / {total}")
    page.click('.o_pager a[aria-label]:not(.disabled) >> nth=-1')      # next page
    page.wait_for_url(lambda url: 'offset=2' in url)
    assert page.locator('.o_pager').inner_text().strip().startswith(f"3-{min(4, total)} / {total}")
    # a column header sorts, a second click the other way; the pager starts again
    page.click('.o_list_table th[data-name=name] a')
    page.wait_for_url(lambda url: 'order=name+asc' in url and 'offset' not in url)
    expected = [task['name'] for task in _rpc(page, 'test_web_l.task', 'search_read', [[], ['name']], {'order': 'name asc', 'limit': 2})]
    assert _names(page) == expected
    assert page.locator('th[data-name=name] .bi-caret-up-fill').count() == 1
    page.click('.o_list_table th[data-name=name] a')
    page.wait_for_url(lambda url: 'order=name+desc' in url)
    expected = [task['name'] for task in _rpc(page, 'test_web_l.task', 'search_read', [[], ['name']], {'order': 'name desc', 'limit': 2})]
    assert _names(page) == expected
    assert not page.js_errors


def test_editable_top_adds_rows_above(page, web_server):
    page.goto(f"{web_server.url}{PAGES}")
    page.click('.o_add_row a')
    page.wait_for_selector('.o_selected_row')
    rows = page.locator('.o_list_table tbody tr')
    assert 'o_add_row' in rows.nth(0).get_attribute('class')
    assert 'o_selected_row' in rows.nth(1).get_attribute('class')
    assert float(page.locator('.o_selected_row input[name=hours]').input_value()) == 3.0     # the action's default
    # Escape discards the row, Enter saves it
    page.press('.o_selected_row input[name=name]', 'Escape')
    page.wait_for_selector('.o_selected_row', state='detached')
    page.click('.o_add_row a')
    page.fill('.o_selected_row input[name=name]', '回车保存')
    page.press('.o_selected_row input[name=name]', 'Enter')
    page.wait_for_selector('.o_data_row:not(.o_selected_row):has-text("回车保存")')
    saved = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '回车保存')], ['hours']])
    assert [task['hours'] for task in saved] == [3.0]
    _rpc(page, 'test_web_l.task', 'unlink', [[saved[0]['id']]])      # the other tests count the fixture's tasks
    assert not page.js_errors


def test_kanban_quick_create_in_action_context_and_folding(page, web_server):
    page.goto(f"{web_server.url}{PAGES}?view_type=kanban")
    # the stage marked fold starts folded, its toggle unfolds it
    cancelled = page.locator('.o_kanban_group:has-text("已取消")')
    assert 'o_folded' in cancelled.get_attribute('class')
    cancelled.locator('.o_kanban_toggle_fold').click()
    assert 'o_folded' not in cancelled.get_attribute('class')
    column = page.locator('.o_kanban_group:has-text("进行中")')
    column.locator('.o_kanban_quick_add').click()
    column.locator('.o_kanban_quick_create input[name=name]').fill('看板快建')
    column.locator('.o_kanban_quick_create button').click()
    column.locator('.o_kanban_record:has-text("看板快建")').wait_for()
    created = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '看板快建')], ['hours', 'stage_id']])[0]
    assert created['hours'] == 3.0 and created['stage_id'][1] == '进行中'
    _rpc(page, 'test_web_l.task', 'unlink', [[created['id']]])      # the other tests count the fixture's tasks
    assert not page.js_errors


def test_notebook_pages(page, web_server):
    task = _rpc(page, 'test_web_l.task', 'search', [[('name', '=', '客户回访')]])[0]
    page.goto(f"{web_server.url}{ACTION}/{task}")
    notes = page.locator('#o_field_notes')
    assert not notes.is_visible()
    page.click('.o_notebook .nav-link:has-text("Notes")')
    notes.wait_for(state='visible')
    assert not page.locator('.o_field_x2many[data-name=line_ids]').is_visible()
    assert not page.js_errors


def test_multi_edit_writes_the_selected_rows(page, web_server):
    tasks = [_rpc(page, 'test_web_l.task', 'create', [{'name': name, 'hours': 1}]) for name in ('多编一', '多编二', '多编三')]
    page.goto(f"{web_server.url}{ACTION}?search_name=多编")
    for name in ('多编一', '多编二'):
        page.locator(f'.o_data_row:has-text("{name}") input[name=ids]').check()
    page.click('.o_data_row:has-text("多编一") td[data-name=hours]')
    page.wait_for_selector('.o_selected_row')
    page.fill('.o_selected_row input[name=hours]', '6')
    questions = []
    page.once('dialog', lambda dialog: (questions.append(dialog.message), dialog.accept()))
    with page.expect_navigation():
        page.click('.o_selected_row .o_list_save')
    assert questions and '2' in questions[0]
    rows = _rpc(page, 'test_web_l.task', 'read', [tasks, ['name', 'hours']])
    # only the changed cell goes to the other selected row; the unselected one keeps its hours
    assert [(row['name'], row['hours']) for row in rows] == [('多编一', 6.0), ('多编二', 6.0), ('多编三', 1.0)]
    _rpc(page, 'test_web_l.task', 'unlink', [tasks])      # the other tests count the fixture's tasks
    assert not page.js_errors
