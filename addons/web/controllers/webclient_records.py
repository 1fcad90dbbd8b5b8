"""The web client's record operations called from its pages: inline list
rows (show, edit, save), batch actions on selected rows (delete, archive,
export to xlsx) and many2one suggestions. Each request runs in one
transaction; errors come back as an HTTP 400/403 whose text htmx shows."""
from __future__ import annotations

import io
import json
from typing import Any

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..client import actions, fields_html, list_view, stored_actions
from ..client import arch as arch_mod
from ..client.html import Markup, join, url
from .webclient_tags import with_field_context


def fragment(body: Any, status: int = 200) -> Any:
    return request.make_response(str(body), [('Content-Type', 'text/html; charset=utf-8'), ('Cache-Control', 'no-store')],
                                 status=status)


def user_error(exc: Exception) -> Any:
    """An error the user can act on, as a short text for htmx's error toast."""
    message = exc.args[0] if exc.args else str(exc)
    return fragment(Markup('{}').format(message), status=403 if isinstance(exc, AccessError) else 400)


def posted_values(env: Any, model: str, view_fields: list[str], infos: dict, prefix: str = '') -> dict:
    """The values posted for ``view_fields`` (only those present in the request), parsed by type."""
    form = request.httprequest.form
    files = request.httprequest.files
    values = {}
    for name in view_fields:
        info = infos.get(name)
        key = prefix + name
        if info is None or info.get('readonly'):
            continue
        if info['type'] == 'binary':
            upload = files.get(key)
            if upload and upload.filename:
                values[name] = fields_html.parse(env, info, None, upload)
            elif form.get(f"{key}__clear") == '1':
                values[name] = False
            continue
        if key not in form:
            continue
        # a checkbox posts after its hidden '0': the last value is the box's state
        raw = form.getlist(key) if info['type'] in ('many2many', 'boolean') else form.get(key)
        try:
            values[name] = fields_html.parse(env, info, raw)
        except ValueError as exc:
            raise UserError(_("%(field)s: invalid value %(value)r", field=info.get('string') or name, value=raw)) from exc
    return values


def view_action_context(env: Any, model: str, action: str, action_key: str) -> tuple[Any, dict]:
    """``(env, ctx)`` of a record a view of ``model`` creates or edits in place (a list row, a kanban
    quick create): in the context of the view's window action (its ``default_*`` keys), as Odoo's
    views do — the action ``action_key`` a button returned, else the stored action ``action`` (an id)."""
    window = None
    kept = stored_actions.for_form(request.session, action_key, model)
    if kept:
        window = actions.from_dict(env, kept)
        window.key = action_key
    elif action.isdigit():
        stored = env['ir.actions.act_window'].sudo().browse(int(action)).exists()
        if stored and stored.res_model == model:
            window = actions.from_record(env, stored)
    if window is not None:
        env = env(context={**env.context, **window.context})
    ctx = {'base': window.base_url() if window is not None else f"/odoo/{model}", 'context': dict(env.context),
           'optional': request.httprequest.values.getlist('optional'), 'action': window}
    return env, ctx


