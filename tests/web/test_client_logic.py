"""Pure parts of the live form, the calendar and the kanban cards, without
server or browser: onchange answers merged into the form's lines, posted
input names, the days a calendar page shows, colours of cards."""
from __future__ import annotations

import datetime

from odoo.fields import Command
from odoo.modules import module

module.initialize_sys_path()

from odoo.addons.web.client import calendar_view, form_onchange  # noqa: E402
from odoo.addons.web.client.kanban_fields import color_index  # noqa: E402


def _snapshot() -> form_onchange.Snapshot:
    snapshot = form_onchange.Snapshot(values={'name': 'x'})
    snapshot.lines['line_ids'] = [
        form_onchange.Line(key='0', id=7, values={'name': 'a', 'quantity': 1.0}),
        form_onchange.Line(key='n1', id=None, values={'name': 'b', 'quantity': 2.0}, ref='virtual_n1'),
    ]
    return snapshot


def test_onchange_commands_update_create_and_delete_lines():
    snapshot = _snapshot()
    infos = {'name': {'type': 'char'}, 'quantity': {'type': 'float'}, 'product_id': {'type': 'many2one'}}
    form_onchange.merge_lines(snapshot, 'line_ids', [
        (Command.UPDATE, 'virtual_n1', {'quantity': 0.0, 'product_id': {'id': 3, 'display_name': 'P'}}),
        (Command.DELETE, 7, 0),
        (Command.CREATE, 'virtual_9', {'name': 'c'}),
    ], infos)
    lines = snapshot.lines['line_ids']
    # the lines take the onchange's values (many2one as ids), new lines come, removed ones go
    assert [(line.key, line.values) for line in lines] == [
        ('n1', {'name': 'b', 'quantity': 0.0, 'product_id': 3}), ('virtual_9', {'name': 'c'})]
    assert snapshot.deleted == {'line_ids': [7]}
    # what new() receives: new lines created with their virtual id
    assert snapshot.as_values()['line_ids'] == [(Command.CREATE, 'virtual_n1', {'name': 'b', 'quantity': 0.0, 'product_id': 3}),
                                                 (Command.CREATE, 'virtual_9', {'name': 'c'})]


def test_onchange_clear_marks_saved_lines_deleted():
    snapshot = _snapshot()
    form_onchange.merge_lines(snapshot, 'line_ids', [(Command.CLEAR, 0, 0)], {})
    assert snapshot.lines['line_ids'] == [] and snapshot.deleted == {'line_ids': [7]}


def test_changed_input_names():
    assert form_onchange.parse_changed('partner_id') == ('partner_id', None, None)
    assert form_onchange.parse_changed('o2m.line_ids.n3.quantity') == ('line_ids', 'n3', 'quantity')
    assert form_onchange.parse_changed('o2m.line_ids.0.__delete') == ('line_ids', '0', '__delete')


def test_calendar_pages():
    # a month page is six whole weeks from the Monday before the 1st
    first, last = calendar_view.span('month', datetime.date(2026, 11, 23))
    assert first == datetime.date(2026, 10, 26) and (last - first).days == 41 and first.weekday() == 0
    assert calendar_view.span('week', datetime.date(2026, 11, 26)) == (datetime.date(2026, 11, 23), datetime.date(2026, 11, 29))
    assert calendar_view.shift('month', datetime.date(2026, 12, 15), 1) == datetime.date(2027, 1, 1)
    assert calendar_view.shift('month', datetime.date(2026, 1, 31), -1) == datetime.date(2025, 12, 1)
    assert calendar_view.shift('day', datetime.date(2026, 2, 28), 1) == datetime.date(2026, 3, 1)


def test_card_colours_as_odoo_computes_them():
    assert color_index(3) == 3 and color_index(14) == 2 and color_index(False) == 0
    assert color_index('ab') == (ord('a') + ord('b')) % 12
