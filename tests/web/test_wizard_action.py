"""A form button returning a window action dict without an id (a wizard):
the action is opened as returned — its context gives the wizard its
defaults and its buttons their active_ids, its name titles the page — and
the wizard's buttons lead back to the record that opened it; at 1280 px."""
from __future__ import annotations

import re

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow


def _open_wizard(page, web_server, task: int) -> None:
    page.goto(f"{web_server.url}{ACTION}/{task}")
    page.click('button[name=button_call][value="object:action_add_note"]')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{task}/act-\w+$"))


def test_wizard_opens_with_its_context_and_closes_back(page, web_server):
    task = _rpc(page, 'test_web_l.task', 'create', [{'name': '向导任务', 'notes': '第一行'}])
    other = _rpc(page, 'test_web_l.task', 'create', [{'name': '别的任务'}])
    _open_wizard(page, web_server, task)
    assert page.title().startswith('Add a Note') or 'Add a Note' in page.locator('.o_control_panel').inner_text()
    # default_task_id of the action's context fills the (read-only) task
    assert '向导任务' in page.locator('.o_field_widget[data-name=task_id]').inner_text()
    # the breadcrumbs lead back to the task; the footer replaces Save/Discard
    crumb = page.locator('.o_control_panel a', has_text='向导任务')
    assert re.search(rf"/action-[\w.]+/{task}$", crumb.get_attribute('href'))
    assert page.locator('.o_form_button_save').count() == 0
    page.fill('#o_field_note', '客户要求周五前回电')
    page.click('.o_form_footer button:has-text("Apply")')
    # act_window_close: back to the task, the note written to active_ids only
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{task}$"))
    notes = _rpc(page, 'test_web_l.task', 'read', [[task, other], ['notes']])
    assert notes[0]['notes'] == '第一行\n客户要求周五前回电'
    assert not notes[1]['notes']
    # Cancel leaves without applying anything
    _open_wizard(page, web_server, task)
    page.fill('#o_field_note', '不该写入')
    page.click('.o_form_footer a:has-text("Cancel")')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{task}$"))
    # (the task's form was saved by the button click: its textarea posts CRLF line ends)
    notes = _rpc(page, 'test_web_l.task', 'read', [[task], ['notes']])[0]['notes']
    assert notes.replace('\r\n', '\n') == '第一行\n客户要求周五前回电'
    assert not page.js_errors


def test_unknown_kept_action_is_not_found(page, web_server):
    reply = page.goto(f"{web_server.url}{ACTION}/1/act-deadbeef")
    assert reply.status == 404
