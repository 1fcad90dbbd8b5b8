"""QWeb expressions: Python expressions checked by the sandbox's rules and
compiled once, whose free names read the rendering values (a name the values
lack is None, as in Odoo), and format strings (``#{expr}`` / ``{{ expr }}``)
of ``t-attf-*`` and ``t-call``."""
from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sized
from types import CodeType
from typing import Any

from markupsafe import Markup, escape

from ..safe_eval import _BUILTINS, _Checker

FORMAT_REGEX = re.compile(r'#\{(.+?)\}|\{\{(.+?)\}\}')
VALUES_NAME = 'values'
# what Odoo's compiled templates see besides the sandbox's builtins
_SAFE_BUILTINS = dict(_BUILTINS, Markup=Markup, escape=escape, Sized=Sized, Mapping=Mapping,
                      ValueError=ValueError)


class _FreeNames(ast.NodeTransformer):
    """Rewrite the names an expression does not bind itself (comprehension
    targets, lambda arguments) into ``values.get(name)``: so they resolve the
    same at any nesting depth, which plain ``eval`` locals would not."""

    def __init__(self) -> None:
        self.bound: list[set[str]] = []

    def _is_bound(self, name: str) -> bool:
        return any(name in scope for scope in self.bound)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if not isinstance(node.ctx, ast.Load) or node.id in _SAFE_BUILTINS or self._is_bound(node.id):
            return node
        call = ast.Call(
            func=ast.Attribute(value=ast.Name(id=VALUES_NAME, ctx=ast.Load()), attr='get', ctx=ast.Load()),
            args=[ast.Constant(node.id)], keywords=[])
        return ast.copy_location(call, node)

    def _scoped(self, node: ast.AST, names: set[str], children: list[str]) -> ast.AST:
        self.bound.append(names)
        try:
            for child in children:
                value = getattr(node, child)
                if isinstance(value, list):
                    setattr(node, child, [self.visit(item) for item in value])
                elif value is not None:
                    setattr(node, child, self.visit(value))
        finally:
            self.bound.pop()
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        names = {arg.arg for arg in ast.walk(node.args) if isinstance(arg, ast.arg)}
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        return self._scoped(node, names, ['body'])

    def _comprehension(self, node: ast.AST, elements: list[str]) -> ast.AST:
        names = {
            target.id
            for generator in node.generators
            for target in ast.walk(generator.target) if isinstance(target, ast.Name)
        }
        # the first iterable is evaluated outside the comprehension's scope
        node.generators[0].iter = self.visit(node.generators[0].iter)
        self.bound.append(names)
        try:
            for index, generator in enumerate(node.generators):
                if index:
                    generator.iter = self.visit(generator.iter)
                generator.ifs = [self.visit(cond) for cond in generator.ifs]
            for element in elements:
                setattr(node, element, self.visit(getattr(node, element)))
        finally:
            self.bound.pop()
        return node

    def visit_ListComp(self, node: ast.ListComp) -> ast.AST:
        return self._comprehension(node, ['elt'])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> ast.AST:
        return self._comprehension(node, ['key', 'value'])

    def visit_NamedExpr(self, node: ast.NamedExpr) -> ast.AST:
        raise ValueError("assignment expressions (:=) are not allowed in QWeb expressions; use t-set")


def compile_expr(expr: str, filename: str = '<qweb>') -> CodeType:
    """Check ``expr`` with the sandbox's rules and compile it; SyntaxError or
    ValueError name what is wrong."""
    source = expr.strip()
    if not source:
        raise SyntaxError("empty expression")
    tree = ast.parse(source, filename, 'eval')
    _Checker(expr, None).visit(tree)
    tree = ast.fix_missing_locations(_FreeNames().visit(tree))
    return compile(tree, filename, 'eval')


def evaluate(code: CodeType, values: dict) -> Any:
    """The value of a compiled expression in ``values``."""
    return eval(code, {'__builtins__': _SAFE_BUILTINS, VALUES_NAME: values})


def compile_format(text: str, filename: str = '<qweb>') -> Callable[[dict], str]:
    """A function giving ``text`` with its ``#{..}`` / ``{{..}}`` parts
    evaluated (and escaped when the result is markup)."""
    parts: list[str | CodeType] = []
    position = 0
    for match in FORMAT_REGEX.finditer(text):
        if match.start() > position:
            parts.append(text[position:match.start()])
        parts.append(compile_expr(match.group(1) or match.group(2), filename))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])

    if all(isinstance(part, str) for part in parts):
        constant = ''.join(parts)  # type: ignore[arg-type]
        return lambda values: constant

    def render(values: dict) -> str:
        chunks = []
        for part in parts:
            if isinstance(part, str):
                chunks.append(part)
            else:
                value = evaluate(part, values)
                if value is None or value is False:
                    continue
                chunks.append(str(value))
        return ''.join(chunks)
    return render
