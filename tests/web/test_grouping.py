"""Grouping on several levels in Debian Chromium: a list grouped by stage
then by status (nested, collapsible, with the totals of each sub-group),
at 1280 and 375 px (the pivot's levels: test_pivot_levels.py)."""
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
    record.wait_for()           # loaded when the sub-group opens
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
