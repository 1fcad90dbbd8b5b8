"""Kanban operations: a card dropped in another column writes the group-by
field; quick create makes a record from its name in a column."""
from __future__ import annotations

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..client import arch as arch_mod
from ..client import fields_html, kanban_view
from .webclient_records import fragment, user_error


def _group_value(model, field: str, value: str):
    info = model.fields_get([field])[field]
    if info['type'] not in ('many2one', 'selection', 'char', 'boolean', 'integer'):
        raise UserError(_("Cannot group %(model)s by %(field)s here.", model=model._name, field=field))
    return fields_html.parse(model.env, info, value)


class WebClientKanban(http.Controller):

    @http.route('/web/client/kanban/move', type='http', auth='user', methods=['POST'])
    def move(self, model: str, id: str, field: str, value: str = '', **kw):
        env = request.env
        if model not in env or field not in env[model]._fields or not id.isdigit():
            return fragment(_("Nothing to move."), status=400)
        try:
            with env.cr.savepoint():
                record = env[model].browse(int(id)).exists()
                if not record:
                    raise UserError(_("Record %(id)s of %(model)s does not exist.", id=id, model=model))
                record.write({field: _group_value(env[model], field, value)})
                env.flush_all()
        except (UserError, ValidationError, AccessError) as exc:
            return user_error(exc)
        return fragment('')

    @http.route('/web/client/kanban/quick_create', type='http', auth='user', methods=['POST'])
    def quick_create(self, model: str, field: str, name: str = '', value: str = '', view_id: str = '',
                     base: str = '', **kw):
        env = request.env
        if model not in env or field not in env[model]._fields:
            return fragment(_("Cannot create here."), status=400)
        Model = env[model]
        try:
            with env.cr.savepoint():
                values = {field: _group_value(Model, field, value)}
                rec_name = Model._rec_name or 'name'
                if rec_name in Model._fields:
                    values[rec_name] = name
                record = Model.create(values)
                env.flush_all()
        except (UserError, ValidationError, AccessError) as exc:
            return user_error(exc)
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'kanban')
        return fragment(kanban_view.card(record, view, kanban_view.card_fields(view), base if base.startswith('/') else f"/odoo/{model}"))
