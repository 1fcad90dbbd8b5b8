"""Inline templates (``{{ expression ||| default }}``) as ``mail.template``
uses them for subjects and addresses: parsing, conversion to QWeb and
rendering with ``safe_eval``."""
from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import quote, urlencode

import dateutil.relativedelta as relativedelta
from markupsafe import Markup

from . import safe_eval

# {{ expression }} or {{ expression ||| default text }}
INLINE_TEMPLATE_REGEX = re.compile(r"\{\{(.+?)(\|\|\|\s*(.*?))?\}\}")


def relativedelta_proxy(*args: Any, **kwargs: Any) -> relativedelta.relativedelta:
    return relativedelta.relativedelta(*args, **kwargs)


template_env_globals = {
    'str': str,
    'quote': quote,
    'urlencode': urlencode,
    'datetime': safe_eval.datetime,
    'len': len,
    'abs': abs,
    'min': min,
    'max': max,
    'sum': sum,
    'filter': filter,
    'reduce': functools.reduce,
    'map': map,
    'relativedelta': relativedelta.relativedelta,
    'round': round,
    'hasattr': hasattr,
}


def parse_inline_template(text: str) -> list[tuple[str, str, str]]:
    """The template as (literal text, expression, default) triples; the
    last triple may hold trailing text with an empty expression."""
    parts: list[tuple[str, str, str]] = []
    position = 0
    for match in INLINE_TEMPLATE_REGEX.finditer(text):
        parts.append((text[position:match.start()], match.group(1).strip(), match.group(3) or ''))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], '', ''))
    return parts


def convert_inline_template_to_qweb(template: str | None) -> Markup:
    """The same template written with QWeb ``t-out`` nodes."""
    pieces = []
    for literal, expression, default in parse_inline_template(template or ''):
        if expression:
            pieces.append(Markup('{}<t t-out="{}">{}</t>').format(literal, expression, default))
        else:
            pieces.append(literal)
    return Markup('').join(pieces)


def render_inline_template(template_instructions: list[tuple[str, str, str]], variables: dict) -> str:
    """Evaluate each expression with ``safe_eval`` in ``variables``; a falsy
    value shows its default."""
    out = []
    for literal, expression, default in template_instructions:
        out.append(literal)
        if expression:
            value = safe_eval.safe_eval(expression, variables) or default
            if value:
                out.append(str(value))
    return ''.join(out)
