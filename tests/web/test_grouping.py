"""Grouping on several levels in Debian Chromium: a list grouped by stage
then by status (nested, collapsible, with the totals of each sub-group),
and the pivot with rows expanded by a second field, flipped axes and the
xlsx download; at 1280 and 375 px."""
from __future__ import annotations

import pytest

from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow


def test_list_grouped_on_two_levels(page, web_server):
    page.goto(f"{web_server.url}{ACTION}?groupby=stage_id&groupby=state")
    top = page.locator('tbody.o_group_header:has-text("新建")')
    assert top.count() == 1
    top.locator('tr').click()
    subgroups = page.locator('tr.o_group_subheader[data-parent="g0"]')
    subgroups.first.wait_for()
    labels = [text.split('(')[0].strip() for text in subgroups.all_inner_texts()]
    assert labels == ['Draft', 'In Progress'], labels
    tasks = _rpc(page, 'test_web_l.task', 'search_read', [[('stage_id.name', '=', '新建'), ('state', '=', 'draft')], ['name', 'amount']])
    draft = page.locator('tr.o_group_subheader[data-parent="g0"]:has-text("Draft")')
    assert f"({len(tasks)})" in draft.inner_text()
    assert f"{sum(task['amount'] for task in tasks):,.2f}" in draft.inner_text()
    # the records appear when their sub-group is opened, and go when it closes
    record = page.locator(f'tr.o_data_row[data-parent="{draft.get_attribute("data-path")}"]').first
    assert not record.is_visible()
    draft.click()
    assert record.is_visible()
    path = draft.get_attribute('data-path')
    names = page.locator(f'tr.o_data_row[data-parent="{path}"] td[data-name=name]').all_inner_texts()
    assert sorted(name.strip() for name in names) == sorted(task['name'] for task in tasks)
    draft.click()
    assert not record.is_visible()
    # a record row of a sub-group is still edited in place (the list is editable)
    draft.click()
    record.locator('td[data-name=name]').click()
    page.wait_for_selector('.o_selected_row')
    assert not page.js_errors


def test_list_groups_on_a_phone(phone_page, web_server):
    phone = phone_page
    phone.goto(f"{web_server.url}{ACTION}?groupby=stage_id&groupby=state")
    phone.locator('tbody.o_group_header:has-text("新建") tr').click()
    phone.locator('tr.o_group_subheader[data-parent="g0"]').first.wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_pivot_levels_flip_and_download(page, web_server, tmp_path):
    from openpyxl import load_workbook
    page.goto(f"{web_server.url}{ACTION}?view_type=pivot&groupby=stage_id&groupby=state")
    stage = page.locator('.o_pivot_table tr.o_group_subheader:has-text("新建")')
    children = page.locator(f'.o_pivot_table tr[data-parent="{stage.get_attribute("data-path")}"]')
    assert children.count() == 2 and children.first.is_visible()
    # a header closes and opens the level under it
    stage.locator('th').click()
    assert not children.first.is_visible()
    stage.locator('th').click()
    assert children.first.is_visible()
    # a third level from the menu
    page.click('.o_pivot_row_menu')
    page.click('.o_pivot_row_choices a:has-text("Customer")')
    page.wait_for_url(lambda url: 'groupby=partner_id' in url)
    assert page.locator('.o_pivot_table tbody tr[data-parent]').count() > children.count()
    # flip the axes: the stages become the columns
    page.goto(f"{web_server.url}{ACTION}?view_type=pivot")
    page.click('.o_pivot_flip')
    page.wait_for_url(lambda url: 'pivot_col=stage_id' in url)
    assert '新建' in page.locator('.o_pivot_table thead').inner_text()
    # the table as xlsx: same grand total
    reply = page.request.get(f"{web_server.url}{page.locator('.o_pivot_download').get_attribute('href')}")
    assert reply.status == 200
    path = tmp_path / 'pivot.xlsx'
    path.write_bytes(reply.body())
    sheet = load_workbook(path).active
    amounts = _rpc(page, 'test_web_l.task', 'search_read', [[], ['amount']])
    assert sheet.cell(row=sheet.max_row, column=sheet.max_column).value == pytest.approx(sum(t['amount'] for t in amounts))
    assert not page.js_errors
