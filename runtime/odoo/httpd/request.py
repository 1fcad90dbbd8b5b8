"""``Request``: one HTTP request being served — its session, database,
environment, parameters, helpers to answer it, and the serving steps
(static file, no database, with a database inside one transaction)."""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import threading
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import babel.core
import psycopg2
import werkzeug.datastructures
import werkzeug.exceptions
import werkzeug.security
import werkzeug.utils
import werkzeug.wrappers
from werkzeug.exceptions import HTTPException, NotFound

from ..api import Environment
from ..modules.registry import Registry
from ..service import signaling
from ..service.model import retrying
from . import csrf as csrf_tokens
from . import jsonrpc
from .databases import db_filter, db_list
from .response import FutureResponse, Response
from .sessions import DEFAULT_LANG, SESSION_LIFETIME, get_default_session

_logger = logging.getLogger(__name__)

# Bodies above this size are refused (ir.config_parameter
# ``web.max_file_upload_size`` or a route's ``max_content_length`` change it).
DEFAULT_MAX_CONTENT_LENGTH = 128 * 1024 * 1024
# Static files are cached by browsers for a week.
STATIC_CACHE = 7 * 24 * 3600
STATIC_CACHE_LONG = 365 * 24 * 3600


class RegistryError(RuntimeError):
    """The database of the request cannot be opened or loaded."""

    # named as clients know it (error objects carry the dotted name)
    __module__ = 'odoo.http'


class SessionExpiredException(Exception):
    """The route needs a logged-in user and the session has none (any more)."""

    # the web client recognises the expired session by this dotted name
    __module__ = 'odoo.http'


class HTTPRequest(werkzeug.wrappers.Request):
    """werkzeug's request with Odoo's limits on body and form sizes."""

    def __init__(self, environ: dict) -> None:
        super().__init__(environ)
        self.max_content_length = DEFAULT_MAX_CONTENT_LENGTH
        self.max_form_memory_size = 10 * 1024 * 1024


def get_session_max_inactivity(env: Any) -> int:
    """Seconds a session may stay idle: ``sessions.max_inactivity_seconds`` or a week."""
    if env is None or env.cr.closed:
        return SESSION_LIFETIME
    value = env['ir.config_parameter'].sudo().get_param('sessions.max_inactivity_seconds', SESSION_LIFETIME)
    try:
        return int(value)
    except (TypeError, ValueError):
        _logger.warning("ir.config_parameter sessions.max_inactivity_seconds=%r is not a number; using %s",
                        value, SESSION_LIFETIME)
        return SESSION_LIFETIME


def is_cors_preflight(req: Request, endpoint: Any) -> bool:
    return req.httprequest.method == 'OPTIONS' and bool(endpoint.routing.get('cors'))


