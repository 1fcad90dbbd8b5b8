"""Installing, upgrading and uninstalling modules (runtime/odoo/modules/loading.py
and db.py) into real databases."""
from __future__ import annotations

import os

import odoo.addons
import pytest
from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules import graph, module
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import config
from odoo.tools.convert import ParseError

TEST_ADDONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'addons')

pytestmark = pytest.mark.slow


@pytest.fixture
def test_addons(monkeypatch):
    """The runtime's fixture addons on the addons path."""
    monkeypatch.setitem(config.options, 'addons_path', f"{config['addons_path']},{TEST_ADDONS}")
    monkeypatch.setattr(odoo.addons, '__path__', list(odoo.addons.__path__))
    module.initialize_sys_path()
    module.clear_manifest_cache()
    for key in ('init', 'update', 'demo'):
        monkeypatch.setitem(config.options, key, {})
    monkeypatch.setitem(config.options, 'test_enable', False)
    monkeypatch.setitem(config.options, 'test_tags', None)
    yield
    module.clear_manifest_cache()


@pytest.fixture
def db(base_db, test_addons):
    """A copy of the session's database with base installed."""
    name = f'c_{base_db}_copy_{os.getpid()}'
    sql_db.close_db(base_db)
    db_service.exp_duplicate_database(base_db, name)
    try:
        yield name
    finally:
        Registry.delete(name)
        db_service.exp_drop(name)


def query(db_name: str, sql: str, params=None) -> list[tuple]:
    with sql_db.db_connect(db_name).cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def module_state(db_name: str, name: str) -> str | None:
    rows = query(db_name, "SELECT state FROM ir_module_module WHERE name = %s", [name])
    return rows[0][0] if rows else None


def install(db_name: str, *names: str) -> Registry:
    config['init'] = dict.fromkeys(names, 1)
    return Registry.new(db_name, update_module=True)


def xmlid_res_id(db_name: str, xmlid: str) -> int | None:
    module_name, name = xmlid.split('.')
    rows = query(db_name, "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", [module_name, name])
    return rows[0][0] if rows else None


def test_base_installed(base_db):
    rows = query(base_db, "SELECT state, latest_version FROM ir_module_module WHERE name = 'base'")
    assert rows == [('installed', rows[0][1])]
    assert rows[0][1].startswith('18.0.')
    assert xmlid_res_id(base_db, 'base.main_company') == 1
    assert xmlid_res_id(base_db, 'base.main_partner') == 1
    assert xmlid_res_id(base_db, 'base.module_base')
    # every addon of the addons path is known, uninstalled
    names = dict(query(base_db, "SELECT name, state FROM ir_module_module"))
    for name in module.get_modules():
        if name != 'base' and not name.startswith('test_loading'):
            assert names.get(name) in ('uninstalled', 'uninstallable', 'installed'), name


def test_is_initialized(cr):
    from odoo.modules import db
    assert not db.is_initialized(cr)
    module.initialize_sys_path()
    db.initialize(cr)
    assert db.is_initialized(cr)
    cr.execute("SELECT state FROM ir_module_module WHERE name = 'base'")
    assert cr.fetchone() == ('to install',)
    cr.execute("SELECT name, symbol FROM res_currency")
    assert cr.fetchall() == [('USD', '$')]
    cr.execute("SELECT login, active FROM res_users")
    assert cr.fetchall() == [('__system__', False)]


