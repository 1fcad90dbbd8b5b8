"""Statements a cursor sends ahead: they run on a thread while its caller goes on.

A big INSERT keeps PostgreSQL busy for a while, and the process would only
wait for it. A cursor can instead hand such a statement (one that returns no
rows) to the :class:`BackgroundStatements` of its connection: a thread runs
the statements in the order given, on a second psycopg2 cursor of the same
connection, hence in the same transaction, while the caller's Python goes on
(psycopg2 releases the GIL while PostgreSQL works). The cursor waits for them
before anything else it sends, and raises the first error they met.
"""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any

_logger = logging.getLogger(__name__)

_STOP = None


class BackgroundStatements:
    """The statements sent ahead on one connection, run in order by one thread."""

    def __init__(self, connection: Any) -> None:
        self._cursor = connection.cursor()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name='odoo.sql.background', daemon=True)
        self._thread.start()

    def send(self, query: str, params: Any) -> None:
        """Queue a statement; after an error, the ones still queued are dropped
        (the transaction is aborted: they could only fail)."""
        self._jobs.put((query, params))

    def finish(self) -> BaseException | None:
        """Wait until every statement sent has run; return the first error met, if any."""
        self._jobs.put(_STOP)
        self._thread.join()
        return self._error

    def _run(self) -> None:
        try:
            while (job := self._jobs.get()) is not _STOP:
                if self._error is not None:
                    continue
                try:
                    self._cursor.execute(*job)
                except Exception as exc:  # noqa: BLE001 - raised by the cursor's next statement
                    _logger.error("bad query: %s\nERROR: %s", self._cursor.query or job[0], exc)
                    self._error = exc
        finally:
            self._cursor.close()
