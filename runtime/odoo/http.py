"""Facade ``odoo.http``: what controllers and the rest of the runtime import
(``request``, ``route``, ``Controller``, ``Response``, ``root``...). The
implementation lives in ``odoo.httpd``."""
from __future__ import annotations

from werkzeug.exceptions import abort as abort

from .httpd.application import Application as Application
from .httpd.application import root as root
from .httpd.csrf import DEFAULT_LIFETIME as CSRF_TOKEN_SALT  # noqa: F401
from .httpd.databases import db_filter as db_filter
from .httpd.databases import db_list as db_list
from .httpd.dispatchers import (
    CORS_MAX_AGE as CORS_MAX_AGE,
)
from .httpd.dispatchers import (
    Dispatcher as Dispatcher,
)
from .httpd.dispatchers import (
    HttpDispatcher as HttpDispatcher,
)
from .httpd.dispatchers import (
    JsonRPCDispatcher as JsonRPCDispatcher,
)
from .httpd.jsonrpc import JSON_MIMETYPES as JSON_MIMETYPES
from .httpd.jsonrpc import serialize_exception as serialize_exception
from .httpd.local import borrow_request as borrow_request
from .httpd.local import request as request
from .httpd.request import (
    DEFAULT_MAX_CONTENT_LENGTH as DEFAULT_MAX_CONTENT_LENGTH,
)
from .httpd.request import (
    STATIC_CACHE as STATIC_CACHE,
)
from .httpd.request import (
    STATIC_CACHE_LONG as STATIC_CACHE_LONG,
)
from .httpd.request import (
    HTTPRequest as HTTPRequest,
)
from .httpd.request import (
    RegistryError as RegistryError,
)
from .httpd.request import (
    Request as Request,
)
from .httpd.request import (
    SessionExpiredException as SessionExpiredException,
)
from .httpd.request import (
    get_session_max_inactivity as get_session_max_inactivity,
)
from .httpd.request import (
    is_cors_preflight as is_cors_preflight,
)
from .httpd.response import FutureResponse as FutureResponse
from .httpd.response import Response as Response
from .httpd.response import content_disposition as content_disposition
from .httpd.routing import ROUTING_KEYS as ROUTING_KEYS
from .httpd.routing import Controller as Controller
from .httpd.routing import generate_routing_rules as _generate_routing_rules  # noqa: F401
from .httpd.routing import route as route
from .httpd.rpc import dispatch_rpc as dispatch_rpc
from .httpd.sessions import (
    DEFAULT_LANG as DEFAULT_LANG,
)
from .httpd.sessions import (
    SESSION_LIFETIME as SESSION_LIFETIME,
)
from .httpd.sessions import (
    FilesystemSessionStore as FilesystemSessionStore,
)
from .httpd.sessions import (
    Session as Session,
)
from .httpd.sessions import (
    get_default_session as get_default_session,
)
from .httpd.stream import Stream as Stream
