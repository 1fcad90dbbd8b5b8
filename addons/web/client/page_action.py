"""One window action as a page: the control panel (breadcrumbs, create
button, search panel, view switcher, batch actions) above the chosen view
(list, kanban, graph, pivot), or the form of one record."""
from __future__ import annotations

import json
from typing import Any

from odoo import _
from odoo.osv import expression

from . import actions, layout, list_view, search
from . import arch as arch_mod
from .actions import WindowAction
from .html import Markup, join, url

VIEW_ICONS = {'list': 'bi-list-ul', 'kanban': 'bi-grid-3x2-gap', 'graph': 'bi-bar-chart-line', 'pivot': 'bi-table',
              'calendar': 'bi-calendar3', 'activity': 'bi-clock'}
VIEW_LABELS = {'list': "List", 'kanban': "Kanban", 'graph': "Graph", 'pivot': "Pivot", 'calendar': "Calendar", 'activity': "Activity"}


def switcher(action: WindowAction, params: dict, current: str) -> Markup:
    """Buttons switching between the action's multi-record views."""
    kinds = [kind for kind in action.view_types if kind in VIEW_ICONS]
    if len(kinds) < 2:
        return Markup('')
    return Markup('<div class="btn-group btn-group-sm o_switch_view" role="group">{}</div>').format(join(
        Markup('<a class="btn btn-outline-secondary o_switch_view_{} {}" href="{}" title="{}" aria-label="{}"><i class="bi {}"></i></a>').format(
            kind, 'active' if kind == current else '', url(action.base_url(), **{**params, 'view_type': kind, 'offset': None}),
            _(VIEW_LABELS[kind]), _(VIEW_LABELS[kind]), VIEW_ICONS[kind]) for kind in kinds))


def _favourite(env: Any, params: dict, model: str) -> dict | None:
    fav_id = params.get('favorite')
    if not (fav_id and str(fav_id).isdigit() and 'ir.filters' in env):
        return None
    fav = env['ir.filters'].browse(int(fav_id)).exists()
    if not fav or fav.model_id != model:
        return None
    from odoo.tools.safe_eval import safe_eval

    from .actions import eval_context
    context = safe_eval(fav.context or '{}', eval_context(env))
    groupby = context.get('group_by') or []
    return {'domain': safe_eval(fav.domain or '[]', eval_context(env)),
            'groupby': [groupby] if isinstance(groupby, str) else list(groupby)}


def _favourites(env: Any, model: str, action_id: int | None) -> list:
    if 'ir.filters' not in env:
        return []
    return env['ir.filters'].get_filters(model, action_id)


def drill_domain(value: str | None) -> list:
    """The ``domain=`` of a list opened from a chart: the JSON domain of the group clicked."""
    if not value:
        return []
    try:
        domain = json.loads(value)
        domain = [tuple(term) if isinstance(term, list) else term for term in domain]
        return expression.normalize_domain(domain) if domain else []
    except (ValueError, TypeError, AssertionError) as exc:
        from odoo.exceptions import UserError
        raise UserError(_("The chart selection in the address is not a valid domain: %s", value)) from exc


def _drill_facet(base: str, params: dict) -> Markup:
    if not params.get('domain'):
        return Markup('')
    return Markup('<div class="o_drill_facet mt-1"><a class="badge rounded-pill text-bg-secondary text-decoration-none" href="{}">'
                  '<i class="bi bi-bar-chart-line me-1"></i>{} <i class="bi bi-x"></i></a></div>').format(
        url(base, **{**params, 'domain': None, 'offset': None}), _("Chart selection"))


