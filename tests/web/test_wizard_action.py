"""A form button returning a window action dict without an id (a wizard):
the action is opened as returned — its context gives the wizard its
defaults and its buttons their active_ids, its name titles the page — and
the wizard's buttons lead back to the record that opened it; at 1280 px."""
from __future__ import annotations

import re

import pytest

from .conftest import SCREENSHOTS
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / 'wizard-1280.png'))
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


def test_list_action_keeps_its_domain_name_and_defaults(page, web_server):
    customer = _rpc(page, 'res.partner', 'create', [{'name': '周记茶行'}])
    mine = _rpc(page, 'test_web_l.task', 'create', [{'name': '周记一单', 'partner_id': customer}])
    _rpc(page, 'test_web_l.task', 'create', [{'name': '周记二单', 'partner_id': customer}])
    page.goto(f"{web_server.url}{ACTION}/{mine}")
    page.click('button[name=button_call][value="object:action_same_customer"]')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{mine}/act-\w+$"))
    # the action's name and domain: only this customer's two tasks
    assert 'Tasks of 周记茶行' in page.locator('.o_control_panel').inner_text()
    assert page.locator('.o_data_row').count() == 2
    # a new record of that list gets the action's default customer
    page.click('.o_list_button_add')
    page.wait_for_url(re.compile(r"/act-\w+/new$"))
    page.fill('#o_field_name', '周记三单')
    page.click('.o_form_button_save')
    page.wait_for_url(re.compile(r"/act-\w+/\d+$"))
    created = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '周记三单')], ['partner_id']])
    assert created[0]['partner_id'][0] == customer
    assert not page.js_errors