class Request:
    """The request the current thread serves (``odoo.http.request``)."""

    def __init__(self, httprequest: HTTPRequest) -> None:
        from .dispatchers import HttpDispatcher
        self.httprequest = httprequest
        self.dispatcher = HttpDispatcher(self)  # until a route matches
        self.future_response = FutureResponse()
        self.params: dict[str, Any] = {}
        self.registry = None
        self.env = None
        self.session = None
        self.db = None
        self._best_lang: Any = ...
        self._cookies = None

    def _post_init(self) -> None:
        session, dbname = self._get_session_and_dbname()
        self.session = session
        self.db = dbname

    def _get_session_and_dbname(self) -> tuple[Any, str | None]:
        from .application import root
        store = root.session_store
        sid = self.httprequest.cookies.get('session_id')
        session = store.get(sid) if store.is_valid_key(sid) else store.new()
        for key, value in get_default_session().items():
            session.setdefault(key, value)
        if not session['context'].get('lang'):
            session['context'] = dict(session['context'], lang=self.default_lang())

        host = self.httprequest.environ.get('HTTP_HOST', '')
        dbname = None
        if session.db and session.db in db_filter([session.db], host=host):
            dbname = session.db
        else:
            candidates = db_list(force=True, host=host)
            if len(candidates) == 1:
                dbname = candidates[0]
        if session.db != dbname:
            if session.db:
                _logger.warning("session logged into database %r, which the database filter refuses: "
                                "logging it out", session.db)
                session.logout(keep_db=False)
            session.db = dbname
        session.is_dirty = False
        return session, dbname

    def _open_registry(self) -> tuple[Any, Any]:
        """The registry of the request's database and a new cursor on it;
        ``RegistryError`` when either cannot be had."""
        try:
            registry = Registry(self.db)
            cr = registry.cursor()
            registry = signaling.check(registry, cr)
        except (AttributeError, psycopg2.OperationalError, psycopg2.ProgrammingError) as exc:
            raise RegistryError(f"cannot open the registry of database {self.db!r}: {exc}") from exc
        return registry, cr

    # -- environment ------------------------------------------------------------

    def update_env(self, user: Any = None, context: dict | None = None, su: bool | None = None) -> None:
        """Switch the request's environment to another user, context or superuser mode."""
        new_env = self.env(None, user, context, su)
        self.env = new_env
        threading.current_thread().uid = new_env.uid

    def update_context(self, **overrides: Any) -> None:
        """Add or replace keys of the request's context."""
        context = dict(self.env.context)
        context.update(overrides)
        self.update_env(context=context)

    @property
    def context(self) -> Any:
        return self.env.context

    @context.setter
    def context(self, value: Any) -> None:
        raise NotImplementedError("request.context is read-only: use request.update_context()")

    @property
    def uid(self) -> int | None:
        return self.env.uid

    @uid.setter
    def uid(self, value: Any) -> None:
        raise NotImplementedError("request.uid is read-only: use request.update_env(user=...)")

    @property
    def cr(self) -> Any:
        return self.env.cr

    @cr.setter
    def cr(self, value: Any) -> None:
        raise NotImplementedError("the cursor of a request cannot be replaced")

    _cr = cr

    @property
    def best_lang(self) -> str | None:
        """The browser's preferred language as an Odoo code (``zh_CN``), if any."""
        if self._best_lang is ...:
            self._best_lang = None
            preferred = self.httprequest.accept_languages.best
            if preferred:
                try:
                    code, territory, _script, _variant = babel.core.parse_locale(preferred, sep='-')
                    self._best_lang = f'{code}_{territory}' if territory else babel.core.LOCALE_ALIASES[code]
                except (ValueError, KeyError):
                    pass
        return self._best_lang

    def default_lang(self) -> str:
        preferred = self.best_lang
        return preferred if preferred else DEFAULT_LANG

    def default_context(self) -> dict[str, Any]:
        context = dict(get_default_session()['context'])
        context['lang'] = self.default_lang()
        return context

    @property
    def cookies(self) -> Any:
        if self._cookies is None:
            jar = werkzeug.datastructures.MultiDict(self.httprequest.cookies)
            if self.registry is not None:
                # modules may drop cookies they do not trust
                self.registry['ir.http']._sanitize_cookies(jar)
            self._cookies = werkzeug.datastructures.ImmutableMultiDict(jar)
        return self._cookies

    # -- CSRF -----------------------------------------------------------------------

    def _database_secret(self) -> str:
        return self.env['ir.config_parameter'].sudo().get_param('database.secret') or ''

    def csrf_token(self, time_limit: int | None = None) -> str:
        """A CSRF token for this session (valid ``time_limit`` seconds, or as long
        as the session); put it in forms as the ``csrf_token`` field."""
        return csrf_tokens.make_token(self._database_secret(), self.session.sid, time_limit)

    def validate_csrf(self, csrf: str | None) -> bool:
        return csrf_tokens.check_token(self._database_secret(), self.session.sid, csrf)

    # -- parameters -----------------------------------------------------------------

    def get_http_params(self) -> dict[str, Any]:
        """The query-string, form and file parameters, merged (later ones win)."""
        req = self.httprequest
        return {**req.args, **req.form, **req.files}

    def get_json_data(self) -> Any:
        body = self.httprequest.get_data(as_text=True)
        return json.loads(body)

    # -- answering ------------------------------------------------------------------

    def make_response(self, data: Any, headers: Any = None, cookies: dict | None = None,
                      status: int = 200) -> Response:
        """A response with body ``data`` (for non-HTML content or extra headers/cookies)."""
        answer = Response(data, status=status, headers=headers)
        for key, value in (cookies or {}).items():
            answer.set_cookie(key, value)
        return answer

    def make_json_response(self, data: Any, headers: Any = None, cookies: dict | None = None,
                           status: int = 200) -> Response:
        """A response whose body is ``data`` serialised as JSON."""
        body = jsonrpc.dumps(data)
        all_headers = werkzeug.datastructures.Headers(headers)
        if 'Content-Type' not in all_headers:
            all_headers['Content-Type'] = 'application/json; charset=utf-8'
        return self.make_response(body, all_headers.to_wsgi_list(), cookies, status)

    def not_found(self, description: str | None = None) -> NotFound:
        return NotFound(description)

    def redirect(self, location: Any, code: int = 303, local: bool = True) -> Response:
        """A redirection; with ``local`` the location is reduced to its path on this server."""
        if hasattr(location, 'to_url'):
            location = location.to_url()
        if local:
            parts = urlsplit(str(location))
            location = '/' + urlunsplit(('', '', parts.path, parts.query, parts.fragment)).lstrip('/\\')
        if not self.db or self.env is None:
            return werkzeug.utils.redirect(location, code=code, Response=Response)
        # modules (website...) may rewrite the location
        return self.env['ir.http']._redirect(location, code)

    def redirect_query(self, location: str, query: dict | None = None, code: int = 303,
                       local: bool = True) -> Response:
        target = f"{location}?{urlencode(query)}" if query else location
        return self.redirect(target, code=code, local=local)

    def render(self, template: str, qcontext: dict | None = None, lazy: bool = True, **kw: Any) -> Any:
        """A response rendering QWeb ``template`` with ``qcontext`` when the
        dispatch ends (at once, as a string, with ``lazy=False``)."""
        lazy_response = Response(template=template, qcontext=qcontext, **kw)
        return lazy_response if lazy else lazy_response.render()

    def reroute(self, path: str, query_string: str | None = None) -> None:
        """Serve this request as if it had been made to ``path`` (no redirection)."""
        environ = dict(self.httprequest.environ)
        environ['PATH_INFO'] = path.encode('utf-8').decode('latin1', 'replace')
        environ['QUERY_STRING'] = environ.get('QUERY_STRING', '') if query_string is None else query_string
        self.httprequest = HTTPRequest(environ)

    def _inject_future_response(self, response: Any) -> Any:
        pending = self.future_response.headers
        response.headers.extend(pending)
        return response

    def _save_session(self) -> None:
        from .application import root
        session = self.session
        if session is None or not session.can_save:
            return
        if session.should_rotate:
            root.session_store.rotate(session, self.env)
        elif session.is_dirty:
            root.session_store.save(session)
        if session.is_dirty or self.httprequest.cookies.get('session_id') != session.sid:
            self.future_response.set_cookie('session_id', session.sid, httponly=True,
                                            max_age=get_session_max_inactivity(self.env))

    def _set_request_dispatcher(self, rule: Any) -> None:
        from .dispatchers import DISPATCHERS
        routing = rule.endpoint.routing
        dispatcher_class = DISPATCHERS[routing['type']]
        if not is_cors_preflight(self, rule.endpoint) and not dispatcher_class.is_compatible_with(self):
            fitting = [kind for kind, cls in DISPATCHERS.items() if cls.is_compatible_with(self)]
            raise werkzeug.exceptions.BadRequest(
                f"{routing['routes'][0]!r} is a type={routing['type']!r} route but this request "
                f"(Content-Type {self.httprequest.mimetype or 'none'!r}) can only be {fitting}")
        self.dispatcher = dispatcher_class(self)

    # -- serving --------------------------------------------------------------------

    def _serve_static(self) -> Any:
        from .application import root
        module, _sep, path = self.httprequest.path[1:].partition('/static/')
        folder = root.statics.get(module)
        filename = werkzeug.security.safe_join(folder, path) if folder else None
        if not filename:
            raise NotFound(f"no static file {path!r} in module {module!r}")
        try:
            response = werkzeug.utils.send_file(filename, self.httprequest.environ, max_age=STATIC_CACHE,
                                                conditional=True)
        except OSError:
            raise NotFound(f"no static file {path!r} in module {module!r}") from None
        root.set_csp(response)
        return response

    def _serve_nodb(self) -> Any:
        from .application import root
        adapter = root.nodb_routing_map.bind_to_environ(self.httprequest.environ)
        matched, url_args = adapter.match(return_rule=True)
        self._set_request_dispatcher(matched)
        dispatcher = self.dispatcher
        dispatcher.pre_dispatch(matched, url_args)
        answer = dispatcher.dispatch(matched.endpoint, url_args)
        dispatcher.post_dispatch(answer)
        return answer

    def _serve_without_transaction(self, rule: Any, args: dict) -> Any:
        """Serve a route that opens its own transactions (``own_transaction=True``,
        the RPC endpoints): no request cursor is borrowed just to be closed."""
        self._set_request_dispatcher(rule)
        dispatcher = self.dispatcher
        dispatcher.pre_dispatch(rule, args)
        answer = dispatcher.dispatch(rule.endpoint, args)
        dispatcher.post_dispatch(answer)
        return answer

    def _serve_db(self) -> Any:
        """Match the route and serve it in one transaction of the request's
        database (the same cursor serves both: one connection per request)."""
        self.registry, cr = self._open_registry()
        with contextlib.closing(cr):
            threading.current_thread().dbname = self.db
            self.env = Environment(cr, self.session.uid, self.session.context)
            try:
                rule, args = self.registry['ir.http']._match(self.httprequest.path or '/')
            except NotFound as missing:
                return self._run_in_transaction(functools.partial(self._serve_ir_http_fallback, missing))
            self._set_request_dispatcher(rule)
            return self._run_in_transaction(functools.partial(self._serve_ir_http, rule, args))

    def _serve_ir_http_fallback(self, missing: NotFound) -> Any:
        ir_http = self.registry['ir.http']
        self.params = dict(self.get_http_params())
        response = ir_http._serve_fallback()
        if response:
            ir_http._post_dispatch(response)
            return response
        not_found = NotFound()
        not_found.__context__ = missing
        not_found.error_response = ir_http._handle_error(not_found)
        raise not_found

    def _serve_ir_http(self, rule: Any, args: dict) -> Any:
        ir_http = self.registry['ir.http']
        ir_http._authenticate(rule.endpoint)
        ir_http._pre_dispatch(rule, args)
        answer = self.dispatcher.dispatch(rule.endpoint, args)
        ir_http._post_dispatch(answer)
        return answer

    def _transactioning(self, func: Any, readonly: bool = False) -> Any:
        """Run ``func`` in a new transaction: committed when it returns,
        rolled back when it raises (retried on serialisation failures)."""
        with contextlib.closing(self.registry.cursor()) as cr:
            self.env = self.env(cr=cr)
            return self._run_in_transaction(func)

    def _run_in_transaction(self, func: Any) -> Any:
        """Run ``func`` in the transaction of ``self.env``; an error gets its
        ``error_response`` while that transaction can still be read."""
        try:
            return retrying(func, env=self.env)
        except Exception as exc:
            finished = isinstance(exc, HTTPException) and exc.code is None
            if not finished and getattr(exc, 'error_response', None) is None:
                exc.error_response = self.registry['ir.http']._handle_error(exc)
            raise
