"""``/web/client/form/onchange``: the form page posts itself here when a
field changes (or, for fields that modifiers read, while the user types);
the answer is the form's content drawn again from the values after the
model's onchange, and its warning. ``/web/client/list_row/onchange`` does
the same for a row of a list edited in place. Nothing is written: the
transaction is rolled back."""
from __future__ import annotations

import json
from typing import Any

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command
from odoo.http import request

from ..client import arch as arch_mod
from ..client import form_onchange, list_view, stored_actions
from ..client.arch import field_nodes
from ..client.form_view import FormRenderer, form_record, sub_view_of
from .webclient_records import fragment, posted_values, user_error, view_action_context


def _write_format(record: Any, name: str) -> Any:
    """``record[name]`` as ``new`` takes it."""
    field = record._fields[name]
    value = record[name]
    if field.type == 'many2one':
        return value._origin.id or value.id or False
    if field.type in ('one2many', 'many2many'):
        return [Command.set(value._origin.ids)]
    return value


def snapshot_of(env: Any, view: Any, record: Any) -> form_onchange.Snapshot:
    """The values the posted form holds (the record's own values for what was not posted)."""
    form = request.httprequest.form
    snapshot = form_onchange.Snapshot(values={})
    for node in field_nodes(view.root):
        name = node.get('name')
        info = view.fields.get(name)
        if info is None or name not in record._fields or name == 'id':
            continue
        if info['type'] == 'one2many':
            sub = next((child for child in node if isinstance(child.tag, str) and child.tag in ('list', 'tree')), None)
            sub_view = sub_view_of(env, env[info['relation']], sub)
            snapshot.sub_views[name] = sub_view
            columns = [n.get('name') for n in field_nodes(sub_view.root) if n.get('name') in sub_view.fields]
            posted, deleted = form_onchange.posted_lines(form, name)
            if not posted and not deleted and f"o2m.{name}.present" not in form:
                lines = [form_onchange.Line(key=str(i), id=line.id, values={}) for i, line in enumerate(record[name])]
            else:
                lines = []
                for key, line_id, _subs in posted:
                    values = posted_values(env, sub_view.model, columns, sub_view.fields, prefix=f"o2m.{name}.{key}.")
                    real = int(line_id) if line_id.isdigit() else None
                    lines.append(form_onchange.Line(key=key, id=real, values=values, ref='' if real else f"virtual_{key}"))
            snapshot.lines[name] = lines
            snapshot.deleted[name] = deleted
            continue
        snapshot.values[name] = _write_format(record, name)
    snapshot.values.update({name: value for name, value in posted_values(
        env, view.model, [n for n in snapshot.values if view.fields.get(n, {}).get('type') != 'binary'], view.fields).items()})
    return snapshot


def _answer(html: str, warning: dict) -> Any:
    body = json.dumps({'html': html, 'warning': {'title': warning.get('title') or '', 'message': warning.get('message') or ''}
                       if warning else None})
    return request.make_response(body, [('Content-Type', 'application/json'), ('Cache-Control', 'no-store')])


def _answer_drawn(env: Any, draw: Any) -> Any:
    """Answer what ``draw()`` returns (the html drawn after the onchange, its warning); a refused or
    invalid value becomes a message naming it. Nothing is written: the transaction is rolled back."""
    try:
        html, warning = draw()
    except (UserError, ValidationError, AccessError, MissingError) as exc:
        return user_error(exc)
    except ValueError as exc:
        return user_error(ValueError(_("Invalid value: %s", exc)))
    finally:
        env.cr.rollback()
    return _answer(html, warning)


class WebClientOnchange(http.Controller):

    @http.route('/web/client/form/onchange', type='http', auth='user', methods=['POST'])
    def form_onchange(self, model: str, id: str = '', view_id: str = '', changed: str = '', base: str = '',
                      action_key: str = '', **kw):
        env = request.env
        kept = stored_actions.for_form(request.session, action_key, model)
        if kept:
            # a form opened from an action a button returned redraws in that action's context
            env = env(context={**env.context, **(kept.get('context') or {})})
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)

        def draw():
            view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'form')
            context = dict(env.context)
            record = form_record(env, model, id, context)
            snapshot = snapshot_of(env, view, record)
            warning = form_onchange.run(record, view, snapshot, changed) if changed else {}
            virtual = form_onchange.virtual_record(record, snapshot)
            can_write = record.has_access('write') if record.id else env[model].has_access('create')
            renderer = FormRenderer(env, view, virtual, context, readonly_all=not can_write)
            if base.startswith('/'):
                wizard = kept and kept.get('target') == 'new'
                renderer.close_url = stored_actions.origin(base, action_key) if wizard else (
                    f"{base}/{record.id}" if record.id else base)
            renderer.deleted_lines = {name: ids for name, ids in snapshot.deleted.items() if ids}
            renderer.line_keys = {name: [line.key for line in lines] for name, lines in snapshot.lines.items()}
            return str(renderer.render()), warning
        return _answer_drawn(env, draw)

    @http.route('/web/client/list_row/onchange', type='http', auth='user', methods=['POST'])
    def list_row_onchange(self, model: str, id: str = '', view_id: str = '', changed: str = '', action: str = '',
                          action_key: str = '', **kw):
        """A cell of a row edited in place changed: the row drawn again from the values after the model's
        onchange, as the form's (same snapshot, same onchange run); nothing is written."""
        if model not in request.env:
            return fragment(_("Unknown model %s.", model), status=404)
        env, ctx = view_action_context(request.env, model, action, action_key)

        def draw():
            view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'list')
            record = form_record(env, model, id, ctx['context'])
            snapshot = snapshot_of(env, view, record)
            warning = form_onchange.run(record, view, snapshot, changed) if changed else {}
            virtual = form_onchange.virtual_record(record, snapshot)
            cols = list_view.columns(view, ctx['context'], frozenset(ctx['optional']))
            # a row selected when opened stays selected (its hidden box is posted with the row)
            selected = bool(record.id) and str(record.id) in request.httprequest.form.getlist('ids')
            return str(list_view.edit_row(virtual, cols, view, ctx['context'], ctx['optional'],
                                          list_view.action_args(ctx), selected=selected)), warning
        return _answer_drawn(env, draw)