def test_install_module(db):
    registry = install(db, 'test_loading_dependent')
    assert module_state(db, 'test_loading_dependent') == 'installed'
    assert module_state(db, 'test_loading_auto') == 'installed'     # auto_install on its dependency
    assert 'test.loading.item' in registry
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        first = env.ref('test_loading_dependent.item_first')
        second = env.ref('test_loading_dependent.item_second')
        assert first.partner_id == env.ref('base.main_partner')
        assert first.double == 6
        assert second.quantity == 5
        assert sorted(second.line_ids.mapped('name')) == ['a', 'b']
        assert second.total == 3
        assert second.note == 'done by function'
        # no demo data: base was installed without
        assert not env.ref('test_loading_dependent.item_demo', raise_if_not_found=False)
        # access rights from the CSV file
        access = env.ref('test_loading_dependent.access_test_loading_item')
        assert access.model_id.model == 'test.loading.item'
        assert access.group_id == env.ref('base.group_user')
        assert access.perm_read and access.perm_unlink
        # menus, nested, with the action's name
        menu = env.ref('test_loading_dependent.test_loading_item_menu')
        assert menu.parent_id == env.ref('test_loading_dependent.test_loading_menu_root')
        assert menu.name == 'Items'
        assert menu.sequence == 5
        assert menu.action == env.ref('test_loading_dependent.test_loading_item_action')
        # views, with inheritance applied
        arch = env['test.loading.item'].get_view(view_type='form')['arch']
        assert 'name="sequence"' in arch
        assert 'placeholder="Item name"' in arch
        template = env.ref('test_loading_dependent.item_page')
        assert template.type == 'qweb'
        assert template.key == 'test_loading_dependent.item_page'
        extension = env.ref('test_loading_dependent.item_page_extended')
        assert extension.inherit_id == template


def test_install_error_rolls_everything_back(db):
    state = module_state(db, 'test_loading_xml_error')     # None when the module was not registered yet
    with pytest.raises(ParseError) as info:
        install(db, 'test_loading_xml_error')
    message = str(info.value)
    assert 'test_loading_xml_error/data/broken_data.xml' in message
    assert 'partner_broken' in message
    assert module_state(db, 'test_loading_xml_error') == state
    assert query(db, "SELECT id FROM res_partner WHERE name = 'Loaded before the error'") == []
    assert xmlid_res_id(db, 'test_loading_xml_error.partner_ok') is None


def test_cyclic_dependency_refused(db):
    state = module_state(db, 'test_loading_cycle_a')
    with pytest.raises(graph.CyclicDependencyError, match='test_loading_cycle_a -> test_loading_cycle_b'):
        install(db, 'test_loading_cycle_a')
    assert module_state(db, 'test_loading_cycle_a') == state


def test_missing_dependency_refused(db):
    state = module_state(db, 'test_loading_missing_dep')
    with pytest.raises(graph.MissingDependencyError, match='test_loading_no_such_module'):
        install(db, 'test_loading_missing_dep')
    assert module_state(db, 'test_loading_missing_dep') == state


def test_installed_module_without_code_is_skipped(db, caplog):
    with sql_db.db_connect(db).cursor() as cr:
        cr.execute("INSERT INTO ir_module_module (name, state) VALUES ('c_module_gone', 'installed')")
    Registry.delete(db)
    registry = Registry.new(db)
    assert registry.ready
    assert 'module c_module_gone: not installable, skipped' in caplog.text


def test_upgrade_restores_data_and_removes_obsolete_records(db):
    install(db, 'test_loading_dependent')
    first_id = xmlid_res_id(db, 'test_loading_dependent.item_first')
    with sql_db.db_connect(db).cursor() as cr:
        cr.execute("UPDATE test_loading_item SET name = 'Changed' WHERE id = %s", [first_id])
        # a record the module's data no longer declares
        cr.execute("INSERT INTO test_loading_item (name, quantity) VALUES ('Obsolete', 1) RETURNING id")
        obsolete_id = cr.fetchone()[0]
        cr.execute("INSERT INTO ir_model_data (module, name, model, res_id) "
                   "VALUES ('test_loading_dependent', 'item_obsolete', 'test.loading.item', %s)", [obsolete_id])
    Registry.delete(db)
    config['update'] = {'test_loading_dependent': 1}
    Registry.new(db, update_module=True)
    assert query(db, "SELECT name FROM test_loading_item WHERE id = %s", [first_id]) == [('First',)]
    assert query(db, "SELECT id FROM test_loading_item WHERE id = %s", [obsolete_id]) == []
    assert xmlid_res_id(db, 'test_loading_dependent.item_obsolete') is None
    assert module_state(db, 'test_loading_dependent') == 'installed'


