"""PostgreSQL access: a pool of psycopg2 connections and the ``Cursor`` the ORM runs on.

``db_connect(dbname).cursor()`` opens a transaction (REPEATABLE READ, as Odoo)
on a pooled connection. The cursor accepts SQL text with parameters or an
``odoo.tools.sql.SQL`` object, counts its queries (``sql_log_count``), offers
savepoints, and runs the ``precommit`` / ``postcommit`` / ``prerollback`` /
``postrollback`` callbacks around commit and rollback. This is the only module
that talks to PostgreSQL.
"""
from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.extras
from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ

from .sql_background import BackgroundStatements
from .tools.config import config
from .tools.misc import Callbacks, split_every

_logger = logging.getLogger(__name__)

T = TypeVar('T')

_NEXTVAL = "SELECT nextval(%s) FROM generate_series(1, %s)"

# Return NUMERIC as float and keep text as str, as the ORM expects.
psycopg2.extensions.register_type(psycopg2.extensions.UNICODE)
psycopg2.extensions.register_type(psycopg2.extensions.UNICODEARRAY)


def _undecimalize(value: str | None, cr: Any) -> float | None:
    return None if value is None else float(value)


_NUMERIC = psycopg2.extensions.new_type((1700,), 'float', _undecimalize)
psycopg2.extensions.register_type(_NUMERIC)
psycopg2.extensions.register_type(psycopg2.extensions.new_array_type((1231,), 'float[]', _NUMERIC))



class _IdTuple:
    """A tuple of integers (``id IN %s``: thousands of ids when records are
    created or checked in bulk) quoted in one join, where psycopg2's own
    adapter adapts and quotes each item in Python; any other tuple goes to it."""

    def __init__(self, items: tuple):
        self.items = items
        self.connection = None

    def prepare(self, connection: Any) -> None:
        self.connection = connection

    def getquoted(self) -> bytes:
        items = self.items
        if items and all(item.__class__ is int for item in items):
            return b'(' + ','.join(map(str, items)).encode() + b')'
        adapter = psycopg2.extensions.SQL_IN(items)
        if self.connection is not None:
            # strings are quoted for the connection's encoding
            adapter.prepare(self.connection)
        return adapter.getquoted()


psycopg2.extensions.register_adapter(tuple, _IdTuple)

MAX_IDLE_TIMEOUT = 600  # seconds before an idle pooled connection is closed

# Total number of queries run by this process, for diagnostics.
sql_counter = 0


class PoolError(Exception):
    """The connection pool cannot give a connection (full, or a foreign connection)."""


def _sql_parts(query: Any, params: Any) -> tuple[str, Any]:
    """Split an ``SQL`` object into code and parameters; accept text + params as is."""
    code = getattr(query, 'code', None)
    if code is not None and hasattr(query, 'params') and not isinstance(query, (str, bytes)):
        if params is not None:
            raise ValueError(f"SQL object {query!r} carries its own parameters; got extra {params!r}")
        return code, query.params
    return query, params


class Savepoint:
    """A named savepoint: released on success, rolled back (then released) on error.

    ``rollback()`` may be called any number of times inside the block;
    ``close(rollback=...)`` ends it early.
    """

    def __init__(self, cr: BaseCursor) -> None:
        self.name = str(uuid.uuid1())
        self._cr = cr
        self.closed = False
        cr.execute(f'SAVEPOINT "{self.name}"')

    def __enter__(self) -> Savepoint:
        return self

    def __exit__(self, exc_type, exc_val, exc_tb) -> None:
        self.close(rollback=exc_type is not None)

    def close(self, *, rollback: bool = True) -> None:
        if not self.closed:
            self._close(rollback)

    def rollback(self) -> None:
        # what still runs in the background is undone with the rest
        self._join_background(raise_error=False)
        self._cr.execute(f'ROLLBACK TO SAVEPOINT "{self.name}"')

    def _join_background(self, raise_error: bool) -> None:
        # a TestCursor's own savepoint is on a bare psycopg2 cursor: the TestCursor joins
        if isinstance(self._cr, BaseCursor):
            self._cr.join_background(raise_error)

    def _close(self, rollback: bool) -> None:
        try:
            if not rollback:
                # an error met in the background belongs to the block: it is undone, then raised
                self._join_background(raise_error=True)
        except Exception:
            rollback = True
            raise
        finally:
            if rollback:
                self.rollback()
            self._cr.execute(f'RELEASE SAVEPOINT "{self.name}"')
            self.closed = True


