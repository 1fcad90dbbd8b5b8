"""Keeping the registries of several server processes in step (``--workers``
and the scheduled-actions process): two PostgreSQL sequences count the
changes — ``base_registry_signaling`` (models changed: reload the registry)
and ``base_cache_signaling`` (ormcaches cleared: clear them too). A process
bumps a sequence after committing such a change; every process compares the
sequences with what it last saw before serving a request.

With a single process there is nobody to tell: everything here is then a
no-op, and costs nothing."""
from __future__ import annotations

import logging
import threading
from typing import Any

from ..tools.config import config

_logger = logging.getLogger(__name__)

REGISTRY_SEQUENCE = 'base_registry_signaling'
CACHE_SEQUENCE = 'base_cache_signaling'

# database -> (registry sequence, cache sequence) as this process last saw them
_seen: dict[str, tuple[int, int]] = {}
_lock = threading.Lock()
_state = {'multi_process': False}


def enable(flag: bool = True) -> None:
    """Turn signalling on (called by the prefork server before forking)."""
    _state['multi_process'] = flag


def is_enabled() -> bool:
    return _state['multi_process'] or bool(config['workers'])


def _read(cr: Any) -> tuple[int, int]:
    # a fresh sequence reports last_value 1 before and after its first nextval: count is_called in
    def counter(name: str) -> str:
        return f"(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {name})"
    cr.execute(f"SELECT {counter(REGISTRY_SEQUENCE)}, {counter(CACHE_SEQUENCE)}")
    registry_value, cache_value = cr.fetchone()
    return registry_value, cache_value


def setup(registry: Any) -> None:
    """Create the sequences of ``registry``'s database if needed and remember their values."""
    if not is_enabled():
        return
    with registry.cursor() as cr:
        for name in (REGISTRY_SEQUENCE, CACHE_SEQUENCE):
            cr.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} INCREMENT BY 1 START WITH 1")
        cr.commit()
        with _lock:
            _seen[registry.db_name] = _read(cr)


def check(registry: Any, cr: Any) -> Any:
    """The up-to-date registry of ``cr``'s database: reloaded when another
    process changed the models, caches cleared when it cleared its own."""
    if not is_enabled() or registry.in_test_mode():
        return registry
    db_name = registry.db_name
    if db_name not in _seen:
        setup(registry)
        return registry
    current = _read(cr)
    known = _seen[db_name]
    if current == known:
        return registry
    with _lock:
        known = _seen[db_name]
        if current[0] != known[0]:
            from ..modules.registry import Registry
            _logger.info("database %s: models changed in another process, reloading the registry", db_name)
            registry = Registry.new(db_name)
        elif current[1] != known[1]:
            _logger.info("database %s: caches cleared in another process, clearing ours", db_name)
            registry.clear_all_caches()
        registry.forget_changes()
        _seen[db_name] = current
    return registry


def signal(registry: Any) -> None:
    """Tell the other processes what this one changed (after a commit)."""
    if is_enabled() and (registry.registry_invalidated or registry.cache_invalidated):
        if registry.db_name not in _seen:
            setup(registry)
        with registry.cursor() as cr:
            if registry.registry_invalidated:
                cr.execute(f"SELECT nextval('{REGISTRY_SEQUENCE}')")
            if registry.cache_invalidated:
                cr.execute(f"SELECT nextval('{CACHE_SEQUENCE}')")
            cr.commit()
            with _lock:
                _seen[registry.db_name] = _read(cr)
    registry.forget_changes()
