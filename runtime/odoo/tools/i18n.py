"""Locale-aware list formatting (``odoo.tools.i18n``)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from babel import lists

from .misc import babel_locale_parse, get_lang

if TYPE_CHECKING:
    from ..api import Environment

ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


def format_list(env: Environment, lst: Sequence[str], style: ListStyle = "standard",
                lang_code: str | None = None) -> str:
    """``['a', 'b', 'c']`` -> ``'a, b, and c'`` (``'a、b和c'`` in Chinese), per babel's
    list patterns for the language and ``style``."""
    locale = babel_locale_parse(lang_code or get_lang(env).code)
    return lists.format_list(list(lst), style=style, locale=locale)

