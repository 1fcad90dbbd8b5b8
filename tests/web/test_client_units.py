"""Fast checks of the web client's pure parts (no server, no browser):
expressions of view attributes, list columns from an arch, values parsed
from posted text, the library route's allow-list, the search arch reader."""
from __future__ import annotations

import datetime

import pytest
from lxml import etree
from odoo.modules import module
from werkzeug.exceptions import NotFound

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.client import fields_html, list_view, search  # noqa: E402
from odoo.addons.web.client.arch import View  # noqa: E402
from odoo.addons.web.client.expressions import evaluate  # noqa: E402
from odoo.addons.web.controllers.webclient_assets import library_file  # noqa: E402


def test_expressions_follow_the_record_values():
    assert evaluate("state == 'done'", {'state': 'done'})
    assert not evaluate("state == 'done'", {'state': 'draft'})
    assert evaluate("not partner_id or amount > 10", {'partner_id': False, 'amount': 0})
    assert evaluate("'a' in tag_ids and context.get('x')", {'tag_ids': ['a']}, {'x': 1})
    assert evaluate('True', {}) and not evaluate('0', {}) and not evaluate(None, {})


def test_expressions_refuse_unsafe_code():
    assert not evaluate("__import__('os').system('true')", {})
    assert not evaluate("undefined_name == 1", {})


def test_list_columns_skip_hidden_and_optional_hide():
    arch = etree.fromstring(
        '<list><field name="sequence" widget="handle"/><field name="name"/><field name="secret" column_invisible="True"/>'
        '<field name="note" optional="hide"/><field name="amount" sum="Total"/></list>')
    infos = {name: {'type': kind, 'string': name.title()} for name, kind in
             (('sequence', 'integer'), ('name', 'char'), ('secret', 'char'), ('note', 'text'), ('amount', 'float'))}
    cols = list_view.columns(View('x', 'list', False, arch, infos, {}), {})
    assert [c.name for c in cols] == ['name', 'amount']
    assert cols[1].aggregate == 'sum' and cols[0].aggregate is None


def test_posted_text_becomes_field_values():
    assert fields_html.parse(None, {'type': 'integer'}, '42') == 42
    assert fields_html.parse(None, {'type': 'float'}, '1,234.5') == 1234.5
    assert fields_html.parse(None, {'type': 'boolean'}, ['0', '1']) is True
    assert fields_html.parse(None, {'type': 'boolean'}, '0') is False
    assert fields_html.parse(None, {'type': 'many2one'}, '') is False
    assert fields_html.parse(None, {'type': 'date'}, '2026-11-22') == datetime.date(2026, 11, 22)
    assert fields_html.parse(None, {'type': 'many2many'}, ['3', 'x', '5']) == [(6, 0, [3, 5])]
    with pytest.raises(ValueError):
        fields_html.parse(None, {'type': 'integer'}, 'abc')


def test_library_route_serves_only_distributed_files():
    assert library_file('htmx.org/dist/htmx.min.js').endswith('htmx.min.js')
    for bad in ('htmx.org/package.json', 'htmx.org/dist/../../../etc/passwd.js', 'left-pad/index.js',
                'bootstrap/scss/bootstrap.scss'):
        with pytest.raises(NotFound):
            library_file(bad)


def test_search_arch_separators_and_group_bys():
    arch = etree.fromstring(
        '<search><field name="name"/><filter name="a" string="A" domain="[(1, \'=\', 1)]"/>'
        '<filter name="b" string="B" domain="[]"/><separator/><filter name="c" string="C" domain="[]"/>'
        '<group><filter name="by_stage" string="Stage" context="{\'group_by\': \'stage_id\'}"/></group></search>')
    parsed = search.parse(arch, {'name': {'type': 'char', 'string': 'Name'}})
    groups = {spec['name']: spec['group'] for spec in parsed.filters}
    assert groups['a'] == groups['b'] != groups['c']
    assert next(spec for spec in parsed.filters if spec['name'] == 'by_stage')['groupby'] == 'stage_id'
    assert [spec['name'] for spec in parsed.fields] == ['name']
