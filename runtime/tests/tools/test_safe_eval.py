"""Tests of odoo.tools.safe_eval: what evaluated code may and may not do."""
from __future__ import annotations

import datetime as real_datetime

import pytest
from odoo.exceptions import UserError
from odoo.tools.safe_eval import const_eval, datetime, expr_eval, safe_eval, time
from odoo.tools.safe_eval import test_python_expr as check_python_expr


def test_domains_and_contexts():
    ctx = {'uid': 2, 'company_ids': [1, 3], 'datetime': datetime, 'time': time}
    assert safe_eval("[('user_id', '=', uid), ('company_id', 'in', company_ids)]", ctx) == \
        [('user_id', '=', 2), ('company_id', 'in', [1, 3])]
    assert safe_eval("{'default_type': 'out_invoice', 'active_test': False}") == \
        {'default_type': 'out_invoice', 'active_test': False}
    assert safe_eval("(datetime.date(2024, 1, 31) + datetime.timedelta(days=1)).strftime('%Y-%m-%d')", ctx) == '2024-02-01'
    assert safe_eval("time.strftime('%Y')", ctx) == real_datetime.date.today().strftime('%Y')


def test_exec_mode_writes_into_nocopy_dict():
    scope = {'records': [1, 2, 3]}
    safe_eval("def double(x):\n    return 2 * x\nresult = sum(double(r) for r in records)", scope, mode='exec', nocopy=True)
    assert scope['result'] == 12


def test_globals_are_copied_by_default():
    scope = {'a': 1}
    safe_eval("b = a + 1", scope, mode='exec')
    assert 'b' not in scope


@pytest.mark.parametrize('code', [
    "().__class__.__bases__[0].__subclasses__()",
    "__import__('os').system('true')",
    "import os",
    "from os import path",
    "getattr(1, '__class__')",
    "open('/etc/passwd')",
    "(lambda: 0).__code__",
    "x.f_globals",
    "'{0.__class__}'.format(1)",
    "class A: pass",
    "with open('f') as f: pass",
    "eval('1')",
])
def test_forbidden_constructs(code):
    with pytest.raises((ValueError, NameError)):
        safe_eval(code, {'x': None}, mode='exec')


def test_errors_name_the_expression_and_keep_user_errors():
    with pytest.raises(ValueError, match="while evaluating\n'undefined_name'"):
        safe_eval("undefined_name")
    with pytest.raises(ZeroDivisionError):
        safe_eval("1 / 0")

    def fail():
        raise UserError("no")
    with pytest.raises(UserError):
        safe_eval("fail()", {'fail': fail})


def test_modules_are_refused():
    import os
    with pytest.raises(TypeError, match='can not be used in evaluation contexts'):
        safe_eval("os", {'os': os})


def test_const_and_expr_eval():
    assert const_eval("[1, (2, 'a'), {'k': None}, -3]") == [1, (2, 'a'), {'k': None}, -3]
    with pytest.raises(ValueError):
        const_eval("1 + 2")
    assert expr_eval("1 + 2 * 3") == 7
    with pytest.raises(ValueError):
        expr_eval("x + 1")


def test_check_python_expr():
    assert check_python_expr("a + 1") is False
    assert 'SyntaxError' in check_python_expr("a +")
    assert '__class__' in check_python_expr("a.__class__")
