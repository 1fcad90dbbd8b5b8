"""The embedded PostgreSQL: a private cluster under ``data_dir/postgresql`` used when
``odoo.conf`` names no ``db_host``.

The cluster is created with ``initdb`` on first use (UTF8, superuser ``odoo``,
trust authentication on a Unix socket inside the cluster directory and on
127.0.0.1), started with ``pg_ctl`` in its own session so that it outlives the
command that started it, and reused by later commands. PostgreSQL refuses to
run as root: when we are root, the cluster belongs to and runs as an
unprivileged system user (``postgres``, else ``nobody``). The test suite uses
the same :class:`Cluster` for its throwaway cluster.
"""
from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import logging
import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ..tools.config import config

_logger = logging.getLogger(__name__)

SUPERUSER = 'odoo'
SOCKET_PATH_MAX = 100           # sun_path is 108 bytes, including ".s.PGSQL.<port>"
ROOT_FALLBACK_DIR = '/var/lib/tianchi/postgresql'
UNPRIVILEGED_USERS = ('postgres', 'nobody')


class EmbeddedPostgresError(Exception):
    """The embedded PostgreSQL cluster could not be created or started."""


def find_pg_bin(name: str) -> str:
    """Path of PostgreSQL server program ``name`` (initdb, pg_ctl, postgres).

    Looks in ``pg_path``, then the newest ``/usr/lib/postgresql/*/bin``, then ``PATH``.
    """
    candidates = []
    if config.get('pg_path'):
        candidates.append(os.path.join(config['pg_path'], name))
    versions = glob.glob('/usr/lib/postgresql/*/bin')
    versions.sort(key=lambda path: int(path.split('/')[-2]) if path.split('/')[-2].isdigit() else 0, reverse=True)
    candidates += [os.path.join(path, name) for path in versions]
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which(name)
    if found:
        return found
    raise EmbeddedPostgresError(
        f"PostgreSQL program {name!r} not found (looked in pg_path, /usr/lib/postgresql/*/bin and PATH); "
        "install the PostgreSQL server (Debian: apt-get install postgresql) or set db_host in odoo.conf")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(('127.0.0.1', port))
        except OSError:
            return False
    return True


def _unprivileged_user() -> pwd.struct_passwd:
    for name in UNPRIVILEGED_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise EmbeddedPostgresError(
        f"running as root, and none of the users {', '.join(UNPRIVILEGED_USERS)} exists "
        "to run PostgreSQL (which refuses root)")


def _traversable_by(path: str, uid: int, gid: int) -> bool:
    """Whether user ``uid`` can reach ``path`` (execute permission on every ancestor)."""
    path = os.path.abspath(path)
    current = path
    while True:
        if os.path.exists(current):
            st = os.stat(current)
            if st.st_uid == uid:
                allowed = st.st_mode & 0o100
            elif st.st_gid == gid:
                allowed = st.st_mode & 0o010
            else:
                allowed = st.st_mode & 0o001
            if not allowed:
                return False
        parent = os.path.dirname(current)
        if parent == current:
            return True
        current = parent


@dataclass
class Status:
    """What ``postmaster.pid`` says of a running server."""
    pid: int
    port: int
    socket_dir: str


