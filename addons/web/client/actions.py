"""Window actions as the web client uses them: an ``ir.actions.act_window``
(or the dict a button returns) turned into a plain description, with its
``domain`` and ``context`` evaluated, and the URL that shows it."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from odoo.tools import safe_eval as safe_eval_module
from odoo.tools.safe_eval import safe_eval

VIEW_TYPES = ('list', 'kanban', 'form', 'graph', 'pivot', 'calendar', 'activity')


@dataclass
class WindowAction:
    """What a window action asks the client to show."""
    res_model: str
    name: str = ''
    id: int | None = None
    domain: list = field(default_factory=list)
    context: dict = field(default_factory=dict)
    views: list = field(default_factory=list)      # [(view_id or False, view_type)]
    res_id: int | None = None
    limit: int = 80
    search_view_id: int | bool = False
    help: str = ''
    prefix: str = '/odoo'                          # the path of the pages opened before this one
    crumbs: list = field(default_factory=list)     # [(label, url)] of those pages
    target: str = 'current'                        # 'new': a wizard, closed back to the page that opened it
    key: str = ''                                  # the session key of an action kept from a button (stored_actions)

    @property
    def view_types(self) -> list[str]:
        """The view types this client can show, in the action's order."""
        return [kind for _view_id, kind in self.views if kind in VIEW_TYPES]

    def view_id(self, view_type: str) -> int | bool:
        return next((vid for vid, kind in self.views if kind == view_type), False)

    def base_url(self) -> str:
        """The URL of this action (model URL when it has no database id), after the pages opened before it."""
        if self.key:
            return f"{self.prefix}/act-{self.key}"
        return f"{self.prefix}/action-{self.id}" if self.id else f"{self.prefix}/{self.res_model}"


def eval_context(env: Any, extra: dict | None = None) -> dict:
    """Names that action domains and contexts may use, as in Odoo."""
    values = {
        'uid': env.uid,
        'user': env.user,
        'context_today': datetime.date.today,
        'datetime': safe_eval_module.datetime,
        'time': safe_eval_module.time,
        'relativedelta': relativedelta,
        'current_date': datetime.date.today().strftime('%Y-%m-%d'),
        'allowed_company_ids': env.companies.ids,
        'active_id': False,
        'active_ids': [],
        'active_model': False,
    }
    values.update(extra or {})
    values['context'] = dict(env.context)
    return values


def _evaluated(env: Any, value: Any, default: Any, extra: dict | None) -> Any:
    if not value:
        return default
    if isinstance(value, str):
        return safe_eval(value, eval_context(env, extra))
    return value


def from_record(env: Any, action: Any, extra: dict | None = None) -> WindowAction:
    """The description of the ``ir.actions.act_window`` record ``action``."""
    return WindowAction(
        id=action.id, name=action.name or '', res_model=action.res_model,
        domain=_evaluated(env, action.domain, [], extra),
        context=_evaluated(env, action.context, {}, extra),
        views=list(action.views or []), res_id=action.res_id or None, limit=action.limit or 80,
        search_view_id=action.search_view_id.id or False, help=action.help or '',
        target=action.target or 'current',
    )


def from_dict(env: Any, values: dict, extra: dict | None = None) -> WindowAction:
    """The description of the action dict returned by a method (``type: ir.actions.act_window``)."""
    views = values.get('views') or [(False, kind) for kind in (values.get('view_mode') or 'list,form').split(',')]
    search_view = values.get('search_view_id') or False
    if isinstance(search_view, (list, tuple)):
        search_view = search_view[0]
    return WindowAction(
        id=values.get('id') or None, name=values.get('name') or '', res_model=values['res_model'],
        domain=_evaluated(env, values.get('domain'), [], extra),
        context=_evaluated(env, values.get('context'), {}, extra),
        views=[tuple(view) for view in views], res_id=values.get('res_id') or None,
        limit=values.get('limit') or 80, search_view_id=search_view, help=values.get('help') or '',
        target=values.get('target') or 'current',
    )


def active_context(records: Any) -> dict:
    """The ``active_model`` / ``active_id`` / ``active_ids`` a button of ``records`` (a record, or the
    selected rows of a list) gives what it opens."""
    if not records:
        return {}
    ids = list(records.ids)
    return {'active_model': records._name, 'active_id': ids[0] if ids else False, 'active_ids': ids}


def bound_actions(env: Any, model: str, view_type: str) -> list[tuple[int, str]]:
    """``(id, name)`` of the actions bound to ``model`` (``binding_model_id``) for ``view_type`` that the
    user may run: the Action menu of Odoo's list and form."""
    bound = env['ir.actions.actions'].get_bindings(model).get('action', [])
    return [(values['id'], values['name']) for values in bound
            if view_type in (values.get('binding_view_types') or 'list,form').split(',')]


def returned_by_button(env: Any, values: dict, record: Any) -> dict:
    """The window action dict ``values`` a button of ``record`` returned, as Odoo's client opens it
    (``id`` or not): its own context over the record's ``active_*`` keys, its domain evaluated in that
    context (an action read with ``_for_xml_id`` keeps both as text until a method replaces them)."""
    active = active_context(record)
    context = {**active, **_evaluated(env, values.get('context'), {}, active)}
    domain = _evaluated(env, values.get('domain'), [], context)
    return {**values, 'context': context, 'domain': domain}


def same_as_stored(env: Any, values: dict, active_model: str | None, active_id: int | None) -> bool:
    """Whether ``values`` (see ``returned_by_button``) is its stored action as ``/action-<id>?active_id=``
    opens it (the method changed none of its context, domain, views, record, target or name)."""
    stored = env['ir.actions.act_window'].sudo().browse(values['id']).exists()
    if not stored or stored.res_model != values.get('res_model'):
        return False
    active = {'active_model': active_model, 'active_id': active_id, 'active_ids': [active_id]} if active_id else {}
    described = from_record(env, stored, active)
    described.context = {**active, **described.context}
    given = from_dict(env, values)

    def key(action: WindowAction) -> tuple:
        return (action.name, action.domain, action.context, [tuple(view) for view in action.views], action.res_id,
                action.target, action.limit, action.search_view_id)
    return key(described) == key(given)


def for_model(env: Any, model: str) -> WindowAction:
    """A window action on ``model`` with its default list and form views."""
    if model not in env:
        raise KeyError(model)
    return WindowAction(res_model=model, name=env[model]._description or model,
                        views=[(False, 'list'), (False, 'form')])


def resolve(env: Any, ref: str) -> Any:
    """The action record named by ``ref``: a database id or an external id."""
    if ref.isdigit():
        action = env['ir.actions.actions'].browse(int(ref)).exists()
    else:
        action = env.ref(ref, raise_if_not_found=False)
    if not action:
        return None
    if action._name == 'ir.actions.actions':
        action = env[action.type].browse(action.id)
    return action
