"""Quick creation of a record from the typed text of a many2many tags input
(``name_create`` on the comodel, as Odoo's tags widget does), answered as
JSON so the page adds the new tag at once."""
from __future__ import annotations

import json
from typing import Any

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request


def with_field_context(env: Any, text: str) -> Any:
    """``env`` with the relational field's context posted as JSON (evaluated when the form was drawn),
    which Odoo's fields search and create their records with; unchanged when there is none."""
    try:
        extra = json.loads(text) if text else {}
    except ValueError:
        extra = {}
    return env(context={**env.context, **extra}) if isinstance(extra, dict) and extra else env


class WebClientTags(http.Controller):

    @http.route('/web/client/name_create', type='http', auth='user', methods=['POST'])
    def name_create(self, model: str, name: str = '', context: str = '', **kw):
        env = with_field_context(request.env, context)
        if model not in env:
            return self._answer({'error': _("Unknown model %s", model)}, 404)
        if not name.strip():
            return self._answer({'error': _("A new %s needs a name.", env[model]._description)}, 400)
        try:
            with env.cr.savepoint():
                rid, label = env[model].name_create(name.strip())
        except (AccessError, UserError, ValidationError) as exc:
            return self._answer({'error': exc.args[0] if exc.args else str(exc)}, 403 if isinstance(exc, AccessError) else 400)
        return self._answer({'id': rid, 'display_name': label}, 200)

    @staticmethod
    def _answer(payload: dict, status: int):
        return request.make_response(json.dumps(payload), [('Content-Type', 'application/json'), ('Cache-Control', 'no-store')],
                                     status=status)
