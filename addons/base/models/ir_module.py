"""Modules as records (ir.module.module, their dependencies and categories):
the list of available addons, their state, and the buttons that mark them
for install / upgrade / uninstall and run the loader.
"""
from __future__ import annotations

import base64
import html
import logging
import os
import threading

import psycopg2
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessDenied, UserError
from odoo.modules.module import adapt_version, get_manifest, get_module_path, get_modules

_logger = logging.getLogger(__name__)

STATES = [
    ('uninstallable', 'Uninstallable'),
    ('uninstalled', 'Not Installed'),
    ('installed', 'Installed'),
    ('to upgrade', 'To be upgraded'),
    ('to remove', 'To be removed'),
    ('to install', 'To be installed'),
]

LICENSES = [
    ('GPL-2', 'GPL Version 2'),
    ('GPL-2 or any later version', 'GPL-2 or later version'),
    ('GPL-3', 'GPL Version 3'),
    ('GPL-3 or any later version', 'GPL-3 or later version'),
    ('AGPL-3', 'Affero GPL-3'),
    ('LGPL-3', 'LGPL Version 3'),
    ('Other OSI approved licence', 'Other OSI Approved License'),
    ('OEEL-1', 'Odoo Enterprise Edition License v1.0'),
    ('OPL-1', 'Odoo Proprietary License v1.0'),
    ('Other proprietary', 'Other Proprietary'),
]

CLOSE_ACTION = {'type': 'ir.actions.act_window_close'}

# the states in which a module counts as (going to be) present
PRESENT_STATES = ('installed', 'to install', 'to upgrade')


def _require_admin(records) -> None:
    """ Module operations are for administrators only; name the user. """
    if not records.env.su and not records.env.user._is_admin():
        raise AccessDenied(_("User %s may not manage modules.", records.env.user.login))
    _logger.info("module operation by uid %s on %s", records.env.uid, records.mapped('name'))


class ModuleCategory(models.Model):
    _name = "ir.module.category"
    _description = "Application"
    _order = 'name'
    _allow_sudo_commands = False

    name = fields.Char(string='Name', required=True, translate=True, index=True)
    parent_id = fields.Many2one('ir.module.category', string='Parent Application', index=True)
    child_ids = fields.One2many('ir.module.category', 'parent_id', string='Child Applications')
    module_ids = fields.One2many('ir.module.module', 'category_id', string='Modules')
    description = fields.Text(string='Description', translate=True)
    sequence = fields.Integer(string='Sequence')
    visible = fields.Boolean(string='Visible', default=True)
    exclusive = fields.Boolean(string='Exclusive')
    xml_id = fields.Char(string='External ID', compute='_compute_xml_id')

    def _compute_xml_id(self):
        xids = self.env['ir.model.data']._first_xmlids(self)
        for category in self:
            category.xml_id = xids.get(category.id) or False

    @api.constrains('parent_id')
    def _check_parent_not_circular(self):
        for category in self:
            seen = set()
            node = category
            while node:
                if node.id in seen:
                    raise UserError(_("Category %s would be its own parent.", category.name))
                seen.add(node.id)
                node = node.parent_id


