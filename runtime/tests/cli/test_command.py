"""Tests of the command line: dispatch, odoo-bin flags, database creation by ``-d``."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from odoo.cli import command
from odoo.cli import server as server_cli
from odoo.service import db as db_service
from odoo.tools import config

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_commands_are_registered():
    assert {'server', 'shell', 'help'} <= set(command.commands)


def test_dispatch_defaults_to_server(monkeypatch):
    seen = []
    monkeypatch.setattr(command.commands['server'], 'run', lambda self, args: seen.append(('server', args)))
    monkeypatch.setattr(command.commands['shell'], 'run', lambda self, args: seen.append(('shell', args)))
    command.main(['-d', 'x', '--stop-after-init'])
    command.main(['shell', '-d', 'x'])
    command.main(['--addons-path=/a', 'shell', '-d', 'y'])
    assert seen == [('server', ['-d', 'x', '--stop-after-init']), ('shell', ['-d', 'x']),
                    ('shell', ['--addons-path=/a', '-d', 'y'])]


def test_unknown_command():
    with pytest.raises(SystemExit, match="Unknown command 'nope'"):
        command.main(['nope'])


def test_help_lists_commands(capsys):
    command.main(['help'])
    out = capsys.readouterr().out
    assert 'server' in out and 'shell' in out


def test_odoo_bin_runs_as_a_script():
    result = subprocess.run([sys.executable, os.path.join(REPO, 'odoo-bin'), '--version'],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert '18.0' in result.stdout


def test_create_missing_databases_marks_base_for_install(monkeypatch):
    name = f'cli_new_{os.getpid()}'
    monkeypatch.setitem(config.options, 'init', {})
    try:
        server_cli.create_missing_databases([name])
        assert config['init'] == {'base': True}
        assert db_service.exp_db_exist(name)
        config['init'] = {}
        server_cli.create_missing_databases([name])     # exists now: nothing to install
        assert config['init'] == {}
    finally:
        db_service.exp_drop(name)


def test_postgres_user_is_refused(monkeypatch, capsys):
    monkeypatch.setitem(config.options, 'db_user', 'postgres')
    with pytest.raises(SystemExit):
        server_cli.check_postgres_user()
    assert 'security risk' in capsys.readouterr().err


def _odoo_bin(args, pg_server, stdin='', tmp_path=None):
    conf = tmp_path / 'empty.conf'
    conf.write_text('[options]\n')
    flags = ['-c', str(conf), '--db_host', str(pg_server['host']), '--db_port', str(pg_server['port'])]
    if pg_server.get('user'):
        flags += ['--db_user', pg_server['user']]
    return subprocess.run([sys.executable, os.path.join(REPO, 'odoo-bin'), *args, *flags], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_shell_runs_stdin_without_database(pg_server, tmp_path):
    result = _odoo_bin(['shell'], pg_server, "print('release', odoo.release.version, 'env' in dir())", tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'release 18.0 False' in result.stdout


def test_shell_on_missing_database_says_how_to_create_it(pg_server, tmp_path):
    result = _odoo_bin(['shell', '-d', 'no_such_db_x'], pg_server, "print(1)", tmp_path)
    assert result.returncode == 1
    assert "database 'no_such_db_x' does not exist" in result.stderr


def test_shell_gives_env_and_rolls_back(base_db, pg_server, tmp_path):
    script = ("print('user', env.user.login)\n"
              "env['res.partner'].create({'name': 'shell partner'})\n"
              "print('count', env['res.partner'].search_count([('name', '=', 'shell partner')]))\n")
    result = _odoo_bin(['shell', '-d', base_db], pg_server, script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'user __system__' in result.stdout and 'count 1' in result.stdout
    again = _odoo_bin(['shell', '-d', base_db], pg_server,
                      "print('count', env['res.partner'].search_count([('name', '=', 'shell partner')]))", tmp_path)
    assert 'count 0' in again.stdout, again.stderr


def test_stop_after_init_installs_base(pg_server, tmp_path):
    name = f'cli_init_{os.getpid()}'
    try:
        result = _odoo_bin(['-d', name, '-i', 'base', '--stop-after-init', '--without-demo', 'all'], pg_server,
                           tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr[-3000:]
        from odoo import sql_db
        with sql_db.db_connect(name).cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'base'")
            assert cr.fetchone() == ('installed',)
            cr.execute("SELECT login FROM res_users WHERE id = 2")
            assert cr.fetchone() == ('admin',)
    finally:
        db_service.exp_drop(name)


def test_invalid_database_name_is_refused_clearly(pg_server, tmp_path):
    result = _odoo_bin(['-d', 'bad name;', '--stop-after-init'], pg_server, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "invalid database name 'bad name;'" in result.stderr
    assert 'Traceback' not in result.stderr


def test_unreachable_database_server_is_named(tmp_path):
    conf = tmp_path / 'empty.conf'
    conf.write_text('[options]\n')
    result = subprocess.run([sys.executable, os.path.join(REPO, 'odoo-bin'), '-c', str(conf), '-d', 'x',
                             '--db_host', '127.0.0.1', '--db_port', '1', '--stop-after-init'],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert 'cannot connect to PostgreSQL at 127.0.0.1:1' in result.stderr
