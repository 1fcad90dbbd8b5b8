"""Dispatchers: how a matched route reads its parameters, calls its
endpoint and turns the result or an error into an HTTP answer — form and
query parameters for ``type='http'``, a JSON-RPC body for ``type='json'``."""
from __future__ import annotations

import logging
from typing import Any, ClassVar

import werkzeug.exceptions
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, InternalServerError, NotFound

from .. import exceptions
from . import jsonrpc
from .csrf import SAFE_METHODS
from .request import SessionExpiredException, get_session_max_inactivity
from .response import Response

_logger = logging.getLogger(__name__)

# Seconds a browser may cache the answer to a CORS preflight.
CORS_MAX_AGE = 24 * 3600

DISPATCHERS: dict[str, type[Dispatcher]] = {}


class Dispatcher:
    routing_type: ClassVar[str]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        DISPATCHERS[cls.routing_type] = cls

    def __init__(self, request: Any) -> None:
        self.request = request

    @classmethod
    def is_compatible_with(cls, request: Any) -> bool:
        raise NotImplementedError

    def pre_dispatch(self, rule: Any, args: dict) -> None:
        """Apply the route's options: session saving, CORS headers, body size limit."""
        routing = rule.endpoint.routing
        req = self.request
        req.session.can_save = routing.get('save_session', True)
        headers = req.future_response.headers
        cors = routing.get('cors')
        if cors:
            allowed = 'POST' if routing['type'] == 'json' else ', '.join(routing['methods'] or ['GET', 'POST'])
            headers.set('Access-Control-Allow-Origin', cors)
            headers.set('Access-Control-Allow-Methods', allowed)
            if req.httprequest.method == 'OPTIONS':
                headers.set('Access-Control-Max-Age', CORS_MAX_AGE)
                headers.set('Access-Control-Allow-Headers',
                            'Origin, X-Requested-With, Content-Type, Accept, Authorization')
                werkzeug.exceptions.abort(Response(status=204))
        if 'max_content_length' in routing:
            limit = routing['max_content_length']
            if callable(limit):
                limit = limit(rule.endpoint.func.__self__)
            req.httprequest.max_content_length = limit

    def dispatch(self, endpoint: Any, args: dict) -> Any:
        raise NotImplementedError

    def post_dispatch(self, response: Any) -> None:
        """Save the session, add the pending headers and cookies, security headers."""
        from .application import root
        self.request._save_session()
        self.request._inject_future_response(response)
        root.set_csp(response)

    def handle_error(self, exc: Exception) -> Any:
        raise NotImplementedError


class HttpDispatcher(Dispatcher):
    routing_type = 'http'

    @classmethod
    def is_compatible_with(cls, request: Any) -> bool:
        return True

    def dispatch(self, endpoint: Any, args: dict) -> Any:
        req = self.request
        req.params = dict(req.get_http_params(), **args)
        if req.httprequest.method not in SAFE_METHODS and endpoint.routing.get('csrf', True):
            if not req.db:
                raise BadRequest("No database is selected for this request: start the server with "
                                 "-d <database> or pick one at /web/login?db=<database>")
            token = req.params.pop('csrf_token', None)
            if not req.validate_csrf(token):
                if token is None:
                    _logger.warning("%s %s: no CSRF token posted (forms must send the field csrf_token "
                                    "= request.csrf_token(); APIs use csrf=False routes)",
                                    req.httprequest.method, req.httprequest.path)
                else:
                    _logger.warning("%s %s: the CSRF token does not belong to this session or expired",
                                    req.httprequest.method, req.httprequest.path)
                raise BadRequest('Session expired (invalid CSRF token)')
        if req.registry is not None:
            return req.registry['ir.http']._dispatch(endpoint)
        return endpoint(**req.params)

    def handle_error(self, exc: Exception) -> Any:
        req = self.request
        if isinstance(exc, SessionExpiredException):
            session = req.session
            was_logged_in = session.uid is not None
            session.logout(keep_db=True)
            response = req.redirect_query('/web/login', {'redirect': req.httprequest.full_path})
            if was_logged_in:
                from .application import root
                root.session_store.rotate(session, req.env)
                response.set_cookie('session_id', session.sid, httponly=True,
                                    max_age=get_session_max_inactivity(req.env))
            return response
        if isinstance(exc, HTTPException):
            return exc
        if isinstance(exc, (exceptions.AccessDenied, exceptions.AccessError)):
            return Forbidden(exc.args[0] if exc.args else None)
        if isinstance(exc, exceptions.UserError):
            return BadRequest(exc.args[0] if exc.args else None)
        # the details stay in the server log
        return InternalServerError()


class JsonRPCDispatcher(Dispatcher):
    routing_type = 'json'

    def __init__(self, request: Any) -> None:
        super().__init__(request)
        self.request_id = None

    @classmethod
    def is_compatible_with(cls, request: Any) -> bool:
        return request.httprequest.mimetype in jsonrpc.JSON_MIMETYPES

    def dispatch(self, endpoint: Any, args: dict) -> Any:
        req = self.request
        try:
            self.request_id, params = jsonrpc.parse_request(req.httprequest.get_data())
        except jsonrpc.MalformedRequest as exc:
            _logger.info("%s: %s", req.httprequest.path, exc)
            # a plain 400 answer, not a JSON-RPC error: there is no id to answer to
            werkzeug.exceptions.abort(Response(exc.reply, status=400, mimetype='text/plain'))
        req.params = dict(params, **args)
        if req.registry is not None:
            result = req.registry['ir.http']._dispatch(endpoint)
        else:
            result = endpoint(**req.params)
        return self._response(result)

    def handle_error(self, exc: Exception) -> Any:
        error = jsonrpc.error_object(exc, not_found=isinstance(exc, NotFound),
                                     session_expired=isinstance(exc, SessionExpiredException))
        return self._response(error=error)

    def _response(self, result: Any = None, error: dict | None = None) -> Any:
        return self.request.make_json_response(jsonrpc.response_message(self.request_id, result, error))