class Module(models.Model):
    """ One addon found on the addons path, and its state in this database. """
    _name = "ir.module.module"
    _rec_name = "shortdesc"
    _description = "Module"
    _order = 'application desc,sequence,name'
    _allow_sudo_commands = False

    name = fields.Char('Technical Name', readonly=True, required=True)
    category_id = fields.Many2one('ir.module.category', string='Category', readonly=True, index=True)
    shortdesc = fields.Char('Module Name', readonly=True, translate=True)
    summary = fields.Char('Summary', readonly=True, translate=True)
    description = fields.Text('Description', readonly=True, translate=True)
    author = fields.Char("Author", readonly=True)
    maintainer = fields.Char('Maintainer', readonly=True)
    contributors = fields.Text('Contributors', readonly=True)
    website = fields.Char("Website", readonly=True)
    installed_version = fields.Char('Latest Version', compute='_compute_installed_version')
    latest_version = fields.Char('Installed Version', readonly=True)
    published_version = fields.Char('Published Version', readonly=True)
    url = fields.Char('URL', readonly=True)
    sequence = fields.Integer('Sequence', default=100)
    dependencies_id = fields.One2many('ir.module.module.dependency', 'module_id', string='Dependencies',
                                      readonly=True)
    auto_install = fields.Boolean('Automatic Installation')
    state = fields.Selection(STATES, string='Status', default='uninstallable', readonly=True, index=True)
    demo = fields.Boolean('Demo Data', default=False, readonly=True)
    license = fields.Selection(LICENSES, string='License', default='LGPL-3', readonly=True)
    application = fields.Boolean('Application', readonly=True)
    icon = fields.Char('Icon URL')
    icon_image = fields.Binary(string='Icon', compute='_compute_icon_image')
    icon_flag = fields.Char(string='Flag', compute='_compute_icon_image')
    to_buy = fields.Boolean('Odoo Enterprise Module', default=False)
    has_iap = fields.Boolean(compute='_compute_has_iap')
    description_html = fields.Html('Description HTML', compute='_compute_description_html')
    menus_by_module = fields.Text(string='Menus', compute='_compute_module_records', store=True)
    reports_by_module = fields.Text(string='Reports', compute='_compute_module_records', store=True)
    views_by_module = fields.Text(string='Views', compute='_compute_module_records', store=True)

    _sql_constraints = [
        ('name_uniq', 'UNIQUE (name)', 'Two modules cannot have the same technical name.'),
    ]

    def _compute_installed_version(self):
        for module in self:
            try:
                version = get_manifest(module.name).get('version') if module.name else None
            except Exception:  # noqa: BLE001 - a broken manifest has no version to show
                version = None
            module.installed_version = adapt_version(version or '1.0')

    def _compute_icon_image(self):
        for module in self:
            module.icon_flag = False
            path = get_module_path(module.name, display_warning=False) if module.name else False
            icon = path and os.path.join(path, 'static', 'description', 'icon.png')
            if icon and os.path.isfile(icon):
                with open(icon, 'rb') as handle:
                    module.icon_image = base64.b64encode(handle.read())
            else:
                module.icon_image = False

    def _compute_has_iap(self):
        # no In-App Purchase service here
        self.has_iap = False

    @api.depends('name', 'description')
    def _compute_description_html(self):
        """ The module's static/description/index.html, else its manifest
        description as escaped paragraphs. """
        for module in self:
            path = get_module_path(module.name, display_warning=False) if module.name else False
            page = path and os.path.join(path, 'static', 'description', 'index.html')
            if page and os.path.isfile(page):
                with open(page, 'rb') as handle:
                    module.description_html = handle.read().decode('utf-8', 'replace')
                continue
            paragraphs = [p.strip() for p in (module.description or '').split('\n\n') if p.strip()]
            module.description_html = ''.join(f'<p>{html.escape(p)}</p>' for p in paragraphs) or False

    @api.depends('name', 'state')
    def _compute_module_records(self):
        """ The views, reports and menus a module installed, one a line. """
        present = ('installed', 'to upgrade', 'to remove')
        Data = self.env['ir.model.data'].sudo()
        for module in self:
            lines = {'ir.ui.view': [], 'ir.actions.report': [], 'ir.ui.menu': []}
            if module.state in present:
                for xid in Data.search([('module', '=', module.name), ('model', 'in', list(lines))]):
                    if xid.model in self.env:
                        record = self.env[xid.model].sudo().browse(xid.res_id).exists()
                        if record:
                            lines[xid.model].append(record.display_name or xid.name)
            module.views_by_module = "\n".join(sorted(lines['ir.ui.view']))
            module.reports_by_module = "\n".join(sorted(lines['ir.actions.report']))
            module.menus_by_module = "\n".join(sorted(lines['ir.ui.menu']))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_installed(self):
        for module in self:
            if module.state in PRESENT_STATES + ('to remove',):
                raise UserError(_("Module %s is installed or about to be: uninstall it before deleting it.",
                                  module.name))

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # ------------------------------------------------------------------
    # reading manifests
    # ------------------------------------------------------------------

    @staticmethod
    def get_values_from_terp(terp: dict) -> dict:
        """ Column values of a module row from its manifest. """
        defaults = [
            ('description', 'description', ''), ('shortdesc', 'name', ''), ('author', 'author', 'Unknown'),
            ('maintainer', 'maintainer', False), ('website', 'website', ''), ('license', 'license', 'LGPL-3'),
            ('sequence', 'sequence', 100), ('application', 'application', False), ('icon', 'icon', False),
            ('summary', 'summary', ''),
        ]
        values = {column: terp.get(key, default) for column, key, default in defaults}
        values['contributors'] = ', '.join(terp.get('contributors') or []) or False
        values['auto_install'] = bool(terp.get('auto_install')) or terp.get('auto_install') == []
        values['url'] = terp.get('url') or terp.get('live_test_url') or ''
        values['to_buy'] = False
        return values

    @api.model
    def update_list(self) -> list:
        """ Register the addons found on the addons path: new ones as
        'uninstalled' (or 'uninstallable'), and refresh the description of
        known ones. Return ``[updated, added]`` counts. """
        updated = added = 0
        known = {module.name: module for module in self.with_context(lang=None).search([])}
        for name in get_modules():
            try:
                terp = get_manifest(name)
            except Exception as e:  # noqa: BLE001 - one broken addon must not hide the others
                _logger.warning("Module %s skipped from the list: %s", name, e)
                continue
            if not terp:
                continue
            values = self.get_values_from_terp(terp)
            installable = terp.get('installable', True)
            module = known.get(name)
            if module:
                changed = {key: value for key, value in values.items()
                           if (module[key] or False) != (value or False)}
                if module.state == 'uninstallable' and installable:
                    changed['state'] = 'uninstalled'
                elif module.state == 'uninstalled' and not installable:
                    changed['state'] = 'uninstallable'
                if changed:
                    module.write(changed)
                    updated += 1
            else:
                if not get_module_path(name, display_warning=False):
                    continue
                state = 'uninstalled' if installable else 'uninstallable'
                module = self.create(dict(name=name, state=state, **values))
                added += 1
            module._update_dependencies(terp.get('depends', []), terp.get('auto_install'))
            module._update_category(terp.get('category', 'Uncategorized'))
        return [updated, added]

    def _update_dependencies(self, depends=None, auto_install_requirements=()) -> None:
        """ Make the dependency rows match ``depends``. """
        self.ensure_one()
        wanted = set(depends or [])
        # a manifest's auto_install is True (all dependencies) or a list of them
        if auto_install_requirements is True:
            required = wanted
        else:
            required = set(auto_install_requirements or ())
        current = {dep.name: dep for dep in self.dependencies_id}
        stale = self.env['ir.module.module.dependency'].browse(
            [dep.id for name, dep in current.items() if name not in wanted])
        stale.unlink()
        for name in wanted - set(current):
            self.env.cr.execute("""INSERT INTO ir_module_module_dependency (module_id, name, auto_install_required)
                                   VALUES (%s, %s, %s)""", [self.id, name, name in required])
        for name in wanted & set(current):
            if current[name].auto_install_required != (name in required):
                current[name].auto_install_required = name in required
        self.invalidate_recordset(['dependencies_id'])

    def _update_category(self, category: str = 'Uncategorized') -> None:
        """ Put the module in the category path ``Parent/Child``, creating
        the categories that are missing. """
        self.ensure_one()
        parent = self.env['ir.module.category']
        for name in (category or 'Uncategorized').split('/'):
            name = name.strip()
            found = parent.search([('name', '=', name), ('parent_id', '=', parent.id or False)], limit=1)
            parent = found or parent.create({'name': name, 'parent_id': parent.id or False})
        if self.category_id != parent:
            self.write({'category_id': parent.id})

    # ------------------------------------------------------------------
    # states
    # ------------------------------------------------------------------

    def _state_update(self, newstate: str, states_to_update, level: int = 100) -> bool:
        """ Move the modules and their dependencies in ``states_to_update``
        to ``newstate``; return whether demo data is wanted. """
        if level < 1:
            raise UserError(_("The dependencies of modules %s form a cycle.", ", ".join(self.mapped('name'))))
        wants_demo = False
        for module in self:
            if module.state not in states_to_update:
                wants_demo = wants_demo or module.demo
                continue
            pending = self.browse()
            dependency_demo = False
            for dep in module.dependencies_id:
                if dep.state == 'unknown':
                    raise UserError(_("Module %(module)s depends on %(dependency)s, which is not available.",
                                      module=module.name, dependency=dep.name))
                if dep.depend_id.state == newstate:
                    dependency_demo = dependency_demo or dep.depend_id.demo
                else:
                    pending |= dep.depend_id
            dependency_demo = pending._state_update(newstate, states_to_update, level - 1) or dependency_demo
            module_demo = module.demo or dependency_demo
            wants_demo = wants_demo or module_demo
            module.write({'state': newstate, 'demo': module_demo})
        return wants_demo

    def button_install(self):
        """ Mark the modules, their dependencies and the auto-install
        modules they complete, as 'to install'. """
        _require_admin(self)
        batch = self
        while batch:
            batch._state_update('to install', ['uninstalled'])
            batch = self.search([('state', '=', 'uninstalled'), ('auto_install', '=', True)]).filtered(
                lambda m: m._auto_install_ready())
        return CLOSE_ACTION

    def _auto_install_ready(self) -> bool:
        required = {dep.state for dep in self.dependencies_id if dep.auto_install_required}
        return required <= set(PRESENT_STATES) and 'to install' in required

    def button_install_cancel(self):
        _require_admin(self)
        self.write({'state': 'uninstalled', 'demo': False})
        return True

    def button_upgrade(self):
        """ Mark the modules and the installed modules depending on them as
        'to upgrade', and their new dependencies 'to install'. """
        _require_admin(self)
        if not self:
            return False
        self.update_list()
        todo = list(self)
        marked = self.browse()
        while todo:
            module = todo.pop()
            if module in marked:
                continue
            if module.state in ('uninstalled', 'uninstallable', 'to install', 'to remove'):
                raise UserError(_("Module %s is not installed and cannot be upgraded.", module.name))
            if module.name == 'base':
                self.env.cr.execute("UPDATE ir_module_module_dependency SET auto_install_required = false "
                                    "WHERE name = 'base'")
            marked |= module
            todo.extend(self.search([('dependencies_id.name', '=', module.name), ('state', '=', 'installed')]))
        marked.write({'state': 'to upgrade'})
        missing = [dep.name for module in marked for dep in module.dependencies_id if dep.state == 'unknown']
        if missing:
            raise UserError(_("Dependencies not available: %s", ", ".join(sorted(set(missing)))))
        self.search([('name', 'in', [dep.name for m in marked for dep in m.dependencies_id]),
                     ('state', '=', 'uninstalled')]).button_install()
        return CLOSE_ACTION

    def button_upgrade_cancel(self):
        _require_admin(self)
        self.write({'state': 'installed'})
        return True

    def downstream_dependencies(self, known_deps=None, exclude_states=('uninstalled', 'uninstallable', 'to remove')):
        """ The modules that depend on ``self``, directly or not. """
        known = known_deps or self.browse()
        self.env.cr.execute("""
            SELECT DISTINCT m.id FROM ir_module_module_dependency d
              JOIN ir_module_module m ON m.id = d.module_id
             WHERE d.name = ANY(%s) AND NOT m.state = ANY(%s)
        """, [list(self.mapped('name')), list(exclude_states)])
        found = self.browse([row[0] for row in self.env.cr.fetchall()]) - known
        if found:
            known |= found
            known |= found.downstream_dependencies(known, exclude_states)
        return known

    def upstream_dependencies(self, known_deps=None, exclude_states=('installed', 'uninstallable', 'to remove')):
        """ The modules ``self`` depends on, directly or not. """
        known = known_deps or self.browse()
        names = [dep.name for module in self for dep in module.dependencies_id]
        found = self.search([('name', 'in', names), ('state', 'not in', list(exclude_states))]) - known
        if found:
            known |= found
            known |= found.upstream_dependencies(known, exclude_states)
        return known

    def button_uninstall(self):
        """ Mark the modules and every installed module depending on them
        as 'to remove'. """
        _require_admin(self)
        if 'base' in self.mapped('name'):
            raise UserError(_("The `base` module cannot be uninstalled"))
        if not all(state in ('installed', 'to upgrade') for state in self.mapped('state')):
            raise UserError(_("Modules %s are not installed: they cannot be uninstalled.",
                              ", ".join(self.filtered(lambda m: m.state not in ('installed', 'to upgrade'))
                                        .mapped('name'))))
        (self | self.downstream_dependencies()).write({'state': 'to remove'})
        return CLOSE_ACTION

    def button_uninstall_cancel(self):
        _require_admin(self)
        self.write({'state': 'installed'})
        return True

    def module_uninstall(self) -> bool:
        """ Remove everything the modules created (records, columns,
        tables) and mark them uninstalled. """
        _require_admin(self)
        self.env['ir.model.data']._module_data_uninstall(self.mapped('name'))
        # columns just dropped must not be prefetched by the write
        self.with_context(prefetch_fields=False).write(dict(state='uninstalled', latest_version=False))
        return True

    def _button_immediate_function(self, function):
        """ Mark with ``function``, commit, and rebuild the registry with
        the loader, which performs the install / upgrade / uninstall. """
        registry = self.env.registry
        if not registry.ready or getattr(registry, '_init', False):
            raise UserError(_("Modules can only be installed, upgraded or removed once the registry "
                              "is loaded; use button_install and friends during loading."))
        if getattr(threading.current_thread(), 'testing', None):
            raise RuntimeError("Module operations commit and cannot run inside tests.")
        try:
            self.env.cr.execute("SELECT id FROM ir_cron FOR UPDATE NOWAIT")
        except psycopg2.OperationalError:
            raise UserError(_("A scheduled action is running; try the module operation again later.")) from None
        function(self)
        self.env.cr.commit()
        from odoo.modules.registry import Registry
        Registry.new(self.env.cr.dbname, update_module=True)
        self.env.cr.commit()
        self.env.invalidate_all()
        menu = self.env['ir.ui.menu'].search([('parent_id', '=', False)], limit=1)
        return {'type': 'ir.actions.client', 'tag': 'reload', 'params': {'menu_id': menu.id}}

    def button_immediate_install(self):
        _require_admin(self)
        return self._button_immediate_function(type(self).button_install)

    def button_immediate_upgrade(self):
        _require_admin(self)
        return self._button_immediate_function(type(self).button_upgrade)

    def button_immediate_uninstall(self):
        _require_admin(self)
        return self._button_immediate_function(type(self).button_uninstall)

    # ------------------------------------------------------------------
    # lookups and translations
    # ------------------------------------------------------------------

    @api.model
    @tools.ormcache('name')
    def _get_id(self, name: str):
        self.flush_model(['name'])
        self.env.cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [name])
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _get(self, name: str):
        return self.browse(self._get_id(name))

    @api.model
    @tools.ormcache()
    def _installed(self) -> dict:
        """ ``{name: id}`` of the installed modules. """
        self.flush_model(['name', 'state'])
        self.env.cr.execute("SELECT name, id FROM ir_module_module WHERE state = 'installed'")
        return dict(self.env.cr.fetchall())

    def _update_translations(self, filter_lang=None, overwrite: bool = False) -> None:
        if not filter_lang:
            filter_lang = [code for code, _label in self.env['res.lang'].get_installed()]
        elif isinstance(filter_lang, str):
            filter_lang = [filter_lang]
        names = self.filtered(lambda m: m.state in PRESENT_STATES).mapped('name')
        self._load_module_terms(names, filter_lang, overwrite)

    def _load_module_terms(self, modules, langs, overwrite: bool = False, imported_module: bool = False) -> None:
        """ Load ``i18n/<lang>.po`` (and the base language's file) of the
        given modules into the database's translations. """
        from odoo.tools.translate import TranslationImporter

        importer = TranslationImporter(self.env.cr)
        for module_name in modules:
            path = get_module_path(module_name, display_warning=False)
            if not path:
                continue
            for lang in langs:
                if lang == 'en_US':
                    continue
                base_lang = lang.split('_')[0]
                found = False
                for code in dict.fromkeys((base_lang, lang)):
                    po_file = os.path.join(path, 'i18n', f'{code}.po')
                    if os.path.isfile(po_file):
                        _logger.info('module %s: loading translation file %s for language %s',
                                     module_name, po_file, lang)
                        importer.load_file(po_file, lang)
                        found = True
                if not found:
                    _logger.info('module %s has no %s translation', module_name, lang)
        importer.save(overwrite=overwrite)
        # labels and names read through caches must show the new terms
        self.env.registry.clear_cache()
        self.env.invalidate_all()