class WebClientRecords(http.Controller):

    @http.route('/web/client/list_row', type='http', auth='user', methods=['GET', 'POST'])
    def list_row(self, model: str, view_id: str = '', id: str = '', mode: str = 'show', action: str = '',
                 action_key: str = '', multi_ids: str = '', **kw):
        env = request.env
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'list')
        env, ctx = view_action_context(env, model, action, action_key)
        context = ctx['context']
        optional = ctx['optional']
        cols = list_view.columns(view, context, frozenset(optional))
        record = env[model].browse(int(id)) if id.isdigit() else env[model]
        if request.httprequest.method == 'POST':
            selected = [int(value) for value in multi_ids.split(',') if value.isdigit()]
            multi = (view.attr('multi_edit') in ('1', 'True', 'true') and record and len(selected) > 1
                     and record.id in selected)
            try:
                values = posted_values(env, model, [c.name for c in cols], view.fields)
                with env.cr.savepoint():
                    if multi:
                        # multi_edit: what changed in the row goes to every selected record, as Odoo's list
                        changed = {name: value for name, value in values.items()
                                   if record._fields[name].convert_to_write(record[name], record) != value}
                        env[model].browse(selected).exists().write(changed)
                    elif record:
                        record.write(values)
                    else:
                        record = env[model].create(values)
                    env.flush_all()
            except (UserError, ValidationError, AccessError) as exc:
                return user_error(exc)
            if multi:
                response = fragment('')
                response.headers['HX-Refresh'] = 'true'
                return response
            return fragment(list_view.row(record, cols, view, ctx))
        if mode == 'edit':
            blank = env[model].new(env[model].default_get(list(view.fields))) if not record else record
            return fragment(list_view.edit_row(blank, cols, view, context, optional, list_view.action_args(ctx),
                                               selected=bool(kw.get('selected'))))
        if not record:
            return fragment('')
        return fragment(list_view.row(record, cols, view, ctx))

    @http.route('/web/client/batch', type='http', auth='user', methods=['POST'])
    def batch(self, model: str, operation: str, redirect: str = '/odoo', view_id: str = '', **kw):
        env = request.env
        ids = [int(value) for value in request.httprequest.form.getlist('ids') if value.isdigit()]
        records = env[model].browse(ids).exists()
        if not redirect.startswith('/'):
            redirect = '/odoo'
        if operation == 'export':
            view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'list')
            return self._export(records, list_view.columns(view, dict(env.context)))
        location = redirect
        try:
            if not records:
                raise UserError(_("Select the records to act on first."))
            if operation == 'unlink':
                records.unlink()
            elif operation == 'archive':
                records.action_archive()
            elif operation == 'unarchive':
                records.action_unarchive()
            elif operation == 'duplicate':
                records.copy()
            elif operation.startswith('action:'):
                from .webclient_form import _run_bound
                here = redirect.split('?')[0]
                location = _run_bound(env, records, operation[len('action:'):], 'list', here)
                location = redirect if location == here else location
            else:
                raise UserError(_("Unknown operation %s.", operation))
            env.flush_all()
        except (UserError, ValidationError, AccessError) as exc:
            env.cr.rollback()
            return request.redirect_query(redirect.split('?')[0], {'error': exc.args[0]})
        return request.redirect(location)

    def _export(self, records: Any, cols: list) -> Any:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        book = Workbook()
        sheet = book.active
        sheet.title = (records._description or records._name)[:31]
        sheet.append([col.label for col in cols])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for record in records:
            line = []
            for col in cols:
                value = record[col.name]
                ftype = col.info['type']
                if ftype == 'many2one':
                    value = value.display_name or ''
                elif ftype in ('one2many', 'many2many'):
                    value = ', '.join(value.mapped('display_name'))
                elif ftype == 'selection':
                    value = dict(col.info.get('selection') or []).get(value, value or '')
                elif ftype == 'binary':
                    value = ''
                elif value is False and ftype != 'boolean':
                    value = ''
                line.append(value)
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        name = f"{records._name.replace('.', '_')}.xlsx"
        return request.make_response(buffer.getvalue(), [
            ('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ('Content-Disposition', http.content_disposition(name)),
        ])

    @http.route('/web/client/name_search', type='http', auth='user', methods=['GET'])
    def name_search(self, model: str, field: str, q: str = '', **kw):
        env = request.env
        text = q or kw.get(f"q_{field}") or ''
        if model not in env:
            return fragment('', status=404)
        domain = []
        if kw.get('domain'):
            # the field's domain for the form's current values (evaluated when the form was drawn)
            try:
                domain = json.loads(kw['domain'])
            except ValueError:
                domain = []
            if not isinstance(domain, list):
                domain = []
        env = with_field_context(env, kw.get('context') or '')
        try:
            found = env[model].name_search(text, domain, 'ilike', 8)
        except (ValueError, TypeError, KeyError, UserError) as exc:
            # a domain that does not fit the model: say so in the list rather than failing the request
            return fragment(Markup('<span class="list-group-item text-danger">{}</span>').format(exc.args[0] if exc.args else exc))
        if kw.get('widget') == 'many2many_tags':
            return fragment(fields_html.tags_choices(env, model, found, text, kw.get('create') == '1', kw.get('color_field')))
        items = join(Markup('<a href="#" class="list-group-item list-group-item-action o_many2one_choice" data-id="{}" data-label="{}">{}</a>').format(
            rid, label, label) for rid, label in found)
        if not found:
            items = Markup('<span class="list-group-item text-secondary">{}</span>').format(_("No records"))
        return fragment(items)


class WebClientFavourites(http.Controller):

    @http.route('/web/client/filter/save', type='http', auth='user', methods=['POST'])
    def filter_save(self, model: str, name: str = '', domain: str = '[]', groupby: str = '[]',
                    redirect: str = '/odoo', **kw):
        """Save the page's current search as a favourite of the user (``ir.filters``)."""
        env = request.env
        target = redirect if redirect.startswith('/') else '/odoo'
        try:
            parsed_domain, parsed_groupby = json.loads(domain), json.loads(groupby)
            if not isinstance(parsed_domain, list) or not isinstance(parsed_groupby, list):
                raise ValueError("domain and group-by must be lists")
            if model not in env or not name.strip():
                raise UserError(_("A favourite needs a name and a model."))
            with env.cr.savepoint():
                favourite = env['ir.filters'].create_or_replace({
                    'name': name.strip(), 'model_id': model, 'user_id': env.uid,
                    # saved for the model, not the action: window actions are not rows of ir_actions
                    # here, so the foreign key of ir_filters.action_id would refuse them
                    'domain': repr(_as_python(parsed_domain)),
                    'context': repr({'group_by': parsed_groupby} if parsed_groupby else {}),
                })
                env.flush_all()
        except ValueError as exc:
            return request.redirect(url(target.split('?')[0], error=_("Invalid search: %s", exc)))
        except (UserError, ValidationError, AccessError) as exc:
            return request.redirect(url(target.split('?')[0], error=exc.args[0]))
        return request.redirect(url(target.split('?')[0], favorite=favourite.id))


def _as_python(value: Any) -> Any:
    """JSON lists of a domain back to Python tuples for its leaves, as Odoo writes them."""
    if isinstance(value, list):
        items = [_as_python(item) for item in value]
        return tuple(items) if len(items) == 3 and isinstance(items[0], str) and items[0] not in ('&', '|', '!') else items
    return value


class WebClientListButtons(http.Controller):

    @http.route('/web/client/list_button', type='http', auth='user', methods=['POST'])
    def list_button(self, model: str, id: str, name: str, view_id: str = '', **kw):
        """Run a ``type="object"`` button of a list row, then show what it returned (or the list again)."""
        from .webclient_form import _action_location
        env = request.env
        if model not in env or not id.isdigit():
            return fragment(_("Unknown model %s.", model), status=404)
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'list')
        if name not in {node.get('name') for node in list_view.row_buttons(view)} or not callable(getattr(env[model], name, None)):
            return fragment(_("%(method)s is not a button of the list of %(model)s.", method=name, model=model), status=400)
        record = env[model].browse(int(id)).exists()
        try:
            with env.cr.savepoint():
                result = getattr(record, name)()
                env.flush_all()
        except (UserError, ValidationError, AccessError) as exc:
            return user_error(exc)
        response = fragment('')
        if isinstance(result, dict) and result.get('type') == 'ir.actions.act_window':
            response.headers['HX-Redirect'] = _action_location(env, result, record, f"/odoo/{model}")
        else:
            response.headers['HX-Refresh'] = 'true'
        return response
