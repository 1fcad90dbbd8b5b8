"""The expression language of kanban card templates (Odoo 18 writes them for
OWL, so ``t-if`` / ``t-esc`` / ``t-att-*`` hold JavaScript expressions:
``record.state.raw_value === 'done' and !widget.deletable``), evaluated on
the server by a small interpreter of our own.

Only a whitelisted subset exists: literals, names of the rendering scope,
member access and indexing on plain data, the usual operators (with OWL's
word forms ``and or gt gte lt lte``), the conditional operator, array and
object literals, and calls of the functions the scope offers or of a few
string and array methods. Nothing reaches Python attributes, so a template
cannot run arbitrary code; an expression that cannot be read raises
``ExpressionError``."""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

__all__ = ['UNDEFINED', 'ExpressionError', 'evaluate', 'interpolate', 'to_text', 'truthy']


class ExpressionError(ValueError):
    """A template expression that the interpreter cannot read or run."""


class _Undefined:
    """JavaScript's ``undefined``: falsy, shown as nothing."""

    def __repr__(self) -> str:
        return 'undefined'

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+\.\d*|\.\d+|\d+)
  | (?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")
  | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||\?\?|\?\.|=>|[-+*/%<>!?:.,()\[\]{}])
""", re.VERBOSE)

_WORDS = {'and': '&&', 'or': '||', 'gt': '>', 'gte': '>=', 'lt': '<', 'lte': '<='}
_LITERALS = {'true': True, 'false': False, 'null': None, 'undefined': UNDEFINED}
_BINARY = {  # precedence of the binary operators, higher binds tighter
    '??': 1, '||': 2, '&&': 3, '==': 4, '!=': 4, '===': 4, '!==': 4,
    '<': 5, '>': 5, '<=': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7,
}


def _tokenize(text: str) -> list[tuple[str, Any]]:
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ExpressionError(f"unexpected character {text[pos]!r} in {text!r}")
        pos = match.end()
        kind = match.lastgroup
        value = match.group()
        if kind == 'ws':
            continue
        if kind == 'num':
            tokens.append(('lit', float(value) if '.' in value else int(value)))
        elif kind == 'str':
            tokens.append(('lit', _unquote(value)))
        elif kind == 'name' and value in _WORDS:
            tokens.append(('op', _WORDS[value]))
        elif kind == 'name' and value in _LITERALS:
            tokens.append(('lit', _LITERALS[value]))
        elif kind == 'name':
            tokens.append(('name', value))
        else:
            tokens.append(('op', value))
    tokens.append(('end', None))
    return tokens


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', "'": "'", '"': '"'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), body)


class _Parser:
    """Recursive descent into a tree of tuples ``(kind, ...)``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0

    def peek(self, value: str | None = None) -> bool:
        kind, token = self.tokens[self.pos]
        return kind == 'op' and token == value

    def take(self, value: str) -> None:
        if not self.peek(value):
            raise ExpressionError(f"expected {value!r} in {self.text!r}")
        self.pos += 1

    def parse(self) -> tuple:
        node = self.conditional()
        if self.tokens[self.pos][0] != 'end':
            raise ExpressionError(f"unexpected {self.tokens[self.pos][1]!r} in {self.text!r}")
        return node

    def conditional(self) -> tuple:
        node = self.binary(1)
        if self.peek('?'):
            self.pos += 1
            then = self.conditional()
            self.take(':')
            return ('if', node, then, self.conditional())
        return node

    def binary(self, level: int) -> tuple:
        node = self.unary()
        while True:
            kind, token = self.tokens[self.pos]
            rank = _BINARY.get(token) if kind == 'op' else None
            if rank is None or rank < level:
                return node
            self.pos += 1
            node = ('bin', token, node, self.binary(rank + 1))

    def unary(self) -> tuple:
        if self.peek('!'):
            self.pos += 1
            return ('not', self.unary())
        if self.peek('-'):
            self.pos += 1
            return ('neg', self.unary())
        if self.peek('+'):
            self.pos += 1
            return ('num', self.unary())
        return self.postfix(self.primary())

    def postfix(self, node: tuple) -> tuple:
        while True:
            if self.peek('.') or self.peek('?.'):
                self.pos += 1
                kind, name = self.tokens[self.pos]
                if kind == 'lit' and (isinstance(name, bool) or not isinstance(name, (int, float, str))):
                    # a property named like a literal (record.null): take its name back
                    name = next(word for word, value in _LITERALS.items() if value is name)
                elif kind != 'name':
                    raise ExpressionError(f"expected a name after '.' in {self.text!r}")
                self.pos += 1
                node = ('get', node, ('lit', name))
            elif self.peek('['):
                self.pos += 1
                key = self.conditional()
                self.take(']')
                node = ('get', node, key)
            elif self.peek('('):
                self.pos += 1
                args = self.items(')')
                node = ('call', node, args)
            else:
                return node

    def items(self, closing: str) -> list:
        args = []
        while not self.peek(closing):
            args.append(self.conditional())
            if not self.peek(closing):
                self.take(',')
        self.take(closing)
        return args

    def primary(self) -> tuple:
        kind, token = self.tokens[self.pos]
        self.pos += 1
        if kind == 'lit':
            return ('lit', token)
        if kind == 'name':
            return ('name', token)
        if token == '(':
            node = self.conditional()
            self.take(')')
            return node
        if token == '[':
            return ('list', self.items(']'))
        if token == '{':
            pairs = []
            while not self.peek('}'):
                key_kind, key = self.tokens[self.pos]
                if key_kind not in ('name', 'lit'):
                    raise ExpressionError(f"bad object key in {self.text!r}")
                self.pos += 1
                self.take(':')
                pairs.append((str(key), self.conditional()))
                if not self.peek('}'):
                    self.take(',')
            self.take('}')
            return ('dict', pairs)
        raise ExpressionError(f"unexpected {token!r} in {self.text!r}")


