"""Loading modules into a registry: install, upgrade and uninstall.

``load_modules`` runs inside ``Registry.new``: on one cursor (one
transaction: an error anywhere rolls the whole operation back) it bootstraps
an empty database, loads ``base``, marks the modules requested by
``config['init']`` / ``config['update']``, then loads every installed or
marked module in dependency order: Python classes, schema, data files, demo
data, translations, and their ``at_install`` tests when tests are enabled.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from typing import Any

from odoo.tools import config

from . import db
from .graph import Graph, Node, dependency_closure
from .migration import MigrationManager
from .module import (
    ManifestError,
    adapt_version,
    get_manifest,
    get_module_path,
    get_modules,
    initialize_sys_path,
    load_openerp_module,
)

_logger = logging.getLogger(__name__)

_INSTALLED_STATES = ('installed', 'to upgrade', 'to remove')


def load_data(env, idref: dict, mode: str, kind: str, package: Node) -> bool:
    """Load the files of ``kind`` ('data' or 'demo') of a module, in manifest
    order; return whether there was any."""
    from odoo.tools.convert import convert_file

    keys = {'data': ('init_xml', 'update_xml', 'data'), 'demo': ('demo_xml', 'demo')}.get(kind, (kind,))
    files: list[str] = []
    for key in keys:
        for filename in package.info.get(key) or ():
            if filename in files:
                _logger.warning("File %s is listed twice in module %s %s", filename, package.name, kind)
            files.append(filename)
    for filename in files:
        _logger.info("loading %s/%s", package.name, filename)
        noupdate = kind in ('demo', 'demo_xml') or (filename.endswith('.csv') and kind in ('init', 'init_xml'))
        convert_file(env, package.name, filename, idref, mode, noupdate, kind)
    return bool(files)


def load_demo(env, package: Node, idref: dict, mode: str) -> bool:
    """Load the demo data of a module if it should have some; as in Odoo, a
    failure only leaves the module without demo data."""
    if not package.should_have_demo():
        return False
    if not (package.info.get('demo') or package.info.get('demo_xml')):
        return True
    _logger.info("Module %s: loading demo", package.name)
    try:
        with env.cr.savepoint(flush=False):
            load_data(env(su=True), idref, mode, kind='demo', package=package)
    except Exception:
        _logger.warning("Module %s demo data failed to install, installed without demo data",
                        package.name, exc_info=True)
        env.invalidate_all()
        return False
    return True


def _load_translations(env, package: Node) -> None:
    """Load ``i18n/<lang>.po`` of a module for every active language but English."""
    if not _table_exists(env.cr, 'res_lang'):
        return
    env.cr.execute("SELECT code FROM res_lang WHERE active AND code != 'en_US' ORDER BY code")
    langs = [code for (code,) in env.cr.fetchall()]
    module_path = get_module_path(package.name, display_warning=False)
    if not langs or not module_path:
        return
    files = []
    for lang in langs:
        base_lang = lang.split('_')[0]
        for name in dict.fromkeys((base_lang, lang)):  # the base language first, then the variant
            path = os.path.join(module_path, 'i18n', f'{name}.po')
            if os.path.isfile(path):
                files.append((path, lang))
    if not files:
        return
    from odoo.tools.translate import TranslationImporter
    env.flush_all()
    importer = TranslationImporter(env.cr)
    for path, lang in files:
        importer.load_file(path, lang)
    importer.save(overwrite=bool(config.get('overwrite_existing_translations')))


def _table_exists(cr, table: str) -> bool:
    cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind IN ('r', 'p')", [table])
    return bool(cr.fetchone())


class _Loader:
    """One run of ``load_modules`` on one cursor."""

    def __init__(self, registry, env, force: list[str], update_module: bool):
        self.registry = registry
        self.env = env
        self.cr = env.cr
        self.force = force
        self.update_module = update_module
        self.graph = Graph()
        self.loaded: list[str] = []
        self.processed: list[str] = []
        # module -> version before its upgrade (None when newly installed)
        self.upgraded_from: dict[str, str | None] = {}
        self.skipped: set[str] = set()      # marked modules that are not installable
        self.migrations = MigrationManager(self.cr, self.graph)
        self.report = _assertion_report(registry)

    # -- one module -------------------------------------------------------

    def load_module(self, package: Node, index: int, total: int) -> None:
        name = package.name
        needs_update = package.init or package.update or package.state in ('to install', 'to upgrade')
        new_install = package.state == 'to install'
        _logger.log(logging.INFO if needs_update else logging.DEBUG,
                    'Loading module %s (%d/%d)', name, index, total)
        started = time.time()
        registry, env = self.registry, self.env

        if needs_update and not new_install:
            if name != 'base':
                registry.setup_models(self.cr)
            self.migrations.migrate_module(package, 'pre')
        if needs_update and name != 'base':
            env.flush_all()
        load_openerp_module(name)
        py_module = sys.modules[f'odoo.addons.{name}']
        if new_install and package.info.get('pre_init_hook'):
            registry.setup_models(self.cr)
            getattr(py_module, package.info['pre_init_hook'])(env)

        model_names = registry.load(self.cr, package)
        self.loaded.append(name)
        mode = 'init' if package.init or new_install else 'update'

        if needs_update:
            registry.setup_models(self.cr)
            registry.init_models(self.cr, model_names, {'module': name}, new_install)
            if package.state == 'to upgrade':
                _refresh_module_row(self.cr, name, package.info)
            idref: dict[str, Any] = {}
            load_data(env, idref, mode, kind='data', package=package)
            package.dbdemo = load_demo(env, package, idref, mode)
            self.cr.execute('UPDATE ir_module_module SET demo = %s WHERE name = %s', [package.dbdemo, name])
            if not new_install:
                self.migrations.migrate_module(package, 'post')
            _load_translations(env, package)

        registry._init_modules.add(name)

        if needs_update:
            if new_install and package.info.get('post_init_hook'):
                getattr(py_module, package.info['post_init_hook'])(env)
            if mode == 'update' and hasattr(env['ir.ui.view'], '_validate_module_views'):
                env['ir.ui.view']._validate_module_views(name)
            env.flush_all()

        # as Odoo: the tests of modules being installed or upgraded, or of
        # every module when the server starts without -i/-u
        updating = bool(config['init'] or config['update'])
        if config.get('test_enable') and (needs_update or not updating):
            self.run_tests([name], 'at_install')

        if needs_update:
            self.processed.append(name)
            version = adapt_version(package.info['version'])
            env.flush_all()
            self.cr.execute(
                "UPDATE ir_module_module SET state = 'installed', latest_version = %s WHERE name = %s",
                [version, name],
            )
            env['ir.module.module'].invalidate_model(['state', 'latest_version', 'demo'])
            self.upgraded_from[name] = None if new_install else package.installed_version
            package.state = 'installed'
            package.installed_version = version
            package.init = package.update = package.demo = False
        _logger.log(logging.INFO if needs_update else logging.DEBUG,
                    'Module %s loaded in %.2fs', name, time.time() - started)

    def run_tests(self, module_names: list[str], position: str) -> None:
        """Run the tests of ``module_names`` tagged for ``position`` on a test
        cursor over the loading transaction (so they see the fresh data and
        leave nothing behind)."""
        from odoo.tests import loader
        suite = loader.make_suite(module_names, position)
        if not suite.countTestCases():
            return
        self.registry.setup_models(self.cr)
        self.env.flush_all()
        with loader.install_cursor(self.registry, self.cr):
            result = loader.run_suite(suite, global_report=self.report)
        self.report.update(result)
        self.env.invalidate_all()
        if not result.wasSuccessful():
            _logger.error('Modules %s: %d failures, %d errors of %d tests', ', '.join(module_names),
                          len(result.failures), len(result.errors), result.testsRun)

    # -- a set of modules ---------------------------------------------------

    def load_graph(self) -> None:
        pending = [node for node in self.graph if node.name not in self.loaded]
        self.migrations.refresh()
        for index, package in enumerate(pending, 1):
            try:
                self.load_module(package, index, len(pending))
            except Exception as e:
                _logger.error("Module %s failed to load: %s", package.name, e)
                e.add_note(f"while loading module {package.name}")
                raise

    def load_marked(self, states: tuple[str, ...]) -> int:
        """Add to the graph and load the modules in ``states``; return how
        many were processed (installed or upgraded)."""
        before = len(self.processed)
        while True:
            self.cr.execute('SELECT name FROM ir_module_module WHERE state IN %s', [states])
            names = [name for (name,) in self.cr.fetchall() if name not in self.graph and name not in self.skipped]
            names = self._loadable(names)
            if not names:
                break
            self.graph.add_modules(self.cr, names, self.force)
            self.load_graph()
        return len(self.processed) - before

    def _loadable(self, names: list[str]) -> list[str]:
        """Keep the modules whose dependencies are in the graph or among
        ``names`` (the others wait for their dependencies to be marked)."""
        manifests = {name: get_manifest(name) for name in names}
        for name, manifest in manifests.items():
            if not (manifest and manifest['installable']):
                # as Odoo: a module whose code is gone does not prevent loading the others
                _logger.warning('module %s: not installable, skipped', name)
                self.skipped.add(name)
        depends = {name: manifest.get('depends', ()) for name, manifest in manifests.items()
                   if name not in self.skipped}
        kept = set(depends)
        changed = True
        while changed:
            blocked = {name for name in kept if any(dep not in self.graph and dep not in kept for dep in depends[name])}
            kept -= blocked
            changed = bool(blocked)
        return sorted(kept)

    def mark_requested(self) -> None:
        """Mark the modules of ``config['init']`` 'to install' (with their
        dependencies and what they auto-install) and those of
        ``config['update']`` 'to upgrade'."""
        cr = self.cr
        _update_module_list(cr)
        requested = [name for name, flag in (config['init'] or {}).items() if flag and name != 'all']
        requested += [name for name, flag in (config['update'] or {}).items() if flag and name != 'all']
        cr.execute('SELECT name FROM ir_module_module WHERE name IN %s', [tuple(requested) or ('',)])
        known = {name for (name,) in cr.fetchall()}
        unknown = sorted(set(requested) - known)
        if unknown:
            _logger.warning('invalid module names, ignored: %s', ', '.join(unknown))

        to_install = [name for name, flag in (config['init'] or {}).items() if flag and name in known]
        if to_install:
            dependency_closure(to_install)  # unmet or cyclic dependencies: fail now, naming them
            db.mark_to_install(cr, to_install)
        to_upgrade = [name for name, flag in (config['update'] or {}).items() if flag and name in known]
        if 'all' in (config['update'] or {}):
            cr.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE state = 'installed'")
        elif to_upgrade:
            cr.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE state = 'installed' AND name IN %s",
                       [tuple(to_upgrade)])
        db.mark_auto_install(cr)
        cr.execute("UPDATE ir_module_module SET state = 'installed' WHERE name = 'base'")

    def uninstall_marked(self) -> bool:
        """Remove the data and tables of the modules marked 'to remove'."""
        self.cr.execute("SELECT name, id FROM ir_module_module WHERE state = 'to remove'")
        to_remove = dict(self.cr.fetchall())
        if not to_remove:
            return False
        for package in reversed([node for node in self.graph if node.name in to_remove]):
            hook = package.info.get('uninstall_hook')
            if hook:
                getattr(sys.modules[f'odoo.addons.{package.name}'], hook)(self.env)
                self.env.flush_all()
        Module = self.env['ir.module.module']
        modules = Module.browse(list(to_remove.values()))
        if hasattr(Module, 'module_uninstall'):
            modules.module_uninstall()
        else:
            self.env['ir.model.data']._module_data_uninstall(list(to_remove))
            self.env.flush_all()
            self.cr.execute(
                "UPDATE ir_module_module SET state = 'uninstalled', latest_version = NULL, demo = false "
                "WHERE id IN %s", [tuple(to_remove.values())],
            )
        self.env.flush_all()
        return True

    def run(self) -> bool:
        """Load everything; return whether modules were uninstalled (the
        registry must then be rebuilt without them)."""
        cr, registry = self.cr, self.registry
        update = config['update'] or {}
        if self.update_module and ('base' in update or 'all' in update):
            cr.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'base' AND state = 'installed'")

        self.graph.add_module(cr, 'base', self.force)
        if 'base' not in self.graph:
            raise ImportError('Module `base` cannot be loaded! (hint: verify addons-path)')
        self.load_graph()

        load_language = config.pop('load_language', None)
        if load_language or self.update_module:
            registry.setup_models(cr)
        if load_language:
            from odoo.tools.translate import load_language as load_lang
            for lang in load_language.split(','):
                load_lang(cr, lang.strip())

        if self.update_module:
            self.mark_requested()

        # installed modules first (a consistent system), then new ones; loop
        # as long as loading some makes others loadable
        while True:
            processed = self.load_marked(_INSTALLED_STATES)
            if self.update_module:
                processed += self.load_marked(('to install',))
            if not processed:
                break

        registry.loaded = True
        registry.setup_models(cr)
        cr.execute("SELECT name FROM ir_module_module WHERE state IN ('to install', 'to upgrade')")
        left = sorted(name for (name,) in cr.fetchall())
        if left and self.update_module:
            raise RuntimeError(f"Some modules could not be loaded, their dependencies are not installable: "
                               f"{', '.join(left)}")
        if left:
            _logger.error("Some modules have inconsistent states, some dependencies may be missing: %s", left)

        for package in self.graph:
            if self.upgraded_from.get(package.name):
                self.migrations.migrate_module(package, 'end', self.upgraded_from[package.name])

        if self.processed:
            self.env['ir.model.data']._process_end(self.processed)
            self.env.flush_all()

        for kind in ('init', 'demo', 'update'):
            config[kind] = {}

        if self.update_module and self.uninstall_marked():
            return True

        for model_name in list(registry):
            self.env[model_name]._register_hook()
        self.env.flush_all()

        # post_install tests run once the registry is ready, by the server
        updated = getattr(registry, 'updated_modules', None)
        if isinstance(updated, list):
            updated += self.processed
        if self.report.wasSuccessful():
            _logger.info('Modules loaded.')
        else:
            _logger.error('At least one test failed when loading the modules.')
        return False


def _assertion_report(registry):
    """The registry's test report, shared by all the test runs of the registry."""
    report = getattr(registry, '_assertion_report', None)
    if report is None:
        from odoo.tests.result import OdooTestResult
        report = registry._assertion_report = OdooTestResult()
    return report


