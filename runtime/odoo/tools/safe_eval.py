"""Restricted evaluation of Python expressions and code written in data (Odoo 18 API).

Domains, contexts, ``eval`` attributes of XML data, record-rule domains and
server-action code are evaluated with :func:`safe_eval`. The code is parsed
and its syntax tree checked before compiling: no imports, no class
definitions, no ``with``/async/generators/global statements, no name or
attribute containing a double underscore, no frame/code/generator internals,
and only a small set of builtins. Modules cannot be passed in: use the wrapped
``datetime``, ``dateutil``, ``json``, ``time`` and ``pytz`` of this module.
"""
from __future__ import annotations

import ast
import functools
import logging
import sys
import types
from typing import Any

import dateutil.parser
import dateutil.relativedelta
import dateutil.rrule
import dateutil.tz
from psycopg2 import OperationalError

_logger = logging.getLogger(__name__)

__all__ = ['const_eval', 'datetime', 'dateutil', 'expr_eval', 'json', 'pytz', 'safe_eval',
           'test_python_expr', 'time', 'wrap_module']

# Attributes that reach interpreter internals without a double underscore.
_UNSAFE_ATTRIBUTES = frozenset({
    'f_builtins', 'f_code', 'f_globals', 'f_locals', 'func_code', 'func_globals',
    'co_code', '_co_code_adaptive', 'mro', 'tb_frame', 'gi_code', 'gi_frame', 'gi_yieldfrom',
    'cr_await', 'cr_code', 'cr_frame', 'ag_await', 'ag_code', 'ag_frame',
    # '{0.__class__}'.format(x) reads attributes by name, out of the checker's sight.
    'format', 'format_map',
})

_FORBIDDEN_NODES: dict[type, str] = {
    ast.Import: "import", ast.ImportFrom: "import", ast.ClassDef: "class definitions",
    ast.AsyncFunctionDef: "async functions", ast.Await: "await", ast.AsyncFor: "async for",
    ast.AsyncWith: "async with", ast.With: "with statements", ast.Yield: "yield",
    ast.YieldFrom: "yield from", ast.Global: "global", ast.Nonlocal: "nonlocal",
}

# Nodes allowed in const_eval (literals only) and expr_eval (literals and operators).
_CONST_NODES = (ast.Expression, ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set,
                ast.Load, ast.UnaryOp, ast.USub, ast.UAdd)
_EXPR_NODES = _CONST_NODES + (ast.BinOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.operator,
                              ast.boolop, ast.cmpop, ast.unaryop, ast.Subscript, ast.Slice)


def _import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = None, level: int = -1) -> Any:
    """The ``__import__`` of evaluated code. Evaluated code cannot import (the checker
    refuses it); C builtins such as ``strftime`` import modules through it, so
    modules already loaded are given."""
    if name not in sys.modules:
        raise ImportError(f"module {name} should be imported before calling safe_eval()")
    return sys.modules[name]


_BUILTINS: dict[str, Any] = {
    '__import__': _import,
    'True': True, 'False': False, 'None': None,
    'bytes': bytes, 'str': str, 'unicode': str, 'bool': bool, 'int': int, 'float': float,
    'enumerate': enumerate, 'dict': dict, 'list': list, 'tuple': tuple, 'map': map,
    'abs': abs, 'min': min, 'max': max, 'sum': sum, 'reduce': functools.reduce,
    'filter': filter, 'sorted': sorted, 'round': round, 'len': len, 'repr': repr,
    'set': set, 'all': all, 'any': any, 'ord': ord, 'chr': chr, 'divmod': divmod,
    'isinstance': isinstance, 'range': range, 'xrange': range, 'zip': zip,
    'Exception': Exception,
}


class _Checker(ast.NodeVisitor):
    """Raises ValueError on the first construct that evaluated code may not use."""

    def __init__(self, expr: str, allowed: tuple[type, ...] | None) -> None:
        self.expr = expr
        self.allowed = allowed

    def _refuse(self, node: ast.AST, what: str) -> None:
        line = getattr(node, 'lineno', '?')
        raise ValueError(f"forbidden {what} (line {line}) in {self.expr.strip()!r}")

    def generic_visit(self, node: ast.AST) -> None:
        if self.allowed is not None and not isinstance(node, self.allowed):
            self._refuse(node, f"construct {type(node).__name__}")
        what = _FORBIDDEN_NODES.get(type(node))
        if what:
            self._refuse(node, what)
        if isinstance(node, ast.Name) and '__' in node.id:
            self._refuse(node, f"name {node.id!r}")
        if isinstance(node, ast.Attribute) and ('__' in node.attr or node.attr in _UNSAFE_ATTRIBUTES):
            self._refuse(node, f"attribute {node.attr!r}")
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            for arg in ast.walk(node.args):
                if isinstance(arg, ast.arg) and '__' in arg.arg:
                    self._refuse(node, f"argument name {arg.arg!r}")
            if isinstance(node, ast.FunctionDef) and '__' in node.name:
                self._refuse(node, f"function name {node.name!r}")
        if isinstance(node, ast.keyword) and node.arg and '__' in node.arg:
            self._refuse(node, f"keyword {node.arg!r}")
        super().generic_visit(node)


