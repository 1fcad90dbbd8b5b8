"""``Form``: drive a record through its form view as the web client would,
server-side: default values and onchanges come from
``model.onchange(values, field_names, fields_spec)``, the view's
``required`` / ``readonly`` / ``invisible`` expressions are enforced, and
one2many lines are edited through sub-forms (``form.line_ids.new()``).
"""
from __future__ import annotations

import ast
import collections.abc
import itertools
import logging
from datetime import date, datetime
from typing import Any

from lxml import etree

from odoo.orm.commands import Command

_logger = logging.getLogger(__name__)

_MODIFIERS = ('required', 'readonly', 'invisible', 'column_invisible')
_MODIFIER_ALIASES = {'1': 'True', '0': 'False', 'true': 'True', 'false': 'False'}


def _safe_eval(expr: str, context: dict) -> Any:
    from odoo.tools.safe_eval import safe_eval
    return safe_eval(expr, context)


def _is_model(value: Any) -> bool:
    from odoo.models import BaseModel
    return isinstance(value, BaseModel)


class Form:
    """A record (or a new one) seen through a form view.

    ``form.field = value`` sets a field and runs the onchanges;
    ``form.save()`` creates or writes the record and returns it; used as a
    context manager, the form is saved on exit without error.
    """

    def __init__(self, record, view: int | str | Any | None = None) -> None:
        if not _is_model(record):
            raise TypeError(f"Form() needs a record or a model, got {record!r}")
        if len(record) > 1:
            raise ValueError(f"Form() edits one record at a time, got {record}")
        object.__setattr__(self, '_record', record)
        object.__setattr__(self, '_env', record.env)
        if _is_model(view):
            view_id = view.id
        elif isinstance(view, str):
            view_id = record.env.ref(view).id
        else:
            view_id = view or False
        object.__setattr__(self, '_fields_info', {})
        arch = record.get_view(view_id, 'form')['arch']
        tree = etree.fromstring(arch) if isinstance(arch, (str, bytes)) else arch
        object.__setattr__(self, '_view', self._process_view(tree, record, level=2))
        object.__setattr__(self, '_values', UpdateDict())
        if record:
            self._init_from_record()
        else:
            self._init_from_defaults()

    @classmethod
    def from_action(cls, env, action: dict) -> Form:
        """A form on the record (or new record) a window action opens; the
        action's first view must be a form."""
        if action.get('type') != 'ir.actions.act_window':
            raise AssertionError(f"only window actions are valid, got {action.get('type')}")
        if views := action.get('views'):
            if views[0][1] != 'form':
                raise AssertionError(f"the action's first view should be a form, got {views[0][1]}")
            view_id = views[0][0]
        else:
            view_mode = action.get('view_mode', '')
            if not view_mode.startswith('form'):
                raise ValueError(f"The action's first view mode should be a form, got {view_mode}")
            view_id = action.get('view_id')
            if view_id and ',' in view_mode:
                raise ValueError(f"A view_id is only valid with a single view mode, got {view_mode}")
        if isinstance(view_id, (list, tuple)):
            view_id = view_id[0]
        context = action.get('context') or {}
        if isinstance(context, str):
            context = ast.literal_eval(context)
        record = env[action['res_model']].with_context(context).browse(action.get('res_id'))
        return cls(record, view_id)

    # -- the view ---------------------------------------------------------

    def _model_fields(self, model_name: str) -> dict[str, dict]:
        if model_name not in self._fields_info:
            self._fields_info[model_name] = self._env[model_name].fields_get()
        return self._fields_info[model_name]

    def _process_view(self, tree: etree._Element, model, level: int) -> dict:
        """Collect the fields of ``tree`` (not those of sub-views), their
        modifiers, contexts and the onchange fields spec."""
        model_fields = self._model_fields(model._name)
        fields: dict[str, dict] = {'id': {'type': 'id'}}
        fields_spec: dict[str, dict] = {}
        modifiers: dict[str, dict[str, str]] = {'id': {'required': 'False', 'readonly': 'True',
                                                      'invisible': 'False', 'column_invisible': 'False'}}
        contexts: dict[str, str] = {}
        depth = tree.xpath('count(ancestor::field)')
        for node in tree.xpath(f'.//field[count(ancestor::field) = {depth}]'):
            name = node.get('name')
            info = dict(model_fields.get(name) or {'type': None})
            fields[name] = info
            spec = fields_spec[name] = {}

            own = {}
            for attr in _MODIFIERS:
                default = attr in ('required', 'readonly') and bool(info.get(attr))
                expr = (node.get(attr) or str(default)).strip()
                own[attr] = _MODIFIER_ALIASES.get(expr, expr)
            # a field inside an invisible element is invisible
            for ancestor in node.xpath(f'ancestor::*[@invisible][count(ancestor::field) = {depth}]'):
                own['invisible'] = _or(ancestor.get('invisible'), own['invisible'])
            if name in modifiers:
                # a field shown twice is X only when all its occurrences are X
                own = {attr: _and(modifiers[name][attr], own[attr]) for attr in _MODIFIERS}
            modifiers[name] = own

            if node.get('context'):
                contexts[name] = node.get('context')
                spec['context'] = get_static_context(node.get('context'))
            if node.get('widget') == 'many2many':
                info['type'] = 'many2many'
            if info['type'] == 'one2many':
                if level:
                    info['invisible'] = own['invisible']
                    info['edition_view'] = self._one2many_edition_view(info, node, level)
                    spec['fields'] = info['edition_view']['fields_spec']
                else:
                    info['type'] = 'many2many'  # nested one2many: ids only
        return {'tree': tree, 'fields': fields, 'fields_spec': fields_spec,
                'modifiers': modifiers, 'contexts': contexts}

    def _one2many_edition_view(self, info: dict, node: etree._Element, level: int) -> dict:
        submodel = self._env[info['relation']]
        views = {child.tag: child for child in node.xpath('./*[descendant::field]')}
        if 'tree' in views and 'list' not in views:
            views['list'] = views['tree']
        for view_type in ('list', 'form'):
            if view_type in views:
                continue
            if info['invisible'] == 'True':
                views[view_type] = etree.Element(view_type)
                continue
            arch = submodel.get_view(None, view_type)['arch']
            subview = etree.fromstring(arch) if isinstance(arch, (str, bytes)) else arch
            node.append(subview)
            views[view_type] = subview
        modes = [mode for mode in (node.get('mode') or 'list').split(',') if mode not in ('form',)]
        view_type = 'list' if modes and modes[0] in ('list', 'tree') and views['list'].get('editable') else 'form'
        return self._process_view(views[view_type], submodel, level - 1)

    # -- values -------------------------------------------------------------

    def _init_from_record(self) -> None:
        self._values.clear()
        self._values.update(self._read_record(self._record, self._view))

    def _read_record(self, record, view: dict) -> dict:
        names = [name for name in view['fields'] if name != 'id']
        [values] = record.read(names)
        result = {'id': record.id}
        for name in names:
            info = view['fields'][name]
            value = values.get(name, False)
            if info['type'] == 'one2many':
                lines = record.env[info['relation']].browse(value or [])
                subview = info.get('edition_view')
                result[name] = O2MValue(
                    self._read_record(line, subview) if subview else {'id': line.id} for line in lines
                )
            elif info['type'] == 'many2many':
                result[name] = M2MValue({'id': id_} for id_ in (value or ()))
            else:
                result[name] = _form_value(info['type'], value)
        return result

    def _init_from_defaults(self) -> None:
        self._values['id'] = False
        self._perform_onchange()
        self._values._changed.update(self._view['fields'])

    def __getattr__(self, name: str) -> Any:
        return self[name]

    def __getitem__(self, name: str) -> Any:
        info = self._view['fields'].get(name)
        if info is None:
            raise AssertionError(f"{name!r} was not found in the view")
        value = self._values[name]
        if info['type'] == 'many2one':
            return self._env[info['relation']].browse(value or ())
        if info['type'] == 'one2many':
            return O2MProxy(self, name)
        if info['type'] == 'many2many':
            return M2MProxy(self, name)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self[name] = value

    def __setitem__(self, name: str, value: Any) -> None:
        info = self._view['fields'].get(name)
        if info is None:
            raise AssertionError(f"{name!r} was not found in the view")
        if info['type'] == 'one2many':
            raise AssertionError(f"Can't set one2many field {name!r} directly, use its proxy (new/edit/remove)")
        if self._get_modifier(name, 'readonly'):
            raise AssertionError(f"can't write on readonly field {name!r}")
        if self._get_modifier(name, 'invisible'):
            raise AssertionError(f"can't write on invisible field {name!r}")
        if info['type'] == 'many2many':
            M2MProxy(self, name).set(value)
            return
        if info['type'] == 'many2one':
            if value and not (_is_model(value) and value._name == info['relation']):
                raise AssertionError(f"Field {name!r} needs a {info['relation']} record, got {value!r}")
            value = value.id if value else False
        self._values[name] = value
        self._perform_onchange(name)

    def _get_modifier(self, name: str, modifier: str, *, view: dict | None = None, vals: dict | None = None) -> bool:
        view = view or self._view
        expr = view['modifiers'][name].get(modifier, 'False')
        if expr in ('True', 'False'):
            return expr == 'True'
        return bool(_safe_eval(expr, self._get_eval_context(vals)))

    def _get_context(self, name: str) -> dict:
        expr = self._view['contexts'].get(name)
        return _safe_eval(expr, self._get_eval_context()) if expr else {}

    def _get_eval_context(self, values: dict | None = None) -> dict:
        context = {
            'id': self._record.id,
            'active_id': self._record.id,
            'active_ids': self._record.ids,
            'active_model': self._record._name,
            'current_date': date.today().strftime('%Y-%m-%d'),
            **self._env.context,
        }
        if values is None:
            values = self._get_values('all')
        return {**context, 'context': context, **values}

    def __enter__(self) -> Form:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if not exc_type:
            self.save()

    def __str__(self) -> str:
        return f"<{type(self).__name__} {self._record}>"

    def save(self):
        """Create or update the record with the modified fields and return it.

        :raises AssertionError: a required field is empty
        """
        values = self._get_values('save')
        if not self._record or values:
            if self._record:
                self._record.write(values)
            else:
                object.__setattr__(self, '_record', self._record.create(values))
            self._env.flush_all()
            self._env.invalidate_all()
            self._init_from_record()
        return self._record

    @property
    def record(self):
        """The record, when the form has no unsaved changes."""
        if self._values._changed:
            raise AssertionError("The form has unsaved changes")
        return self._record

    def _get_values(self, mode: str, values: UpdateDict | None = None, view: dict | None = None,
                    modifiers_values: dict | None = None, parent_link: str | None = None) -> dict:
        """Values of the form: 'save' (checked, modified, writable), 'onchange'
        (modified) or 'all' (everything, for evaluating expressions)."""
        values = self._values if values is None else values
        view = view or self._view
        modifiers_values = modifiers_values or values
        result = {}
        for name, info in view['fields'].items():
            if name == 'id' or name not in values:
                continue
            value = values[name]
            if (mode == 'save' and value is False and name != parent_link and info['type'] != 'boolean'
                    and not self._get_modifier(name, 'invisible', view=view, vals=modifiers_values)
                    and not self._get_modifier(name, 'column_invisible', view=view, vals=modifiers_values)
                    and self._get_modifier(name, 'required', view=view, vals=modifiers_values)):
                raise AssertionError(f"{name} is a required field ({view['modifiers'][name]})")
            if mode in ('save', 'onchange') and name not in values._changed:
                continue
            if mode == 'save' and self._get_modifier(name, 'readonly', view=view, vals=modifiers_values):
                node = next(node for node in view['tree'].iter('field') if node.get('name') == name)
                if not node.get('force_save'):
                    continue
            if info['type'] == 'one2many':
                if mode == 'all':
                    value = list(value)
                else:
                    subview, parent_link = info['edition_view'], info.get('relation_field')
                    value = value.to_commands(lambda vals, subview=subview, parent_link=parent_link: self._get_values(
                        mode, vals, subview,
                        modifiers_values={'id': False, **vals, 'parent': Dotter(values)},
                        parent_link=parent_link,
                    ), for_save=mode == 'save')
            elif info['type'] == 'many2many':
                value = list(value) if mode == 'all' else value.to_commands()
            result[name] = value
        return result

    def _perform_onchange(self, name: str | None = None) -> dict:
        if name:
            self._values._changed.add(name)
        record = self._record
        if name and (context := self._get_context(name)):
            record = record.with_context(**context)
        result = record.onchange(self._get_onchange_values(), [name] if name else [], self._view['fields_spec'])
        self._env.flush_all()
        self._env.invalidate_all()
        if result.get('warning'):
            _logger.getChild('onchange').warning("%(title)s %(message)s", result['warning'])
        if not name:
            for field_name, info in self._view['fields'].items():
                if field_name not in self._values:
                    self._values[field_name] = _empty_value(info['type'])
        if result.get('value'):
            self._apply_onchange(self._values, self._view['fields'], result['value'])
        return result

    def _get_onchange_values(self) -> dict:
        return self._get_values('onchange')

    def _apply_onchange(self, values: UpdateDict, fields: dict, changes: dict) -> None:
        for name, value in changes.items():
            info = fields.get(name)
            if info is None:
                continue
            if info['type'] in ('one2many', 'many2many'):
                self._apply_x2many_commands(values[name], info, value)
            else:
                values[name] = _form_value(info['type'], value)
            values._changed.add(name)

    def _apply_x2many_commands(self, current: X2MValue, info: dict, commands: list) -> None:
        subfields = info['edition_view']['fields'] if info['type'] == 'one2many' else {}
        for command in commands:
            if isinstance(command, int):
                command = (Command.LINK, command, {})
            code = command[0]
            if code == Command.CREATE:
                vals = UpdateDict({name: _empty_value(sub['type']) for name, sub in subfields.items()
                                   if name != 'id'})
                self._apply_onchange(vals, subfields, command[2] or {})
                current.create(vals)
            elif code == Command.UPDATE:
                if command[1] not in current:
                    current.add(command[1], {'id': command[1]})
                self._apply_onchange(current.get_vals(command[1]), subfields, command[2] or {})
            elif code in (Command.DELETE, Command.UNLINK):
                if command[1] in current:
                    current.remove(command[1])
            elif code == Command.LINK:
                if command[1] not in current:
                    vals = UpdateDict({'id': command[1]})
                    self._apply_onchange(vals, subfields, (command[2] if len(command) > 2 else None) or {})
                    current.add(command[1], vals)
            elif code == Command.CLEAR:
                current.clear()
            elif code == Command.SET:
                current.clear()
                for id_ in command[2]:
                    current.add(id_, {'id': id_})
            else:
                raise AssertionError(f"Unexpected command in onchange() result: {command!r}")


