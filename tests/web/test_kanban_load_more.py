"""A kanban column holding more records than the view's ``limit``: its
"Load more" appends the next cards in place (no page change), until the
column holds them all, a card quick-created meanwhile not twice; in Debian Chromium."""
from __future__ import annotations

import pytest

from .test_webclient import _rpc

pytestmark = pytest.mark.slow

KANBAN = '/odoo/action-test_web_l.test_web_labelled_action?view_type=kanban'


def test_load_more_appends_cards_in_place(page, web_server):
    page.goto(f"{web_server.url}/odoo")
    existing = _rpc(page, 'test_web_l.labelled', 'search_count', [[('kind', '=', 'b')]])
    _rpc(page, 'test_web_l.labelled', 'create', [[{'name': f'乙类记录{index}', 'kind': 'b'} for index in range(8 - existing)]])
    page.goto(f"{web_server.url}{KANBAN}")
    column = page.locator('.o_kanban_group:has(.o_column_title:text-is("Kind B"))')
    cards = column.locator('.o_kanban_record')
    assert cards.count() == 3                                     # limit="3" of the arch
    assert column.locator('.o_kanban_counter').inner_text().strip() == '8'
    page.evaluate("window.o_marker = 1")                          # gone if the page were left
    button = column.locator('.o_kanban_load_more')
    assert '5' in button.inner_text()
    button.click()
    page.wait_for_function("document.querySelectorAll('.o_kanban_group .o_kanban_load_more').length >= 1 && "
                           "[...document.querySelectorAll('.o_kanban_group')].some(col => col.querySelectorAll('.o_kanban_record').length === 6)")
    assert cards.count() == 6 and '2' in column.locator('.o_kanban_load_more').inner_text()
    # a card quick-created in the column meanwhile is not loaded a second time
    column.locator('.o_kanban_quick_add').click()
    column.locator('.o_kanban_quick_create input[name=name]').fill('乙类新卡片')
    column.locator('.o_kanban_quick_create button').click()
    page.wait_for_function("[...document.querySelectorAll('.o_kanban_group')].some(col => col.querySelectorAll('.o_kanban_record').length === 7)")
    column.locator('.o_kanban_load_more').click()
    column.locator('.o_kanban_load_more').wait_for(state='detached')
    assert cards.count() == 9
    ids = [card.get_attribute('data-id') for card in cards.all()]
    assert len(set(ids)) == 9                                      # each record once
    assert page.evaluate("window.o_marker") == 1 and 'view_type=kanban' in page.url
    assert not page.js_errors
