"""``Form`` (``odoo.tests.Form``): edit a record, or a new one, the way the
web client's form view would, without a browser. Defaults and onchanges come
from ``model.onchange(values, field_names, fields_spec)``; the view's
modifiers are enforced (writing a readonly or invisible field, or saving
without a required one, is an ``AssertionError`` as in Odoo's tests); the
lines of one2many fields are edited in sub-forms (``form.line_ids.new()``)
and many2many fields through ``form.tag_ids.add(...)`` and friends.

The view analysis lives in ``form_layout``, the value containers in
``form_values``.
"""
from __future__ import annotations

import ast
import collections.abc
import logging
from datetime import date
from typing import Any

from odoo.orm.commands import Command

from .form_layout import FormLayout, LayoutBuilder, parse_arch
from .form_values import Attributes, Lines, Tracked, blank_value, client_value, for_expressions

_logger = logging.getLogger(__name__)
_onchange_logger = _logger.getChild('onchange')


def _is_recordset(value: Any) -> bool:
    from odoo.models import BaseModel
    return isinstance(value, BaseModel)


def _evaluate(expression: str, scope: dict) -> Any:
    from odoo.tools.safe_eval import safe_eval
    return safe_eval(expression, scope)


class Form:
    """One record seen through a form view.

    Read and assign fields as attributes (``form.partner_id = partner``);
    each assignment runs the onchanges. ``save()`` creates or writes the
    record and returns it; ``with Form(...) as form:`` saves when the block
    ends without an exception.
    """

    def __init__(self, record, view: Any = None) -> None:
        if not _is_recordset(record):
            raise TypeError(f"Form() expects a record or an empty recordset of a model, not {record!r}")
        if len(record) > 1:
            raise ValueError(f"Form() cannot edit several records at once: {record}")
        if _is_recordset(view):
            view_id = view.id
        elif isinstance(view, str):
            view_id = record.env.ref(view).id
        else:
            view_id = view or False
        builder = LayoutBuilder(record.env)
        arch = parse_arch(record.get_view(view_id, 'form')['arch'])
        vars(self).update(_rec=record, _env=record.env, _builder=builder,
                          _layout=builder.build(record._name, arch), _data=Tracked())
        if record:
            self._reload()
        else:
            self._start_new()

    @classmethod
    def from_action(cls, env, action: dict) -> Form:
        """The form a window action opens on its ``res_id`` (or on a new
        record), in the action's context and form view."""
        if action.get('type') != 'ir.actions.act_window':
            raise AssertionError(f"Form.from_action() needs a window action, not {action.get('type')!r}")
        views = action.get('views')
        if views:
            view_id, view_type = views[0]
            if view_type != 'form':
                raise AssertionError(f"the action opens a {view_type!r} view first, Form needs a form")
        else:
            view_mode = action.get('view_mode', '')
            if not view_mode.startswith('form'):
                raise ValueError(f"the action's first view mode must be form, not {view_mode!r}")
            view_id = action.get('view_id')
            if view_id and ',' in view_mode:
                raise ValueError(f"view_id {view_id!r} is ambiguous with several view modes ({view_mode!r})")
        if isinstance(view_id, (list, tuple)):
            view_id = view_id[0]
        context = action.get('context') or {}
        if isinstance(context, str):
            context = ast.literal_eval(context)
        model = env[action['res_model']].with_context(context)
        return cls(model.browse(action.get('res_id')), view_id)

    # -- loading --------------------------------------------------------

    def _reload(self) -> None:
        self._data.reset(self._read_row(self._rec, self._layout))

    def _read_row(self, record, layout: FormLayout) -> dict:
        names = [name for name in layout.fields if name != 'id']
        [stored] = record.read(names)
        row: dict = {'id': record.id}
        for name in names:
            kind, raw = layout.field_type(name), stored.get(name, False)
            if kind == 'one2many':
                sublayout = layout.lines.get(name)
                lines = record.env[layout.fields[name]['relation']].browse(raw or [])
                row[name] = Lines(self._read_row(line, sublayout) if sublayout else {'id': line.id}
                                  for line in lines)
            elif kind == 'many2many':
                row[name] = Lines({'id': id_} for id_ in raw or ())
            else:
                row[name] = client_value(kind, raw)
        return row

    def _start_new(self) -> None:
        self._data['id'] = False
        self._onchange()
        # a new record sends every value it shows when saved
        self._data.dirty.update(self._layout.fields)

    # -- field access -----------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if name.startswith('_'):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> Any:
        kind = self._known_type(name)
        if kind == 'one2many':
            return O2MProxy(self, name)
        if kind == 'many2many':
            return M2MProxy(self, name)
        value = self._data[name]
        if kind == 'many2one':
            return self._env[self._layout.fields[name]['relation']].browse(value or ())
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __setitem__(self, name: str, value: Any) -> None:
        kind = self._known_type(name)
        if kind == 'one2many':
            raise AssertionError(f"one2many field {name!r} is edited through new(), edit() and remove(), "
                                 f"not assigned")
        for modifier in ('readonly', 'invisible'):
            if self._check(name, modifier):
                raise AssertionError(f"can't write on {modifier} field {name!r} of {self._rec._name}")
        if kind == 'many2many':
            M2MProxy(self, name).set(value)
            return
        if kind == 'many2one':
            value = self._many2one_id(name, value)
        self._data[name] = value
        self._onchange(name)

    def _many2one_id(self, name: str, value: Any) -> int | bool:
        if not value:
            return False
        comodel = self._layout.fields[name]['relation']
        if not (_is_recordset(value) and value._name == comodel):
            raise AssertionError(f"{name!r} takes a {comodel} record, not {value!r}")
        return value.id

    def _known_type(self, name: str) -> str | None:
        if name not in self._layout.fields:
            raise AssertionError(f"{name!r} was not found in the view of {self._layout.model_name}")
        return self._layout.field_type(name)

    # -- modifiers and contexts -------------------------------------------

    def _check(self, name: str, modifier: str, layout: FormLayout | None = None,
               values: dict | None = None) -> bool:
        """Whether ``modifier`` holds for field ``name`` given ``values``
        (the form's own by default)."""
        expression = (layout or self._layout).modifiers[name].get(modifier, 'False')
        if expression in ('True', 'False'):
            return expression == 'True'
        return bool(_evaluate(expression, self._scope(values)))

    def _scope(self, values: dict | None = None) -> dict:
        """Names the view's expressions can use."""
        record = self._rec
        context = {'id': record.id, 'active_id': record.id, 'active_ids': record.ids,
                   'active_model': record._name, 'current_date': date.today().isoformat()}
        context.update(self._env.context)
        if values is None:
            values = self._collect('all')
        return {**context, 'context': context, **for_expressions(values)}

    def _field_context(self, name: str) -> dict:
        expression = self._layout.contexts.get(name)
        return _evaluate(expression, self._scope()) if expression else {}

    # -- values sent to the server ----------------------------------------

    def _collect(self, purpose: str, values: Tracked | None = None, layout: FormLayout | None = None,
                 scope_values: dict | None = None, parent_link: str | None = None) -> dict:
        """The values to send: ``'save'`` the modified, writable ones (after
        checking required fields), ``'onchange'`` the modified ones, ``'all'``
        every value (to evaluate expressions)."""
        values = self._data if values is None else values
        layout = layout or self._layout
        scope_values = scope_values or values
        collected = {}
        for name, description in layout.fields.items():
            if name == 'id' or name not in values:
                continue
            value = values[name]
            if purpose == 'save' and value is False and name != parent_link:
                self._check_required(name, description, layout, scope_values)
            if purpose != 'all' and name not in values.dirty:
                continue
            if purpose == 'save' and name not in layout.force_save \
                    and self._check(name, 'readonly', layout, scope_values):
                continue
            if isinstance(value, Lines):
                if purpose == 'all':
                    value = list(value)
                elif description['type'] == 'one2many':
                    value = value.line_commands(self._line_serialiser(purpose, values, layout, name),
                                                saving=purpose == 'save')
                else:
                    value = value.link_commands()
            collected[name] = value
        return collected

    def _check_required(self, name: str, description: dict, layout: FormLayout, scope_values: dict) -> None:
        if description['type'] == 'boolean':
            return
        hidden = any(self._check(name, modifier, layout, scope_values)
                     for modifier in ('invisible', 'column_invisible'))
        if not hidden and self._check(name, 'required', layout, scope_values):
            raise AssertionError(f"{name} is a required field of {layout.model_name} "
                                 f"(required={layout.modifiers[name]['required']!r}) and has no value")

    def _line_serialiser(self, purpose: str, parent_values: Tracked, layout: FormLayout, name: str):
        sublayout = layout.lines[name]
        link = layout.fields[name].get('relation_field')

        def serialise(row: Tracked) -> dict:
            scope = {'id': False, **row, 'parent': Attributes(parent_values)}
            return self._collect(purpose, row, sublayout, scope, parent_link=link)
        return serialise

    def _onchange_payload(self) -> dict:
        return self._collect('onchange')

    # -- onchange -----------------------------------------------------------

    def _onchange(self, name: str | None = None) -> None:
        """Ask the server what changing ``name`` (or opening a new record,
        without a name) does to the other fields, and apply it."""
        target = self._rec
        if name:
            self._data.dirty.add(name)
            if context := self._field_context(name):
                target = target.with_context(**context)
        answer = target.onchange(self._onchange_payload(), [name] if name else [], self._layout.spec)
        self._env.flush_all()
        self._env.invalidate_all()
        if warning := answer.get('warning'):
            _onchange_logger.warning("%s %s", warning.get('title'), warning.get('message'))
        if not name:
            for field_name, description in self._layout.fields.items():
                self._data.setdefault(field_name, blank_value(description['type']))
        self._absorb(self._data, self._layout, answer.get('value') or {})

    def _absorb(self, values: Tracked, layout: FormLayout | None, changes: dict) -> None:
        if layout is None:
            return  # lines of a many2many: their values are not shown
        for name, value in changes.items():
            if name not in layout.fields:
                continue
            kind = layout.field_type(name)
            if kind in ('one2many', 'many2many'):
                self._absorb_commands(values[name], layout.lines.get(name), value)
            else:
                values[name] = client_value(kind, value)
            values.dirty.add(name)

    def _absorb_commands(self, lines: Lines, sublayout: FormLayout | None, commands: list) -> None:
        for command in commands:
            if isinstance(command, int):
                command = (Command.LINK, command, {})
            code, key = command[0], command[1]
            payload = command[2] if len(command) > 2 else None
            if code == Command.CREATE:
                row = Tracked()
                if sublayout:
                    row.update((field_name, blank_value(description['type']))
                               for field_name, description in sublayout.fields.items() if field_name != 'id')
                self._absorb(row, sublayout, payload or {})
                lines.append_new(row)
            elif code == Command.UPDATE:
                row = lines.row(key) if key in lines else lines.put(key, {'id': key})
                self._absorb(row, sublayout, payload or {})
            elif code in (Command.DELETE, Command.UNLINK):
                if key in lines:
                    lines.drop(key)
            elif code == Command.LINK:
                if key not in lines:
                    row = Tracked({'id': key})
                    self._absorb(row, sublayout, payload or {})
                    lines.put(key, row)
            elif code == Command.CLEAR:
                lines.drop_all()
            elif code == Command.SET:
                lines.replace(payload)
            else:
                raise AssertionError(f"onchange() of {self._layout.model_name} answered an unknown "
                                     f"x2many command {command!r}")

    # -- saving -------------------------------------------------------------

    def save(self):
        """Create the record, or write its modified fields, and return it.

        :raises AssertionError: when a required field is empty
        """
        changes = self._collect('save')
        if self._rec and not changes:
            return self._rec
        if self._rec:
            self._rec.write(changes)
        else:
            vars(self)['_rec'] = self._rec.create(changes)
        self._env.flush_all()
        self._env.invalidate_all()
        self._reload()
        return self._rec

    @property
    def record(self):
        """The edited record; only available once every change is saved."""
        if self._data.dirty:
            raise AssertionError(f"{self} has unsaved changes: {sorted(self._data.dirty)}")
        return self._rec

    def __enter__(self) -> Form:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if exc_type is None:
            self.save()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} on {self._rec!r}>"

    __str__ = __repr__