_CACHE: dict[str, tuple] = {}


def _compiled(text: str) -> tuple:
    tree = _CACHE.get(text)
    if tree is None:
        if len(_CACHE) > 4000:
            _CACHE.clear()
        tree = _CACHE[text] = _Parser(text).parse()
    return tree


def truthy(value: Any) -> bool:
    """JavaScript's truth: empty lists and objects are true, ``0``, ``''``, null and NaN false."""
    if value is None or value is UNDEFINED or value is False:
        return False
    if isinstance(value, (int, float)):
        return value == value and value != 0
    if isinstance(value, str):
        return value != ''
    return True


def to_text(value: Any) -> str:
    """A value as ``t-esc`` shows it (JavaScript's ``String()``, nothing for null and undefined)."""
    if value is None or value is UNDEFINED:
        return ''
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, float):
        if value != value:
            return 'NaN'
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return ','.join(to_text(item) for item in value)
    if isinstance(value, dict):
        return '[object Object]'
    return str(value)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return 0
    if isinstance(value, str):
        try:
            return float(value.strip() or 0)
        except ValueError:
            return math.nan
    return math.nan


def _loose_equal(left: Any, right: Any) -> bool:
    nullish = (None, UNDEFINED)
    if left in nullish or right in nullish:
        return left in nullish and right in nullish
    if isinstance(left, (int, float)) != isinstance(right, (int, float)) and not (
            isinstance(left, (list, dict)) or isinstance(right, (list, dict))):
        return _number(left) == _number(right)
    return _strict_equal(left, right)


def _strict_equal(left: Any, right: Any) -> bool:
    if isinstance(left, (list, dict)) or isinstance(right, (list, dict)):
        return left is right
    if isinstance(left, bool) != isinstance(right, bool):
        return False
    if type(left) is not type(right) and not (isinstance(left, (int, float)) and isinstance(right, (int, float))):
        return False
    return left == right


def _compare(op: str, left: Any, right: Any) -> bool:
    if not (isinstance(left, str) and isinstance(right, str)):
        left, right = _number(left), _number(right)
        if left != left or right != right:
            return False
    return {'<': left < right, '>': left > right, '<=': left <= right, '>=': left >= right}[op]


def _arith(op: str, left: Any, right: Any) -> Any:
    if op == '+' and (isinstance(left, str) or isinstance(right, str) or isinstance(left, (list, dict))
                      or isinstance(right, (list, dict))):
        return to_text(left) + to_text(right)
    a, b = _number(left), _number(right)
    if op == '+':
        return a + b
    if op == '-':
        return a - b
    if op == '*':
        return a * b
    if b == 0:
        return math.nan if op == '%' or a == 0 else math.copysign(math.inf, a)
    return a / b if op == '/' else math.fmod(a, b)


def _string_method(text: str, name: str) -> Callable | None:
    methods = {
        'includes': lambda sub='', *_a: to_text(sub) in text,
        'startsWith': lambda sub='', *_a: text.startswith(to_text(sub)),
        'endsWith': lambda sub='', *_a: text.endswith(to_text(sub)),
        'indexOf': lambda sub='', *_a: text.find(to_text(sub)),
        'toUpperCase': text.upper,
        'toLowerCase': text.lower,
        'trim': text.strip,
        'split': lambda sep=UNDEFINED, *_a: [text] if sep is UNDEFINED else (list(text) if sep == '' else text.split(to_text(sep))),
        'slice': lambda start=0, end=None: text[int(_number(start)):None if end in (None, UNDEFINED) else int(_number(end))],
        'substring': lambda start=0, end=None: text[max(int(_number(start)), 0):None if end in (None, UNDEFINED) else int(_number(end))],
        'replace': lambda old='', new='': text.replace(to_text(old), to_text(new), 1),
        'toString': lambda: text,
    }
    return methods.get(name)