def test_upgrade_runs_migration_scripts(db):
    install(db, 'test_loading_dependent')
    assert query(db, "SELECT 1 FROM pg_class WHERE relname = 'test_loading_migration_log'") == []  # not on install
    with sql_db.db_connect(db).cursor() as cr:
        cr.execute("UPDATE ir_module_module SET latest_version = '18.0.0.9' WHERE name = 'test_loading_dependent'")
    Registry.delete(db)
    config['update'] = {'test_loading_dependent': 1}
    Registry.new(db, update_module=True)
    # 0.5 is older than the installed version: skipped; 0.0.0 runs last at the end
    assert query(db, "SELECT step, version FROM test_loading_migration_log ORDER BY id") == [
        ('1.0/pre', '18.0.0.9'), ('1.0/post', '18.0.0.9'), ('1.0/end', '18.0.0.9'), ('0.0.0/end', '18.0.0.9')]
    assert query(db, "SELECT latest_version FROM ir_module_module WHERE name = 'test_loading_dependent'") == [
        ('18.0.1.0',)]


def test_uninstall_removes_data_and_tables(db):
    install(db, 'test_loading_dependent')
    query_count = query(db, "SELECT count(*) FROM ir_model_data WHERE module = 'test_loading_dependent'")
    assert query_count[0][0] > 0
    with sql_db.db_connect(db).cursor() as cr:
        # as button_uninstall does: the module and the modules depending on it
        cr.execute("UPDATE ir_module_module SET state = 'to remove' "
                   "WHERE name IN ('test_loading_dependent', 'test_loading_auto')")
    Registry.delete(db)
    registry = Registry.new(db, update_module=True)
    assert 'test.loading.item' not in registry
    assert module_state(db, 'test_loading_dependent') == 'uninstalled'
    assert module_state(db, 'test_loading_auto') == 'uninstalled'
    assert query(db, "SELECT count(*) FROM ir_model_data WHERE module = 'test_loading_dependent'") == [(0,)]
    assert query(db, "SELECT 1 FROM pg_class WHERE relname = 'test_loading_item'") == []
    assert query(db, "SELECT 1 FROM ir_ui_menu WHERE name->>'en_US' = 'Test loading'") == []


def test_uninstall_drops_many2many_tables(db):
    install(db, 'test_loading_relation')
    tables = ('test_loading_relation_partner_rel', 'test_loading_relation_partner_tag_rel')
    assert query(db, "SELECT r.name, im.model FROM ir_model_relation r JOIN ir_module_module m ON m.id = r.module "
                     "JOIN ir_model im ON im.id = r.model WHERE m.name = 'test_loading_relation' ORDER BY r.name") \
        == [(tables[0], 'test.loading.relation.tag'), (tables[1], 'res.partner')]
    assert len(query(db, "SELECT 1 FROM pg_class WHERE relname IN %s", [tables])) == 2
    with sql_db.db_connect(db).cursor() as cr:
        cr.execute("UPDATE ir_module_module SET state = 'to remove' WHERE name = 'test_loading_relation'")
    Registry.delete(db)
    Registry.new(db, update_module=True)
    assert module_state(db, 'test_loading_relation') == 'uninstalled'
    assert query(db, "SELECT 1 FROM pg_class WHERE relname IN %s", [tables]) == []
    assert query(db, "SELECT 1 FROM ir_model_relation WHERE name IN %s", [tables]) == []
    # base's own relation tables are recorded too, and stay
    assert query(db, "SELECT m.name FROM ir_model_relation r JOIN ir_module_module m ON m.id = r.module "
                     "WHERE r.name = 'res_groups_users_rel'") == [('base',)]
    assert query(db, "SELECT 1 FROM pg_class WHERE relname = 'res_groups_users_rel'") == [(1,)]


