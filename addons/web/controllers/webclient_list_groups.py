"""``/web/client/list_group``: the content of one group of a grouped list,
asked for when the user opens it — its sub-groups or a page of its
records — read with the user's own rights, in the context of the list's
window action (rows edited in place are saved in it)."""
from __future__ import annotations

import json

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..client import actions, list_groups, list_view, stored_actions
from ..client import arch as arch_mod
from .webclient_records import fragment, user_error


def _window(env, model: str, action: str, action_key: str):
    """The list's window action: one a button returned (kept in the session), else a stored one."""
    kept = stored_actions.for_form(request.session, action_key, model) if action_key else None
    if kept:
        window = actions.from_dict(env, kept)
        window.key = action_key
        return window
    if action.isdigit():
        stored = env['ir.actions.act_window'].sudo().browse(int(action)).exists()
        if stored and stored.res_model == model:
            return actions.from_record(env, stored)
    return None


class WebClientListGroups(http.Controller):

    @http.route('/web/client/list_group', type='http', auth='user', methods=['GET'])
    def list_group(self, model: str, domain: str = '[]', view_id: str = '', action: str = '', action_key: str = '',
                   base: str = '', level: str = '1', group: str = 'g0', order: str = '', offset: str = '0', limit: str = '80', **kw):
        env = request.env
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)
        args = request.httprequest.args
        try:
            parsed = json.loads(domain)
            if not isinstance(parsed, list):
                raise ValueError(domain)
        except ValueError:
            return fragment(_("Invalid search: %s", domain), status=400)
        window = _window(env, model, action, action_key)
        if window is not None:
            env = env(context={**env.context, **window.context})
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'list')
        Model = env[model]
        groupby = [spec for spec in args.getlist('groupby')
                   if spec.split(':')[0] in Model._fields and Model._fields[spec.split(':')[0]].store]
        if order and order.split()[0] not in view.fields:
            order = ''
        optional = args.getlist('optional')
        ctx = {'base': base if base.startswith('/odoo') else f"/odoo/{model}", 'context': dict(env.context),
               'action': window, 'optional': optional}
        listing = list_groups.Listing(model=Model, view=view, ctx=ctx, cols=list_view.columns(view, ctx['context'], frozenset(optional)),
                                      order=order or None, limit=min(int(limit), 500) if limit.isdigit() and int(limit) else 80)
        try:
            rows = list_groups.content(listing, parsed, groupby, int(level) if level.isdigit() else 1, group,
                                       int(offset) if offset.isdigit() else 0)
        except (UserError, AccessError) as exc:
            return user_error(exc)
        return fragment(rows)