class _FlushingSavepoint(Savepoint):
    """A savepoint that flushes the ORM before and at the end, and clears it on rollback."""

    def __init__(self, cr: BaseCursor) -> None:
        cr.flush()
        super().__init__(cr)

    def rollback(self) -> None:
        self._cr.clear()
        super().rollback()

    def _close(self, rollback: bool) -> None:
        try:
            if not rollback:
                self._cr.flush()
        except Exception:
            rollback = True
            raise
        finally:
            super()._close(rollback)


class BaseCursor:
    """What every cursor shares: the commit/rollback callbacks and the ORM transaction slot."""

    def __init__(self) -> None:
        self.precommit = Callbacks()
        self.postcommit = Callbacks()
        self.prerollback = Callbacks()
        self.postrollback = Callbacks()
        # Set by registry.cursor() to the ORM's Transaction; None for a bare cursor.
        self.transaction: Any = None

    def flush(self) -> None:
        """Flush the ORM's pending updates, then run the precommit callbacks."""
        if self.transaction is not None:
            self.transaction.flush()
        self.precommit.run()

    def clear(self) -> None:
        """Forget the ORM's pending updates and the precommit callbacks."""
        if self.transaction is not None:
            self.transaction.clear()
        self.precommit.clear()

    def reset(self) -> None:
        """Invalidate the ORM's caches; only right after commit() or rollback()."""
        if self.transaction is not None:
            self.transaction.reset()

    def join_background(self, raise_error: bool = True) -> None:
        """Wait for the statements sent with ``execute_in_background``; raise the
        first error they met unless ``raise_error`` is false (before a rollback)."""

    def savepoint(self, flush: bool = True) -> Savepoint:
        """A savepoint context manager; with ``flush`` the ORM is flushed/cleared around it."""
        return _FlushingSavepoint(self) if flush else Savepoint(self)

    def split_for_in_conditions(self, ids: Iterable[T], size: int = 0) -> Iterator[tuple[T, ...]]:
        """Chunks of ``ids`` small enough for ``IN`` conditions."""
        return split_every(size or self.IN_MAX, ids)

    IN_MAX = 1000

    def __enter__(self) -> BaseCursor:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        """``with cr:`` commits on success and always closes."""
        try:
            if exc_type is None:
                self.commit()
        finally:
            self.close()


