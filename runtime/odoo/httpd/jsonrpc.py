"""JSON-RPC 2.0 messages as Odoo speaks them, parsed and shaped without I/O.

Odoo's dialect: the ``method`` member is ignored (the URL path routes the
call), ``params`` is an object of named arguments, a ``None`` result leaves
the ``result`` member out, and errors carry an Odoo-specific object whose
``data`` describes the Python exception (``name``, ``message``,
``arguments``, ``context``, ``debug``).
"""
from __future__ import annotations

import datetime
import json
import traceback
from typing import Any

from ..tools.func import lazy

JSON_MIMETYPES = ('application/json', 'application/json-rpc')

# Codes of the ``error`` object: 200 for any server-side failure (a
# historical value clients test for), 100 when the session is gone, 404 when
# no route matched a JSON request.
ERROR_CODE_SERVER = 200
ERROR_CODE_SESSION_EXPIRED = 100
ERROR_CODE_NOT_FOUND = 404

MESSAGE_SERVER_ERROR = "Odoo Server Error"
MESSAGE_SESSION_EXPIRED = "Odoo Session Expired"
MESSAGE_NOT_FOUND = "404: Not Found"


class MalformedRequest(ValueError):
    """The body is not a JSON-RPC request; ``reply`` is the plain-text answer
    (HTTP 400) Odoo gives for it."""

    def __init__(self, reply: str, detail: str = '') -> None:
        super().__init__(f"{reply}: {detail}" if detail else reply)
        self.reply = reply


def parse_request(body: bytes | str) -> tuple[Any, dict[str, Any]]:
    """Return ``(id, params)`` of a JSON-RPC request body.

    :raises MalformedRequest: the body is not JSON, not an object, or its
        ``params`` is not an object.
    """
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedRequest("Invalid JSON data", str(exc)) from None
    if not isinstance(message, dict):
        raise MalformedRequest("Invalid JSON-RPC data", f"expected an object, got {type(message).__name__}")
    params = message.get('params', {})
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise MalformedRequest("Invalid JSON-RPC data",
                               f"'params' must be an object of named arguments, got {type(params).__name__}")
    return message.get('id'), params


def json_default(value: Any) -> Any:
    """Serialise what ``json`` does not know the way Odoo does: server-format
    dates, bytes as text, lazy translations by value, the rest as ``str``."""
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%d %H:%M:%S')
    if isinstance(value, datetime.date):
        return value.strftime('%Y-%m-%d')
    if isinstance(value, lazy):
        return value._value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode()
    if isinstance(value, (set, frozenset)):
        return list(value)
    return str(value)


def dumps(payload: Any) -> str:
    """JSON text of ``payload`` (non-ASCII characters kept as they are)."""
    return json.dumps(payload, ensure_ascii=False, default=json_default)


def exception_message(exc: BaseException) -> str:
    """The human message of ``exc``: its arguments, one per line."""
    if exc.args:
        return "\n".join(str(arg) for arg in exc.args)
    try:
        return str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the error
        return f"Unknown {type(exc).__name__}"


def exception_name(exc: BaseException) -> str:
    """Dotted name of the exception class, e.g. ``odoo.exceptions.AccessError``."""
    kind = type(exc)
    module = kind.__module__
    return f"{module}.{kind.__name__}" if module else kind.__name__


def format_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` (and of the exceptions it chains) as Python
    prints it, less the ``^^^`` markers under each line. Every refusal a
    client gets (a UserError) carries one: Python 3.11 compiles each source
    line again to place those markers and checks every source file on disk,
    which made the text cost more than the rest of a refused call."""
    summary = traceback.TracebackException(type(exc), exc, exc.__traceback__, lookup_lines=False)
    pending = [summary]
    while pending:
        current = pending.pop()
        for frame in current.stack:
            frame.colno = frame.end_colno = None
        pending.extend(chained for chained in (current.__cause__, current.__context__) if chained is not None)
        pending.extend(getattr(current, 'exceptions', None) or ())
    return ''.join(summary.format())


def serialize_exception(exc: BaseException) -> dict[str, Any]:
    """The ``data`` member of an error object describing ``exc``."""
    return {
        'name': exception_name(exc),
        'debug': format_traceback(exc),
        'message': exception_message(exc),
        'arguments': list(exc.args),
        'context': getattr(exc, 'context', {}) or {},
    }


def error_object(exc: BaseException, *, not_found: bool = False, session_expired: bool = False) -> dict[str, Any]:
    """The ``error`` member answering a call that raised ``exc``."""
    if session_expired:
        code, message = ERROR_CODE_SESSION_EXPIRED, MESSAGE_SESSION_EXPIRED
    elif not_found:
        code, message = ERROR_CODE_NOT_FOUND, MESSAGE_NOT_FOUND
    else:
        code, message = ERROR_CODE_SERVER, MESSAGE_SERVER_ERROR
    return {'code': code, 'message': message, 'data': serialize_exception(exc)}


def response_message(request_id: Any, result: Any = None, error: dict | None = None) -> dict[str, Any]:
    """A JSON-RPC response; as in Odoo, a ``None`` result is left out."""
    message: dict[str, Any] = {'jsonrpc': '2.0', 'id': request_id}
    if error is not None:
        message['error'] = error
    if result is not None:
        message['result'] = result
    return message
