"""Tests of odoo.tools.config: odoo.conf in Odoo's format and odoo-bin's flags."""
from __future__ import annotations

import pytest
from odoo.tools.config import configmanager


@pytest.fixture
def conf(tmp_path):
    manager = configmanager()
    yield manager


def write_conf(tmp_path, text):
    path = tmp_path / 'odoo.conf'
    path.write_text(text)
    return str(path)


def test_defaults_without_file(conf, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    conf.parse_config(['-c', write_conf(tmp_path, '[options]\n')])
    assert conf['http_port'] == 8069
    assert conf['db_host'] is False
    assert conf['init'] == {} and conf['update'] == {}
    assert conf['test_enable'] is False
    assert conf['workers'] == 0


def test_file_values_are_typed_and_relative_to_file(conf, tmp_path):
    (tmp_path / 'addons').mkdir()
    path = write_conf(tmp_path, "[options]\ndb_host = db.local\ndb_port = 5433\nworkers = 2\n"
                                "data_dir = data\naddons_path = addons\nproxy_mode = True\nlist_db = False\n"
                                "custom_key = hello\n[queue]\nchannels = root:2\n")
    conf.parse_config(['-c', path])
    assert conf['db_host'] == 'db.local'
    assert conf['db_port'] == 5433
    assert conf['workers'] == 2
    assert conf['proxy_mode'] is True
    assert conf['list_db'] is False
    assert conf['data_dir'] == str(tmp_path / 'data')
    assert conf['addons_path'] == str(tmp_path / 'addons')
    assert conf['custom_key'] == 'hello'
    assert conf.get_misc('queue', 'channels') == 'root:2'


def test_command_line_overrides_file(conf, tmp_path):
    path = write_conf(tmp_path, "[options]\ndb_port = 5433\nhttp_port = 9000\n")
    conf.parse_config(['-c', path, '--db_port', '6000', '-d', 'mydb', '--db_host=h', '--db_user', 'u',
                       '--db_password', 'p', '--log-level', 'debug', '--stop-after-init'])
    assert conf['db_port'] == 6000
    assert conf['http_port'] == 9000
    assert (conf['db_name'], conf['db_host'], conf['db_user'], conf['db_password']) == ('mydb', 'h', 'u', 'p')
    assert conf['log_level'] == 'debug'
    assert conf['stop_after_init'] is True


def test_init_update_are_module_dicts_and_demo_follows(conf, tmp_path):
    conf.parse_config(['-c', write_conf(tmp_path, '[options]\n'), '-i', 'base,sale', '-u', 'crm'])
    assert conf['init'] == {'base': 1, 'sale': 1}
    assert conf['update'] == {'crm': 1}
    assert conf['demo'] == {'base': 1, 'sale': 1}
    conf.parse_config(['-c', write_conf(tmp_path, '[options]\n'), '-i', 'base', '--without-demo', 'all'])
    assert conf['demo'] == {}
    assert conf['without_demo'] == 'all'
    conf.parse_config(['-c', write_conf(tmp_path, '[options]\n'), '-i', 'base', '--without-demo', '--stop-after-init'])
    assert conf['without_demo'] == 'all' and conf['demo'] == {} and conf['stop_after_init'] is True


def test_test_enable_and_tags(conf, tmp_path):
    rc = write_conf(tmp_path, '[options]\n')
    conf.parse_config(['-c', rc, '--test-enable'])
    assert conf['test_enable'] is True
    assert conf['test_tags'] == '+standard'
    conf.parse_config(['-c', rc, '--test-tags', '/base:TestPartner'])
    assert conf['test_enable'] is True
    assert conf['test_tags'] == '/base:TestPartner'


def test_addons_path_flag_and_data_dir(conf, tmp_path, monkeypatch):
    (tmp_path / 'a1').mkdir()
    (tmp_path / 'a2').mkdir()
    monkeypatch.chdir(tmp_path)
    conf.parse_config(['-c', write_conf(tmp_path, '[options]\n'), '--addons-path', 'a1, a2', '-D', 'dd',
                       '-p', '8080', '--workers', '3'])
    assert conf['addons_path'] == f"{tmp_path / 'a1'},{tmp_path / 'a2'}"
    assert conf['data_dir'] == str(tmp_path / 'dd')
    assert conf['http_port'] == 8080
    assert conf['workers'] == 3
    assert conf.filestore('x') == str(tmp_path / 'dd' / 'filestore' / 'x')


@pytest.mark.parametrize('args, message', [
    (['--db_port', 'abc'], 'expected an integer'),
    (['--no-such-flag'], 'unrecognized arguments: --no-such-flag'),
    (['--addons-path', '/no/such/dir'], "no such directory: '/no/such/dir'"),
    (['--log-level', 'loud'], 'invalid choice'),
])
def test_bad_values_exit_naming_culprit(conf, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        conf.parse_config(['-c', write_conf(tmp_path, '[options]\n'), *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_file_value_names_file_and_option(conf, tmp_path, capsys):
    path = write_conf(tmp_path, "[options]\nhttp_port = lots\n")
    with pytest.raises(SystemExit):
        conf.parse_config(['-c', path])
    err = capsys.readouterr().err
    assert path in err and "'http_port'" in err


def test_missing_config_file(conf, tmp_path, capsys):
    with pytest.raises(SystemExit):
        conf.parse_config(['-c', str(tmp_path / 'nope.conf')])
    assert 'nope.conf' in capsys.readouterr().err


def test_setitem_casts_strings(conf):
    conf['db_port'] = '5544'
    assert conf['db_port'] == 5544
    conf['anything'] = 'value'
    assert conf['anything'] == 'value'


def test_log_handlers_accumulate(conf, tmp_path):
    path = write_conf(tmp_path, "[options]\nlog_handler = :INFO,werkzeug:WARNING\n")
    conf.parse_config(['-c', path, '--log-handler', 'odoo.sql_db:DEBUG', '--log-handler=odoo.http:ERROR'])
    assert conf['log_handler'] == [':INFO', 'werkzeug:WARNING', 'odoo.sql_db:DEBUG', 'odoo.http:ERROR']