def render_action(env: Any, action: WindowAction, params: dict, csrf_token: str) -> tuple[str, Markup]:
    """``(title, body)`` of ``action`` for the page's ``params``."""
    record_id = params.get('id') or (action.res_id and str(action.res_id))
    view_type = params.get('view_type')
    # an action made of a form alone (a wizard) opens that form, on a new record
    # without res_id, as Odoo's client does
    form_only = not view_type and list(action.view_types) == ['form']
    if record_id or view_type == 'form' or form_only:
        from .form_view import render_form_page
        if not record_id or record_id == 'new':
            # a new record's defaults from the link that creates it (a calendar day: default_date_start=...)
            action.context = {**action.context, **{key: value for key, value in params.items()
                                                   if key.startswith('default_') and isinstance(value, str)}}
        return render_form_page(env, action, record_id or 'new', csrf_token)
    view_type = view_type if view_type in action.view_types else (action.view_types[0] if action.view_types else 'list')
    if view_type not in VIEW_ICONS:
        view_type = 'list'
    requested = [(action.view_id(view_type), view_type), (action.search_view_id or False, 'search')]
    if view_type == 'activity':
        requested = requested[1:]       # drawn from the records' activities, not from an arch
    views = arch_mod.load_views(env, action.res_model, requested, action.id)
    view = views.get(view_type) or views['search']
    context = {**env.context, **action.context}
    search_arch = search.parse(views['search'].root, views['search'].fields)
    for key, value in action.context.items():
        if (key.startswith('search_default_') and value and 'filter' not in params and not params.get('favorite')
                and not params.get('domain')):
            name = key[len('search_default_'):]
            if any(spec['name'] == name for spec in search_arch.filters):
                params.setdefault('_defaults', []).append(name)
    if params.get('_defaults'):
        params['filter'] = params.pop('_defaults')
    domain, groupby = search.domain_and_groupby(env, search_arch, params, _favourite(env, params, action.res_model))
    context_groupby = action.context.get('group_by')
    if not groupby and context_groupby and 'groupby' not in params and view_type == 'list':
        groupby = [context_groupby] if isinstance(context_groupby, str) else list(context_groupby)
    drilled = drill_domain(params.get('domain'))
    if params.get('domain'):
        # the records behind a chart's bar are listed flat (as in Odoo), unless grouped from the list itself
        groupby = list(params.get('groupby') or [])
    full_domain = expression.AND([action.domain, domain, drilled])
    params_view = {**params, 'groupby': groupby}
    base = action.base_url()
    ctx = {'base': base, 'context': context, 'action': action, 'params': params_view}
    model = env[action.res_model].with_context(**context)
    if view_type == 'list':
        body = list_view.render(env, view, full_domain, params_view, ctx, action.limit)
    elif view_type == 'kanban':
        from .kanban_view import render as render_kanban
        body = render_kanban(env, view, full_domain, params_view, ctx)
    elif view_type == 'activity':
        from .activity_view import render as render_activity
        body = render_activity(env, action.res_model, full_domain, ctx)
    elif view_type == 'calendar':
        from .calendar_view import render as render_calendar
        body = render_calendar(env, view, full_domain, params_view, ctx, view.attr('create', '1') not in ('0', 'false', 'False')
                               and model.has_access('create') and 'form' in action.view_types)
    else:
        from .graph_view import render as render_graph
        body = render_graph(env, view, full_domain, params_view, ctx)
    can_create = (view.attr('create', '1') not in ('0', 'false', 'False')
                  and model.has_access('create') and 'form' in action.view_types)
    create = Markup('<a class="btn btn-primary btn-sm o_list_button_add" href="{}">{}</a>').format(
        f"{base}/new", _("New")) if can_create else ''
    hidden = {'csrf_token': csrf_token, 'model': action.res_model, 'action_id': action.id or '', 'redirect': url(base, **params_view),
              'view_id': view.view_id or ''}
    fav_hidden = {'csrf_token': csrf_token, 'model': action.res_model, 'action_id': action.id or '',
                  'domain': json.dumps(domain), 'groupby': json.dumps(groupby), 'redirect': url(base, **params_view)}
    panel = search.panel(search_arch, params_view, base,
                         _favourites(env, action.res_model, action.id),
                         search.groupable_fields(model, search_arch), fav_hidden)
    batch = list_view.batch_bar(hidden, actions.bound_actions(env, action.res_model, 'list')) if view_type == 'list' else ''
    body = Markup(
        '<div class="o_control_panel bg-body border-bottom px-3 py-2">'
        '<div class="d-flex flex-wrap align-items-center gap-2 mb-2">{create}{crumbs}<div class="ms-auto d-flex flex-wrap justify-content-end gap-2 align-items-center">{batch}{switch}</div></div>'
        '{panel}{drill}</div><div class="o_content p-2 p-md-3" data-view-type="{kind}">{body}</div>'
    ).format(create=create, crumbs=layout.breadcrumbs([*action.crumbs, (action.name, None)]), batch=batch,
             switch=switcher(action, params_view, view_type), panel=panel, drill=_drill_facet(base, params_view),
             kind=view_type, body=body)
    return action.name, body