def _update_module_list(cr) -> None:
    """Register the addons that appeared on the addons path since the
    database was created, and refresh the dependencies of the others."""
    cr.execute('SELECT name FROM ir_module_module')
    known = {name for (name,) in cr.fetchall()}
    for name in get_modules():
        if name not in known:
            try:
                db.register_module(cr, name)
            except ManifestError as e:
                _logger.error("%s", e)


def _refresh_module_row(cr, name: str, info: dict) -> None:
    """Copy the manifest of an upgraded module to its ir_module_module row."""
    cr.execute('SELECT id FROM ir_module_module WHERE name = %s', [name])
    module_id = cr.fetchone()[0]
    cr.execute('DELETE FROM ir_module_module_dependency WHERE module_id = %s', [module_id])
    auto_install = info['auto_install'] or ()
    for dep in info['depends']:
        cr.execute(
            'INSERT INTO ir_module_module_dependency (module_id, name, auto_install_required) VALUES (%s, %s, %s)',
            [module_id, dep, dep in auto_install],
        )
    cr.execute(
        'UPDATE ir_module_module SET author = %s, website = %s, license = %s, application = %s, '
        'auto_install = %s, sequence = %s WHERE id = %s',
        [info['author'], info['website'], info['license'], info['application'],
         info['auto_install'] is not False, info['sequence'], module_id],
    )


