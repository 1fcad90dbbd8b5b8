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