class Cursor(BaseCursor):
    """A transaction on a pooled connection, wrapping a psycopg2 cursor.

    Unknown attributes (``fetchone``, ``rowcount``, ``description``, ``query``...)
    are those of the psycopg2 cursor.
    """

    def __init__(self, pool: ConnectionPool, dbname: str, dsn: dict) -> None:
        super().__init__()
        self.sql_log_count = 0
        # Set before anything can fail so that __del__ never touches a half-built cursor.
        self._closed = True
        self._pool = pool
        self.dbname = dbname
        self._dsn = dsn
        self._background: BackgroundStatements | None = None
        self._cnx = pool.borrow(dsn)
        self._obj = self._cnx.cursor()
        self._closed = False
        self._cnx.set_isolation_level(ISOLATION_LEVEL_REPEATABLE_READ)
        self._cnx.set_session(readonly=pool.readonly)
        self.cache: dict = {}
        self._now: datetime | None = None

    # --- fetching as dicts ---------------------------------------------------

    def _row_dict(self, row: tuple) -> dict[str, Any]:
        return {column.name: row[i] for i, column in enumerate(self._obj.description)}

    def dictfetchone(self) -> dict[str, Any] | None:
        row = self._obj.fetchone()
        return row and self._row_dict(row)

    def dictfetchmany(self, size: int) -> list[dict[str, Any]]:
        return [self._row_dict(row) for row in self._obj.fetchmany(size)]

    def dictfetchall(self) -> list[dict[str, Any]]:
        return [self._row_dict(row) for row in self._obj.fetchall()]

    # --- executing -----------------------------------------------------------

    def mogrify(self, query: Any, params: Any = None) -> bytes:
        """The query as PostgreSQL would receive it (for logs and messages)."""
        query, params = _sql_parts(query, params)
        return self._obj.mogrify(query, params)

    def execute(self, query: Any, params: Any = None, log_exceptions: bool = True) -> None:
        """Run ``query`` (text with ``%s`` placeholders and ``params``, or an ``SQL`` object)."""
        query, params = _sql_parts(query, params)
        if params and not isinstance(params, (tuple, list, dict)):
            raise ValueError(f"SQL query parameters should be a tuple, list or dict; got {params!r}")
        if self._background is not None:
            self.join_background()
        start = time.time()
        try:
            self._obj.execute(query, params or None)
        except Exception as exc:
            if log_exceptions:
                _logger.error("bad query: %s\nERROR: %s", self._obj.query or query, exc)
            raise
        finally:
            delay = time.time() - start
            if _logger.isEnabledFor(logging.DEBUG):
                _logger.debug("[%.3f ms] query: %s", 1000 * delay, self._obj.query or query)
        self._count(query, params, start, delay)

    def _count(self, query: str, params: Any, start: float, delay: float) -> None:
        global sql_counter  # noqa: PLW0603 - a process-wide diagnostic counter
        self.sql_log_count += 1
        sql_counter += 1
        thread = threading.current_thread()
        if hasattr(thread, 'query_count'):
            thread.query_count += 1
            thread.query_time += delay
        for hook in getattr(thread, 'query_hooks', ()):
            hook(self, query, params, start, delay)

    def execute_in_background(self, query: Any, params: Any = None) -> None:
        """Send a statement that returns no rows and go on without waiting for it.

        The statements sent so run in order, in this transaction; anything
        else this cursor does first waits for them and raises the first error
        they met (see :mod:`odoo.sql_background`). They are counted (and shown
        to the query hooks, with no delay) when sent.
        """
        query, params = _sql_parts(query, params)
        if self._background is None:
            self._background = BackgroundStatements(self._cnx)
        self._background.send(query, params)
        self._count(query, params, time.time(), 0.0)

    @property
    def background_pending(self) -> bool:
        """Whether statements sent with ``execute_in_background`` may still be running."""
        return self._background is not None

    def join_background(self, raise_error: bool = True) -> None:
        background, self._background = self._background, None
        if background is not None:
            error = background.finish()
            if error is not None and raise_error:
                raise error

    def reserve_sequence_values(self, sequence: str, count: int) -> list[int]:
        """``count`` new values of ``sequence``, ascending.

        A sequence is outside transactions: while statements run in the
        background on this cursor's connection, the values are taken on
        another connection instead of waiting for them (unless the sequence
        is this transaction's own, which no other connection sees yet).
        """
        values = self._sequence_values_aside(sequence, count) if self._background is not None else None
        if values is None:
            self.execute(_NEXTVAL, (sequence, count))
            values = sorted(row[0] for row in self._obj.fetchall())
        return values

    def _sequence_values_aside(self, sequence: str, count: int) -> list[int] | None:
        """The values taken on another connection of the pool; None where they
        cannot be (no connection to spare, or a sequence made by this
        transaction, which no other connection sees yet)."""
        try:
            connection = self._pool.borrow(self._dsn)
        except (PoolError, psycopg2.Error):
            return None
        values, keep = None, True
        try:
            with connection.cursor() as side:
                side.execute(_NEXTVAL, (sequence, count))
                values = sorted(row[0] for row in side.fetchall())
        except psycopg2.Error:
            pass
        finally:
            try:
                # ends its snapshot now rather than when the pool lends it again
                connection.rollback()
            except psycopg2.Error:
                keep = False
            self._pool.give_back(connection, keep_in_pool=keep)
        if values is not None:
            self._count(_NEXTVAL, (sequence, count), time.time(), 0.0)
        return values

    def execute_values(self, query: Any, argslist: Iterable, template: str | None = None,
                       page_size: int = 100, fetch: bool = False) -> list | None:
        """``psycopg2.extras.execute_values`` through this cursor (so queries are counted)."""
        if not isinstance(query, str):
            query, params = _sql_parts(query, None)
            if params:
                raise ValueError("execute_values takes a query without parameters")
        return psycopg2.extras.execute_values(self, query, argslist, template=template,
                                              page_size=page_size, fetch=fetch)

    # --- transaction ---------------------------------------------------------

    def commit(self) -> None:
        """Flush the ORM, COMMIT, then run the postcommit callbacks."""
        self.flush()
        self.join_background()
        self._cnx.commit()
        self.clear()
        self._now = None
        self.prerollback.clear()
        self.postrollback.clear()
        self.postcommit.run()

    def rollback(self) -> None:
        """Drop the ORM's pending work, ROLLBACK, then run the postrollback callbacks."""
        self.clear()
        self.postcommit.clear()
        self.prerollback.run()
        self.join_background(raise_error=False)
        self._cnx.rollback()
        self._now = None
        self.postrollback.run()

    def close(self) -> None:
        """Roll back what is not committed and give the connection back to the pool."""
        if not self.closed:
            self._close(False)

    def _close(self, leak: bool) -> None:
        if self._closed:
            return
        self.cache = {}
        self._obj.close()
        self.rollback()
        self._closed = True
        if leak:
            self._cnx.leaked = True
        else:
            keep = self.dbname not in ('template0', 'template1', 'postgres', config['db_template'])
            self._pool.give_back(self._cnx, keep_in_pool=keep)

    def __del__(self) -> None:
        if not getattr(self, '_closed', True) and not self._cnx.closed:
            _logger.warning("Cursor on database %r not closed explicitly", self.dbname)
            self._close(True)

    def __getattr__(self, name: str) -> Any:
        if name == '_obj':
            # only reached when the constructor failed before opening the cursor
            raise psycopg2.InterfaceError("Cursor not opened")
        return getattr(self._obj, name)

    @property
    def closed(self) -> bool:
        return self._closed or bool(self._cnx.closed)

    @property
    def readonly(self) -> bool:
        return bool(self._pool.readonly)

    @property
    def connection(self) -> psycopg2.extensions.connection:
        return self._cnx

    def now(self) -> datetime:
        """The transaction's timestamp, ``now() AT TIME ZONE 'UTC'`` (naive, UTC)."""
        if self._now is None:
            self.execute("SELECT (now() AT TIME ZONE 'UTC')")
            self._now = self.fetchone()[0]
        return self._now


