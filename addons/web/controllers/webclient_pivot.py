"""``/web/client/pivot/xlsx``: the pivot table the user is looking at, as a
spreadsheet (same domain and the same state — group-bys of both axes,
opened headers, measures, sort — read with the user's own rights)."""
from __future__ import annotations

import json

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..client import pivot_view
from .webclient_records import fragment


class WebClientPivot(http.Controller):

    @http.route('/web/client/pivot/xlsx', type='http', auth='user', methods=['GET'])
    def pivot_xlsx(self, model: str, domain: str = '[]', pivot: str = '{}', title: str = '', **kw):
        env = request.env
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)
        Model = env[model]
        try:
            parsed = json.loads(domain)
            saved = json.loads(pivot)
            if not isinstance(parsed, list) or not isinstance(saved, dict):
                raise ValueError(domain)
        except ValueError:
            return fragment(_("Invalid search: %s", domain), status=400)
        state = pivot_view.state_from(Model, saved)
        state.measures = state.measures or ['__count']
        try:
            table = pivot_view.table(Model, parsed, state)
        except ValueError:
            return fragment(_("Invalid search: %s", domain), status=400)
        except (UserError, AccessError) as exc:
            return fragment(exc.args[0], status=403 if isinstance(exc, AccessError) else 400)
        name = f"{model.replace('.', '_')}_pivot.xlsx"
        return request.make_response(pivot_view.xlsx(table, title or Model._description or model), [
            ('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ('Content-Disposition', http.content_disposition(name)),
        ])
