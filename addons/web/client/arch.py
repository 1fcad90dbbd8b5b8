"""Reading view archs (the XML ``get_views`` returns): the parts each
renderer needs, with the field descriptions of ``fields_get``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree


@dataclass
class View:
    """One view of a model as ``get_views`` described it."""
    model: str
    view_type: str
    view_id: int | bool
    root: Any                    # the arch's root element
    fields: dict                 # fields_get of the model (the fields the arch uses)
    all_models: dict             # {model: {'fields': ...}} for sub-views

    def attr(self, name: str, default: str = '') -> str:
        return self.root.get(name, default)


def load_views(env: Any, model: str, requested: list[tuple], action_id: int | None = None,
               with_search: bool = True) -> dict[str, View]:
    """The views ``[(view_id, view_type)]`` of ``model`` (plus its search view), parsed."""
    wanted = list(requested)
    if with_search and not any(kind == 'search' for _vid, kind in wanted):
        wanted.append((False, 'search'))
    described = env[model].get_views(wanted, {'action_id': action_id, 'load_filters': True})
    models = described['models']
    views = {}
    for kind, info in described['views'].items():
        root = etree.fromstring(info['arch'])
        views[kind] = View(model=model, view_type=kind, view_id=info.get('id') or False, root=root,
                           fields=models.get(model, {}).get('fields', {}), all_models=models)
    return views


def load_view(env: Any, model: str, view_id: int | bool, view_type: str) -> View:
    """A single view (used by the htmx fragment routes)."""
    return load_views(env, model, [(view_id or False, view_type)], with_search=view_type == 'search')[view_type]


def field_nodes(root: Any, skip_subviews: bool = True) -> list:
    """The ``<field>`` elements of ``root`` not nested inside another field's sub-view."""
    found = []

    def walk(node: Any) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == 'field':
                found.append(child)
                if skip_subviews:
                    continue
            walk(child)
    walk(root)
    return found


def view_field_names(root: Any) -> list[str]:
    return [node.get('name') for node in field_nodes(root)]
