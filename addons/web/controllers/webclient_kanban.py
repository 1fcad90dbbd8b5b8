"""Kanban operations: a card dropped in another column writes the group-by
field; quick create makes a record from its name in a column; the buttons
and links of a card act on its record."""
from __future__ import annotations

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..client import arch as arch_mod
from ..client import fields_html, kanban_view
from ..client.form_view import ACTION_REF
from .webclient_records import fragment, user_error, view_action_context


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
                     base: str = '', action: str = '', action_key: str = '', **kw):
        if model not in request.env or field not in request.env[model]._fields:
            return fragment(_("Cannot create here."), status=400)
        # created in the action's context (its default_* keys), as Odoo's quick create
        env, _ctx = view_action_context(request.env, model, action, action_key)
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
        paint = kanban_view.card_painter(env, view, dict(env.context), base if base.startswith('/') else f"/odoo/{model}", field)
        return fragment(paint(record))


class WebClientKanbanButtons(http.Controller):

    @http.route('/web/client/kanban/button', type='http', auth='user', methods=['POST'])
    def button(self, model: str, id: str, type: str, name: str = '', view_id: str = '', base: str = '',
               group_by: str = '', **kw):
        """A ``<button>``/``<a>`` of a card: call the method (``object``), open the action (``action``),
        or delete / archive / unarchive the card's record; answer the card drawn again (or where to go)."""
        from .webclient_form import _action_location, _result_location
        env = request.env
        if model not in env or not id.isdigit():
            return fragment(_("Unknown model %s.", model), status=404)
        base = base if base.startswith('/') else f"/odoo/{model}"
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'kanban')
        record = env[model].browse(int(id)).exists()
        if not record:
            return fragment(_("Record %(id)s of %(model)s does not exist or was deleted.", id=id, model=model), status=404)
        declared = {(node.get('type'), node.get('name') or '') for node in view.root.iter('button', 'a')}
        declared |= {('color', node.get('name')) for node in view.root.iter('field') if node.get('widget') == 'kanban_color_picker'}
        declared |= {('color', node.get('data-field') or 'color') for node in view.root.iter('ul')
                     if 'oe_kanban_colorpicker' in (node.get('class') or '').split()}
        if (type, name) not in declared:
            return fragment(_("%(name)s is not a button of the kanban view of %(model)s.", name=name or type, model=model), status=400)
        group_field = group_by if group_by in record._fields else None
        before = record[group_field] if group_field else None
        location = None
        try:
            with env.cr.savepoint():
                if type == 'object':
                    if name.startswith('_') or not callable(getattr(record, name, None)):
                        raise UserError(_("%(method)s is not a method of %(model)s.", method=name, model=model))
                    result = getattr(record, name)()
                    if isinstance(result, dict) and result.get('type') == 'ir.actions.act_window':
                        location = _action_location(env, result, record, base)
                elif type == 'action':
                    ref = ACTION_REF.match(name)
                    ref = ref.group(1) if ref else name
                    action = env['ir.actions.actions'].browse(int(ref)) if ref.isdigit() else env.ref(ref)
                    if action.type != 'ir.actions.act_window':
                        raise UserError(_("This action (%s) cannot be run by this web client.", action.type))
                    # as Odoo's client: loaded as superuser, opened with the card's record as active_id
                    location = _result_location(env, env[action.type].sudo().browse(action.id)._get_action_dict(),
                                                base, record, record.id)
                elif type == 'color':
                    value = kw.get('value', '')
                    if not str(value).isdigit() or record._fields[name].type != 'integer':
                        raise UserError(_("Invalid colour %(value)s for %(field)s.", value=value, field=name))
                    record.write({name: int(value)})
                elif type == 'delete':
                    record.unlink()
                elif type == 'archive':
                    record.action_archive()
                elif type == 'unarchive':
                    record.action_unarchive()
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError) as exc:
            return user_error(exc)
        except ValueError as exc:
            return fragment(_("Cannot run %(name)s: %(error)s", name=name or type, error=exc), status=400)
        response = fragment('')
        if location:
            response.headers['HX-Redirect'] = location
            return response
        record = record.exists()
        if not record or (type == 'archive' and 'active' in record._fields):
            return response         # the card leaves the board
        record.invalidate_recordset()
        if group_field and record[group_field] != before:
            response.headers['HX-Refresh'] = 'true'     # it belongs to another column now
            return response
        paint = kanban_view.card_painter(env, view, dict(env.context), base, group_field)
        return fragment(paint(record))