class _LineForm(Form):
    """The sub-form editing one line of a one2many field of ``owner``;
    saving it stores the line in the owner, which runs its onchange."""

    def __init__(self, proxy: O2MProxy, index: int | None = None) -> None:
        owner, name = proxy._form, proxy._name
        model = proxy._line_model()
        vars(self).update(_rec=model, _env=model.env, _builder=owner._builder,
                          _layout=owner._layout.lines[name], _data=Tracked(),
                          _owner=owner, _owner_field=name, _index=index)
        if index is None:
            self._start_new()
            return
        row = owner._data[name].row_at(index)
        self._data.merge(row)
        if isinstance(row.get('id'), int):
            vars(self)['_rec'] = model.browse(row['id'])

    def _check(self, name: str, modifier: str, layout: FormLayout | None = None,
               values: dict | None = None) -> bool:
        # a readonly or hidden one2many makes all of its lines so
        if modifier != 'required' and self._owner._check(self._owner_field, modifier):
            return True
        return super()._check(name, modifier, layout, values)

    def _scope(self, values: dict | None = None) -> dict:
        return {**super()._scope(values), 'parent': Attributes(self._owner._data)}

    def _onchange_payload(self) -> dict:
        payload = super()._onchange_payload()
        link = self._owner._layout.fields[self._owner_field].get('relation_field')
        if link:
            parent_payload = self._owner._onchange_payload()
            if self._owner._rec.id:
                parent_payload['id'] = self._owner._rec.id
            payload[link] = parent_payload
        return payload

    def save(self) -> None:
        for name, description in self._layout.fields.items():
            if self._data.get(name) is False:
                self._check_required(name, description, self._layout, self._data)
        lines: Lines = self._owner._data[self._owner_field]
        row = Tracked(self._data)
        if self._index is None:
            lines.append_new(row)
        else:
            lines.row_at(self._index).merge(row)
        self._owner._onchange(self._owner_field)


