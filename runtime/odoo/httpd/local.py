"""The request being served by the current thread, reachable as
``odoo.http.request`` (a proxy that is falsy outside of a request)."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from werkzeug.local import LocalStack

_request_stack: LocalStack = LocalStack()
request: Any = _request_stack()


@contextlib.contextmanager
def borrow_request() -> Iterator[Any]:
    """Hide the current request while the block runs (RPC services must not see it)."""
    current = _request_stack.pop()
    try:
        yield current
    finally:
        if current is not None:
            _request_stack.push(current)