def _and(first: str, second: str) -> str:
    if first == 'False' or second == 'False':
        return 'False'
    if first == 'True':
        return second
    if second == 'True':
        return first
    return f'({first}) and ({second})'


def _or(first: str, second: str) -> str:
    if first == 'True' or second == 'True':
        return 'True'
    if first == 'False':
        return second
    if second == 'False':
        return first
    return f'({first}) or ({second})'


def _form_value(field_type: str | None, value: Any) -> Any:
    """A value as the form holds it: ids for many2one, strings for dates."""
    if field_type == 'many2one':
        if isinstance(value, dict):
            return value.get('id') or False
        if isinstance(value, (list, tuple)):
            return value[0] if value else False
        if _is_model(value):
            return value.id or False
        return value or False
    if field_type == 'datetime' and isinstance(value, datetime):
        return value.strftime('%Y-%m-%d %H:%M:%S')
    if field_type == 'date' and isinstance(value, date):
        return value.strftime('%Y-%m-%d')
    return value


def _empty_value(field_type: str | None) -> Any:
    if field_type == 'one2many':
        return O2MValue()
    if field_type == 'many2many':
        return M2MValue()
    if field_type in ('integer', 'float', 'monetary'):
        return 0
    return False


class O2MForm(Form):
    """A form on one line of a one2many field of a parent form."""

    def __init__(self, proxy: O2MProxy, index: int | None = None) -> None:
        model = proxy._model
        object.__setattr__(self, '_proxy', proxy)
        object.__setattr__(self, '_index', index)
        object.__setattr__(self, '_record', model)
        object.__setattr__(self, '_env', model.env)
        object.__setattr__(self, '_fields_info', proxy._form._fields_info)
        object.__setattr__(self, '_view', proxy._field_info['edition_view'])
        object.__setattr__(self, '_values', UpdateDict())
        if index is None:
            self._init_from_defaults()
        else:
            vals = proxy._records[index]
            self._values.update(vals)
            if isinstance(vals.get('id'), int):
                object.__setattr__(self, '_record', model.browse(vals['id']))

    def _get_modifier(self, name: str, modifier: str, *, view: dict | None = None, vals: dict | None = None) -> bool:
        if modifier != 'required' and self._proxy._form._get_modifier(self._proxy._field, modifier):
            return True
        return super()._get_modifier(name, modifier, view=view, vals=vals)

    def _get_eval_context(self, values: dict | None = None) -> dict:
        context = super()._get_eval_context(values)
        context['parent'] = Dotter(self._proxy._form._values)
        return context

    def _get_onchange_values(self) -> dict:
        values = super()._get_onchange_values()
        info = self._proxy._field_info
        if info.get('relation_field'):
            parent = self._proxy._form
            parent_values = parent._get_onchange_values()
            if parent._record.id:
                parent_values['id'] = parent._record.id
            values[info['relation_field']] = parent_values
        return values

    def save(self) -> None:
        proxy = self._proxy
        current = proxy._form._values[proxy._field]
        values = self._get_line_values()
        if self._index is None:
            current.create(values)
        else:
            current.update(current[self._index], values, values._changed)
        proxy._form._perform_onchange(proxy._field)

    def _get_line_values(self) -> UpdateDict:
        values = UpdateDict(self._values)
        for name in self._view['fields']:
            if (self._get_modifier(name, 'required')
                    and not (self._get_modifier(name, 'column_invisible') or self._get_modifier(name, 'invisible'))
                    and values.get(name) is False):
                raise AssertionError(f"{name!r} is a required field")
        return values


