"""Small HTML helpers shared by the view renderers: escaping is done by
``markupsafe.Markup.format`` so that record values can never inject markup."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

__all__ = ['Markup', 'attrs', 'escape', 'join', 'url']


def attrs(**values: Any) -> Markup:
    """`` name="value"`` pairs; ``False``/``None`` drop the attribute, ``True`` writes it bare.
    A trailing underscore is removed (``class_``) and underscores become dashes (``hx_post``)."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip('_').replace('_', '-')
        if value is True:
            parts.append(Markup(' {}').format(name))
        else:
            parts.append(Markup(' {}="{}"').format(name, value))
    return Markup('').join(parts)


def join(items: Any) -> Markup:
    """Concatenate fragments (strings are escaped)."""
    return Markup('').join(escape(item) for item in items)


def url(path: str, **params: Any) -> str:
    """``path`` with the query string of the non-empty ``params`` (lists repeat the key)."""
    pairs = []
    for key, value in params.items():
        if value in (None, '', False, []):
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((key, item))
    return f"{path}?{urlencode(pairs)}" if pairs else path
