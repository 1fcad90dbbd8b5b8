"""Saving a form of the web client: one POST carries every field of the
form (and its one2many lines), plus what was clicked — save, a statusbar
stage, a button of ``type="object"`` or ``type="action"``, delete — and is
applied in one transaction. Errors answer 400 with the message (shown by
the page) and change nothing."""
from __future__ import annotations

import collections
from typing import Any

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Command
from odoo.http import request

from ..client import actions, fields_html, stored_actions
from ..client import arch as arch_mod
from ..client.form_view import ACTION_REF, FormRenderer, force_saved, form_record, sub_view_of
from ..client.html import url
from .webclient_records import fragment, posted_values


def _redirect(location: str) -> Any:
    """Where to go after a successful post: htmx follows ``HX-Redirect``, a plain form a 303."""
    if request.httprequest.headers.get('HX-Request'):
        response = fragment('')
        response.headers['HX-Redirect'] = location
        return response
    return request.redirect(location)


def _failure(exc: Exception, back: str) -> Any:
    message = exc.args[0] if exc.args else str(exc)
    if request.httprequest.headers.get('HX-Request'):
        return fragment(message, status=403 if isinstance(exc, AccessError) else 400)
    return request.redirect(url(back, error=message))


def _line_commands(env: Any, record: Any, node: Any, info: dict) -> list | None:
    """The one2many commands posted for field ``node`` (None when the form did not post its lines)."""
    name = node.get('name')
    prefix = f"o2m.{name}."
    form = request.httprequest.form
    lines = collections.OrderedDict()
    for key in form:
        if key.startswith(prefix):
            index, _sep, sub = key[len(prefix):].partition('.')
            lines.setdefault(index, set()).add(sub)
    if not lines and f"{prefix}present" not in form:
        return None
    comodel = env[info['relation']]
    sub = next((child for child in node if isinstance(child.tag, str) and child.tag in ('list', 'tree')), None)
    sub_view = sub_view_of(env, comodel, sub)
    columns = [n.get('name') for n in arch_mod.field_nodes(sub_view.root) if n.get('name') in sub_view.fields]
    commands = []
    for index in lines:
        line_prefix = f"{prefix}{index}."
        line_id = form.get(f"{line_prefix}id") or ''
        if form.get(f"{line_prefix}__delete"):
            if line_id.isdigit():
                commands.append(Command.delete(int(line_id)))
            continue
        values = posted_values(env, comodel._name, columns, sub_view.fields, prefix=line_prefix)
        if line_id.isdigit():
            commands.append(Command.update(int(line_id), values))
        else:
            commands.append(Command.create(values))
    return commands


def _attachment_commands(env: Any, record: Any, model: str, name: str) -> list | None:
    """The ``many2many_binary`` field ``name`` as posted: the files kept among
    those already attached, plus the uploaded ones as new attachments (linked
    to ``model``, with no record yet when it is being created, as Odoo's
    upload does). None when the form did not post the field."""
    form, files = request.httprequest.form, request.httprequest.files
    if name not in form:
        return None
    # only files already on the record may stay: no linking of others' files
    current = set(record[name].ids) if record.id else set()
    kept = [int(value) for value in form.getlist(name) if value.isdigit() and int(value) in current]
    uploads = [upload for upload in files.getlist(f"{name}__upload") if upload and upload.filename]
    added = env['ir.attachment'].create([{
        'name': upload.filename, 'raw': upload.read(), 'res_model': model, 'res_id': record.id or 0,
    } for upload in uploads]) if uploads else env['ir.attachment']
    if set(kept) == current and not added:
        return None
    return [Command.set(kept + added.ids)]


def _action_location(env: Any, result: Any, record: Any, base: str, session: Any = None) -> str:
    """The page showing what a button of ``record`` returned (an action dict), else the record again."""
    exists = record.exists()
    here = f"{base}/{record.id}" if exists else base
    return _result_location(env, result, here, exists, record.id if exists else None, session)


def _result_location(env: Any, result: Any, here: str, record: Any, active_id: int | None, session: Any = None) -> str:
    """The page showing the action dict ``result`` a button of ``record`` returned, opened from the page
    ``here`` (``active_id``: the record of that page); else ``here``."""
    if isinstance(result, dict) and result.get('type') == 'ir.actions.act_url' and result.get('url'):
        # Odoo's client opens the address (in a new tab for target 'new'); a
        # page without JavaScript goes there
        return result['url']
    if not isinstance(result, dict) or result.get('type') != 'ir.actions.act_window':
        return here
    # Odoo's client runs the dict as returned, even when it carries the id of a
    # stored action (read with _for_xml_id, then given a context or a domain)
    opened = actions.returned_by_button(env, result, record)
    res_id = opened.get('res_id')
    # the new page comes after the record's, so the breadcrumbs lead back to it
    if (opened.get('id') and opened.get('target') != 'new'
            and actions.same_as_stored(env, opened, record._name if record else None, active_id)):
        # unchanged: its own address, which can be bookmarked (a wizard is kept: its buttons need its context)
        return f"{here}/action-{opened['id']}/{res_id}" if res_id else url(f"{here}/action-{opened['id']}", active_id=active_id)
    # made up or changed by the method (a wizard with its defaults, a filtered
    # list): kept in the session for the page that shows it
    key = stored_actions.remember(request.session if session is None else session, opened)
    return f"{here}/act-{key}"


