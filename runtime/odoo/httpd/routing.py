"""Controllers and their routes: ``Controller``, the ``route`` decorator and
the building of werkzeug URL maps from the controllers of a set of modules.

A controller class defined in ``odoo.addons.<module>`` may be extended by a
subclass in another module; for the installed modules, the most derived
classes are combined into one instance, and each routed method's ``@route``
arguments are merged along the class hierarchy (ancestors first), exactly
like Odoo, so an override may change ``auth`` and keep the URL.
"""
from __future__ import annotations

import collections
import functools
import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import werkzeug.routing

from ..tools.misc import submap, unique

_logger = logging.getLogger(__name__)

ROUTE_TYPES = ('http', 'json')

# @route arguments handed to werkzeug's Rule.
ROUTING_KEYS = {
    'defaults', 'subdomain', 'build_only', 'strict_slashes', 'redirect_to',
    'alias', 'host', 'methods', 'websocket',
}


class Controller:
    """Base of the classes whose ``@route`` methods serve URLs. Subclass it in
    an addon's ``controllers`` package; subclass an addon's controller to
    extend it (re-decorate overridden methods with ``@route()``)."""

    children_classes: dict[str, list[type]] = collections.defaultdict(list)

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if Controller in cls.__bases__:
            Controller.children_classes[_addon_of(cls)].append(cls)


def _addon_of(cls: type) -> str:
    parts = cls.__module__.split('.')
    return parts[2] if parts[:2] == ['odoo', 'addons'] and len(parts) > 2 else ''


def _accepted_params(func: Callable, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` restricted to what ``func`` accepts (all of them with ``**kw``)."""
    signature = inspect.signature(func)
    kinds = {p.kind for p in signature.parameters.values()}
    if inspect.Parameter.VAR_KEYWORD in kinds:
        return params
    names = {name for name, p in signature.parameters.items()
             if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)}
    return {key: value for key, value in params.items() if key in names}


def route(route: str | Iterable[str] | None = None, **routing: Any) -> Callable:
    """Serve the decorated controller method at the URL(s) ``route``.

    :param type: ``'http'`` (form/query parameters, any response) or ``'json'``
        (JSON-RPC 2.0 body, result serialised).
    :param auth: ``'user'`` (a logged-in user), ``'public'`` (the public user
        when nobody is logged in), ``'none'`` (no database environment needed).
    :param methods: the HTTP methods accepted (all when omitted).
    :param csrf: check the CSRF token of unsafe methods (``type='http'``, default True).
    :param cors: the ``Access-Control-Allow-Origin`` value to answer with.
    :param save_session: keep changes of ``request.session`` (default True).
    :param readonly: accepted for compatibility (a single primary database here).
    """
    routing_type = routing.get('type', 'http')
    if routing_type not in ROUTE_TYPES:
        raise ValueError(f"@route type must be one of {ROUTE_TYPES}, not {routing_type!r}")
    if route:
        routing['routes'] = [route] if isinstance(route, str) else list(route)
    misnamed = routing.pop('method', None)
    if misnamed is not None:
        _logger.warning("@route(method=...) is not a parameter, using it as methods=%r", misnamed)
        routing['methods'] = misnamed

    def decorator(endpoint: Callable) -> Callable:
        label = f"{endpoint.__module__}.{endpoint.__qualname__}"

        @functools.wraps(endpoint)
        def route_wrapper(self, *args, **params):
            accepted = _accepted_params(endpoint, params)
            if len(accepted) != len(params):
                _logger.warning("%s: ignoring unexpected parameters %s", label, sorted(set(params) - set(accepted)))
            result = endpoint(self, *args, **accepted)
            if routing['type'] == 'http':
                from .response import Response
                return Response.load(result, label)
            return result

        route_wrapper.original_routing = routing
        route_wrapper.original_endpoint = endpoint
        return route_wrapper

    return decorator


def _is_routed(cls: type, name: str) -> bool:
    return getattr(getattr(cls, name, None), 'original_routing', None) is not None


def _combined_controllers(modules: Iterable[str]) -> Iterator[Controller]:
    """One instance per top controller class of ``modules``, built from its
    most derived subclasses that belong to ``modules``."""
    wanted = set(modules)

    def in_scope(cls: type) -> bool:
        return _addon_of(cls) in wanted and cls.__module__.startswith('odoo.addons.')

    def leaves(cls: type) -> list[type]:
        found: list[type] = []
        for sub in cls.__subclasses__():
            if in_scope(sub):
                found.extend(leaves(sub))
        if not found and in_scope(cls):
            found.append(cls)
        return found

    # controllers outside of addons are never extended
    for cls in Controller.children_classes.get('', []):
        yield cls()
    for module in modules:
        for top in Controller.children_classes.get(module, []):
            bottom = list(unique(leaves(top)))
            if bottom == [top]:
                yield top()
                continue
            extenders = ', '.join(cls.__name__ for cls in bottom if cls is not top)
            combined = type(f"{top.__name__} (extended by {extenders})", tuple(reversed(bottom)), {})
            yield combined()


def _merge_routing(controller: Controller, name: str) -> dict[str, Any]:
    merged: dict[str, Any] = {'auth': 'user', 'methods': None, 'routes': []}
    for cls in unique(reversed(type(controller).mro()[:-2])):
        if name not in cls.__dict__:
            continue
        method = getattr(cls, name)
        if not hasattr(method, 'original_routing'):
            _logger.warning("%s.%s.%s overrides a route without @route(); routing it anyway",
                            cls.__module__, cls.__name__, name)
            method = route()(method)
        own = method.original_routing
        kind = merged.setdefault('type', own.get('type', 'http'))
        if own.get('type') not in (None, kind):
            _logger.warning("%s.%s.%s cannot change the route type; keeping %r",
                            cls.__module__, cls.__name__, name, kind)
        own['type'] = kind
        auth = own.get('auth', merged['auth'])
        merged.setdefault('readonly', own.get('readonly', auth == 'none'))
        merged.update(own)
    return merged


def generate_routing_rules(modules: Iterable[str], nodb_only: bool,
                           converters: dict | None = None) -> Iterator[tuple[str, Callable]]:
    """``(url, endpoint)`` for every route of the controllers of ``modules``;
    each endpoint is the bound method carrying the merged ``routing``."""
    modules = list(modules)
    for controller in _combined_controllers(modules):
        for name, method in inspect.getmembers(controller, inspect.ismethod):
            if not any(_is_routed(cls, name) for cls in type(controller).mro()):
                continue
            merged = _merge_routing(controller, name)
            if not merged['routes']:
                _logger.warning("%s.%s has no URL; not served", type(controller).__name__, name)
                continue
            if nodb_only and merged['auth'] != 'none':
                continue
            for url in merged['routes']:
                endpoint = functools.partial(method)
                functools.update_wrapper(endpoint, method)
                endpoint.routing = merged
                yield url, endpoint


def build_map(rules: Iterable[tuple[str, Callable]], converters: dict | None = None,
              rule_class: type = werkzeug.routing.Rule) -> werkzeug.routing.Map:
    """A werkzeug ``Map`` of ``rules``; a route limited to some methods also
    answers OPTIONS (CORS preflight)."""
    url_map = werkzeug.routing.Map(strict_slashes=False, converters=converters)
    for url, endpoint in rules:
        options = submap(endpoint.routing, ROUTING_KEYS)
        if options.get('methods') is not None and 'OPTIONS' not in options['methods']:
            options['methods'] = [*options['methods'], 'OPTIONS']
        rule = rule_class(url, endpoint=endpoint, **options)
        rule.merge_slashes = False
        url_map.add(rule)
    return url_map
