"""A button returning the dict of a stored window action (``_for_xml_id``)
whose context and domain the method replaced opens it as Odoo's client
does: with the returned context, domain and views, not the stored ones;
the same dict left unchanged opens at the action's own address (Debian
Chromium, 1280 px)."""
from __future__ import annotations

import re

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow


def test_changed_action_dict_keeps_its_context_and_domain(page, web_server):
    customer = _rpc(page, 'res.partner', 'create', [{'name': '吴记布庄', 'email': 'wu@example.com'}])
    other = _rpc(page, 'res.partner', 'create', [{'name': '郑氏五金'}])
    mine = _rpc(page, 'test_web_l.task', 'create', [{'name': '布庄一单', 'partner_id': customer}])
    created = [mine, _rpc(page, 'test_web_l.task', 'create', [{'name': '布庄二单', 'partner_id': customer}]),
               _rpc(page, 'test_web_l.task', 'create', [{'name': '五金一单', 'partner_id': other}])]
    page.goto(f"{web_server.url}{ACTION}/{mine}")
    page.click('button[name=button_call][value="object:action_open_sheet"]')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{mine}/act-\w+$"))
    # the stored action's name and list view, the method's domain: this customer's two tasks
    assert 'Task Sheet' in page.locator('.o_control_panel').inner_text()
    assert page.locator('.o_list_table th[data-name=hourly_rate]').count() == 1
    assert sorted(page.locator('.o_data_row td[data-name=name]').all_inner_texts()) == ['布庄一单', '布庄二单']
    # a row added in place gets the method's defaults (hours 1.5, not the stored context's 8)
    page.click('.o_add_row a')
    row = page.locator('.o_selected_row')
    row.wait_for()
    assert float(row.locator('input[name=hours]').input_value()) == 1.5
    assert row.locator('.o_many2one_input[name=q_partner_id]').input_value() == '吴记布庄'
    row.locator('input[name=name]').fill('布庄三单')
    row.locator('.o_list_save').click()
    page.wait_for_selector('.o_data_row:not(.o_selected_row):has-text("布庄三单")')
    added = _rpc(page, 'test_web_l.task', 'search_read', [[('name', '=', '布庄三单')], ['partner_id', 'hours']])[0]
    assert (added['partner_id'][0], added['hours']) == (customer, 1.5)
    created.append(added['id'])
    # the form's New button too
    page.click('.o_list_button_add')
    page.wait_for_url(re.compile(r"/act-\w+/new$"))
    assert page.locator('.o_many2one_input[name=q_partner_id]').input_value() == '吴记布庄'
    # the dict unchanged: the stored action at its own address, its stored context
    page.goto(f"{web_server.url}{ACTION}/{mine}")
    page.click('button[name=button_call][value="object:action_open_sheets"]')
    page.wait_for_url(re.compile(rf"/action-[\w.]+/{mine}/action-\d+\?active_id={mine}$"))
    assert page.locator('.o_data_row').count() >= 3
    page.click('.o_add_row a')
    page.locator('.o_selected_row').wait_for()
    assert float(page.locator('.o_selected_row input[name=hours]').input_value()) == 8.0
    page.click('.o_selected_row .o_list_discard')
    _rpc(page, 'test_web_l.task', 'unlink', [created])     # the other tests count the fixture's tasks
    assert not page.js_errors
