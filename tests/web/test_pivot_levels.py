"""The pivot view on several levels in Debian Chromium, as Odoo 18 draws
it: header trees on both axes with the totals of every level, headers
closed and opened one by one, a header of the last level expanded by a
group-by chosen from its menu, measures toggled, rows sorted by a
measure, axes flipped and the table downloaded as xlsx with its column
levels (1280 and 375 px)."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import SCREENSHOTS
from .test_webclient import ACTION, _rpc

pytestmark = pytest.mark.slow

PIVOT = f"{ACTION}?view_type=pivot"


def _state(address: str) -> dict:
    """The pivot's state in a page address (its ``pivot=`` JSON)."""
    return json.loads(parse_qs(urlparse(address).query).get('pivot', ['{}'])[0])


def _row(page, label: str):
    return page.locator(f'.o_pivot_table tbody tr.o_pivot_row:has(th.o_pivot_header:text-is("{label}"))')


def _amounts(page, domain: list) -> float:
    return sum(task['amount'] for task in _rpc(page, 'test_web_l.task', 'search_read', [domain, ['amount']]))


def _shown_rows(page, count: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('.o_pivot_table tbody tr').length == {count}")


def test_pivot_row_levels_totals_and_headers(page, web_server):
    tasks = _rpc(page, 'test_web_l.task', 'search_read', [[], ['stage_id', 'state']])
    stages = {task['stage_id'][0] for task in tasks if task['stage_id']}
    pairs = {(task['stage_id'][1], task['state']) for task in tasks if task['stage_id']}
    new_states = {state for stage, state in pairs if stage == '新建'}
    done_states = {state for stage, state in pairs if stage == '已完成'}
    every = 1 + len(stages) + len(pairs)            # total, stages, stage x state
    page.goto(f"{web_server.url}{PIVOT}&groupby=stage_id&groupby=state")
    # the arch's column level (state) and the search's two row levels, the total row first
    rows = page.locator('.o_pivot_table tbody tr.o_pivot_row')
    assert rows.count() == every
    assert rows.first.locator('th').inner_text().strip() == '合计'
    stage = _row(page, '新建')
    assert 'o_pivot_header_cell_opened' in stage.locator('th').get_attribute('class')
    stage_key = json.loads(stage.get_attribute('data-key'))
    children = page.locator('.o_pivot_table tbody tr.o_pivot_row').filter(
        has=page.locator('th[data-key^="[%s,"]' % stage_key[0]))
    assert children.count() == len(new_states) >= 2
    # totals per level: a stage's total is its tasks' amount, the grand total everything's
    assert f"{_amounts(page, [('stage_id.name', '=', '新建')]):,.2f}" in stage.locator('td').last.inner_text()
    assert f"{_amounts(page, []):,.2f}" == rows.first.locator('td').last.inner_text().strip()
    # a cell of both levels: stage 新建 x In Progress
    headers = page.locator('.o_pivot_table thead th.o_pivot_header').all_inner_texts()
    position = [text.strip() for text in headers][1:].index('In Progress')
    in_progress = _amounts(page, [('stage_id.name', '=', '新建'), ('state', '=', 'open')])
    assert stage.locator('td').nth(position).inner_text().strip() == f"{in_progress:,.2f}"
    # a header closes the level under it, and opens it again
    stage.locator('th').click()
    page.wait_for_url(lambda url: 'pivot=' in url)
    assert children.count() == 0
    assert 'o_pivot_header_cell_closed' in _row(page, '新建').locator('th').get_attribute('class')
    assert _row(page, '进行中').count() == 1 and rows.count() == every - len(new_states)
    _row(page, '新建').locator('th').click()
    _shown_rows(page, every)
    # "expand all" opens every level again
    _row(page, '已完成').locator('th').click()
    _shown_rows(page, every - len(done_states))
    page.click('.o_pivot_expand_button')
    _shown_rows(page, every)
    # the total row closes everything and drops the group-bys: clicked again it offers the menu
    rows.first.locator('th').click()
    _shown_rows(page, 1)
    assert _state(page.url)['rows'] == []
    rows.first.locator('th').click()
    page.locator('.o_pivot_groupby_menu [data-groupby=stage_id]').click()
    _shown_rows(page, 1 + len(stages))
    assert _state(page.url)['rows'] == ['stage_id']
    page.goto(f"{web_server.url}{PIVOT}&groupby=stage_id&groupby=state")
    # a cell opens the list of its records
    with page.expect_navigation():
        stage.locator('td').nth(position).locator('a').click()
    assert 'view_type=list' in page.url
    assert page.locator('.o_data_row').count() == len(_rpc(page, 'test_web_l.task', 'search', [
        [('stage_id.name', '=', '新建'), ('state', '=', 'open')]]))
    assert not page.js_errors


def test_pivot_column_levels_measures_flip_and_xlsx(page, web_server, tmp_path):
    from openpyxl import load_workbook
    page.goto(f"{web_server.url}{PIVOT}")
    # a column header of the last level offers the group-bys: the search view's, then any field
    draft = page.locator('.o_pivot_table thead th.o_pivot_header:text-is("Draft")')
    draft.click()
    menu = page.locator('.o_pivot_groupby_menu')
    assert menu.is_visible()
    assert menu.locator('[data-groupby=stage_id]').inner_text().strip() == 'Stage'
    page.select_option('.o_pivot_custom_groupby', 'partner_id')
    page.wait_for_url(lambda url: 'pivot=' in url)
    assert _state(page.url)['cols'] == ['state', 'partner_id']
    head = page.locator('.o_pivot_table thead tr')
    assert head.count() == 4          # total, states, customers of Draft, measures
    assert 'o_pivot_header_cell_opened' in page.locator('thead th.o_pivot_header:text-is("Draft")').get_attribute('class')
    # a second measure: two figures under every column
    page.click('.o_pivot_measures_toggle')
    page.click('.o_pivot_measure[data-measure=__count]')
    page.wait_for_url(lambda url: '__count' in url)
    measures = page.locator('.o_pivot_table thead th.o_pivot_measure_row')
    leaves = page.locator('.o_pivot_table tbody tr').first.locator('td').count()
    assert measures.count() == leaves and leaves % 2 == 0
    assert page.locator('.o_pivot_table tbody tr').first.locator('td').last.inner_text().strip() == str(
        len(_rpc(page, 'test_web_l.task', 'search', [[]])))
    # a measure's header sorts the rows (descending on the second click)
    total_amount = page.locator('.o_pivot_table thead th.o_pivot_measure_row').nth(measures.count() - 2)
    total_amount.click()
    page.wait_for_url(lambda url: 'pivot=' in url and (_state(url).get('sort') or {}).get('order') == 'asc')
    page.locator('.o_pivot_table thead th.o_pivot_measure_row').nth(measures.count() - 2).click()
    page.wait_for_url(lambda url: (_state(url).get('sort') or {}).get('order') == 'desc')
    stages = [text.strip() for text in page.locator('.o_pivot_table tbody th.o_pivot_header').all_inner_texts()][1:]
    by_stage = {name: _amounts(page, [('stage_id.name', '=', name)]) for name in stages}
    assert stages == sorted(stages, key=lambda name: -by_stage[name])
    # the xlsx carries the column levels: merged total, states, customers, the measures' row
    reply = page.request.get(f"{web_server.url}{page.locator('.o_pivot_download').get_attribute('href')}")
    assert reply.status == 200
    path = tmp_path / 'pivot.xlsx'
    path.write_bytes(reply.body())
    sheet = load_workbook(path).active
    assert sheet.cell(row=1, column=2).value == '合计'
    assert [sheet.cell(row=4, column=c).value for c in range(2, 4)] == ['Amount', '数量']
    assert sheet.cell(row=5, column=1).value == '合计'
    assert sheet.cell(row=5, column=sheet.max_column - 1).value == pytest.approx(_amounts(page, []))
    # flip: the stages become the columns, the column levels the rows
    page.click('.o_pivot_flip_button')
    page.wait_for_url(lambda url: _state(url).get('rows') == ['state', 'partner_id'])
    assert '新建' in page.locator('.o_pivot_table thead').inner_text()
    assert _row(page, 'Draft').count() == 1
    assert not page.js_errors


def test_pivot_without_data(page, web_server):
    page.goto(f"{web_server.url}{PIVOT}&search_name=没有这样的任务")
    # as Odoo: a note instead of figures, nothing to flip, expand or download
    assert page.locator('.o_pivot .o_view_nocontent').is_visible()
    for button in ('flip_button', 'expand_button', 'download'):
        assert 'disabled' in page.locator(f'.o_pivot_{button}').get_attribute('class')
    assert not page.js_errors


@pytest.mark.parametrize('width', [1280, 375])
def test_pivot_screenshots(browser, web_server, admin_state, width):
    context = browser.new_context(viewport={'width': width, 'height': 900}, locale='zh-CN', storage_state=admin_state)
    page = context.new_page()
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(f"{web_server.url}{PIVOT}&groupby=stage_id&groupby=state")
        page.locator('.o_pivot_table thead th.o_pivot_header:text-is("Draft")').click()
        page.locator('.o_pivot_groupby_menu [data-groupby=stage_id]').click()
        page.wait_for_url(lambda url: 'pivot=' in url)
        page.wait_for_load_state('networkidle')
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        page.screenshot(path=str(SCREENSHOTS / f"pivot-levels-{width}.png"), full_page=True)
    finally:
        context.close()