class UpdateDict(dict):
    """A dict remembering which keys were modified."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._changed: set[str] = set()
        if args and isinstance(args[0], UpdateDict):
            self._changed.update(args[0]._changed)

    def __repr__(self) -> str:
        items = (f"{key!r}{'*' if key in self._changed else ''}: {value!r}" for key, value in self.items())
        return '{' + ', '.join(items) + '}'

    def changed_items(self):
        return ((key, value) for key, value in self.items() if key in self._changed)

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        if args and isinstance(args[0], UpdateDict):
            self._changed.update(args[0]._changed)

    def clear(self) -> None:
        super().clear()
        self._changed.clear()


class X2MValue(collections.abc.Sequence):
    """The lines of an x2many field: a sequence of ids (new lines get
    'virtual_N' ids), each with its values."""
    _virtual_seq = itertools.count()

    def __init__(self, iterable_of_vals=()):
        self._data = {vals['id']: UpdateDict(vals) for vals in iterable_of_vals}
        self._given = list(self._data)

    def __repr__(self) -> str:
        return repr(self._data)

    def __contains__(self, id_: Any) -> bool:
        return id_ in self._data

    def __getitem__(self, index):
        return list(self._data)[index]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: Any) -> bool:
        return list(self) == other

    __hash__ = None

    def get_vals(self, id_: Any) -> UpdateDict:
        return self._data[id_]

    def add(self, id_: Any, vals: dict) -> None:
        self._data[id_] = vals if isinstance(vals, UpdateDict) else UpdateDict(vals)

    def remove(self, id_: Any) -> None:
        self._data.pop(id_)

    def clear(self) -> None:
        self._data.clear()

    def create(self, vals: dict) -> None:
        created = UpdateDict(vals)
        created._changed.update(vals)
        self._data[f'virtual_{next(self._virtual_seq)}'] = created

    def update(self, id_: Any, changes: dict, changed=()) -> None:
        vals = self._data[id_]
        vals.update(changes)
        vals._changed.update(changed)

    def to_list_of_vals(self) -> list[UpdateDict]:
        return list(self._data.values())


def _is_virtual(id_: Any) -> bool:
    return isinstance(id_, str) and id_.startswith('virtual_')


class O2MValue(X2MValue):
    def to_commands(self, convert_values=lambda vals: vals, for_save: bool = False) -> list:
        given = set(self._given)
        commands = []
        for id_, vals in self._data.items():
            if _is_virtual(id_):
                # create() ignores the second element; onchange() maps it to the new line
                commands.append((Command.CREATE, 0 if for_save else id_, convert_values(vals)))
                continue
            if id_ not in given:
                commands.append(Command.link(id_))
            if vals._changed:
                commands.append(Command.update(id_, convert_values(vals)))
        commands.extend(Command.delete(id_) for id_ in self._given if id_ not in self._data)
        return commands


class M2MValue(X2MValue):
    def to_commands(self) -> list:
        given = set(self._given)
        commands = [Command.link(id_) for id_ in self._data if id_ not in given and not _is_virtual(id_)]
        commands.extend(Command.unlink(id_) for id_ in self._given if id_ not in self._data)
        return commands


class X2MProxy:
    """Access to an x2many field of a form."""

    def __init__(self, form: Form, name: str):
        self._form = form
        self._field = name
        self._field_info = form._view['fields'][name]
        self._field_value = form._values[name]

    @property
    def ids(self) -> list:
        return list(self._field_value)

    def _assert_editable(self) -> None:
        if self._form._get_modifier(self._field, 'readonly'):
            raise AssertionError(f'field {self._field!r} is not editable')
        if self._form._get_modifier(self._field, 'invisible'):
            raise AssertionError(f'field {self._field!r} is not visible')


class O2MProxy(X2MProxy):
    """The lines of a one2many field: ``new()``, ``edit(index)``, ``remove(index)``."""

    def __len__(self) -> int:
        return len(self._field_value)

    @property
    def _model(self):
        model = self._form._env[self._field_info['relation']]
        context = self._form._get_context(self._field)
        return model.with_context(**context) if context else model

    @property
    def _records(self) -> list[UpdateDict]:
        return self._field_value.to_list_of_vals()

    def new(self) -> O2MForm:
        self._assert_editable()
        return O2MForm(self)

    def edit(self, index: int) -> O2MForm:
        self._assert_editable()
        return O2MForm(self, index)

    def remove(self, index: int) -> None:
        self._assert_editable()
        self._field_value.remove(self._field_value[index])
        self._form._perform_onchange(self._field)


class M2MProxy(X2MProxy, collections.abc.Sequence):
    """The records of a many2many field: a sequence of records with
    ``add``, ``remove``, ``set`` and ``clear``."""

    def __getitem__(self, index):
        return self._form._env[self._field_info['relation']].browse(self._field_value[index])

    def __len__(self) -> int:
        return len(self._field_value)

    def __iter__(self):
        return iter(self._form._env[self._field_info['relation']].browse(list(self._field_value)))

    def __contains__(self, record) -> bool:
        return record.id in self._field_value

    def _check_records(self, records) -> None:
        relation = self._field_info['relation']
        if not (_is_model(records) and records._name == relation):
            raise AssertionError(f"trying to assign {records!r} to a {relation!r} field")

    def add(self, record) -> None:
        self._assert_editable()
        self._check_records(record)
        if record.id not in self._field_value:
            self._field_value.add(record.id, {'id': record.id})
            self._form._perform_onchange(self._field)

    def remove(self, id: Any = None, index: int | None = None) -> None:
        self._assert_editable()
        if (id is None) == (index is None):
            raise AssertionError("remove() takes either an id or an index")
        self._field_value.remove(self._field_value[index] if id is None else id)
        self._form._perform_onchange(self._field)

    def set(self, records) -> None:
        self._assert_editable()
        self._check_records(records)
        if set(records.ids) != set(self._field_value):
            self._field_value.clear()
            for id_ in records.ids:
                self._field_value.add(id_, {'id': id_})
            self._form._perform_onchange(self._field)

    def clear(self) -> None:
        self._assert_editable()
        self._field_value.clear()
        self._form._perform_onchange(self._field)


def get_static_context(context_str: str) -> dict:
    """The literal entries of a context expression (others are skipped)."""
    node = ast.parse(context_str.strip(), mode='eval').body
    if not isinstance(node, ast.Dict):
        return {}
    result = {}
    for key, value in zip(node.keys, node.values):
        try:
            result[ast.literal_eval(key)] = ast.literal_eval(value)
        except ValueError:
            continue
    return result


class Dotter:
    """Read-only attribute access to a dict (``parent.field`` in expressions)."""
    __slots__ = ('_Dotter__values',)

    def __init__(self, values: dict):
        self.__values = values

    def __getattr__(self, key: str) -> Any:
        value = self.__values[key]
        return Dotter(value) if isinstance(value, dict) else value