def _compile(expr: str, mode: str = 'eval', filename: str | None = None,
             allowed: tuple[type, ...] | None = None) -> types.CodeType:
    """Parse, check and compile ``expr``; SyntaxError / ValueError name the problem."""
    if not isinstance(expr, str):
        raise TypeError(f"safe_eval expects a string, got {type(expr).__name__}")
    source = expr.strip() if mode == 'eval' else expr
    tree = ast.parse(source, filename or '<string>', mode)
    _Checker(expr, allowed).visit(tree)
    return compile(tree, filename or '<string>', mode)


def test_expr(expr: str, allowed_codes: Any = None, mode: str = "eval", filename: str | None = None) -> types.CodeType:
    """Check and compile ``expr`` (``allowed_codes`` is accepted for compatibility)."""
    return _compile(expr, mode, filename)


def const_eval(expr: str) -> Any:
    """Evaluate a Python literal: ``"[1, (2, 3), {'a': 'b'}]"``; operators are refused."""
    return eval(_compile(expr, allowed=_CONST_NODES), {'__builtins__': {}})


def expr_eval(expr: str) -> Any:
    """Evaluate literals combined with operators (``"1 + 2"``); names are refused."""
    return eval(_compile(expr, allowed=_EXPR_NODES), {'__builtins__': {}})


def check_values(values: dict | None) -> dict | None:
    """Refuse raw modules in an evaluation context (they expose everything)."""
    for value in (values or {}).values():
        if isinstance(value, types.ModuleType):
            raise TypeError(f"Module {value} can not be used in evaluation contexts; "
                            "pass the needed items, or a module wrapped with odoo.tools.safe_eval.wrap_module")
    return values


def safe_eval(expr: str, globals_dict: dict | None = None, locals_dict: dict | None = None,
              mode: str = "eval", nocopy: bool = False, locals_builtins: bool = False,
              filename: str | None = None) -> Any:
    """Evaluate ``expr`` (mode 'eval') or run it (mode 'exec') in a restricted sandbox.

    The dicts are copied unless ``nocopy`` (exec code then writes its results
    into them). User, redirect, database-serialisation and ZeroDivision errors
    pass through; any other error becomes a ValueError naming the expression.
    """
    if isinstance(expr, types.CodeType):
        raise TypeError("safe_eval does not allow direct evaluation of code objects.")
    if not nocopy:
        if (globals_dict is not None and type(globals_dict) is not dict) or \
                (locals_dict is not None and type(locals_dict) is not dict):
            _logger.warning("safe_eval() was given a dynamic environment; pass nocopy=True to keep it")
        globals_dict = dict(globals_dict) if globals_dict is not None else None
        locals_dict = dict(locals_dict) if locals_dict is not None else None
    check_values(globals_dict)
    check_values(locals_dict)
    if globals_dict is None:
        globals_dict = {}
    globals_dict['__builtins__'] = dict(_BUILTINS)
    if locals_builtins:
        if locals_dict is None:
            locals_dict = {}
        locals_dict.update(_BUILTINS)
    code = _compile(expr, mode, filename)
    from .. import exceptions
    try:
        return eval(code, globals_dict, locals_dict)
    except (exceptions.UserError, exceptions.RedirectWarning, OperationalError, ZeroDivisionError):
        raise
    except Exception as exc:
        if type(exc).__module__.startswith('werkzeug'):
            raise
        raise ValueError(f'{exc!r} while evaluating\n{expr!r}') from exc


def test_python_expr(expr: str, mode: str = "eval") -> str | bool:
    """An error message if ``expr`` would be refused, else False."""
    try:
        _compile(expr, mode)
    except SyntaxError as err:
        return f"{type(err).__name__} : {err.msg} at line {err.lineno}\n{err.text or ''}"
    except (TypeError, ValueError) as err:
        return str(err)
    return False


class wrap_module:
    """A module stand-in exposing only the listed attributes (a dict maps submodules
    to their own lists)."""

    def __init__(self, module: types.ModuleType, attributes: list[str] | dict[str, list[str]]) -> None:
        self._repr = f"<wrapped {module.__name__!r} ({getattr(module, '__file__', '(built-in)')})>"
        for name in attributes:
            target = getattr(module, name)
            if isinstance(target, types.ModuleType):
                target = wrap_module(target, attributes[name])  # type: ignore[index]
            setattr(self, name, target)

    def __repr__(self) -> str:
        return self._repr


datetime = wrap_module(__import__('datetime'), ['date', 'datetime', 'time', 'timedelta', 'timezone',
                                                'tzinfo', 'MAXYEAR', 'MINYEAR'])
dateutil = wrap_module(__import__('dateutil'), {
    'tz': ['UTC', 'tzutc'],
    'parser': ['isoparse', 'parse'],
    'relativedelta': ['relativedelta', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
    'rrule': ['rrule', 'rruleset', 'rrulestr', 'YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY',
              'MINUTELY', 'SECONDLY', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
})
json = wrap_module(__import__('json'), ['loads', 'dumps'])
time = wrap_module(__import__('time'), ['time', 'strptime', 'strftime', 'sleep'])
pytz = wrap_module(__import__('pytz'), ['utc', 'UTC', 'timezone'])
dateutil.tz.gettz = pytz.timezone  # type: ignore[attr-defined]