class TestCursor(BaseCursor):
    """A cursor for tests over a real one, simulating commit/rollback with a savepoint.

    Used by HTTP tests: requests commit into a savepoint of the test's
    transaction, which the test finally rolls back.
    """
    _cursors_stack: list[TestCursor] = []

    def __init__(self, cursor: BaseCursor, lock: Any, readonly: bool = False, current_test: Any = None) -> None:
        super().__init__()
        self.current_test = current_test
        self._now: datetime | None = None
        self._closed = False
        self._cursor = cursor
        self.readonly = readonly
        self._lock = lock
        self._lock.acquire()
        self._cursors_stack.append(self)
        self._savepoint: Savepoint | None = None

    def _check_savepoint(self) -> None:
        if not self._savepoint:
            # On the raw psycopg2 cursor so that test plumbing stays out of query counts.
            self._savepoint = Savepoint(self._cursor._obj)
            if self.readonly:
                self._cursor._obj.execute('SET TRANSACTION READ ONLY')

    def execute(self, *args: Any, **kwargs: Any) -> None:
        if self._closed:
            raise psycopg2.InterfaceError("Cannot use a closed cursor")
        self._check_savepoint()
        return self._cursor.execute(*args, **kwargs)

    def execute_in_background(self, *args: Any, **kwargs: Any) -> None:
        if self._closed:
            raise psycopg2.InterfaceError("Cannot use a closed cursor")
        self._check_savepoint()
        self._cursor.execute_in_background(*args, **kwargs)

    def join_background(self, raise_error: bool = True) -> None:
        self._cursor.join_background(raise_error)

    def close(self) -> None:
        if self._closed:
            return
        try:
            self.rollback()
            if self._savepoint:
                self._savepoint.close(rollback=False)
        finally:
            self._closed = True
            top = self._cursors_stack.pop()
            if top is not self:
                _logger.warning("Found different un-closed cursor when closing %s: %s", self, top)
            self._lock.release()

    def commit(self) -> None:
        self.flush()
        self._cursor.join_background()
        if self._savepoint:
            self._savepoint.close(rollback=self.readonly)
            self._savepoint = None
        self.clear()
        self.prerollback.clear()
        self.postrollback.clear()
        # Post-commit work (mails, bus...) must not leak out of a test.
        self.postcommit.clear()

    def rollback(self) -> None:
        self.clear()
        self.postcommit.clear()
        self.prerollback.run()
        self._cursor.join_background(raise_error=False)
        if self._savepoint:
            self._savepoint.close(rollback=True)
            self._savepoint = None
        self.postrollback.run()

    @property
    def closed(self) -> bool:
        return self._closed

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def now(self) -> datetime:
        if self._now is None:
            self._now = datetime.now()
        return self._now


