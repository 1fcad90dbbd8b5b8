"""The WSGI application (``odoo.http.root``): builds the ``Request`` of each
call, picks how to serve it (static file, with or without a database) and
makes sure every failure becomes an answer."""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from .. import exceptions
from ..tools.config import config
from ..tools.func import lazy_property
from .local import _request_stack
from .request import HTTPRequest, RegistryError, Request, SessionExpiredException
from .routing import build_map, generate_routing_rules
from .sessions import FilesystemSessionStore

_logger = logging.getLogger(__name__)

# Paths that need a database; when it cannot be opened they are served
# without it (``?db=`` dropped) so that the user can pick another.
_DB_ENTRY_PATHS = ('/odoo', '/web', '/web/login')


def _server_wide_modules() -> list[str]:
    return [name.strip() for name in (config['server_wide_modules'] or '').split(',') if name.strip()]


def _no_op_app(environ: dict, start_response: Any) -> list:
    return []


class Application:
    """Odoo's WSGI entry point."""

    @lazy_property
    def statics(self) -> dict[str, str]:
        """Module name -> its ``static`` folder, for the modules of the addons path."""
        import odoo.addons

        from ..modules.module import get_manifest
        folders: dict[str, str] = {}
        for addons_dir in odoo.addons.__path__:
            for module in sorted(os.listdir(addons_dir)):
                static = os.path.join(addons_dir, module, 'static')
                if module not in folders and os.path.isdir(static) and get_manifest(module):
                    folders[module] = static
        return folders

    def get_static_file(self, url: str, host: str = '') -> str | None:
        """The file behind ``url`` when it is ``/<module>/static/<path>`` of a known module."""
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != host:
            return None
        pieces = parts.path.split('/', 3)
        if len(pieces) != 4 or pieces[0] or pieces[2] != 'static' or not pieces[3]:
            return None
        folder = self.statics.get(pieces[1])
        if not folder:
            return None
        filename = os.path.join(folder, pieces[3])
        return filename if os.path.isfile(filename) else None

    @lazy_property
    def nodb_routing_map(self) -> Any:
        return build_map(generate_routing_rules([''] + _server_wide_modules(), nodb_only=True))

    @lazy_property
    def own_transaction_map(self) -> Any:
        """The no-database routes flagged ``own_transaction=True`` (RPC): served
        without a request transaction even when the request has a database."""
        rules = [(url, endpoint) for url, endpoint in generate_routing_rules([''] + _server_wide_modules(), True)
                 if endpoint.routing.get('own_transaction')]
        return build_map(rules)

    def _match_own_transaction(self, req: Request) -> tuple[Any, dict] | None:
        try:
            adapter = self.own_transaction_map.bind_to_environ(req.httprequest.environ)
            return adapter.match(return_rule=True)
        except HTTPException:
            return None

    @lazy_property
    def session_store(self) -> FilesystemSessionStore:
        path = config.session_dir
        _logger.debug("HTTP sessions stored in %s", path)
        return FilesystemSessionStore(path)

    def get_db_router(self, db: str | None) -> Any:
        from .local import request
        return request.env['ir.http'].routing_map() if db else self.nodb_routing_map

    def set_csp(self, response: Any) -> None:
        """Security headers: never sniff content types; images may run nothing."""
        headers = response.headers
        headers.setdefault('X-Content-Type-Options', 'nosniff')
        is_image = (headers.get('Content-Type') or '').startswith('image/')
        if is_image:
            headers.setdefault('Content-Security-Policy', "default-src 'none'")

    def _serve(self, req: Request) -> Any:
        """The response to ``req``: a static file, or a route with or without its database."""
        hreq = req.httprequest
        if self.get_static_file(hreq.path):
            return req._serve_static()
        if not req.db:
            return req._serve_nodb()
        matched = self._match_own_transaction(req)
        if matched is not None:
            return req._serve_without_transaction(*matched)
        try:
            return req._serve_db()
        except RegistryError as exc:
            _logger.warning("database %r unusable, serving without it", req.db, exc_info=exc.__cause__)
            req.db = None
            req.session.logout()
            if hreq.path.startswith('/odoo/') or hreq.path in _DB_ENTRY_PATHS:
                remaining = [(key, value) for key, value in hreq.args.items(multi=True) if key != 'db']
                req.reroute(hreq.path, urlencode(remaining))
            return req._serve_nodb()

    def __call__(self, environ: dict, start_response: Any) -> Any:
        thread = threading.current_thread()
        thread.query_count = 0
        thread.query_time = 0.0
        thread.perf_t0 = time.time()
        for name in ('dbname', 'uid'):
            if hasattr(thread, name):
                delattr(thread, name)
        if config['proxy_mode'] and environ.get('HTTP_X_FORWARDED_HOST'):
            # ProxyFix rewrites the environ in place: let it run on a no-op app
            ProxyFix(_no_op_app)(environ, lambda status, headers: None)

        req = Request(HTTPRequest(environ))
        _request_stack.push(req)
        try:
            req._post_init()
            thread.url = req.httprequest.url
            wsgi_answer = self._serve(req)
        except Exception as exc:  # noqa: BLE001 - every failure must become an answer
            wsgi_answer = self._answer_error(req, exc)
        try:
            return wsgi_answer(environ, start_response)
        finally:
            _request_stack.pop()

    def _log_failure(self, req: Request, exc: Exception) -> None:
        where = f"{req.httprequest.method} {req.httprequest.path}"
        level = getattr(exc, 'loglevel', None)
        if level is not None:
            _logger.log(level, "%s: %s", where, exc, exc_info=getattr(exc, 'exc_info', None))
        elif isinstance(exc, SessionExpiredException):
            _logger.info("%s: %s", where, exc)
        elif isinstance(exc, (exceptions.UserError, exceptions.AccessError)):
            _logger.warning("%s: %s", where, exc)
        elif not isinstance(exc, HTTPException):
            _logger.error("%s failed", where, exc_info=exc)

    def _answer_error(self, req: Request, exc: Exception) -> Any:
        from .dispatchers import HttpDispatcher
        if isinstance(exc, HTTPException) and exc.code is None:
            # a finished response passed up through abort()
            finished = exc.get_response()
            HttpDispatcher(req).post_dispatch(finished)
            return finished
        self._log_failure(req, exc)
        answer = getattr(exc, 'error_response', None)
        if answer is None:
            try:
                answer = req.dispatcher.handle_error(exc)
            except Exception:
                _logger.exception("handling the error of %s failed", req.httprequest.path)
                from werkzeug.exceptions import InternalServerError
                answer = InternalServerError()
        return answer


root = Application()
