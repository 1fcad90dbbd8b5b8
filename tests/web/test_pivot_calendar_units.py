"""Fast checks of the pure parts of the pivot and calendar views (no
server, no browser): the pivot's header trees and its page state, the
calendar's events on days and side by side on the hour grid."""
from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

from lxml import etree
from odoo.modules import module

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.client import pivot_view  # noqa: E402
from odoo.addons.web.client.arch import View  # noqa: E402
from odoo.addons.web.client.calendar_timegrid import lanes  # noqa: E402
from odoo.addons.web.client.calendar_view import Event  # noqa: E402


def _found() -> list[list]:
    """Groups of two levels: stages 1 and 2, stage 1 split by state."""
    return [[], [((1,), 'New', [('stage_id', '=', 1)]), ((2,), 'Done', [('stage_id', '=', 2)])],
            [((1, 'draft'), 'Draft', [('state', '=', 'draft')]), ((1, 'open'), 'Open', [('state', '=', 'open')]),
             ((2, 'done'), 'Done', [('state', '=', 'done')])]]


def test_pivot_tree_opens_everything_by_default():
    root, truncated = pivot_view._tree(_found(), ['stage_id', 'state'], None, 500)
    assert not truncated and root.expanded
    assert [header.key for header in root.walk()] == [(), (1,), (1, 'draft'), (1, 'open'), (2,), (2, 'done')]
    # a header's domain is its parents' and its own
    assert root.children[0].children[1].condition == [('stage_id', '=', 1), ('state', '=', 'open')]
    assert [leaf.key for leaf in root.leaves()] == [(1, 'draft'), (1, 'open'), (2, 'done')]


def test_pivot_tree_keeps_closed_headers_closed():
    root, _truncated = pivot_view._tree(_found(), ['stage_id', 'state'], {(), (2,)}, 500)
    assert [header.key for header in root.walk()] == [(), (1,), (2,), (2, 'done')]
    assert not root.children[0].expanded and root.children[1].expanded
    closed, _truncated = pivot_view._tree(_found(), ['stage_id', 'state'], set(), 500)
    assert [header.key for header in closed.walk()] == [()] and not closed.expanded
    # only the group-bys of opened headers are read
    assert pivot_view._depth(['stage_id', 'state'], {()}) == 1
    assert pivot_view._depth(['stage_id', 'state'], None) == 2
    assert pivot_view._depth(['stage_id'], {(), (1,)}) == 1


def test_pivot_tree_stops_at_its_limit():
    root, truncated = pivot_view._tree(_found(), ['stage_id', 'state'], None, 3)
    assert truncated and len(root.walk()) == 3


def _model() -> SimpleNamespace:
    fields = {'stage_id': SimpleNamespace(store=True, type='many2one', aggregator=None, string='Stage'),
              'deadline': SimpleNamespace(store=True, type='date', aggregator='max', string='Deadline'),
              'amount': SimpleNamespace(store=True, type='monetary', aggregator='sum', string='Amount'),
              'note': SimpleNamespace(store=False, type='char', aggregator=None, string='Note')}
    return SimpleNamespace(_fields=fields)


def test_pivot_state_from_the_page_leaves_out_what_is_invalid():
    state = pivot_view.state_from(_model(), {
        'rows': ['stage_id', 'note', 'deadline:month', 'deadline:fortnight', 3], 'cols': 'stage_id',
        'measures': ['amount', '__count', 'amount', 'note'], 'row_open': [[], [1], 'x'], 'col_open': None,
        'sort': {'col': [], 'measure': 'amount', 'order': 'sideways'}})
    assert state.rows == ['stage_id', 'deadline:month'] and state.cols == ['stage_id']
    assert state.measures == ['amount', '__count']
    assert state.row_open == {(), (1,)} and state.col_open is None
    assert state.sort == {'col': [], 'measure': 'amount', 'order': 'asc'}
    # and back: what the page's script reads
    again = pivot_view.state_from(_model(), json.loads(state.as_json()))
    assert (again.rows, again.row_open, again.measures) == (state.rows, state.row_open, state.measures)


def _event(start: tuple, end: tuple, all_day: bool = False, rid: int = 1) -> Event:
    return Event(record=SimpleNamespace(id=rid), start=datetime.datetime(2026, 11, *start),
                 end=datetime.datetime(2026, 11, *end), all_day=all_day, color=0)


def test_calendar_events_cover_their_days():
    # an end at midnight belongs to the day before; an all-day end is the last day itself
    assert _event((23, 22), (24, 0)).last_day == datetime.date(2026, 11, 23)
    assert _event((23, 22), (24, 1)).last_day == datetime.date(2026, 11, 24)
    assert _event((25, 0), (26, 0), all_day=True).last_day == datetime.date(2026, 11, 26)
    assert not _event((23, 9), (23, 10)).covers(datetime.date(2026, 11, 24))


