"""Odoo's Action menu (Debian Chromium, 1280 px): on the selected rows of a
list, the actions bound to the model — a server action run on them, a
wizard opened with them as ``active_ids`` — and duplicate / unarchive; on
a form, duplicate, archive / unarchive and the actions bound for forms,
run on its record."""
from __future__ import annotations

import re

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow


def _unlink(page, tasks: list) -> None:
    """Remove the test's tasks (the other tests count the fixture's), the wizards naming them first."""
    wizards = _rpc(page, 'test_web_l.task.note.wizard', 'search', [[('task_id', 'in', tasks)]])
    _rpc(page, 'test_web_l.task.note.wizard', 'unlink', [wizards])
    _rpc(page, 'test_web_l.task', 'unlink', [tasks])


def _select_all(page, web_server, search: str) -> None:
    page.goto(f"{web_server.url}{ACTION}?search_name={search}")
    page.check('.o_select_all')
    page.click('#o_list_batch .o_list_actions')


def test_list_action_menu_runs_bound_actions(page, web_server):
    tasks = [_rpc(page, 'test_web_l.task', 'create', [{'name': f'绑定任务{index}'}]) for index in (1, 2)]
    others = _rpc(page, 'test_web_l.task', 'search_count', [[('priority', '=', True)]])
    _select_all(page, web_server, '绑定任务')
    menu = page.locator('#o_list_batch .dropdown-menu')
    assert menu.locator('button', has_text='Mark as Priority').count() == 1
    assert menu.locator('button', has_text='Add a Note to Tasks').count() == 1
    # a server action runs on the selected rows only, then the list comes back
    with page.expect_navigation():
        menu.locator('button', has_text='Mark as Priority').click()
    assert '绑定任务' in page.url or 'search_name' in page.url
    assert _rpc(page, 'test_web_l.task', 'search_count', [[('priority', '=', True)]]) == others + 2
    # a wizard opens with the selection as active_ids (and active_id in its context's default)
    _select_all(page, web_server, '绑定任务')
    page.locator('#o_list_batch .dropdown-menu button', has_text='Add a Note to Tasks').click()
    page.wait_for_url(re.compile(r"/act-\w+$"))
    assert '绑定任务1' in page.locator('.o_field_widget[data-name=task_id]').inner_text()
    page.fill('#o_field_note', '批量备注')
    page.click('.o_form_footer button:has-text("Apply")')
    page.wait_for_url(re.compile(r"/action-[\w.]+$"))
    notes = _rpc(page, 'test_web_l.task', 'read', [tasks, ['notes']])
    assert [task['notes'] for task in notes] == ['批量备注', '批量备注']
    # duplicate, archive then unarchive
    _select_all(page, web_server, '绑定任务1')
    with page.expect_navigation():
        page.locator('#o_list_batch .dropdown-menu button[value=duplicate]').click()
    copies = _rpc(page, 'test_web_l.task', 'search', [[('name', 'like', '绑定任务1'), ('id', 'not in', tasks)]])
    assert len(copies) == 1
    _rpc(page, 'test_web_l.task', 'write', [[tasks[1]], {'active': False}])
    page.goto(f"{web_server.url}{ACTION}?filter=archived&search_name=绑定任务2")
    page.check('.o_select_all')
    page.click('#o_list_batch .o_list_actions')
    with page.expect_navigation():
        page.locator('#o_list_batch .dropdown-menu button[value=unarchive]').click()
    assert _rpc(page, 'test_web_l.task', 'read', [[tasks[1]], ['active']])[0]['active'] is True
    _unlink(page, tasks + copies)
    assert not page.js_errors


def test_form_action_menu_runs_on_its_record(page, web_server):
    task, other = (_rpc(page, 'test_web_l.task', 'create', [{'name': name}]) for name in ('表单动作', '旁观任务'))
    page.goto(f"{web_server.url}{ACTION}/{task}")
    page.click('.o_form_actions')
    items = page.locator('.o_form_actions + .dropdown-menu button')
    # "Mark as Priority" is bound for lists only
    assert 'Add a Note to Tasks' in items.all_inner_texts() and 'Mark as Priority' not in items.all_inner_texts()
    items.filter(has_text='Add a Note to Tasks').click()
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{task}/act-\w+$"))
    page.fill('#o_field_note', '表单备注')
    page.click('.o_form_footer button:has-text("Apply")')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{task}$"))
    notes = _rpc(page, 'test_web_l.task', 'read', [[task, other], ['notes']])
    assert [row['notes'] for row in notes] == ['表单备注', False]
    # duplicate: the copy's form; archive then unarchive from the same menu
    page.click('.o_form_actions')
    with page.expect_navigation():
        page.click('.o_form_actions + .dropdown-menu button[value="duplicate:"]')
    copy = int(page.url.rstrip('/').split('/')[-1])
    assert copy != task and _rpc(page, 'test_web_l.task', 'read', [[copy], ['name']])[0]['name'].startswith('表单动作')
    page.click('.o_form_actions')
    with page.expect_navigation():
        page.click('.o_form_actions + .dropdown-menu button[value="archive:"]')
    assert _rpc(page, 'test_web_l.task', 'read', [[copy], ['active']])[0]['active'] is False
    page.click('.o_form_actions')
    with page.expect_navigation():
        page.click('.o_form_actions + .dropdown-menu button[value="unarchive:"]')
    assert _rpc(page, 'test_web_l.task', 'read', [[copy], ['active']])[0]['active'] is True
    _unlink(page, [task, other, copy])
    assert not page.js_errors