def load_modules(registry, force_demo: bool = False, status: Any = None, update_module: bool = False) -> Any:
    """Load the modules of a registry being built by ``Registry.new``:
    bootstrap an empty database (when ``update_module``), install / upgrade /
    uninstall what the configuration and the module states ask for.

    Everything happens in one transaction: on error nothing is committed.
    Returns a rebuilt registry when modules were uninstalled, else None.
    """
    initialize_sys_path()
    force = ['demo'] if force_demo else []
    with registry.cursor() as cr:
        if not db.is_initialized(cr):
            if not update_module:
                _logger.error("Database %s not initialized, you can force it with `-i base`", registry.db_name)
                return None
            _logger.info("init db")
            db.initialize(cr)
            update_module = True
            config['init'] = {**(config['init'] or {}), 'all': 1}
            if not config.get('without_demo'):
                config['demo'] = {**(config['demo'] or {}), 'all': 1}
        if force_demo:
            cr.execute('UPDATE ir_module_module SET demo = true')
        from odoo import SUPERUSER_ID, api
        env = api.Environment(cr, SUPERUSER_ID, {})
        uninstalled = _Loader(registry, env, force, update_module).run()
    if uninstalled:
        _logger.info('Reloading registry once more after uninstalling modules')
        from odoo.modules.registry import Registry
        return Registry.new(registry.db_name, force_demo, status, update_module)
    return None


def reset_modules_state(db_name: str) -> None:
    """Put modules left 'to install' / 'to upgrade' / 'to remove' by a
    failed operation back to their previous state."""
    from odoo.sql_db import db_connect
    with db_connect(db_name).cursor() as cr:
        if not _table_exists(cr, 'ir_module_module'):
            return
        cr.execute("UPDATE ir_module_module SET state = 'installed' WHERE state IN ('to remove', 'to upgrade')")
        cr.execute("UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'")
        _logger.warning("Transient module states were reset")


__all__ = ['load_data', 'load_demo', 'load_modules', 'reset_modules_state']