class ConnectionPool:
    """Open psycopg2 connections, reused across cursors; keyed by connection parameters."""

    def __init__(self, maxconn: int = 64, readonly: bool = False) -> None:
        self._connections: list[list] = []      # [connection, in use, last use time]
        self._maxconn = max(maxconn, 1)
        self._readonly = readonly
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        used = sum(1 for _cnx, in_use, _t in self._connections if in_use)
        mode = 'read-only' if self._readonly else 'read/write'
        return f"ConnectionPool({mode};used={used}/count={len(self._connections)}/max={self._maxconn})"

    @property
    def readonly(self) -> bool:
        return self._readonly

    def borrow(self, connection_info: dict) -> psycopg2.extensions.connection:
        """A free connection for ``connection_info``, opening one if needed."""
        with self._lock:
            now = time.time()
            for i in range(len(self._connections) - 1, -1, -1):
                cnx, used, last_used = self._connections[i]
                if not used and not cnx.closed and now - last_used > MAX_IDLE_TIMEOUT:
                    cnx.close()
                if cnx.closed:
                    self._connections.pop(i)
                    continue
                if getattr(cnx, 'leaked', False):
                    delattr(cnx, 'leaked')
                    self._connections[i][1] = False
            for entry in self._connections:
                cnx, used, _last = entry
                if not used and _dsn_equals(cnx.dsn, connection_info):
                    try:
                        cnx.reset()
                    except psycopg2.OperationalError:
                        if not cnx.closed:
                            cnx.close()
                        continue
                    entry[1] = True
                    return cnx
            if len(self._connections) >= self._maxconn:
                for i, (cnx, used, _last) in enumerate(self._connections):
                    if not used:
                        self._connections.pop(i)
                        if not cnx.closed:
                            cnx.close()
                        break
                else:
                    raise PoolError(f"The connection pool is full ({self._maxconn} connections in use)")
            try:
                cnx = psycopg2.connect(**connection_info)
            except psycopg2.Error as exc:
                target = {k: v for k, v in connection_info.items() if k != 'password'}
                _logger.info("Connection to the database failed (%s): %s", target, exc)
                raise
            self._connections.append([cnx, True, 0])
            return cnx

    def give_back(self, connection: psycopg2.extensions.connection, keep_in_pool: bool = True) -> None:
        with self._lock:
            for i, entry in enumerate(self._connections):
                if entry[0] is connection:
                    if keep_in_pool:
                        entry[1] = False
                        entry[2] = time.time()
                    else:
                        self._connections.pop(i)
                        connection.close()
                    return
            raise PoolError("This connection does not belong to the pool")

    def close_all(self, dsn: dict | str | None = None) -> None:
        """Close the pooled connections (to ``dsn`` only, if given)."""
        with self._lock:
            count = 0
            for i in range(len(self._connections) - 1, -1, -1):
                cnx = self._connections[i][0]
                if dsn is None or _dsn_equals(cnx.dsn, dsn):
                    cnx.close()
                    self._connections.pop(i)
                    count += 1
            if count:
                _logger.info("%r: closed %d connections", self, count)


