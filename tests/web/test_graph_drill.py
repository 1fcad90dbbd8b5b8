"""A graph's bars open the records behind them (Odoo's graph click): the
group's condition computed for each kind of group-by, then a real click on a
bar in Chromium landing on the list of exactly those records."""
from __future__ import annotations

import datetime
import json
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from odoo.modules import module

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.client import graph_view  # noqa: E402
from odoo.addons.web.client.page_action import drill_domain  # noqa: E402
from odoo.exceptions import UserError  # noqa: E402

ACTION = '/odoo/action-test_web_l.test_web_task_action'



def _rpc(page, model: str, method: str, args: list, kwargs: dict | None = None):
    reply = page.request.post(f"{page.url.split('/odoo')[0]}/web/dataset/call_kw/{model}/{method}", data={
        'jsonrpc': '2.0', 'method': 'call', 'params': {'model': model, 'method': method, 'args': args, 'kwargs': kwargs or {}}})
    body = reply.json()
    assert 'error' not in body, body
    return body['result']


MODEL = SimpleNamespace(_fields={name: SimpleNamespace(type=kind) for name, kind in (
    ('stage_id', 'many2one'), ('state', 'selection'), ('create_date', 'datetime'), ('deadline', 'date'))})


def test_group_conditions_of_each_kind_of_group_by():
    group = {'stage_id': (7, '进行中'), 'state': 'done', 'create_date:month': '2026年3月',
             '__range': {'create_date:month': {'from': '2026-03-01 00:00:00', 'to': '2026-04-01 00:00:00'},
                         'deadline': False}, 'deadline': False}
    assert graph_view._group_condition(MODEL, ['stage_id', 'state'], group) == [('stage_id', '=', 7), ('state', '=', 'done')]
    assert graph_view._group_condition(MODEL, ['create_date:month'], group) == [
        ('create_date', '>=', '2026-03-01 00:00:00'), ('create_date', '<', '2026-04-01 00:00:00')]
    assert graph_view._group_condition(MODEL, ['deadline'], group) == [('deadline', '=', False)]
    assert graph_view._group_condition(MODEL, ['stage_id'], {'stage_id': False}) == [('stage_id', '=', False)]


def test_list_url_keeps_filters_and_drops_the_chart_settings():
    link = graph_view._list_url('/odoo/action-5', {'filter': ['mine'], 'groupby': ['stage_id'], 'chart': 'pie',
                                                   'measure': 'amount', 'search_name': ['合同']},
                                [('stage_id', '=', 7), ('day', '>=', datetime.date(2026, 3, 1))])
    parts = urlsplit(link)
    query = parse_qs(parts.query)
    assert parts.path == '/odoo/action-5'
    assert query['view_type'] == ['list'] and query['filter'] == ['mine'] and query['search_name'] == ['合同']
    assert 'groupby' not in query and 'chart' not in query and 'measure' not in query
    assert json.loads(query['domain'][0]) == [['stage_id', '=', 7], ['day', '>=', '2026-03-01']]
    assert drill_domain(query['domain'][0]) == ['&', ('stage_id', '=', 7), ('day', '>=', '2026-03-01')]


def test_a_broken_chart_selection_is_refused_by_name():
    assert drill_domain(None) == [] and drill_domain('[]') == []
    with pytest.raises(UserError, match='not-json'):
        drill_domain('not-json')


@pytest.mark.slow
def test_clicking_a_bar_lists_its_records(page, web_server):
    page.goto(f"{web_server.url}{ACTION}?view_type=graph")
    page.wait_for_selector('canvas.o_graph_canvas[data-drawn="1"]')
    chart = "Chart.getChart(document.querySelector('canvas.o_graph_canvas'))"
    amounts = page.evaluate(f"{chart}.data.datasets[0].data")
    index = max(range(len(amounts)), key=lambda i: amounts[i])
    assert amounts[index] > 0
    x, y = page.evaluate(f"""(i) => {{
        const chart = {chart}, bar = chart.getDatasetMeta(0).data[i], box = chart.canvas.getBoundingClientRect();
        return [box.left + bar.x, box.top + (bar.y + bar.base) / 2];
    }}""", index)
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: 'view_type=list' in url)
    page.wait_for_selector('.o_list_table')
    domain = json.loads(parse_qs(urlsplit(page.url).query)['domain'][0])
    assert domain[0][0] == 'stage_id'
    behind = _rpc(page, 'test_web_l.task', 'read_group', [domain, ['amount:sum'], []], {'lazy': False})[0]
    assert behind['amount'] == amounts[index]
    assert page.locator('.o_data_row').count() == behind['__count']
    assert page.locator('.o_drill_facet').count() == 1
    # the facet's cross takes the selection off: every task again
    page.click('.o_drill_facet a')
    page.wait_for_url(lambda url: 'domain=' not in url)
    assert page.locator('.o_data_row').count() == _rpc(page, 'test_web_l.task', 'search_count', [[]])
    assert not page.js_errors
