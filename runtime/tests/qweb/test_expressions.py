"""QWeb expressions (runtime/odoo/tools/qweb/expressions.py): names read the
rendering values, scoping inside comprehensions and lambdas, the sandbox's
refusals, and format strings."""
from __future__ import annotations

import pytest
from markupsafe import Markup
from odoo.tools.qweb import compile_expr, compile_format, evaluate


def run(expr: str, **values):
    return evaluate(compile_expr(expr), values)


def test_names_read_values_and_missing_ones_are_none():
    assert run('a + b', a=1, b=2) == 3
    assert run('missing') is None
    assert run('len(items)', items=[1, 2]) == 2


def test_builtins_win_over_values_as_in_odoo():
    assert run('len("ab")', len=lambda x: 0) == 2


def test_comprehension_and_lambda_scopes():
    assert run('[x * k for x in xs if x > lo]', xs=[1, 2, 3], k=10, lo=1) == [20, 30]
    assert run('{k: v for k, v in pairs}', pairs=[('a', 1)]) == {'a': 1}
    assert run('sorted(xs, key=lambda x: -x * w)', xs=[1, 3, 2], w=1) == [3, 2, 1]
    # a comprehension variable does not leak out, an outer name with the same name stays
    assert run('([x for x in xs], x)', xs=[1], x='outer') == ([1], 'outer')


def test_markup_and_escape_are_available():
    assert run("Markup('<b>%s</b>') % v", v='<i>') == Markup('<b>&lt;i&gt;</b>')


@pytest.mark.parametrize('expr', ['x.__class__', '__import__("os")', '(y := 1)', 'f.format_map({})'])
def test_refused(expr):
    with pytest.raises((ValueError, SyntaxError)):
        compile_expr(expr)


def test_empty_expression_is_a_syntax_error():
    with pytest.raises(SyntaxError, match='empty'):
        compile_expr('  ')


def test_format_strings():
    render = compile_format('a-#{n}-{{ n * 2 }}-#{none}')
    assert render({'n': 2}) == 'a-2-4-'
    assert compile_format('static')({}) == 'static'