def _dsn_equals(dsn1: dict | str, dsn2: dict | str) -> bool:
    """Whether two connection specs (dicts or DSN strings) reach the same database as the same user."""
    def normal(dsn: dict | str) -> dict[str, str]:
        items = psycopg2.extensions.parse_dsn(dsn) if isinstance(dsn, str) else dsn
        return {('database' if key == 'dbname' else key): str(value)
                for key, value in items.items() if key != 'password'}
    return normal(dsn1) == normal(dsn2)


class Connection:
    """A handle on one database through the pool; ``.cursor()`` opens a transaction."""

    def __init__(self, pool: ConnectionPool, dbname: str, dsn: dict) -> None:
        self.__dbname = dbname
        self.__dsn = dsn
        self.__pool = pool

    @property
    def dsn(self) -> dict:
        dsn = dict(self.__dsn)
        dsn.pop('password', None)
        return dsn

    @property
    def dbname(self) -> str:
        return self.__dbname

    def cursor(self) -> Cursor:
        return Cursor(self.__pool, self.__dbname, self.__dsn)

    def __bool__(self) -> bool:
        raise NotImplementedError("a Connection has no truth value")


def connection_info_for(db_or_uri: str, readonly: bool = False) -> tuple[str, dict]:
    """``(dbname, psycopg2 connect kwargs)`` for a database name or a postgres:// URI.

    Host, port, user and password come from the configuration; with no
    ``db_host`` configured, the embedded cluster's socket is used.
    """
    app_name = os.environ.get('ODOO_PGAPPNAME', 'odoo-{pid}').replace('{pid}', str(os.getpid()))[:63]
    if db_or_uri.startswith(('postgresql://', 'postgres://')):
        parsed = psycopg2.extensions.parse_dsn(db_or_uri)
        dbname = parsed.get('dbname') or parsed.get('user') or parsed.get('host') or ''
        return dbname, {'dsn': db_or_uri, 'application_name': app_name}
    info: dict[str, Any] = {'database': db_or_uri, 'application_name': app_name}
    for key in ('host', 'port', 'user', 'password', 'sslmode'):
        value = config.get('db_' + key)
        if readonly:
            value = config.get('db_replica_' + key) or value
        if value:
            info[key] = value
    if not config.get('db_host'):
        from .service import embedded_pg
        info.update(embedded_pg.connection_params())
    return db_or_uri, info


_Pool: ConnectionPool | None = None
_Pool_readonly: ConnectionPool | None = None


def db_connect(to: str, allow_uri: bool = False, readonly: bool = False) -> Connection:
    """A :class:`Connection` to database ``to`` (a name; a URI when ``allow_uri``)."""
    global _Pool, _Pool_readonly  # noqa: PLW0603 - process-wide pools, as in Odoo
    maxconn = int(config.get('db_maxconn') or 64)
    if readonly and _Pool_readonly is None:
        _Pool_readonly = ConnectionPool(maxconn, readonly=True)
    if not readonly and _Pool is None:
        _Pool = ConnectionPool(maxconn, readonly=False)
    db, info = connection_info_for(to, readonly)
    if not allow_uri and db != to:
        raise ValueError(f"URI connections not allowed: {to!r}")
    pool = _Pool_readonly if readonly else _Pool
    assert pool is not None
    return Connection(pool, db, info)


def close_db(db_name: str) -> None:
    """Close the pooled connections to ``db_name`` (before dropping or copying it)."""
    for pool in (_Pool, _Pool_readonly):
        if pool:
            pool.close_all(connection_info_for(db_name)[1])


def close_all() -> None:
    """Close every pooled connection."""
    for pool in (_Pool, _Pool_readonly):
        if pool:
            pool.close_all()
