"""``ormcache``: memoize model methods in the registry's caches (Odoo 18 semantics).

The arguments of ``@ormcache('model_name', 'mode')`` are Python expressions
over the method's parameters; their values, prefixed by the model name and the
method, form the key into ``model.pool._caches[cache]`` (a dict per cache name
that the Registry owns). ``registry.clear_cache('default')`` empties it.
Cached methods must never return recordsets: their cursor will be closed.
"""
from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict
from collections.abc import Callable
from inspect import Parameter, signature
from typing import Any

_logger = logging.getLogger(__name__)


class ormcache_counter:
    """Hit/miss statistics of one cached method on one database."""
    __slots__ = ['cache_name', 'err', 'gen_time', 'hit', 'miss']

    def __init__(self) -> None:
        self.hit = 0
        self.miss = 0
        self.err = 0
        self.gen_time = 0.0
        self.cache_name: str | None = None

    @property
    def ratio(self) -> float:
        return 100.0 * self.hit / (self.hit + self.miss or 1)


STAT: defaultdict[tuple, ormcache_counter] = defaultdict(ormcache_counter)


def _registry_cache(registry: Any, name: str) -> dict:
    caches = getattr(registry, '_caches', None)
    if caches is None:
        caches = registry._Registry__caches
    return caches[name]


def _parameters(method: Callable) -> tuple[str, dict[str, Any]]:
    """The method's parameter list as source text, and the namespace holding its
    defaults: the key function must accept the same calls as the method."""
    defaults: dict[str, Any] = {}
    parts = []
    starred = False
    for index, param in enumerate(signature(method).parameters.values()):
        param = param.replace(annotation=Parameter.empty)
        if param.kind is Parameter.VAR_POSITIONAL:
            starred = True
        elif param.kind is Parameter.KEYWORD_ONLY and not starred:
            parts.append('*')
            starred = True
        if param.default is not Parameter.empty:
            name = f'_default_{index}'
            defaults[name] = param.default
            parts.append(str(param.replace(default=Parameter.empty)) + '=' + name)
        else:
            parts.append(str(param))
    return ', '.join(parts), defaults


class ormcache:
    """Decorator caching a model method's result per (model, method, key expressions).

    ``cache`` names the registry cache ('default', 'assets', 'templates',
    'routing', 'groups', 'stable'...). ``skiparg=n`` (legacy) keys on the
    positional arguments after the first ``n``.
    """

    def __init__(self, *args: str, cache: str = 'default', skiparg: int | None = None) -> None:
        self.args = args
        self.skiparg = skiparg
        self.cache_name = cache
        self.method: Callable | None = None
        self.key: Callable[..., tuple] = lambda *a, **k: ()

    def __call__(self, method: Callable) -> Callable:
        self.method = method
        self.determine_key()

        @functools.wraps(method)
        def lookup(*args: Any, **kwargs: Any) -> Any:
            return self.lookup(method, *args, **kwargs)

        lookup.__cache__ = self  # type: ignore[attr-defined]
        return lookup

    def determine_key(self) -> None:
        """Build the function mapping the call's arguments to the key tuple."""
        if self.skiparg is not None:
            skip = self.skiparg
            self.key = lambda *args, **kwargs: args[skip:]
            return
        self.key = self._compile_key(', '.join(self.args) + ',' if self.args else '')

    def _compile_key(self, tuple_body: str) -> Callable[..., tuple]:
        # The key expressions are written by developers in decorators, never by users.
        params, defaults = _parameters(self.method)
        source = f"lambda {params}: ({tuple_body})"
        return eval(compile(source, f'<ormcache key of {self.method.__qualname__}>', 'eval'), defaults)

    def lru(self, model: Any) -> tuple[dict, tuple, ormcache_counter]:
        counter = STAT[(model.pool.db_name, model._name, self.method)]
        return _registry_cache(model.pool, self.cache_name), (model._name, self.method), counter

    def lookup(self, method: Callable, *args: Any, **kwargs: Any) -> Any:
        cache, key0, counter = self.lru(args[0])
        key = key0 + self.key(*args, **kwargs)
        try:
            value = cache[key]
            counter.hit += 1
            return value
        except KeyError:
            counter.miss += 1
            counter.cache_name = self.cache_name
            start = time.time()
            value = cache[key] = method(*args, **kwargs)
            counter.gen_time += time.time() - start
            return value
        except TypeError:
            _logger.warning("cache lookup error on %r", key, exc_info=True)
            counter.err += 1
            return method(*args, **kwargs)

    def add_value(self, *args: Any, cache_value: Any = None, **kwargs: Any) -> None:
        """Store ``cache_value`` as the result of the call with ``args``."""
        cache, key0, counter = self.lru(args[0])
        counter.cache_name = self.cache_name
        cache[key0 + self.key(*args, **kwargs)] = cache_value


class ormcache_context(ormcache):
    """``ormcache`` whose key also holds the values of context ``keys``.

    The context is the method's ``context`` parameter when it has one, else
    ``self.env.context``.
    """

    def __init__(self, *args: str, keys: tuple[str, ...] | list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = tuple(keys)

    def determine_key(self) -> None:
        if self.skiparg is not None:
            raise TypeError("ormcache_context() does not support skiparg")
        has_context = 'context' in signature(self.method).parameters
        context = "(context or {})" if has_context else "self.env.context"
        keys_expr = f"tuple({context}.get(k) for k in {self.keys!r})"
        body = ', '.join((*self.args, keys_expr)) + ','
        self.key = self._compile_key(body)


def get_cache_key_counter(bound_method: Any, *args: Any, **kwargs: Any) -> tuple[dict, tuple, ormcache_counter]:
    """The cache, key and counter of the call ``bound_method(*args, **kwargs)``."""
    model = bound_method.__self__
    decorator: ormcache = bound_method.__cache__
    cache, key0, counter = decorator.lru(model)
    return cache, key0 + decorator.key(model, *args, **kwargs), counter


def log_ormcache_stats(sig: Any = None, frame: Any = None) -> None:
    """Log the hit/miss statistics of every cached method."""
    lines = ['Caches stats:']
    for (dbname, model, method), stat in sorted(
            STAT.items(), key=lambda item: (item[0][0] or '~', item[0][1], item[0][2].__name__)):
        lines.append(f"{(stat.cache_name or '').rjust(25)}, {stat.hit:6d} hit, {stat.miss:6d} miss, "
                     f"{stat.err:6d} err, {stat.gen_time:10.3f}s time, {stat.ratio:6.1f}% ratio "
                     f"for {dbname or '<no_db>'} {model}.{method.__name__}")
    _logger.info('\n'.join(lines))


cache = ormcache