class ModuleDependency(models.Model):
    _name = "ir.module.module.dependency"
    _description = "Module dependency"
    _log_access = False
    _allow_sudo_commands = False

    name = fields.Char(index=True)
    module_id = fields.Many2one('ir.module.module', 'Module', ondelete='cascade')
    depend_id = fields.Many2one('ir.module.module', 'Dependency', compute='_compute_depend',
                                search='_search_depend')
    state = fields.Selection(STATES + [('unknown', 'Unknown')], string='Status', compute='_compute_state')
    auto_install_required = fields.Boolean(default=True)

    @api.depends('name')
    def _compute_depend(self):
        names = list({dep.name for dep in self})
        found = {mod.name: mod.id for mod in self.env['ir.module.module'].search([('name', 'in', names)])}
        for dep in self:
            dep.depend_id = found.get(dep.name, False)

    def _search_depend(self, operator, value):
        if operator not in ('in', '='):
            raise UserError(_("Dependencies can only be searched with 'in' or '='."))
        ids = value if isinstance(value, (list, tuple)) else [value]
        names = self.env['ir.module.module'].browse(ids).mapped('name')
        return [('name', 'in', names)]

    @api.depends('depend_id.state')
    def _compute_state(self):
        for dep in self:
            dep.state = dep.depend_id.state or 'unknown'
