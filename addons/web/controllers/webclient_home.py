"""The web client's pages: ``/odoo`` (the apps), ``/odoo/action-<id>``
(a window action in one of its views), ``/odoo/action-<id>/<record id>``
and ``/odoo/action-<id>/new`` (its form), ``/odoo/<model>/<id>`` (a record
without an action). Extends the entry controller of ``home.py``."""
from __future__ import annotations

from typing import Any

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from werkzeug.exceptions import NotFound

from ..client import actions, layout, menus, stored_actions
from ..client.html import Markup, join, url
from ..client.page_action import render_action
from .home import Home
from .utils import ensure_db

MULTI_PARAMS = ('filter', 'groupby', 'optional')


def page_params() -> dict[str, Any]:
    """The query parameters of the page; repeated ones (filters, group-bys, searches) as lists."""
    args = request.httprequest.args
    params = {}
    for key in args:
        if key in MULTI_PARAMS or (key.startswith('search_') and key not in ('search_field', 'search_text')):
            params[key] = [value for value in args.getlist(key) if value]
        else:
            params[key] = args.get(key)
    return params


def html_response(body: str, status: int = 200) -> Any:
    return request.make_response(body, [('Content-Type', 'text/html; charset=utf-8'), ('Cache-Control', 'no-store')],
                                 status=status)


def shell(title: str, body: Markup, action_id: int | None = None, menu_id: int | None = None, flash: str = '') -> Any:
    """``body`` inside the page shell of the current user."""
    env = request.env
    apps = menus.load(env)
    app = menus.find_app(apps, menu_id, action_id)
    return html_response(layout.page(title, body, apps=apps, app=app, user_name=env.user.name,
                                     csrf_token=request.csrf_token(), lang=env.lang or 'zh_CN', flash=flash))


def _home() -> Any:
    apps = menus.load(request.env)
    tiles = join(Markup(
        '<a class="o_app col-4 col-sm-3 col-lg-2 text-center text-decoration-none p-3" href="{}">'
        '<span class="o_app_icon o_app_icon_lg d-inline-flex align-items-center justify-content-center rounded-4 mb-2 shadow-sm">{}</span>'
        '<span class="d-block text-body">{}</span></a>').format(app.href, app.name[:1], app.name) for app in apps)
    body = Markup('<div class="container py-4 o_home_menu"><div class="row justify-content-center">{}</div></div>').format(tiles)
    return shell(_("Home"), body)


def split_path(subpath: str) -> list[tuple[str, str]]:
    """``/odoo`` paths as Odoo 18 writes them — ``action-1/5/action-2/new`` — as ``[(segment, record id or '')]``."""
    parts = [part for part in subpath.split('/') if part]
    chain = []
    while parts:
        segment = parts.pop(0)
        record_id = parts.pop(0) if parts and (parts[0].isdigit() or parts[0] == 'new') else ''
        chain.append((segment, record_id))
    return chain


def _window_action(env, segment: str, params: dict, active_model: str | None = None):
    """The window action a path segment names (``action-<id or xml id>``, ``act-<key>`` of an action
    a button returned, or a model), None for other actions. An ``active_id`` parameter is the record
    (of ``active_model``) it was opened from, given in its context as Odoo's router does."""
    key = stored_actions.segment_key(segment)
    if key is not None:
        kept = stored_actions.recall(request.session, key)
        if kept is None or kept.get('res_model') not in env:
            raise NotFound(_("This page was opened from a button in another session or too long ago: "
                             "go back and click the button again."))
        action = actions.from_dict(env, kept)
        action.key = key
        return action
    if segment.startswith('action-'):
        # as Odoo's /web/action/load: actions are read as superuser (only
        # administrators may read ir.actions.* records), the data they show
        # stays under the user's own rights
        record = actions.resolve(env(su=True), segment[len('action-'):])
        if record is None:
            raise NotFound(_("Action %s does not exist.", segment[len('action-'):]))
        if record._name != 'ir.actions.act_window':
            return None
        active_id = int(params['active_id']) if str(params.get('active_id') or '').isdigit() else False
        active = {'active_id': active_id, 'active_ids': [active_id]} if active_id else {}
        if active and active_model:
            active['active_model'] = active_model
        action = actions.from_record(env, record, active)
        action.context = {**active, **action.context}
        return action
    if segment in env:
        return actions.for_model(env, segment)
    raise NotFound(_("No action or model named %s.", segment))


class WebClientHome(Home):

    @http.route()
    def web_client(self, s_action=None, **kw):
        db = ensure_db()
        uid = request.session.uid
        if not db or not uid:
            return request.redirect_query('/web/login', query={'redirect': request.httprequest.full_path})
        request.update_env(user=uid)
        subpath = (kw.get('subpath') or '').strip('/')
        if not subpath:
            return _home()
        params = page_params()
        params.pop('subpath', None)
        if params.get('search_text') and params.get('search_field'):
            # the search box posts (field, text): it becomes one more facet of the URL
            key = f"search_{params.pop('search_field')}"
            params[key] = [*params.get(key, []), params.pop('search_text')]
            return request.redirect(url(request.httprequest.path, **params))
        params.pop('search_text', None)
        params.pop('search_field', None)
        env = request.env
        try:
            chain = split_path(subpath)
            if not chain:
                raise NotFound(_("No action or model named %s.", subpath))
            prefix, crumbs, opener_model = '/odoo', [], None
            for segment, record_id in chain[:-1]:
                # the pages the user came through, each a breadcrumb leading back to it
                earlier = _window_action(env, segment, {})
                crumbs.append((earlier.name, f"{prefix}/{segment}"))
                prefix = f"{prefix}/{segment}"
                opener_model = None
                if record_id and record_id.isdigit():
                    previous = env[earlier.res_model].browse(int(record_id)).exists()
                    crumbs.append((previous.display_name if previous else record_id, f"{prefix}/{record_id}"))
                    prefix = f"{prefix}/{record_id}"
                    opener_model = earlier.res_model
            segment, record_id = chain[-1]
            action = _window_action(env, segment, params, opener_model)
            if action is None:
                record = actions.resolve(env(su=True), segment[len('action-'):])
                return shell(record.name, Markup('<div class="alert alert-info m-3">{}</div>').format(
                    _("This action (%s) cannot be shown by this web client.", record.type)))
            action.prefix, action.crumbs = prefix, crumbs
            if record_id:
                params['id'] = record_id
            title, body = render_action(env, action, params, request.csrf_token())
        except (AccessError, MissingError, UserError) as exc:
            return shell(_("Error"), Markup('<div class="alert alert-danger m-3 o_error">{}</div>').format(exc.args[0]))
        menu_id = int(params['menu_id']) if str(params.get('menu_id') or '').isdigit() else None
        return shell(title, body, action_id=action.id, menu_id=menu_id, flash=params.get('error') or '')