class _X2MAccess:
    """What one2many and many2many proxies share."""

    def __init__(self, form: Form, name: str) -> None:
        self._form = form
        self._name = name
        self._lines: Lines = form._data[name]

    @property
    def ids(self) -> list:
        return list(self._lines)

    def _comodel(self):
        return self._form._env[self._form._layout.fields[self._name]['relation']]

    def _ensure_editable(self) -> None:
        for modifier in ('readonly', 'invisible'):
            if self._form._check(self._name, modifier):
                raise AssertionError(f"field {self._name!r} is {modifier} in this view: its lines cannot change")

    def _changed(self) -> None:
        self._form._onchange(self._name)


class O2MProxy(_X2MAccess):
    """The lines of a one2many field: ``new()`` and ``edit(index)`` give a
    sub-form (saved into the parent when its ``with`` block ends),
    ``remove(index)`` drops a line."""

    def __len__(self) -> int:
        return len(self._lines)

    def _line_model(self):
        context = self._form._field_context(self._name)
        model = self._comodel()
        return model.with_context(**context) if context else model

    def new(self) -> Form:
        self._ensure_editable()
        return _LineForm(self)

    def edit(self, index: int) -> Form:
        self._ensure_editable()
        return _LineForm(self, index)

    def remove(self, index: int) -> None:
        self._ensure_editable()
        self._lines.drop(self._lines.key_at(index))
        self._changed()


