"""``/web/client/pivot/xlsx``: the pivot table the user is looking at, as a
spreadsheet (same domain, row levels, column grouping and measure; read
with the user's own rights)."""
from __future__ import annotations

import json

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..client import pivot_view
from ..client.graph_view import _groupable
from .webclient_records import fragment


class WebClientPivot(http.Controller):

    @http.route('/web/client/pivot/xlsx', type='http', auth='user', methods=['GET'])
    def pivot_xlsx(self, model: str, domain: str = '[]', col: str = '', measure: str = '__count', **kw):
        env = request.env
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)
        Model = env[model]
        rows = [spec for spec in request.httprequest.args.getlist('rows') if _groupable(Model, spec) or
                (spec.split(':')[0] in Model._fields and Model._fields[spec.split(':')[0]].store)]
        cols = [col] if col and _groupable(Model, col) else []
        if measure != '__count' and (measure not in Model._fields or not Model._fields[measure].store):
            measure = '__count'
        try:
            parsed = json.loads(domain)
            if not isinstance(parsed, list):
                raise ValueError(domain)
            pivot = pivot_view.table(Model, parsed, rows, cols, measure)
        except ValueError:
            return fragment(_("Invalid search: %s", domain), status=400)
        except (UserError, AccessError) as exc:
            return fragment(exc.args[0], status=403 if isinstance(exc, AccessError) else 400)
        name = f"{model.replace('.', '_')}_pivot.xlsx"
        return request.make_response(pivot_view.xlsx(pivot, Model._description or model), [
            ('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ('Content-Disposition', http.content_disposition(name)),
        ])
