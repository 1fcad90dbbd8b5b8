"""The user's menu tree (``ir.ui.menu.load_menus``: only the menus their
groups may see) and the link each menu opens."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Menu:
    id: int
    name: str
    action_id: int | None
    children: list[Menu] = field(default_factory=list)
    app_id: int | None = None

    @property
    def href(self) -> str:
        """The page this menu opens: its action, else its first descendant with one."""
        if self.action_id:
            return f"/odoo/action-{self.action_id}?menu_id={self.app_id or self.id}"
        for child in self.children:
            target = child.href
            if target != '#':
                return target
        return '#'


def load(env: Any) -> list[Menu]:
    """The visible app menus of the current user, each with its sub-menus."""
    raw = env['ir.ui.menu'].load_menus(False)

    def build(menu_id: int) -> Menu:
        data = raw[menu_id]
        model, _sep, action_id = (data.get('action') or '').partition(',')
        menu = Menu(id=data['id'], name=data['name'],
                    action_id=int(action_id) if model == 'ir.actions.act_window' and action_id else None,
                    app_id=data.get('app_id'))
        menu.children = [build(child) for child in data['children'] if child in raw]
        return menu

    apps = [build(menu_id) for menu_id in raw['root']['children'] if menu_id in raw]
    return [app for app in apps if app.href != '#']


def find_app(apps: list[Menu], menu_id: int | None, action_id: int | None) -> Menu | None:
    """The app menu holding ``menu_id``, else the one holding a menu of ``action_id``."""
    def contains(menu: Menu, predicate) -> bool:
        return predicate(menu) or any(contains(child, predicate) for child in menu.children)

    for predicate in (lambda m: m.id == menu_id, lambda m: action_id and m.action_id == action_id):
        for app in apps:
            if contains(app, predicate):
                return app
    return None