class M2MProxy(_X2MAccess, collections.abc.Sequence):
    """The records of a many2many field, as a sequence of records that can
    be changed with ``add``, ``remove``, ``set`` and ``clear``."""

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):
        return self._comodel().browse(self._lines.key_at(index))

    def __iter__(self):
        return iter(self._comodel().browse(list(self._lines)))

    def __contains__(self, record) -> bool:
        return record.id in self._lines

    def _expect_records(self, records) -> None:
        comodel = self._form._layout.fields[self._name]['relation']
        if not (_is_recordset(records) and records._name == comodel):
            raise AssertionError(f"{self._name!r} holds {comodel} records, not {records!r}")

    def add(self, record) -> None:
        self._ensure_editable()
        self._expect_records(record)
        if record.id in self._lines:
            return
        self._lines.put(record.id, {'id': record.id})
        self._changed()

    def remove(self, id: Any = None, index: int | None = None) -> None:
        self._ensure_editable()
        if (id is None) == (index is None):
            raise AssertionError("M2MProxy.remove() takes exactly one of id= and index=")
        self._lines.drop(self._lines.key_at(index) if id is None else id)
        self._changed()

    def set(self, records) -> None:
        self._ensure_editable()
        self._expect_records(records)
        if set(records.ids) == set(self._lines):
            return
        self._lines.replace(records.ids)
        self._changed()

    def clear(self) -> None:
        self._ensure_editable()
        self._lines.drop_all()
        self._changed()
