"""Which databases a request may use: ``--db-filter`` (a regular expression
where ``%h`` is the request's host and ``%d`` its first label), else the
databases named by ``-d``, else every database of the server.

Listing databases asks PostgreSQL; the answer is kept a couple of seconds so
that requests without a database in their session do not pay for it each time.
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable

import psycopg2

from ..tools.config import config

# Seconds a listing of the server's databases is reused.
LIST_TTL = 2.0

_listing_lock = threading.Lock()
_listings: dict[bool, tuple[float, list[str]]] = {}


def filter_names(names: Iterable[str], host: str = '', dbfilter: str = '', db_name: str = '') -> list[str]:
    """The subset of ``names`` a request on ``host`` may use (pure)."""
    if dbfilter:
        hostname = host.partition(':')[0]
        hostname = hostname.removeprefix('www.')
        domain = hostname.partition('.')[0]
        pattern = re.compile(dbfilter.replace('%h', re.escape(hostname)).replace('%d', re.escape(domain)))
        return [name for name in names if pattern.match(name)]
    if db_name:
        exposed = {part.strip() for part in db_name.split(',') if part.strip()}
        return sorted(exposed.intersection(names))
    return list(names)


def db_filter(dbs: Iterable[str], host: str | None = None) -> list[str]:
    """Odoo's ``http.db_filter``: ``dbs`` restricted by the configuration, the
    host taken from the current request when not given."""
    if host is None:
        from .local import request
        host = request.httprequest.environ.get('HTTP_HOST', '') if request else ''
    return filter_names(dbs, host, config['dbfilter'] or '', config['db_name'] or '')


def _server_databases(force: bool) -> list[str]:
    from ..exceptions import AccessDenied
    from ..service import db as db_service
    if not force and not config['list_db']:
        raise AccessDenied()
    stamp, names = _listings.get(force, (0.0, []))
    if time.monotonic() - stamp < LIST_TTL:
        return names
    with _listing_lock:
        names = db_service.list_dbs(force)
        _listings[force] = (time.monotonic(), names)
    return names


def forget_listing() -> None:
    """Drop the cached listings (after a database is created or dropped)."""
    _listings.clear()


def db_list(force: bool = False, host: str | None = None) -> list[str]:
    """The databases this request may use; empty when PostgreSQL is unreachable."""
    try:
        names = _server_databases(force)
    except psycopg2.OperationalError:
        return []
    return db_filter(names, host)
