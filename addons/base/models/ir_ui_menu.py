"""Menus (ir.ui.menu): a tree of entries opening actions, shown to a user
only when their groups allow it and the action's model is readable.
"""
from __future__ import annotations

import base64
import os
import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path

from .ir_model_access import user_group_ids

MENU_ITEM_SEPARATOR = "/"
ICON_EXTENSIONS = ('.png', '.gif', '.ico', '.jfif', '.jpeg', '.jpg', '.svg', '.webp')
COPY_COUNTER = re.compile(r"\((\d+)\)")

# action model -> field holding the model the action opens
MODEL_BY_ACTION_TYPE = dict([
    ('ir.actions.act_window', 'res_model'),
    ('ir.actions.report', 'model'),
    ('ir.actions.server', 'model_name'),
])
ACTION_MODELS = ['ir.actions.report', 'ir.actions.act_window', 'ir.actions.act_url',
                 'ir.actions.server', 'ir.actions.client']


class IrUiMenu(models.Model):
    _name = 'ir.ui.menu'
    _description = 'Menu'
    _order = "sequence,id"
    _parent_store = True
    _allow_sudo_commands = False

    name = fields.Char(string='Menu', required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    child_id = fields.One2many('ir.ui.menu', 'parent_id', string='Child IDs')
    parent_id = fields.Many2one('ir.ui.menu', string='Parent Menu', index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    groups_id = fields.Many2many('res.groups', 'ir_ui_menu_group_rel', 'menu_id', 'gid', string='Groups')
    complete_name = fields.Char(string='Full Path', compute='_compute_complete_name', recursive=True)
    web_icon = fields.Char(string='Web Icon File')
    action = fields.Reference(selection=[(name, name) for name in ACTION_MODELS])
    web_icon_data = fields.Binary(string='Web Icon Image', attachment=True)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for entry in self:
            entry.complete_name = entry._get_full_name()

    def _get_full_name(self, level: int = 6) -> str:
        """ ``Parent/Child`` path of the menu, at most ``level`` deep. """
        names = []
        entry = self
        while entry and len(names) < level:
            names.append(entry.name or "")
            entry = entry.parent_id
        if entry:
            names.append('...')
        return MENU_ITEM_SEPARATOR.join(reversed(names))

    @api.depends('parent_id')
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = entry._get_full_name()

    def _read_image(self, path: str):
        """ The base64 content of ``module,path/to/icon.png``, or False. """
        if not path:
            return False
        addon, _sep, relative = path.partition(',')
        root = get_module_path(addon)
        full = root and os.path.normpath(os.path.join(root, relative))
        if not full or not full.startswith(root) or os.path.splitext(full)[1].lower() not in ICON_EXTENSIONS:
            return False
        if not os.path.isfile(full):
            return False
        with open(full, 'rb') as handle:
            content = handle.read()
        return base64.encodebytes(content)

    def _compute_web_icon_data(self, web_icon):
        # 'module,path' is an image file; 'icon,color,background' is drawn by the client
        parts = (web_icon or '').split(',')
        return self._read_image(web_icon) if len(parts) == 2 else False

    @api.constrains('parent_id')
    def _check_parent_id(self):
        for menu in self:
            seen = set()
            current = menu
            while current:
                if current.id in seen:
                    raise ValidationError(_("Menu %s would be its own ancestor.", menu.name))
                seen.add(current.id)
                current = current.parent_id

    @api.model
    @tools.ormcache('self.env.uid', 'debug')
    def _visible_menu_ids(self, debug: bool = False) -> frozenset:
        """ Ids of the menus the current user sees: not hidden by groups,
        with a readable action, and the folders leading to those. """
        menus = self.with_context(**{'ir.ui.menu.full_list': True}).search([]).sudo()
        group_ids = set(user_group_ids(self.env))
        if not debug:
            group_ids.discard(self.env['ir.model.data']._xmlid_to_res_id('base.group_no_one'))
        menus = menus.filtered(lambda m: not (m.groups_id and group_ids.isdisjoint(m.groups_id.ids)))

        action_menus = menus.filtered(lambda m: m.action and m.action.exists())
        folder_menus = menus - action_menus
        acl = self.env['ir.model.access']
        shown = set()
        for entry in action_menus:
            target_field = MODEL_BY_ACTION_TYPE.get(entry.action._name)
            target = target_field and entry.action[target_field]
            if target and not acl.check(target, 'read', raise_exception=False):
                continue
            shown.add(entry.id)
            folder = entry.parent_id
            while folder and folder in folder_menus and folder.id not in shown:
                shown.add(folder.id)
                folder = folder.parent_id
        return frozenset(shown)

    def _filter_visible_menus(self):
        shown = self._visible_menu_ids(bool(self._context.get('debug')))
        return self.filtered(lambda entry: entry.id in shown)

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # visibility is decided in Python, so paging must come after it
        found = super().search_fetch(domain, field_names, order=order)
        if found and not self._context.get('ir.ui.menu.full_list'):
            found = found._filter_visible_menus()
        end = offset + limit if limit else None
        return found[offset:end]

    @api.model
    def search_count(self, domain, limit=None):
        found = self.search(domain, limit=limit)
        return len(found)

    @api.model_create_multi
    def create(self, vals_list):
        for values in vals_list:
            if 'web_icon' in values:
                values['web_icon_data'] = self._compute_web_icon_data(values['web_icon'])
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        if 'web_icon' in vals:
            vals['web_icon_data'] = self._compute_web_icon_data(vals.get('web_icon'))
        return super().write(vals)

    def unlink(self):
        # children are promoted to the top level: deleting them blindly
        # would lose menus other modules own
        extra = {'ir.ui.menu.full_list': True, 'active_test': False}
        self.with_context(**extra).search([('parent_id', 'in', self.ids)]).write({'parent_id': False})
        self.env.registry.clear_cache()
        return super().unlink()

    def copy(self, default=None):
        copies = super().copy(default=default)
        for entry in copies:
            found = COPY_COUNTER.search(entry.name)
            entry.name = (COPY_COUNTER.sub('(%d)' % (int(found.group(1)) + 1), entry.name)
                          if found else entry.name + '(1)')
        return copies

    @api.model
    def get_user_roots(self):
        top_level = [('parent_id', '=', False)]
        return self.search(top_level)

    def _load_menus_blacklist(self) -> list:
        return []

    def _get_menuitems_xmlids(self) -> dict:
        menu_data = self.env['ir.model.data'].sudo().search([('model', '=', 'ir.ui.menu'), ('res_id', 'in', self.ids)])
        return {menu.res_id: menu.complete_name for menu in menu_data}

    @api.model
    def load_menus_root(self) -> dict:
        fields_ = ['name', 'sequence', 'parent_id', 'action', 'web_icon_data']
        roots = self.get_user_roots()
        roots_data = roots.read(fields_) if roots else []
        xmlids = roots._get_menuitems_xmlids()
        for values in roots_data:
            values['xmlid'] = xmlids.get(values['id']) or ''
        return {
            'id': False,
            'name': 'root',
            'parent_id': [-1, ''],
            'children': roots_data,
            'all_menu_ids': roots.ids,
        }

    @api.model
    def load_menus(self, debug) -> dict:
        """ ``{menu id: menu dict, 'root': root}`` of the user's visible
        menus, each with its children ids, xml id and app id. """
        fields_ = ['name', 'sequence', 'parent_id', 'action', 'web_icon']
        roots = self.with_context(debug=debug).get_user_roots()
        roots_data = roots.read(fields_) if roots else []
        menu_root = {
            'id': False,
            'name': 'root',
            'parent_id': [-1, ''],
            'children': [menu['id'] for menu in roots_data],
        }
        all_menus = {'root': menu_root}
        if not roots_data:
            return all_menus
        domain = [('id', 'child_of', roots.ids)]
        blacklist = self._load_menus_blacklist()
        if blacklist:
            domain.append(('id', 'not in', blacklist))
        menus = self.with_context(debug=debug).search(domain)
        items = menus.read(fields_)
        xmlids = (roots + menus)._get_menuitems_xmlids()
        items.extend(roots_data)
        icons = {
            att['res_id']: att for att in self.env['ir.attachment'].sudo().search_read(
                [('res_model', '=', 'ir.ui.menu'), ('res_id', 'in', [i['id'] for i in items]),
                 ('res_field', '=', 'web_icon_data')], ['res_id', 'datas', 'mimetype'])
        }
        by_id = {item['id']: item for item in items}
        for item in items:
            item.setdefault('children', [])
            parent = item['parent_id'] and item['parent_id'][0]
            item['xmlid'] = xmlids.get(item['id'], "")
            if parent in by_id:
                by_id[parent].setdefault('children', []).append(item['id'])
            icon = icons.get(item['id'])
            datas = icon and icon['datas']
            item['web_icon_data'] = (datas.decode() if isinstance(datas, bytes) else datas) if icon else False
            item['web_icon_data_mimetype'] = icon['mimetype'] if icon else False
        all_menus.update(by_id)
        for menu in all_menus.values():
            menu['children'] = sorted(set(menu['children']), key=lambda mid: all_menus[mid]['sequence'])

        def set_app_id(app_id, menu):
            menu['app_id'] = app_id
            for child_id in menu['children']:
                set_app_id(app_id, all_menus[child_id])

        for app in roots_data:
            set_app_id(app['id'], all_menus[app['id']])
        result = {menu['id']: menu for menu in all_menus.values() if menu.get('app_id')}
        result['root'] = menu_root
        return result

    @api.model
    def load_web_menus(self, debug) -> dict:
        """ The menus in the shape the web client's menu service expects. """
        menus = self.load_menus(debug)
        web_menus = {}
        for menu in menus.values():
            if not menu['id']:
                web_menus['root'] = {
                    "id": 'root', "name": menu['name'], "children": menu['children'],
                    "appID": False, "xmlid": "", "actionID": False, "actionModel": False,
                    "actionPath": False, "webIcon": None, "webIconData": None,
                    "webIconDataMimetype": None, "backgroundImage": menu.get('backgroundImage'),
                }
                continue
            act_model, _sep, act_id = (menu['action'] or '').partition(',')
            web_menus[menu['id']] = {
                "id": menu['id'],
                "name": menu['name'],
                "children": menu['children'],
                "appID": menu['app_id'],
                "xmlid": menu['xmlid'],
                "actionID": int(act_id) if act_id else False,
                "actionModel": act_model or False,
                "actionPath": False,
                "webIcon": menu['web_icon'],
                "webIconData": menu['web_icon_data'],
                "webIconDataMimetype": menu.get('web_icon_data_mimetype'),
            }
        return web_menus
