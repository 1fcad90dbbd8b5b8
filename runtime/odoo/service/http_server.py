"""Serving HTTP: one threaded process by default, or with ``--workers N``
a gunicorn arbiter forking N worker processes plus one process that runs
the scheduled actions (``ir.cron``) of the served databases.

Before anything is forked the databases are loaded (so every worker starts
with warm registries) and the connection pool is emptied (a PostgreSQL
connection must never be shared between processes).
"""
from __future__ import annotations

import logging
import os
import select
import signal
import threading
import time
from typing import Any

from ..tools.config import config

_logger = logging.getLogger(__name__)

# Seconds between two passes of the scheduled-actions runner, and before the
# first one (the server's first requests go first).
CRON_INTERVAL = 60
CRON_FIRST_DELAY = 5
# Threads of each gunicorn worker: gthread workers keep client connections
# alive (sync workers reconnect for every request, which measured 3-5 times
# slower on RPC loads); a few threads overlap the waits on PostgreSQL.
WORKER_THREADS = 4
# Seconds an idle client connection stays open (gunicorn closes it after 2
# by default): people act every few seconds, and a closed connection costs
# them a new one, which a worker busy with requests accepts late.
KEEPALIVE = 30


def load_server_wide_modules() -> None:
    """Import the server-wide modules (``--load``, default ``base,web``): their
    controllers serve requests even without a database."""
    from ..modules import module
    module.initialize_sys_path()
    for name in (config['server_wide_modules'] or '').split(','):
        name = name.strip()
        if not name:
            continue
        try:
            module.load_openerp_module(name)
        except Exception:
            _logger.exception("could not load server-wide module %r", name)


def _cron_databases(preload: list[str]) -> list[str]:
    if preload:
        return preload
    from ..httpd.databases import db_list
    try:
        return db_list(force=True, host='')
    except Exception:  # noqa: BLE001 - no database server yet: nothing to run
        return []


def run_cron_pass(dbnames: list[str]) -> None:
    """Run the due scheduled actions of each database once (base's runner
    never runs a job twice at once, even across processes)."""
    from ..modules.registry import Registry
    from . import signaling
    for dbname in dbnames:
        try:
            registry = Registry(dbname)
            with registry.cursor() as cr:
                registry = signaling.check(registry, cr)
            if 'ir.cron' not in registry:
                continue
            threading.current_thread().dbname = dbname
            registry['ir.cron']._process_jobs(dbname)
            signaling.signal(registry)
        except Exception:
            _logger.exception("scheduled actions of database %r failed", dbname)


def _trigger_listener() -> Any:
    """A connection LISTENing on ``cron_trigger``, where ``ir.cron._notifydb`` tells that a
    job was triggered for now; None when the ``postgres`` database cannot be reached."""
    import psycopg2

    from ..sql_db import connection_info_for
    try:
        _db, info = connection_info_for('postgres')
        listener = psycopg2.connect(**info)
        listener.autocommit = True
        listener.cursor().execute("LISTEN cron_trigger")
    except psycopg2.Error as exc:
        _logger.info("scheduled actions: no wake-up on triggers (%s); every %s s only", exc, CRON_INTERVAL)
        return None
    return listener


def _wait_for_jobs(listener: Any, stop: threading.Event) -> None:
    """Wait ``CRON_INTERVAL`` seconds, or less when a job is triggered or ``stop`` is set."""
    if listener is None:
        stop.wait(CRON_INTERVAL)
        return
    deadline = time.monotonic() + CRON_INTERVAL
    while not stop.is_set() and time.monotonic() < deadline:
        # short slices, so that a stop is seen within a second
        if select.select([listener], [], [], min(1.0, max(0.0, deadline - time.monotonic())))[0]:
            listener.poll()
            if listener.notifies:
                listener.notifies.clear()
                return


def cron_loop(preload: list[str], stop: threading.Event | None = None) -> None:
    """Run :func:`run_cron_pass` every ``CRON_INTERVAL`` seconds, and at once when a job is
    triggered for now, until ``stop``."""
    stop = stop or threading.Event()
    stop.wait(CRON_FIRST_DELAY)
    listener = _trigger_listener()
    try:
        while not stop.is_set():
            run_cron_pass(_cron_databases(preload))
            _wait_for_jobs(listener, stop)
    finally:
        if listener is not None:
            listener.close()


def _cron_process_main(preload: list[str]) -> None:
    from .. import sql_db
    sql_db.close_all()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _logger.info("scheduled actions runner started (pid %s)", os.getpid())
    cron_loop(preload, stop)


