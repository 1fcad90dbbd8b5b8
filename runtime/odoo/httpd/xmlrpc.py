"""XML-RPC messages as Odoo exchanges them, without I/O: reading a call,
writing a response, and turning an exception into a fault.

Odoo marshals dates and datetimes as server-format strings, bytes as text
(base64 payloads are already text) and strips the control characters XML 1.0
forbids. ``/xmlrpc/2/*`` reports faults with integer codes; the historical
``/xmlrpc/*`` endpoints with strings.
"""
from __future__ import annotations

import collections
import datetime
import xmlrpc.client
from typing import Any

from markupsafe import Markup

from .. import exceptions
from ..orm.commands import Command
from ..tools.func import lazy
from ..tools.misc import frozendict
from .jsonrpc import format_traceback

# The integer fault codes of /xmlrpc/2 (clients compare against them).
FAULT_APPLICATION_ERROR = 1
FAULT_WARNING = 2
FAULT_ACCESS_DENIED = 3
FAULT_ACCESS_ERROR = 4

# Characters 0-31 except tab, line feed and carriage return are not XML 1.0.
_FORBIDDEN_CHARS = {code: None for code in range(32) if code not in (9, 10, 13)}


class Marshaller(xmlrpc.client.Marshaller):
    """``xmlrpc.client``'s marshaller with Odoo's conversions."""

    dispatch = dict(xmlrpc.client.Marshaller.dispatch)

    def _write_text(self, value, write):
        xmlrpc.client.Marshaller.dump_unicode(self, str(value).translate(_FORBIDDEN_CHARS), write)

    def _write_bytes(self, value, write):
        self._write_text(bytes(value).decode(), write)

    def _write_datetime(self, value, write):
        self._write_text(value.strftime('%Y-%m-%d %H:%M:%S'), write)

    def _write_date(self, value, write):
        self._write_text(value.strftime('%Y-%m-%d'), write)

    def _write_mapping(self, value, write):
        self.dump_struct(dict(value), write)

    def _write_lazy(self, value, write):
        resolved = value._value
        self.dispatch[type(resolved)](self, resolved, write)

    def _write_int(self, value, write):
        self.dump_long(int(value), write)

    dispatch[str] = _write_text
    dispatch[Markup] = _write_text
    dispatch[bytes] = _write_bytes
    dispatch[datetime.datetime] = _write_datetime
    dispatch[datetime.date] = _write_date
    dispatch[frozendict] = _write_mapping
    dispatch[collections.defaultdict] = _write_mapping
    dispatch[collections.OrderedDict] = _write_mapping
    dispatch[lazy] = _write_lazy
    dispatch[Command] = _write_int


def loads(data: bytes | str) -> tuple[tuple, str]:
    """``(params, method_name)`` of an XML-RPC call body; raises on malformed XML."""
    return xmlrpc.client.loads(data, use_datetime=True)


def _envelope(body: str) -> str:
    return f'<?xml version="1.0"?>\n<methodResponse>\n{body}</methodResponse>\n'


def dumps_result(result: Any) -> str:
    """The response document carrying ``result`` (``None`` is not marshallable,
    as in Odoo: a method must return something)."""
    return _envelope(Marshaller(allow_none=False).dumps((result,)))


def dumps_fault(fault: xmlrpc.client.Fault) -> str:
    return _envelope(Marshaller(allow_none=False).dumps(fault))


def fault_with_code(exc: BaseException) -> xmlrpc.client.Fault:
    """The /xmlrpc/2 fault for ``exc``: 3 access denied (bad credentials),
    4 access error (rights), 2 user-facing warnings, 1 anything else
    (with the traceback as its string)."""
    if isinstance(exc, exceptions.RedirectWarning):
        return xmlrpc.client.Fault(FAULT_WARNING, str(exc))
    if isinstance(exc, exceptions.AccessError):
        return xmlrpc.client.Fault(FAULT_ACCESS_ERROR, str(exc))
    if isinstance(exc, exceptions.AccessDenied):
        return xmlrpc.client.Fault(FAULT_ACCESS_DENIED, str(exc))
    if isinstance(exc, exceptions.UserError):
        return xmlrpc.client.Fault(FAULT_WARNING, str(exc))
    return xmlrpc.client.Fault(FAULT_APPLICATION_ERROR, format_traceback(exc))


def fault_with_string(exc: BaseException) -> xmlrpc.client.Fault:
    """The fault of the historical /xmlrpc endpoints, whose code is a string
    naming the kind of error."""
    headed = (
        (exceptions.RedirectWarning, 'Warning'),
        (exceptions.MissingError, 'MissingError'),
        (exceptions.AccessError, 'AccessError'),
    )
    for kind, title in headed:
        if isinstance(exc, kind):
            return xmlrpc.client.Fault(f'warning -- {title}\n\n{exc}', '')
    if isinstance(exc, exceptions.AccessDenied):
        return xmlrpc.client.Fault('AccessDenied', str(exc))
    if isinstance(exc, exceptions.UserError):
        return xmlrpc.client.Fault(f'warning -- UserError\n\n{exc}', '')
    message = "\n".join(str(arg) for arg in exc.args) if exc.args else str(exc)
    return xmlrpc.client.Fault(message, format_traceback(exc))
