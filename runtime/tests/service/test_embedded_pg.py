"""Tests of odoo.service.embedded_pg: a private cluster started as root and as a normal user.

These start real PostgreSQL servers (about a second each).
"""
from __future__ import annotations

import os
import pwd
import subprocess
import sys
import tempfile
import textwrap

import psycopg2
import pytest
from odoo.service import embedded_pg
from odoo.service.embedded_pg import Cluster

RUNTIME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
is_root = os.geteuid() == 0


@pytest.fixture
def workdir():
    path = tempfile.mkdtemp(prefix='odoo-embedded-test-')
    os.chmod(path, 0o755)
    yield path
    subprocess.run(['rm', '-rf', path], check=False)


def query(params, sql):
    cnx = psycopg2.connect(dbname='postgres', **params)
    try:
        with cnx.cursor() as cur:
            cur.execute(sql)
            return cur.fetchone()[0]
    finally:
        cnx.close()


def test_start_reuse_and_stop(workdir):
    cluster = Cluster(os.path.join(workdir, 'postgresql'))
    try:
        params = cluster.connection_params()
        assert params['user'] == 'odoo'
        assert params['host'].startswith(workdir) or params['host'].startswith('/tmp/odoo-pg-')
        assert query(params, "SHOW server_encoding") == 'UTF8'
        assert query(params, "SELECT current_user") == 'odoo'
        # a second handle (another process, in real life) reuses the running server
        again = Cluster(os.path.join(workdir, 'postgresql')).start()
        assert (again.pid, again.port) == (cluster.status().pid, params['port'])
        cluster.stop()
        assert cluster.status() is None
        # restarting keeps the data
        assert query(cluster.connection_params(), "SELECT 1") == 1
    finally:
        cluster.destroy()


@pytest.mark.root
@pytest.mark.skipif(not is_root, reason="needs root")
def test_as_root_runs_as_unprivileged_user(workdir):
    cluster = Cluster(os.path.join(workdir, 'postgresql'))
    try:
        status = cluster.start()
        owner = pwd.getpwuid(os.stat(cluster.data_dir).st_uid).pw_name
        assert owner in embedded_pg.UNPRIVILEGED_USERS
        with open(f'/proc/{status.pid}/status') as handle:
            uid = next(int(line.split()[1]) for line in handle if line.startswith('Uid:'))
        assert uid != 0
    finally:
        cluster.destroy()


@pytest.mark.root
@pytest.mark.skipif(not is_root, reason="needs root")
def test_as_root_with_unreachable_data_dir(workdir):
    private = os.path.join(workdir, 'private')
    os.makedirs(private, mode=0o700)
    os.chmod(private, 0o700)
    cluster = Cluster(os.path.join(private, 'postgresql'))
    try:
        assert cluster.base_dir.startswith(embedded_pg.ROOT_FALLBACK_DIR)
        assert query(cluster.connection_params(), "SELECT 1") == 1
        assert os.path.islink(os.path.join(private, 'postgresql'))
    finally:
        cluster.destroy()
    assert not os.path.lexists(os.path.join(private, 'postgresql'))


def _python_for(user: pwd.struct_passwd) -> str | None:
    """A Python interpreter that ``user`` can run, with the runtime readable by it."""
    if not embedded_pg._traversable_by(RUNTIME, user.pw_uid, user.pw_gid):
        return None
    for candidate in (sys.executable, '/usr/bin/python3'):
        real = os.path.realpath(candidate)
        if os.path.exists(real) and embedded_pg._traversable_by(os.path.dirname(real), user.pw_uid, user.pw_gid):
            return real
    return None


@pytest.mark.skipif(not is_root, reason="switching to a normal user needs root; as a normal user the first test covers it")
def test_as_normal_user(workdir):
    """Start the embedded cluster from a process of an unprivileged user, then use it."""
    user = pwd.getpwnam('nobody')
    python = _python_for(user)
    if python is None:
        pytest.skip("no Python interpreter or runtime reachable by user nobody")
    os.chown(workdir, user.pw_uid, user.pw_gid)
    base = os.path.join(workdir, 'postgresql')
    # Only the standard library is needed: odoo and odoo.tools are bare packages here.
    script = textwrap.dedent(f"""
        import sys, types
        for name, path in (('odoo', {RUNTIME!r} + '/odoo'), ('odoo.tools', {RUNTIME!r} + '/odoo/tools')):
            module = types.ModuleType(name); module.__path__ = [path]; sys.modules[name] = module
        from odoo.service.embedded_pg import Cluster
        cluster = Cluster({base!r})
        assert cluster.os_user is None, cluster.os_user
        status = cluster.start()
        print(status.socket_dir, status.port)
    """)
    result = subprocess.run([python, '-c', script], user=user.pw_uid, group=user.pw_gid, extra_groups=[],
                            capture_output=True, text=True, cwd='/', timeout=120,
                            env={'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': workdir})
    cluster = Cluster(base)
    try:
        assert result.returncode == 0, result.stderr
        socket_dir, port = result.stdout.split()
        owner = pwd.getpwuid(os.stat(cluster.data_dir).st_uid).pw_name
        assert owner == 'nobody'
        assert query({'host': socket_dir, 'port': int(port), 'user': 'odoo'}, "SELECT 42") == 42
    finally:
        cluster.stop('immediate')


def test_missing_programs_are_named(monkeypatch):
    monkeypatch.setattr(embedded_pg.glob, 'glob', lambda pattern: [])
    monkeypatch.setenv('PATH', '/nonexistent')
    monkeypatch.setitem(embedded_pg.config.options, 'pg_path', '')
    with pytest.raises(embedded_pg.EmbeddedPostgresError, match="'initdb' not found.*db_host"):
        embedded_pg.find_pg_bin('initdb')


def test_cursors_use_the_embedded_cluster_without_db_host(workdir, monkeypatch):
    """With no db_host configured, odoo.sql_db connects to the cluster under data_dir."""
    from odoo import sql_db
    for key, value in (('db_host', False), ('db_port', False), ('db_user', False), ('db_password', False),
                       ('data_dir', workdir)):
        monkeypatch.setitem(embedded_pg.config.options, key, value)
    cluster = embedded_pg.default_cluster()
    try:
        assert cluster.requested_dir == os.path.join(workdir, 'postgresql')
        db = sql_db.db_connect('postgres')
        assert db.dsn['host'] == cluster.socket_dir
        with db.cursor() as cr:
            cr.execute("SHOW data_directory")
            assert os.path.realpath(cr.fetchone()[0]) == os.path.realpath(cluster.data_dir)
    finally:
        sql_db.close_db('postgres')
        cluster.destroy()
        embedded_pg._clusters.clear()