def test_tests_run_at_install_and_failures_reported(db):
    config['test_enable'] = True
    config['test_tags'] = '/test_loading_dependent'
    registry = install(db, 'test_loading_dependent')
    report = registry._assertion_report
    assert report.testsRun == 2, report      # at_install ones; post_install ones are the server's
    assert report.wasSuccessful(), report.failures + report.errors
    # the tests left nothing behind
    assert query(db, "SELECT id FROM test_loading_item WHERE name = 'From a form'") == []


def test_tests_run_at_startup_without_install(db):
    install(db, 'test_loading_dependent')
    Registry.delete(db)
    config['test_enable'] = True
    config['test_tags'] = '/test_loading_dependent'
    registry = Registry.new(db)
    assert registry._assertion_report.testsRun == 2
    assert registry._assertion_report.wasSuccessful()


def test_failing_test_makes_the_report_fail(db):
    config['test_enable'] = True
    config['test_tags'] = 'failing_on_purpose'
    registry = install(db, 'test_loading_dependent')
    report = registry._assertion_report
    assert report.testsRun == 1
    assert not report.wasSuccessful()
    assert 'fails on purpose' in report.failures[0][1]
    # the module is installed all the same, as with Odoo
    assert module_state(db, 'test_loading_dependent') == 'installed'


def test_new_database_with_demo_data_and_language(db_name, test_addons, monkeypatch):
    config['init'] = {'base': 1, 'test_loading_dependent': 1}
    config['demo'] = dict(config['init'])
    config['without_demo'] = False
    monkeypatch.setitem(config.options, 'load_language', 'zh_CN')
    Registry.new(db_name, update_module=True)
    try:
        assert query(db_name, "SELECT active FROM res_lang WHERE code = 'zh_CN'") == [(True,)]
        menu_id = xmlid_res_id(db_name, 'test_loading_dependent.test_loading_menu_root')
        assert query(db_name, "SELECT name->>'zh_CN' FROM ir_ui_menu WHERE id = %s", [menu_id]) == [('加载测试',)]
        assert module_state(db_name, 'base') == 'installed'
        assert module_state(db_name, 'test_loading_dependent') == 'installed'
        with_demo = {name for (name,) in query(db_name, "SELECT name FROM ir_module_module WHERE demo")}
        assert {'base', 'test_loading_dependent'} <= with_demo
        assert xmlid_res_id(db_name, 'test_loading_dependent.item_demo')
        rows = query(db_name, "SELECT noupdate FROM ir_model_data WHERE module = 'test_loading_dependent' "
                              "AND name = 'item_demo'")
        assert rows == [(True,)]     # demo records are noupdate
    finally:
        Registry.delete(db_name)


def test_translations_of_active_languages_loaded(db):
    with sql_db.db_connect(db).cursor() as cr:
        cr.execute("UPDATE res_lang SET active = true WHERE code = 'zh_CN'")
    install(db, 'test_loading_dependent')
    menu_id = xmlid_res_id(db, 'test_loading_dependent.test_loading_menu_root')
    rows = query(db, "SELECT name->>'en_US', name->>'zh_CN' FROM ir_ui_menu WHERE id = %s", [menu_id])
    assert rows == [('Test loading', '加载测试')]


def test_addons_namespace_resolves_test_addons(test_addons):
    assert os.path.normcase(TEST_ADDONS) in odoo.addons.__path__


def test_upgrade_base_with_views_of_later_modules(db):
    # auth_totp (auto-installed with web) inherits base's user form with its
    # own fields: while base is reloaded they do not exist yet, so checking
    # base's views must leave such inheriting views out, as Odoo does.
    assert module_state(db, 'auth_totp') == 'installed'
    Registry.delete(db)
    config['update'] = {'base': 1}
    registry = Registry.new(db, update_module=True)
    assert registry.ready
    assert module_state(db, 'base') == 'installed'
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        arch = env['res.users'].get_view(env.ref('base.view_users_form').id, 'form')['arch']
    assert 'totp_enabled' in arch
