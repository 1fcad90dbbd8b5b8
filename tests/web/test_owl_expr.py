"""The interpreter of kanban template expressions (OWL's JavaScript subset),
without server or browser: JavaScript semantics, OWL's word operators, and
the refusal of anything outside the scope's plain data."""
from __future__ import annotations

import pytest
from odoo.modules import module

module.initialize_sys_path()

from odoo.addons.web.client.owl_expr import UNDEFINED, ExpressionError, evaluate, interpolate, to_text, truthy  # noqa: E402

SCOPE = {
    'record': {
        'state': {'value': 'In Progress', 'raw_value': 'open'},
        'amount': {'value': '12,800.00', 'raw_value': 12800.0},
        'tag_ids': {'value': '2 records', 'raw_value': [3, 5]},
        'partner_id': {'value': '', 'raw_value': False},
        'name': {'value': '报价单', 'raw_value': '报价单'},
    },
    'widget': {'editable': True, 'deletable': False},
    'context': {'show_amount': 1},
}


@pytest.mark.parametrize('text, expected', [
    ("record.state.raw_value === 'open'", True),
    ("record.state.raw_value !== 'open'", False),
    ("record.amount.raw_value > 1000 and widget.editable", True),
    ("record.amount.raw_value gt 1000 and !widget.deletable", True),
    ("record.partner_id.raw_value or 'none'", 'none'),
    ("record.tag_ids.raw_value.length", 2),
    ("record.tag_ids.raw_value.includes(5)", True),
    ("record.name.value + '!'", '报价单!'),
    ("record.amount.raw_value / 100", 128.0),
    ("record.state.raw_value == 'done' ? 'text-success' : 'text-muted'", 'text-muted'),
    ("context.show_amount && record.amount.value", '12,800.00'),
    ("record.missing.raw_value", UNDEFINED),
    ("[1, 2, 3].indexOf(2)", 1),
    ("{a: 1, 'b': 2}.b", 2),
    ("'abc'.toUpperCase()", 'ABC'),
    ("1 + '1'", '11'),
    ("0 == ''", True),
    ("0 === ''", False),
    ("null ?? 'x'", 'x'),
])
def test_expressions_follow_javascript(text, expected):
    assert evaluate(text, SCOPE) == expected


def test_truthiness_is_javascripts():
    assert truthy([]) and truthy({}) and truthy('0')
    assert not truthy(0) and not truthy('') and not truthy(None) and not truthy(UNDEFINED) and not truthy(float('nan'))


def test_text_as_javascript_prints_it():
    assert to_text(3.0) == '3' and to_text(2.5) == '2.5' and to_text(None) == '' and to_text(True) == 'true'
    assert to_text([1, 'a']) == '1,a'


def test_interpolation_of_attf():
    assert interpolate("badge o_{{record.state.raw_value}} #{widget.editable ? 'e' : ''}", SCOPE) == 'badge o_open e'


@pytest.mark.parametrize('text', [
    "__import__('os')",                       # not a name of the scope: undefined, and not callable
    "record.constructor.constructor('return 1')()",
    "''.__class__",
    "widget.editable()",
])
def test_nothing_outside_the_scope_is_reachable(text):
    try:
        value = evaluate(text, SCOPE)
    except ExpressionError:
        return
    assert value is UNDEFINED


@pytest.mark.parametrize('text', ["a =", "record.state.raw_value = 1", "x => x", "(", "a;b"])
def test_malformed_expressions_are_refused(text):
    with pytest.raises(ExpressionError):
        evaluate(text, SCOPE)
