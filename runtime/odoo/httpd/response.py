"""``Response``: werkzeug's response plus Odoo's lazy QWeb rendering (a
template and its values, rendered at the end of the dispatch so that later
code may still change them), and ``content_disposition`` for downloads."""
from __future__ import annotations

import datetime
import logging
from typing import Any
from urllib.parse import quote

import werkzeug.datastructures
import werkzeug.exceptions
import werkzeug.wrappers

from .local import request

_logger = logging.getLogger(__name__)

# A cookie set without an explicit expiry lives a year (pass expires=None
# for a browser-session cookie).
COOKIE_DEFAULT_DAYS = 365


def _default_expiry(expires: Any) -> Any:
    if expires == -1:
        return datetime.datetime.now() + datetime.timedelta(days=COOKIE_DEFAULT_DAYS)
    return expires


def _cookie_allowed(cookie_type: str) -> bool:
    if request and request.db and request.env is not None:
        return request.env['ir.http']._is_allowed_cookie(cookie_type)
    return True


class Response(werkzeug.wrappers.Response):
    """An HTTP response; with ``template`` it is rendered from QWeb with
    ``qcontext`` when the dispatch ends (``uid``: render as that user)."""

    default_mimetype = 'text/html'

    def __init__(self, *args: Any, template: str | None = None, qcontext: dict | None = None,
                 uid: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_default(template, qcontext, uid)

    @classmethod
    def load(cls, result: Any, fname: str = "<function>") -> Response:
        """The response for what an endpoint returned: a response as is, a
        string or bytes as an HTML body, ``None`` as an empty one."""
        if isinstance(result, Response):
            return result
        if isinstance(result, werkzeug.exceptions.HTTPException):
            _logger.warning("%s returned an HTTPException; raise it instead", fname)
            raise result
        if isinstance(result, werkzeug.wrappers.Response):
            response = cls.force_type(result)
            response.set_default()
            return response
        if isinstance(result, (str, bytes, type(None))):
            return cls(result)
        raise TypeError(f"{fname} returned {type(result).__name__} {result!r:.80}; a controller of "
                        f"type='http' must return a Response, a string, bytes or None")

    def set_default(self, template: str | None = None, qcontext: dict | None = None, uid: int | None = None) -> None:
        self.template = template
        self.qcontext = qcontext or {}
        self.qcontext['response_template'] = template
        self.uid = uid

    @property
    def is_qweb(self) -> bool:
        return self.template is not None

    def render(self) -> str:
        """The rendered template (through ``ir.ui.view._render_template``)."""
        self.qcontext['request'] = request
        return request.env['ir.ui.view']._render_template(self.template, self.qcontext)

    def flatten(self) -> None:
        """Render the template now into the body; the response stops being lazy."""
        if self.template:
            self.set_data(self.render())
            self.template = None

    def set_cookie(self, key: str, value: str = '', max_age: Any = None, expires: Any = -1, path: str = '/',
                   domain: str | None = None, secure: bool = False, httponly: bool = False,
                   samesite: str | None = None, cookie_type: str = 'required') -> None:
        if not _cookie_allowed(cookie_type):
            max_age = 0
        super().set_cookie(key, value=value, max_age=max_age, expires=_default_expiry(expires), path=path,
                           domain=domain, secure=secure, httponly=httponly, samesite=samesite)


class FutureResponse:
    """Headers and cookies set before the response exists (``request.future_response``);
    they are copied onto the final response."""

    charset = 'utf-8'
    max_cookie_size = 4093

    def __init__(self) -> None:
        self.headers = werkzeug.datastructures.Headers()

    @property
    def _charset(self) -> str:
        return self.charset

    def set_cookie(self, key: str, value: str = '', max_age: Any = None, expires: Any = -1, path: str = '/',
                   domain: str | None = None, secure: bool = False, httponly: bool = False,
                   samesite: str | None = None, cookie_type: str = 'required') -> None:
        if not _cookie_allowed(cookie_type):
            max_age = 0
        werkzeug.wrappers.Response.set_cookie(
            self, key, value=value, max_age=max_age, expires=_default_expiry(expires), path=path,
            domain=domain, secure=secure, httponly=httponly, samesite=samesite)


def content_disposition(filename: str, disposition_type: str = 'attachment') -> str:
    """A ``Content-Disposition`` value (RFC 6266) for ``filename``, any script."""
    if disposition_type not in ('attachment', 'inline'):
        raise ValueError(f"disposition_type must be 'attachment' or 'inline', not {disposition_type!r}")
    return f"{disposition_type}; filename*=UTF-8''{quote(filename, safe='!$+')}"