def _list_method(items: list, name: str) -> Callable | None:
    methods = {
        'includes': lambda item=UNDEFINED, *_a: any(_strict_equal(item, other) for other in items),
        'indexOf': lambda item=UNDEFINED, *_a: next((i for i, other in enumerate(items) if _strict_equal(item, other)), -1),
        'join': lambda sep=',': to_text(sep).join(to_text(item) for item in items),
        'slice': lambda start=0, end=None: list(items[int(_number(start)):None if end in (None, UNDEFINED) else int(_number(end))]),
        'concat': lambda *others: list(items) + [x for other in others for x in (other if isinstance(other, list) else [other])],
        'toString': lambda: to_text(items),
    }
    return methods.get(name)


def _member(target: Any, key: Any) -> Any:
    """``target[key]`` on plain data only: mappings, lists, strings and numbers."""
    if target is None or target is UNDEFINED:
        return UNDEFINED       # lenient like ``?.``: a card shows nothing rather than failing
    if isinstance(target, dict):
        return target.get(key if isinstance(key, str) else to_text(key), UNDEFINED)
    if isinstance(target, (list, tuple)):
        if key == 'length':
            return len(target)
        if isinstance(key, (int, float)) and not isinstance(key, bool) and float(key).is_integer():
            index = int(key)
            return target[index] if 0 <= index < len(target) else UNDEFINED
        return _list_method(list(target), key) if isinstance(key, str) else UNDEFINED
    if isinstance(target, str):
        if key == 'length':
            return len(target)
        if isinstance(key, int) and not isinstance(key, bool):
            return target[key] if 0 <= key < len(target) else UNDEFINED
        return _string_method(target, key) or UNDEFINED if isinstance(key, str) else UNDEFINED
    if isinstance(target, (int, float)) and not isinstance(target, bool):
        if key == 'toFixed':
            return lambda digits=0: f"{target:.{int(_number(digits))}f}"
        if key == 'toString':
            return lambda: to_text(target)
    if isinstance(target, Namespace):
        return target.members.get(key, UNDEFINED) if isinstance(key, str) else UNDEFINED
    return UNDEFINED


class Namespace:
    """An object of the scope whose members are given explicitly (``JSON``, ``luxon``...)."""

    def __init__(self, **members: Any) -> None:
        self.members = members


JSON = Namespace(stringify=lambda value=None, *_a: json.dumps(None if value is UNDEFINED else value, ensure_ascii=False,
                                                              default=to_text, separators=(',', ':')),
                 parse=lambda text='null': json.loads(to_text(text)))


def _run(node: tuple, scope: dict) -> Any:
    kind = node[0]
    if kind == 'lit':
        return node[1]
    if kind == 'name':
        return scope.get(node[1], UNDEFINED)
    if kind == 'get':
        return _member(_run(node[1], scope), _run(node[2], scope))
    if kind == 'bin':
        op = node[1]
        left = _run(node[2], scope)
        if op == '&&':
            return _run(node[3], scope) if truthy(left) else left
        if op == '||':
            return left if truthy(left) else _run(node[3], scope)
        if op == '??':
            return _run(node[3], scope) if left is None or left is UNDEFINED else left
        right = _run(node[3], scope)
        if op == '===':
            return _strict_equal(left, right)
        if op == '!==':
            return not _strict_equal(left, right)
        if op == '==':
            return _loose_equal(left, right)
        if op == '!=':
            return not _loose_equal(left, right)
        if op in ('<', '>', '<=', '>='):
            return _compare(op, left, right)
        return _arith(op, left, right)
    if kind == 'not':
        return not truthy(_run(node[1], scope))
    if kind == 'neg':
        return -_number(_run(node[1], scope))
    if kind == 'num':
        return _number(_run(node[1], scope))
    if kind == 'if':
        return _run(node[2], scope) if truthy(_run(node[1], scope)) else _run(node[3], scope)
    if kind == 'list':
        return [_run(item, scope) for item in node[1]]
    if kind == 'dict':
        return {key: _run(value, scope) for key, value in node[1]}
    if kind == 'call':
        function = _run(node[1], scope)
        if not callable(function) or isinstance(function, (type, Namespace)):
            raise ExpressionError("not a function of the template's scope")
        return function(*[_run(arg, scope) for arg in node[2]])
    raise ExpressionError(f"unknown node {kind}")


def evaluate(text: str, scope: dict) -> Any:
    """The value of the template expression ``text`` in ``scope``; raises ``ExpressionError``."""
    try:
        return _run(_compiled(text), scope)
    except ExpressionError:
        raise
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:
        raise ExpressionError(f"{text!r}: {exc}") from exc


_INTERPOLATION = re.compile(r'\{\{(.+?)\}\}|#\{(.+?)\}')


def interpolate(text: str, scope: dict) -> str:
    """A ``t-attf-*`` value: ``{{ expr }}`` and ``#{ expr }`` replaced by their text."""
    return _INTERPOLATION.sub(lambda m: to_text(evaluate(m.group(1) or m.group(2), scope)), text)
