"""Evaluation of the Python expressions of view attributes (``invisible``,
``readonly``, ``required``, ``column_invisible``, ``decoration-*``, and the
``domain`` of relational fields) against
a record's current values, on the server, with the runtime's ``safe_eval``."""
from __future__ import annotations

import datetime
import logging
from typing import Any

from odoo.tools import safe_eval as safe_eval_module
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

_CONSTANTS = {'1': True, 'True': True, 'true': True, '0': False, 'False': False, 'false': False, '': False}


def record_values(record: Any, field_names: list[str]) -> dict:
    """The values expressions see: ids for relations, lists of ids for x2many, raw values otherwise."""
    # a new record drawn on top of a saved one (a live form) answers the saved one's id, as Odoo's client does
    values = {'id': record._origin.id or False}
    for name in field_names:
        field = record._fields.get(name)
        if field is None:
            continue
        value = record[name]
        if field.type == 'many2one':
            value = value.id or False
        elif field.type in ('one2many', 'many2many'):
            value = value.ids
        values[name] = value
    return values


def _scope(values: dict, context: dict | None) -> dict:
    """What a view expression sees: the record's values, context, uid, context_today, datetime, parent."""
    scope = dict(values)
    scope.setdefault('context', dict(context or {}))
    scope.setdefault('uid', (context or {}).get('uid', False))
    scope['context_today'] = datetime.date.today
    scope['datetime'] = safe_eval_module.datetime
    scope.setdefault('parent', _Missing())
    return scope


def field_domain(expression: Any, values: dict, context: dict | None = None, where: str = '') -> list | None:
    """The domain of a relational field (its ``domain`` attribute, a Python expression over the
    record's values, or a list) for the current values; None when it cannot be evaluated."""
    if not expression:
        return None
    if isinstance(expression, (list, tuple)):
        return list(expression)
    scope = _scope(values, context)
    try:
        domain = safe_eval(str(expression), scope)
    except Exception as exc:  # noqa: BLE001 - suggestions then come unfiltered rather than failing
        _logger.warning("web client: cannot evaluate the domain %r (%s): %s", expression, where, exc)
        return None
    return list(domain) if isinstance(domain, (list, tuple)) else None


def evaluate(expression: str | None, values: dict, context: dict | None = None, where: str = '') -> bool:
    """The truth of ``expression`` for the record ``values``; a malformed
    expression counts as false (logged with ``where``) rather than breaking the page."""
    if expression is None:
        return False
    text = expression.strip()
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    scope = _scope(values, context)
    try:
        return bool(safe_eval(text, scope))
    except Exception as exc:  # noqa: BLE001 - a view's expression must not take the page down
        _logger.warning("web client: cannot evaluate %r (%s): %s", text, where, exc)
        return False


class _Missing(dict):
    """``parent.x`` inside a sub-view when no parent is known: every name is False."""

    def __getattr__(self, name: str) -> bool:
        return False