def _run_bound(env: Any, records: Any, ref: str, view_type: str, here: str) -> str:
    """Run the action ``ref`` bound to the model of ``records`` (Odoo's Action menu of a list or form) on
    them: a server action runs with them as ``active_ids``, a window action opens with them in its
    context; the page that follows, from ``here``."""
    allowed = {action_id for action_id, _name in actions.bound_actions(env, records._name, view_type)}
    if not ref.isdigit() or int(ref) not in allowed:
        raise UserError(_("%(action)s is not an action of %(model)s.", action=ref, model=records._name))
    kind = env['ir.actions.actions'].sudo().browse(int(ref)).type
    active_id = records.ids[0] if len(records) == 1 else None
    if kind == 'ir.actions.act_window':
        # as Odoo's client: loaded as superuser, run with the records as active_ids
        result = env[kind].sudo().browse(int(ref))._get_action_dict()
    elif kind == 'ir.actions.server':
        result = env[kind].browse(int(ref)).with_context(**actions.active_context(records)).run()
    else:
        raise UserError(_("This action (%s) cannot be run by this web client.", kind))
    return _result_location(env, result, here, records, active_id)


class WebClientForm(http.Controller):

    @http.route('/web/client/form/save', type='http', auth='user', methods=['POST'])
    def form_save(self, model: str, id: str = '', view_id: str = '', base: str = '', button_call: str = 'save:',
                  statusbar_set: str = '', action_key: str = '', **kw):
        env = request.env
        kept = stored_actions.for_form(request.session, action_key, model)
        if kept:
            # the form of an action a button returned saves and runs its
            # buttons in that action's context (defaults, active_id/active_ids)
            env = env(context={**env.context, **(kept.get('context') or {})})
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)
        base = base if base.startswith('/') else f"/odoo/{model}"
        back = f"{base}/{id}" if id else f"{base}/new"
        try:
            view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'form')
            record = form_record(env, model, id, dict(env.context))
            kind, _sep, target = button_call.partition(':')
            with env.cr.savepoint():
                if kind == 'delete':
                    record.unlink()
                    env.flush_all()
                    return _redirect(base)
                record = self._save(env, view, record)
                if statusbar_set:
                    field_name, _sep, value = statusbar_set.partition(':')
                    node = next((n for n in arch_mod.field_nodes(view.root, skip_subviews=True)
                                 if n.get('name') == field_name and n.get('widget') == 'statusbar'), None)
                    if node is None:
                        raise UserError(_("%s is not a statusbar of this form.", field_name))
                    info = view.fields[field_name]
                    record.write({field_name: fields_html.parse(env, info, value)})
                location = f"{base}/{record.id}"
                if kind == 'object':
                    result = self._call_object(view, record, target)
                    if kept and kept.get('target') == 'new':
                        # a wizard closes back to the page that opened it, as Odoo's dialog does
                        origin = stored_actions.origin(base, action_key)
                        opener = origin.rpartition('/')[2]
                        location = _result_location(env, result, origin, record, int(opener) if opener.isdigit() else None)
                    else:
                        location = _action_location(env, result, record, base)
                elif kind == 'action':
                    location = self._run_action(env, view, record, target, base)
                elif kind == 'binding':
                    location = _run_bound(env, record, target, 'form', location)
                elif kind == 'duplicate':
                    location = f"{base}/{record.copy().id}"
                elif kind == 'archive' and 'active' in record._fields:
                    record.action_archive()
                elif kind == 'unarchive' and 'active' in record._fields:
                    record.action_unarchive()
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError) as exc:
            return _failure(exc, back)
        return _redirect(location)

    def _save(self, env: Any, view: Any, record: Any) -> Any:
        """Write (or create) the posted values of the form's editable fields."""
        renderer = FormRenderer(env, view, record, dict(env.context))
        editable, lines = [], {}
        for node in arch_mod.field_nodes(view.root):
            name = node.get('name')
            info = view.fields.get(name)
            if info is None or node.get('widget') == 'statusbar':
                continue
            readonly, _required = renderer.field_state(node)
            if readonly and not force_saved(node):
                continue
            if info['type'] == 'one2many':
                commands = _line_commands(env, record, node, info)
                if commands:
                    lines[name] = commands
            elif info['type'] == 'many2many' and node.get('widget') == 'many2many_binary':
                commands = _attachment_commands(env, record, view.model, name)
                if commands is not None:
                    lines[name] = commands
            else:
                editable.append(name)
        values = posted_values(env, view.model, editable, view.fields)
        values.update(lines)
        if record.id:
            if values:
                record.write(values)
            return record
        return env[view.model].with_context(**renderer.context).create(values)

    def _call_object(self, view: Any, record: Any, method: str) -> Any:
        buttons = {node.get('name') for node in view.root.iter('button') if node.get('type') == 'object'}
        if method not in buttons or method.startswith('_') or not callable(getattr(record, method, None)):
            raise UserError(_("%(method)s is not a button of the form of %(model)s.", method=method, model=record._name))
        return getattr(record, method)()

    def _run_action(self, env: Any, view: Any, record: Any, ref: str, base: str) -> str:
        known = set()
        for node in view.root.iter('button'):
            if node.get('type') == 'action':
                matched = ACTION_REF.match(node.get('name') or '')
                known.add(matched.group(1) if matched else node.get('name'))
        if ref not in known:
            raise UserError(_("%s is not an action button of this form.", ref))
        action = env['ir.actions.actions'].browse(int(ref)) if ref.isdigit() else env.ref(ref)
        if action.type != 'ir.actions.act_window':
            raise UserError(_("This action (%s) cannot be run by this web client.", action.type))
        # as Odoo's client: the action loaded as superuser, opened with the record as active_id
        return _result_location(env, env[action.type].sudo().browse(action.id)._get_action_dict(),
                                f"{base}/{record.id}", record, record.id)
