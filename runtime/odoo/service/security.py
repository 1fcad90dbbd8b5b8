"""Credential checks of the external API and the token tying a browser
session to the state of its user (password, login, active flag): when one
of them changes, the sessions opened before stop being valid."""
from __future__ import annotations

import hashlib
import hmac
from typing import Any

from ..tools.misc import consteq


def check(db: str, uid: int, passwd: str) -> None:
    """Raise ``AccessDenied`` unless ``passwd`` is the password (or an API key)
    of active user ``uid`` on ``db``."""
    from ..modules.registry import Registry
    Registry(db)['res.users'].check(db, uid, passwd)


def _session_token(env: Any, uid: int, sid: str) -> str | bool:
    users = env['res.users']
    if hasattr(type(users), '_compute_session_token'):
        return users.browse(uid)._compute_session_token(sid)
    env.cr.execute("SELECT id, login, password, active FROM res_users WHERE id = %s", [uid])
    row = env.cr.fetchone()
    if not row:
        return False
    secret = env['ir.config_parameter'].sudo().get_param('database.secret') or ''
    state = '\x1f'.join(str(value) for value in row)
    return hmac.new(secret.encode(), f'{sid}\x1e{state}'.encode(), hashlib.sha256).hexdigest()


def compute_session_token(session: Any, env: Any) -> str | bool:
    """The token of ``session`` for its user as the database knows it now."""
    return _session_token(env, session.uid, session.sid)


def check_session(session: Any, env: Any, request: Any = None) -> bool:
    """Whether ``session`` still matches its user (same password, login, still active)."""
    expected = _session_token(env, session.uid, session.sid)
    return bool(expected) and bool(session.session_token) and consteq(expected, session.session_token)
