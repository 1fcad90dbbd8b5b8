"""Exception types understood by the RPC layer and the web client (Odoo 18 names).

Any exception that is not one of these reaches the client as a server error.
"""
from __future__ import annotations

from typing import Any


class UserError(Exception):
    """An error the user can fix: the operation makes no sense in the current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class RedirectWarning(Exception):
    """A warning that offers the user to open an action instead of just closing it.

    ``action`` is the id (or xml id) of the action to open, ``button_text`` the
    label of the button that opens it, ``additional_context`` its context.
    """

    def __init__(self, message: str, action: Any, button_text: str,
                 additional_context: dict | None = None) -> None:
        super().__init__(message, action, button_text, additional_context)


class AccessDenied(UserError):
    """Wrong login or password; shown without a traceback."""

    def __init__(self, message: str = "Access Denied") -> None:
        super().__init__(message)
        self.with_traceback(None)
        self.__cause__ = None
        self.traceback = ('', '', '')


class AccessError(UserError):
    """The user lacks the rights to perform the operation on the records."""


class CacheMiss(KeyError):
    """A value asked of the ORM cache is not in it."""

    def __init__(self, record: Any, field: Any) -> None:
        super().__init__(f"{record!r}.{field.name}")


class MissingError(UserError):
    """The records operated on do not exist (any more)."""


class ValidationError(UserError):
    """A Python constraint (``@api.constrains``) was violated."""


class ConcurrencyError(Exception):
    """The transaction conflicted with a concurrent one and may be retried."""


class LockError(UserError):
    """A row lock could not be obtained without waiting (``FOR UPDATE NOWAIT``)."""
