"""A kanban column's "Load more": the next cards of its group after those
the column holds, appended to it in place, and the column's button drawn
again for what remains."""
from __future__ import annotations

import json

from odoo import _, http
from odoo.http import request

from ..client import arch as arch_mod
from ..client import kanban_view
from ..client.html import Markup
from .webclient_records import fragment, view_action_context


class WebClientKanbanMore(http.Controller):

    @http.route('/web/client/kanban/more', type='http', auth='user', methods=['GET'])
    def more(self, model: str, field: str, domain: str = '[]', shown: str = '', limit: str = '', base: str = '',
             index: str = '0', view_id: str = '', action: str = '', action_key: str = '', **kw):
        if model not in request.env or field not in request.env[model]._fields:
            return fragment(_("Unknown model %s.", model), status=404)
        try:
            group_domain = json.loads(domain)
        except ValueError:
            group_domain = None
        shown_ids = [int(item) for item in shown.split(',') if item.strip().isdigit()]
        if not isinstance(group_domain, list) or not index.isdigit():
            return fragment(_("Invalid request to load more cards: %s", domain), status=400)
        env, ctx = view_action_context(request.env, model, action, action_key)
        Model = env[model]
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'kanban')
        step = int(limit) if limit.isdigit() and int(limit) > 0 else kanban_view.column_limit(view)
        # the top-level terms of two domains joined form their conjunction
        records = Model.search([('id', 'not in', shown_ids)] + group_domain, order=view.attr('default_order') or None,
                               limit=step)
        total = Model.search_count(group_domain)
        base = base if base.startswith('/') else f"/odoo/{model}"
        paint = kanban_view.card_painter(env, view, ctx['context'], base, field)
        cards = Markup('').join(paint(record) for record in records)
        button = kanban_view.load_more(view, field, group_domain, len(shown_ids) + len(records), step, total, base,
                                       ctx['action'], int(index))
        # the cards go at the end of the column (out of band), the button replaces itself
        return fragment(Markup('<div hx-swap-oob="beforeend:#o_kanban_column_{}">{}</div>{}').format(index, cards, button))
