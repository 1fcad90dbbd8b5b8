"""Facade ``odoo.http``: what controllers and the rest of the runtime import
(``request``, ``route``, ``Controller``, ``Response``, ``root``...). The
implementation lives in ``odoo.httpd``."""
from __future__ import annotations

from werkzeug.exceptions import abort as abort  # noqa: F401

from .httpd.application import Application as Application, root as root  # noqa: F401
from .httpd.csrf import DEFAULT_LIFETIME as CSRF_TOKEN_SALT, SAFE_METHODS as CSRF_FREE_METHODS  # noqa: F401
from .httpd.databases import db_filter as db_filter, db_list as db_list  # noqa: F401
from .httpd.dispatchers import (  # noqa: F401
    CORS_MAX_AGE as CORS_MAX_AGE,
    DISPATCHERS as _dispatchers,
    Dispatcher as Dispatcher,
    HttpDispatcher as HttpDispatcher,
    JsonRPCDispatcher as JsonRPCDispatcher,
)
from .httpd.jsonrpc import JSON_MIMETYPES as JSON_MIMETYPES, serialize_exception as serialize_exception  # noqa: F401
from .httpd.local import borrow_request as borrow_request, request as request  # noqa: F401
from .httpd.request import (  # noqa: F401
    DEFAULT_MAX_CONTENT_LENGTH as DEFAULT_MAX_CONTENT_LENGTH,
    STATIC_CACHE as STATIC_CACHE,
    STATIC_CACHE_LONG as STATIC_CACHE_LONG,
    HTTPRequest as HTTPRequest,
    RegistryError as RegistryError,
    Request as Request,
    SessionExpiredException as SessionExpiredException,
    get_session_max_inactivity as get_session_max_inactivity,
    is_cors_preflight as is_cors_preflight,
)
from .httpd.response import FutureResponse as FutureResponse, Response as Response  # noqa: F401
from .httpd.response import content_disposition as content_disposition  # noqa: F401
from .httpd.routing import ROUTING_KEYS as ROUTING_KEYS, Controller as Controller, route as route  # noqa: F401
from .httpd.routing import generate_routing_rules as _generate_routing_rules  # noqa: F401
from .httpd.rpc import dispatch_rpc as dispatch_rpc  # noqa: F401
from .httpd.sessions import (  # noqa: F401
    DEFAULT_LANG as DEFAULT_LANG,
    SESSION_LIFETIME as SESSION_LIFETIME,
    FilesystemSessionStore as FilesystemSessionStore,
    Session as Session,
    get_default_session as get_default_session,
)
