"""A list's decorations read fields that are not among its columns (Debian
Chromium): get_views adds them to the arch as hidden columns, as Odoo 18
does, and the rows are coloured by them."""
from __future__ import annotations

import pytest

from .test_webclient import _rpc

pytestmark = pytest.mark.slow

SHEET = '/odoo/action-test_web_l.test_web_task_sheet_action'


def test_row_decoration_reads_a_hidden_field(page, web_server):
    # decoration-warning="priority": priority is no column of the sheet list
    urgent, calm = _rpc(page, 'test_web_l.task', 'create', [[{'name': '加急工单', 'priority': True},
                                                            {'name': '常规工单', 'priority': False}]])
    try:
        page.goto(f"{web_server.url}{SHEET}")
        page.wait_for_selector('.o_data_row:has-text("加急工单")')
        assert 'table-warning' in page.locator('.o_data_row:has-text("加急工单")').get_attribute('class')
        assert 'table-warning' not in page.locator('.o_data_row:has-text("常规工单")').get_attribute('class')
        assert page.locator('th[data-name=priority]').count() == 0
    finally:
        _rpc(page, 'test_web_l.task', 'unlink', [[urgent, calm]])