def _listen_address() -> tuple[str, int]:
    return config['http_interface'] or '0.0.0.0', int(config['http_port'])


# -- one threaded process ------------------------------------------------------------


class ThreadedServer:
    """werkzeug's threaded WSGI server plus scheduled-action threads."""

    def __init__(self, application: Any, preload: list[str]) -> None:
        self.application = application
        self.preload = preload
        self.server = None
        self.stop_event = threading.Event()

    def run(self) -> int:
        from werkzeug.serving import make_server
        interface, port = _listen_address()
        self.server = make_server(interface, port, self.application, threaded=True)
        _logger.info("HTTP service (werkzeug, threaded) running on %s:%s", interface, self.server.port)
        if int(config['max_cron_threads'] or 0) > 0:
            # one runner thread: base's runner takes the due jobs one by one anyway
            threading.Thread(target=cron_loop, args=(self.preload, self.stop_event),
                             name="odoo.service.cron.cron0", daemon=True).start()
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.server.serve_forever()
        finally:
            self.stop_event.set()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.server.server_close()
        return 0

    def _on_signal(self, signum: int, frame: Any) -> None:
        _logger.info("signal %s received: stopping the HTTP service", signum)
        self.stop_event.set()
        # shutdown() waits for serve_forever to return: never call it from its own thread
        threading.Thread(target=self.server.shutdown, daemon=True).start()


# -- gunicorn prefork --------------------------------------------------------------


def _gunicorn_application(application: Any, options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class OdooGunicorn(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    return OdooGunicorn()


class PreforkServer:
    """gunicorn's arbiter with ``--workers`` threaded workers, and one process
    running the scheduled actions."""

    def __init__(self, application: Any, preload: list[str]) -> None:
        self.application = application
        self.preload = preload
        self.cron_pid: int | None = None
        self.master_pid = os.getpid()

    def _start_cron(self) -> None:
        if int(config['max_cron_threads'] or 0) <= 0:
            return
        pid = os.fork()
        if pid == 0:
            # the child: run the scheduled actions until told to stop
            status = 0
            try:
                _cron_process_main(self.preload)
            except BaseException:  # report, then leave without running the parent's cleanup
                _logger.exception("the scheduled actions runner failed")
                status = 1
            finally:
                os._exit(status)
        self.cron_pid = pid

    def _stop_cron(self) -> None:
        if self.cron_pid is None or os.getpid() != self.master_pid:
            return
        pid, self.cron_pid = self.cron_pid, None
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def run(self) -> int:
        from .. import sql_db
        from ..modules.registry import Registry
        from . import signaling
        interface, port = _listen_address()
        workers = int(config['workers'])
        timeout = int(config['limit_time_real'] or 120)
        signaling.enable()
        for dbname in self.preload:
            signaling.setup(Registry(dbname))
        # forked processes must open their own connections
        sql_db.close_all()
        self._start_cron()

        def post_fork(server: Any, worker: Any) -> None:
            sql_db.close_all()

        def on_exit(server: Any) -> None:
            self._stop_cron()

        options = {
            'bind': f"{interface}:{port}",
            'workers': workers,
            'worker_class': 'gthread',
            'threads': WORKER_THREADS,
            'timeout': timeout,
            'graceful_timeout': 10,
            'keepalive': KEEPALIVE,
            'max_requests': int(config['limit_request'] or 0),
            'max_requests_jitter': 64,
            'accesslog': None,
            'control_socket_disable': True,
            'post_fork': post_fork,
            'on_exit': on_exit,
            'proc_name': 'odoo',
        }
        _logger.info("HTTP service (gunicorn, %d workers) running on %s:%s", workers, interface, port)
        try:
            _gunicorn_application(self.application, options).run()
        finally:
            self._stop_cron()
        return 0


def warm_up(preload: list[str]) -> None:
    """Build the URL maps now (before any fork) rather than on the first requests."""
    from ..api import Environment
    from ..http import root
    from ..modules.registry import Registry
    root.nodb_routing_map  # noqa: B018
    root.own_transaction_map  # noqa: B018
    for dbname in preload:
        registry = Registry(dbname)
        if 'ir.http' not in registry:
            continue
        with registry.cursor() as cr:
            threading.current_thread().dbname = dbname
            Environment(cr, None, {})['ir.http'].routing_map()


def serve(preload: list[str]) -> int:
    """Serve HTTP until stopped: threaded, or prefork with ``--workers``."""
    from ..http import root
    load_server_wide_modules()
    warm_up(preload)
    server_class = PreforkServer if int(config['workers'] or 0) > 0 else ThreadedServer
    return server_class(root, preload).run()
