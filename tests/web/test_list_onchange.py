"""Rows of a list edited in place run the model's onchange as a form does
(Debian Chromium, 1280 px): a changed cell fills the row's other cells —
onchange results, computed fields, ``invisible`` / ``required`` of this
row — before anything is saved; saving keeps them."""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS
from .test_webclient import _rpc

pytestmark = pytest.mark.slow

SHEET = '/odoo/action-test_web_l.test_web_task_sheet_action'


def test_row_onchange_fills_cells_before_save(page, web_server):
    _rpc(page, 'res.partner', 'create', [{'name': '陈九', 'email': 'chen.jiu@example.com', 'phone': '139 0000 1111'}])
    page.goto(f"{web_server.url}{SHEET}")
    page.click('.o_add_row a')
    row = page.locator('.o_selected_row')
    row.wait_for()
    # the action's context gives the row its defaults
    assert float(row.locator('input[name=hours]').input_value()) == 8.0
    row.locator('input[name=name]').fill('行内联动')
    assert row.locator('td[data-name=phone] input').count() == 0        # invisible="not partner_id"
    row.locator('.o_many2one_input[name=q_partner_id]').fill('陈九')
    page.click('.o_many2one_choice:has-text("陈九")')
    # the partner's onchange fills two other cells of the row
    page.wait_for_function("document.querySelector('.o_selected_row input[name=email]').value === 'chen.jiu@example.com'")
    # a read-only cell with force_save shows the onchange's value, and will save it
    assert row.locator('td[data-name=phone]').inner_text().strip() == '139 0000 1111'
    assert row.locator('td[data-name=phone] input').count() == 1 and row.locator('td[data-name=phone] input').get_attribute('type') == 'hidden'
    assert row.locator('input[name=name]').input_value() == '行内联动'     # typed before the redraw
    # required="hours > 10", evaluated for this row while typing; the computed rate follows
    assert row.locator('input[name=amount]').get_attribute('required') is None
    row.locator('input[name=hours]').fill('12')
    page.wait_for_selector('.o_selected_row input[name=amount][required]')
    row.locator('input[name=amount]').fill('600')
    row.locator('input[name=amount]').press('Tab')
    page.wait_for_function("document.querySelector('.o_selected_row td[data-name=hourly_rate]').innerText.includes('50.00')")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / 'list-row-onchange-1280.png'))
    assert _rpc(page, 'test_web_l.task', 'search_count', [[('name', '=', '行内联动')]]) == 0    # nothing saved yet
    row.locator('.o_list_save').click()
    page.wait_for_selector('.o_data_row:not(.o_selected_row):has-text("行内联动")')
    page.reload()
    shown = page.locator('.o_data_row:has-text("行内联动")')
    assert 'chen.jiu@example.com' in shown.inner_text() and '50.00' in shown.inner_text()
    saved = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '行内联动')], ['email', 'phone', 'hours', 'amount']])[0]
    assert (saved['email'], saved['phone'], saved['hours'], saved['amount']) == ('chen.jiu@example.com', '139 0000 1111', 12.0, 600.0)
    # a saved row: a changed cell recomputes the others, nothing is written until saved
    shown.locator('td[data-name=name]').click()
    row.wait_for()
    row.locator('input[name=hours]').fill('20')
    row.locator('input[name=hours]').press('Tab')
    page.wait_for_function("document.querySelector('.o_selected_row td[data-name=hourly_rate]').innerText.includes('30.00')")
    assert _rpc(page, 'test_web_l.task', 'read', [[saved['id']], ['hours']])[0]['hours'] == 12.0
    row.locator('.o_list_discard').click()
    page.wait_for_selector('.o_data_row:not(.o_selected_row):has-text("行内联动")')
    assert '50.00' in page.locator('.o_data_row:has-text("行内联动")').inner_text()
    _rpc(page, 'test_web_l.task', 'unlink', [[saved['id']]])     # the other tests count the fixture's tasks
    assert not page.js_errors


def test_saving_right_after_a_change_keeps_the_onchange_values(page, web_server):
    _rpc(page, 'res.partner', 'create', [{'name': '林十', 'email': 'lin.shi@example.com'}])
    page.goto(f"{web_server.url}{SHEET}")
    page.click('.o_add_row a')
    row = page.locator('.o_selected_row')
    row.wait_for()
    row.locator('input[name=name]').fill('立即保存')
    row.locator('.o_many2one_input[name=q_partner_id]').fill('林十')
    page.click('.o_many2one_choice:has-text("林十")')
    row.locator('.o_list_save').click()       # the onchange is still on its way: the save waits for it
    page.wait_for_selector('.o_data_row:not(.o_selected_row):has-text("立即保存")')
    saved = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '立即保存')], ['email']])[0]
    assert saved['email'] == 'lin.shi@example.com'
    _rpc(page, 'test_web_l.task', 'unlink', [[saved['id']]])
    assert not page.js_errors
