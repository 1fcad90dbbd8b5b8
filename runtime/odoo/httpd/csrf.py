"""CSRF tokens bound to a session, as Odoo forms them: ``<hmac>o<expiry>``.

The HMAC-SHA1 of the session id and the expiry timestamp is keyed with the
database secret (``database.secret``), so a token is only valid for the
session it was issued to, until its expiry. Without an explicit lifetime the
expiry lies a year ahead and mainly salts the token (against BREACH).
"""
from __future__ import annotations

import hashlib
import hmac
import time

# The lifetime of a token issued without ``time_limit``.
DEFAULT_LIFETIME = 365 * 24 * 3600

# Methods that never change state, hence never checked.
SAFE_METHODS = ('GET', 'HEAD', 'OPTIONS', 'TRACE')


def _signature(secret: str, sid: str, expiry: str) -> str:
    return hmac.new(secret.encode(), f'{sid}{expiry}'.encode(), hashlib.sha1).hexdigest()


def make_token(secret: str, sid: str, time_limit: int | None = None, now: float | None = None) -> str:
    """A token for session ``sid`` valid ``time_limit`` seconds (a year when None)."""
    if not secret:
        raise ValueError("CSRF tokens need the database secret (ir.config_parameter 'database.secret')")
    moment = time.time() if now is None else now
    expiry = str(int(moment + (time_limit or DEFAULT_LIFETIME)))
    return f"{_signature(secret, sid, expiry)}o{expiry}"


def check_token(secret: str, sid: str, token: str | None, now: float | None = None) -> bool:
    """Whether ``token`` was issued for ``sid`` with ``secret`` and has not expired."""
    if not token or not isinstance(token, str):
        return False
    if not secret:
        raise ValueError("CSRF tokens need the database secret (ir.config_parameter 'database.secret')")
    signature, _sep, expiry = token.rpartition('o')
    if expiry:
        try:
            deadline = int(expiry)
        except ValueError:
            return False
        if deadline < (time.time() if now is None else now):
            return False
    return hmac.compare_digest(signature, _signature(secret, sid, expiry))