class Cluster:
    """A PostgreSQL cluster in directory ``base_dir``: ``data/`` (PGDATA), ``run/``
    (the Unix socket), ``postgresql.log``.

    ``fast=True`` turns durability off (fsync, synchronous_commit, full page
    writes): for throwaway test clusters only.
    """

    def __init__(self, base_dir: str, *, fast: bool = False) -> None:
        self.requested_dir = os.path.abspath(base_dir)
        self.fast = fast
        self.os_user: pwd.struct_passwd | None = self._owner_to_run_as() if os.geteuid() == 0 else None
        self.base_dir = self._resolve_base_dir()
        self._known: Status | None = None

    # --- layout --------------------------------------------------------------

    def _owner_to_run_as(self) -> pwd.struct_passwd:
        """As root: the owner of an existing cluster (whoever created it), else an
        unprivileged system user."""
        existing = os.path.join(os.path.realpath(self.requested_dir), 'data')
        if os.path.isdir(existing):
            uid = os.stat(existing).st_uid
            if uid != 0:
                with contextlib.suppress(KeyError):
                    return pwd.getpwuid(uid)
        return _unprivileged_user()

    def _resolve_base_dir(self) -> str:
        """The real cluster directory: the requested one, or, when root and the unprivileged
        user cannot reach it (a 0700 home), a directory it can reach, linked from the
        requested place."""
        if os.path.islink(self.requested_dir):
            return os.path.realpath(self.requested_dir)
        if self.os_user is None:
            return self.requested_dir
        parent = os.path.dirname(self.requested_dir)
        if _traversable_by(parent, self.os_user.pw_uid, self.os_user.pw_gid):
            return self.requested_dir
        digest = hashlib.sha1(self.requested_dir.encode()).hexdigest()[:12]
        return os.path.join(ROOT_FALLBACK_DIR, digest)

    @property
    def data_dir(self) -> str:
        return os.path.join(self.base_dir, 'data')

    @property
    def socket_dir(self) -> str:
        path = os.path.join(self.base_dir, 'run')
        if len(path) > SOCKET_PATH_MAX - len('/.s.PGSQL.65535'):
            digest = hashlib.sha1(path.encode()).hexdigest()[:12]
            path = os.path.join('/tmp', f'odoo-pg-{digest}')
        return path

    @property
    def log_file(self) -> str:
        return os.path.join(self.base_dir, 'postgresql.log')

    # --- running programs ----------------------------------------------------

    def _run(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
        """Run a PostgreSQL program as the cluster's owner, in its own session."""
        kwargs: dict = {'capture_output': True, 'text': True, 'start_new_session': True,
                        'cwd': self.base_dir if os.path.isdir(self.base_dir) else '/'}
        env = dict(os.environ, LC_ALL='C', LANG='C')
        if self.os_user is not None:
            kwargs.update(user=self.os_user.pw_uid, group=self.os_user.pw_gid, extra_groups=[])
            env['HOME'] = self.os_user.pw_dir
            env['USER'] = env['LOGNAME'] = self.os_user.pw_name
            kwargs['cwd'] = '/'
        # pg_ctl's server inherits our pipes otherwise, and communicate() would wait for it.
        if args and os.path.basename(args[0]) == 'pg_ctl' and 'start' in args:
            kwargs.pop('capture_output')
            kwargs.update(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        result = subprocess.run(args, env=env, **kwargs)
        if check and result.returncode != 0:
            raise EmbeddedPostgresError(
                f"{os.path.basename(args[0])} failed for the cluster in {self.base_dir} "
                f"(exit {result.returncode}):\n{(result.stderr or '').strip()}{self._log_tail()}")
        return result

    def _log_tail(self, lines: int = 20) -> str:
        try:
            with open(self.log_file, encoding='utf-8', errors='replace') as log:
                tail = log.readlines()[-lines:]
        except OSError:
            return ''
        return '\nlast lines of ' + self.log_file + ':\n' + ''.join(tail)

    def _chown(self, path: str) -> None:
        if self.os_user is not None:
            os.chown(path, self.os_user.pw_uid, self.os_user.pw_gid)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise initdb/start across processes sharing this cluster."""
        os.makedirs(os.path.dirname(self.base_dir), exist_ok=True)
        lock_path = self.base_dir.rstrip('/') + '.lock'
        with open(lock_path, 'w') as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    # --- life cycle ----------------------------------------------------------

    @property
    def initialized(self) -> bool:
        return os.path.isfile(os.path.join(self.data_dir, 'PG_VERSION'))

    def init(self) -> None:
        """Create the cluster (initdb) if it does not exist yet."""
        if self.initialized:
            return
        for path in (self.base_dir, self.data_dir, self.socket_dir):
            os.makedirs(path, mode=0o700, exist_ok=True)
            self._chown(path)
        if self.base_dir != self.requested_dir and not os.path.lexists(self.requested_dir):
            os.makedirs(os.path.dirname(self.requested_dir), exist_ok=True)
            os.symlink(self.base_dir, self.requested_dir)
            _logger.info("cluster directory %s is not reachable by user %s: cluster placed in %s",
                         self.requested_dir, self.os_user and self.os_user.pw_name, self.base_dir)
        _logger.info("initializing the embedded PostgreSQL cluster in %s", self.data_dir)
        self._run([find_pg_bin('initdb'), '--pgdata', self.data_dir, '--username', SUPERUSER,
                   '--auth', 'trust', '--encoding', 'UTF8', '--no-locale', '--no-instructions'])
        settings = [
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.socket_dir}'",
            "max_connections = 200",
        ]
        if self.fast:
            settings += ["shared_buffers = 64MB", "fsync = off", "synchronous_commit = off",
                         "full_page_writes = off"]
        else:
            # The cluster of one application on its own machine: the tables and
            # indexes a day's work touches stay in PostgreSQL's buffers, and a
            # bulk import (a million rows of WAL) runs without a checkpoint in
            # the middle of it, whose full-page images would double its writes.
            settings += ["shared_buffers = 256MB", "max_wal_size = 4GB", "checkpoint_timeout = 15min"]
        conf = os.path.join(self.data_dir, 'postgresql.conf')
        with open(conf, 'a', encoding='utf-8') as handle:
            handle.write('\n# set by odoo.service.embedded_pg\n' + '\n'.join(settings) + '\n')

    def status(self) -> Status | None:
        """The running server's pid, port and socket directory, or None if it is not running."""
        pid_file = os.path.join(self.data_dir, 'postmaster.pid')
        try:
            with open(pid_file, encoding='utf-8') as handle:
                lines = handle.read().splitlines()
        except OSError:
            return None
        if len(lines) < 8 or lines[7].strip() != 'ready':
            return None
        pid = int(lines[0])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass        # alive, owned by the unprivileged user
        status = Status(pid=pid, port=int(lines[3]), socket_dir=lines[4].strip() or self.socket_dir)
        # After a reboot the pid may belong to another process: the socket tells.
        if not os.path.exists(os.path.join(status.socket_dir, f'.s.PGSQL.{status.port}')):
            return None
        return status

    def start(self, port: int | None = None) -> Status:
        """Initialise if needed and start the server, or return the running one."""
        with self._lock():
            self.init()
            running = self.status()
            if running:
                return running
            os.makedirs(self.socket_dir, mode=0o700, exist_ok=True)
            self._chown(self.socket_dir)
            if not os.path.exists(self.log_file):
                open(self.log_file, 'a').close()
                self._chown(self.log_file)
            port = port or self._last_port() or free_port()
            if not _port_is_free(port):
                port = free_port()
            self._run([find_pg_bin('pg_ctl'), 'start', '--pgdata', self.data_dir, '--wait',
                       '--timeout', '60', '--log', self.log_file, '-o', f'-p {port}'])
            deadline = time.monotonic() + 30
            while (running := self.status()) is None:
                if time.monotonic() > deadline:
                    raise EmbeddedPostgresError(
                        f"PostgreSQL in {self.data_dir} did not become ready{self._log_tail()}")
                time.sleep(0.1)
            _logger.info("embedded PostgreSQL running on %s (port %s), pid %s",
                         running.socket_dir, running.port, running.pid)
            return running

    def _last_port(self) -> int | None:
        opts = os.path.join(self.data_dir, 'postmaster.opts')
        try:
            with open(opts, encoding='utf-8') as handle:
                words = handle.read().replace('"', ' ').split()
        except OSError:
            return None
        for i, word in enumerate(words[:-1]):
            if word == '-p' and words[i + 1].isdigit():
                return int(words[i + 1])
        return None

    def stop(self, mode: str = 'fast') -> None:
        """Stop the server if it runs (``mode``: smart, fast or immediate)."""
        if self.initialized and self.status():
            self._run([find_pg_bin('pg_ctl'), 'stop', '--pgdata', self.data_dir, '--wait', '--mode', mode])

    def destroy(self) -> None:
        """Stop the server and delete the cluster's files."""
        self.stop('immediate')
        for path in {self.base_dir, self.requested_dir}:
            if os.path.islink(path):
                os.unlink(path)
            else:
                shutil.rmtree(path, ignore_errors=True)
        if self.socket_dir.startswith('/tmp/odoo-pg-'):
            shutil.rmtree(self.socket_dir, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.base_dir.rstrip('/') + '.lock')

    def connection_params(self) -> dict:
        """psycopg2 keyword arguments reaching the (started) server as its superuser."""
        known = self._known
        # Cheap check first: cursors ask for these parameters on every connection.
        if known is None or not os.path.exists(os.path.join(known.socket_dir, f'.s.PGSQL.{known.port}')):
            known = self._known = self.start()
        return {'host': known.socket_dir, 'port': known.port, 'user': SUPERUSER}


_clusters: dict[str, Cluster] = {}


def default_cluster() -> Cluster:
    """The cluster of the configured ``data_dir``."""
    base = os.path.join(config['data_dir'], 'postgresql')
    if base not in _clusters:
        _clusters[base] = Cluster(base)
    return _clusters[base]


def connection_params() -> dict:
    """Connection parameters of the embedded cluster, started on first need.

    Configured ``db_user`` / ``db_port`` win over the embedded defaults only
    for the user: the port is the cluster's.
    """
    params = default_cluster().connection_params()
    if config.get('db_user'):
        params['user'] = config['db_user']
    return params
