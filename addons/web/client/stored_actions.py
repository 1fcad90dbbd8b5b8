"""Window actions a button returned as a dict without a database id (a
wizard, a filtered list): Odoo's client opens them in place with their
context; this client keeps them in the user's session under a short random
key and shows them at ``.../act-<key>``, after the page that opened them."""
from __future__ import annotations

import json
import secrets
from typing import Any

SESSION_KEY = 'web_client_actions'
SEGMENT_PREFIX = 'act-'
MAX_KEPT = 20        # the oldest are forgotten: a session does not grow with every wizard opened
KEPT_FIELDS = ('type', 'name', 'res_model', 'res_id', 'views', 'view_mode', 'domain', 'context', 'target',
               'limit', 'search_view_id', 'help')


def _plain(value: Any) -> Any:
    """``value`` as JSON can keep it (records as their ids, tuples as lists)."""
    def fallback(item: Any) -> Any:
        if hasattr(item, '_name') and hasattr(item, 'ids'):
            return item.ids
        if isinstance(item, (set, frozenset)):
            return list(item)
        return str(item)
    return json.loads(json.dumps(value, default=fallback))


def remember(session: Any, action: dict) -> str:
    """Keep the window action dict ``action`` in ``session``; its key."""
    kept = dict(session.get(SESSION_KEY) or {})
    key = secrets.token_hex(4)
    while key in kept:
        key = secrets.token_hex(4)
    kept[key] = _plain({name: action[name] for name in KEPT_FIELDS if name in action})
    # dicts keep their insertion order: the first keys are the oldest
    for old in list(kept)[:-MAX_KEPT]:
        del kept[old]
    session[SESSION_KEY] = kept
    return key


def recall(session: Any, key: str) -> dict | None:
    """The action dict kept under ``key``, None when it is unknown (forgotten, another session)."""
    return (session.get(SESSION_KEY) or {}).get(key)


def segment_key(segment: str) -> str | None:
    """The key of a path segment ``act-<key>``, None for other segments."""
    if segment.startswith(SEGMENT_PREFIX) and segment[len(SEGMENT_PREFIX):].isalnum():
        return segment[len(SEGMENT_PREFIX):]
    return None


def for_form(session: Any, key: str, model: str) -> dict | None:
    """The kept action ``key`` when its form (of ``model``) posts, else None."""
    kept = recall(session, key) if key else None
    return kept if kept and kept.get('res_model') == model else None


def origin(base: str, key: str) -> str:
    """The page that opened the kept action ``key`` shown at ``base``."""
    suffix = f"/{SEGMENT_PREFIX}{key}"
    return base[:-len(suffix)] if base.endswith(suffix) else base