def test_calendar_overlapping_events_share_the_column():
    first, second, third, alone = (_event((23, 9), (23, 10), rid=1), _event((23, 9, 30), (23, 11), rid=2),
                                   _event((23, 10, 15), (23, 10, 45), rid=3), _event((23, 14), (23, 15), rid=4))
    placed = lanes([(first, 540, 600), (second, 570, 660), (third, 615, 645), (alone, 840, 900)])
    by_id = {event.record.id: (lane, count) for event, _begin, _end, lane, count in placed}
    # 9:00 and 9:30 overlap: two lanes; 10:15 reuses the first lane (free since 10:00); 14:00 stands alone
    assert by_id == {1: (0, 2), 2: (1, 2), 3: (0, 2), 4: (0, 1)}


def test_pivot_header_menu_offers_date_intervals():
    model = _model()
    menu = str(pivot_view._groupby_menu(model, [('stage_id', 'Stage'), ('deadline', 'Deadline'), ('note', 'Note')]))
    assert 'data-groupby="stage_id"' in menu and 'data-groupby="note"' not in menu
    assert all(f'data-groupby="deadline:{interval}"' in menu for interval in pivot_view.INTERVALS)
    # any stored field in the custom group-by choice, dates by month
    assert '<option value="deadline:month">' in menu and '<option value="stage_id">' in menu


def test_pivot_xlsx_keeps_the_column_levels():
    import io

    from openpyxl import load_workbook
    state = pivot_view.State(rows=['stage_id'], cols=['stage_id', 'state'], measures=['amount'])
    rows, _truncated = pivot_view._tree(_found()[:2], ['stage_id'], None, 500)
    cols, _truncated = pivot_view._tree(_found(), ['stage_id', 'state'], None, 500)
    values = {((), ()): {'amount': 30}, ((1,), ()): {'amount': 10}, ((2,), ()): {'amount': 20},
              ((), (1, 'draft')): {'amount': 4}, ((1,), (1, 'draft')): {'amount': 4}}
    table = pivot_view.PivotTable(state=state, measure_labels={'amount': 'Amount'}, measure_types={'amount': 'float'},
                                  rows=rows, cols=cols, values=values)
    sheet = load_workbook(io.BytesIO(pivot_view.xlsx(table, 'Tasks/2026: [all]'))).active
    assert sheet.title == 'Tasks 2026   all'
    # total over three leaves, then the stages, then their states, then the measures
    assert sorted(str(cell) for cell in sheet.merged_cells.ranges) == ['B1:D1', 'B2:C2']
    assert [sheet.cell(row=3, column=c).value for c in range(2, 5)] == ['Draft', 'Open', 'Done']
    assert [sheet.cell(row=4, column=c).value for c in range(2, 6)] == ['Amount'] * 4
    assert [sheet.cell(row=5, column=c).value for c in range(1, 6)] == ['Total', 4, None, None, 30]
    assert [sheet.cell(row=6, column=c).value for c in (1, 2)] == ['New', 4]


def _pivot_view(arch: str) -> View:
    return View('x', 'pivot', False, etree.fromstring(arch), {}, {})


def test_pivot_state_from_the_arch_the_search_and_the_page():
    view = _pivot_view('<pivot display_quantity="1"><field name="stage_id" type="row"/><field name="stage_id" type="col"/>'
                       '<field name="deadline" type="col" interval="week"/><field name="amount" type="measure"/></pivot>')
    model = _model()
    state = pivot_view.read_state(view, model, {}, {})
    # every type="col" level of the arch, its interval kept; display_quantity adds the count
    assert (state.rows, state.cols, state.measures) == (['stage_id'], ['stage_id', 'deadline:week'], ['__count', 'amount'])
    assert state.row_open is None and state.col_open is None
    # the action's context overrides the arch, the search's group-bys make the rows
    state = pivot_view.read_state(view, model, {'groupby': ['deadline:month']}, {'pivot_column_groupby': ['deadline']})
    assert state.rows == ['deadline:month'] and state.cols == ['deadline']
    # the page's state holds while the search's group-bys are those it was made from
    saved = pivot_view.State(rows=['deadline:year'], cols=[], measures=['amount'], row_open={()}, origin=['stage_id']).as_json()
    kept = pivot_view.read_state(view, model, {'groupby': ['stage_id'], 'pivot': saved}, {})
    assert (kept.rows, kept.row_open, kept.cols, kept.measures) == (['deadline:year'], {()}, [], ['amount'])
    changed = pivot_view.read_state(view, model, {'groupby': ['stage_id', 'deadline'], 'pivot': saved}, {})
    assert changed.rows == ['stage_id', 'deadline'] and changed.row_open is None and changed.cols == []
    assert pivot_view.read_state(view, model, {'pivot': '{not json'}, {}).cols == ['stage_id', 'deadline:week']
