"""Live forms: what the page shows after the user changed one field, before
anything is saved.

The posted form (every field, one2many lines included) becomes a snapshot
of values; the model's ``onchange(values, field_names, fields_spec)`` (Odoo
17+'s signature) runs for the changed field — for a field of a one2many
line, first the line model's onchange (with its parent's values in the
inverse field, as Odoo's client sends them), then the parent's onchange of
the one2many — and its answer is merged into the snapshot. The form is then
drawn again from a new record holding the snapshot (``new(values,
origin=record)``), so ``invisible`` / ``readonly`` / ``required`` and
field domains follow the values being typed. Nothing is written."""
from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Any

from odoo.fields import Command

from .arch import View, field_nodes

X2MANY = ('one2many', 'many2many')


@dataclass
class Line:
    """One line of a one2many as the form holds it."""
    key: str                      # the line's index in the posted form
    id: int | None                # its database id, None for a new line
    values: dict                  # its edited values
    ref: str = ''                 # the virtual id a new line is known by in onchange commands


@dataclass
class Snapshot:
    values: dict                                      # field -> value (write format; x2many excluded)
    lines: dict[str, list[Line]] = field(default_factory=dict)
    deleted: dict[str, list[int]] = field(default_factory=dict)
    sub_views: dict[str, View] = field(default_factory=dict)

    def line_commands(self, name: str) -> list:
        commands = []
        for line in self.lines.get(name, []):
            if line.id:
                commands.append(Command.update(line.id, dict(line.values)))
            else:
                commands.append((Command.CREATE, line.ref, dict(line.values)))
        return commands

    def as_values(self) -> dict:
        values = dict(self.values)
        for name in self.lines:
            values[name] = self.line_commands(name)
        return values


def fields_spec(view: View, sub_views: dict[str, View]) -> dict:
    """The ``fields_spec`` of the form: its fields, many2one with their name, one2many with their lines' fields."""
    spec: dict = {}
    for node in field_nodes(view.root):
        name = node.get('name')
        info = view.fields.get(name)
        if info is None:
            continue
        if info['type'] == 'many2one':
            spec[name] = {'fields': {'display_name': {}}}
        elif info['type'] in X2MANY and name in sub_views:
            sub = sub_views[name]
            spec[name] = {'fields': {sub_name: ({'fields': {'display_name': {}}} if sub.fields[sub_name]['type'] == 'many2one' else {})
                                     for sub_name in (n.get('name') for n in field_nodes(sub.root)) if sub_name in sub.fields}}
        else:
            spec[name] = {}
    return spec


def _from_web(info: dict, value: Any) -> Any:
    """A value of an onchange answer in the format ``new``/``write`` take (many2one dicts become ids)."""
    if info.get('type') == 'many2one' and isinstance(value, dict):
        return value.get('id') or False
    if info.get('type') == 'many2many' and isinstance(value, list):
        return value
    return value


def merge_lines(snapshot: Snapshot, name: str, commands: list, infos: dict) -> None:
    """Apply the x2many ``commands`` of an onchange answer to the lines of the snapshot."""
    lines = snapshot.lines.setdefault(name, [])

    def find(key: Any) -> Line | None:
        return next((line for line in lines if (line.id and line.id == key) or (line.ref and line.ref == key)), None)

    for command in commands:
        code = command[0]
        if code in (Command.DELETE, Command.UNLINK):
            line = find(command[1])
            if line is not None:
                lines.remove(line)
                if line.id:
                    snapshot.deleted.setdefault(name, []).append(line.id)
        elif code == Command.UPDATE:
            line = find(command[1])
            if line is not None:
                line.values.update({key: _from_web(infos.get(key, {}), value) for key, value in (command[2] or {}).items()})
        elif code == Command.CREATE:
            ref = command[1] if isinstance(command[1], str) and command[1] else f"virtual_o{len(lines)}"
            lines.append(Line(key=ref, id=None, ref=ref,
                              values={key: _from_web(infos.get(key, {}), value) for key, value in (command[2] or {}).items()}))
        elif code == Command.LINK:
            if find(command[1]) is None:
                lines.append(Line(key=str(command[1]), id=command[1],
                                  values={key: _from_web(infos.get(key, {}), value) for key, value in (command[2] or {}).items()}))
        elif code == Command.CLEAR:
            snapshot.deleted.setdefault(name, []).extend(line.id for line in lines if line.id)
            lines.clear()


def merge(snapshot: Snapshot, answer: dict, infos: dict) -> None:
    """Merge ``answer['value']`` of an onchange into the snapshot."""
    for name, value in (answer.get('value') or {}).items():
        info = infos.get(name, {})
        if info.get('type') == 'one2many' and name in snapshot.sub_views and isinstance(value, list):
            merge_lines(snapshot, name, value, snapshot.sub_views[name].fields)
        elif info.get('type') in X2MANY:
            if isinstance(value, list) and all(isinstance(cmd, (list, tuple)) for cmd in value):
                ids = [cmd[1] for cmd in value if cmd and cmd[0] in (Command.LINK, Command.UPDATE)]
                snapshot.values[name] = [Command.set(ids)]
        else:
            snapshot.values[name] = _from_web(info, value)


def parse_changed(name: str) -> tuple[str, str | None, str | None]:
    """``(field, line key, line field)`` of a posted input name (``o2m.line_ids.3.quantity`` for a line)."""
    if name.startswith('o2m.'):
        _prefix, field_name, rest = name.split('.', 2) if name.count('.') >= 2 else (None, name, '')
        key, _sep, sub = rest.partition('.')
        return field_name, key, sub
    return name, None, None


def posted_lines(form: Any, name: str) -> tuple[list[tuple[str, str, set]], list[int]]:
    """The posted lines of a one2many: ``[(key, id, sub fields)]`` in form order, and the ids marked deleted."""
    prefix = f"o2m.{name}."
    keys: collections.OrderedDict = collections.OrderedDict()
    for key in form:
        if key.startswith(prefix):
            index, _sep, sub = key[len(prefix):].partition('.')
            keys.setdefault(index, set()).add(sub)
    lines, deleted = [], []
    for index, subs in keys.items():
        line_id = form.get(f"{prefix}{index}.id") or ''
        if form.get(f"{prefix}{index}.__delete"):
            if line_id.isdigit():
                deleted.append(int(line_id))
            continue
        lines.append((index, line_id, subs))
    return lines, deleted


def run(record: Any, view: View, snapshot: Snapshot, changed: str) -> dict:
    """Run the onchange(s) of ``changed`` on the snapshot; returns the warning to show, if any."""
    spec = fields_spec(view, snapshot.sub_views)
    field_name, key, sub = parse_changed(changed)
    if field_name not in view.fields:
        return {}
    origin = record if record.id else record.browse()
    warning = None
    if key is not None and sub and field_name in snapshot.sub_views:
        sub_view = snapshot.sub_views[field_name]
        line = next((line for line in snapshot.lines.get(field_name, []) if line.key == key), None)
        comodel = record.env[sub_view.model]
        inverse = view.fields[field_name].get('relation_field')
        if line is not None and sub in sub_view.fields:
            line_spec = spec[field_name]['fields']
            values = dict(line.values)
            if inverse and inverse in comodel._fields:
                parent = {name: value for name, value in snapshot.values.items() if name in record._fields}
                if record.id:
                    parent['id'] = record.id
                values[inverse] = parent
            target = comodel.browse(line.id) if line.id else comodel
            answer = target.onchange(values, [sub], line_spec)
            for name, value in (answer.get('value') or {}).items():
                field = comodel._fields.get(name)
                if name not in sub_view.fields or name == inverse or field is None:
                    continue
                line.values[name] = _from_web(sub_view.fields[name], value)
            warning = answer.get('warning')
    answer = origin.onchange(snapshot.as_values(), [field_name], spec)
    merge(snapshot, answer, view.fields)
    return answer.get('warning') or warning or {}


def _editable(model: Any, values: dict) -> dict:
    """``values`` without read-only computed fields: the new record computes them from the others."""
    return {name: value for name, value in values.items()
            if name in model._fields and name != 'id' and not (model._fields[name].compute and model._fields[name].readonly)}


def virtual_record(record: Any, snapshot: Snapshot) -> Any:
    """A new record holding the snapshot, on top of ``record`` when it exists."""
    model = record.browse()
    # the onchange's own new records have the same ids as ours (new ids made from the same saved
    # records are equal): start from an empty cache so that nothing they computed is taken for ours
    model.env.invalidate_all()
    values = _editable(model, snapshot.values)
    for name in snapshot.lines:
        comodel = model.env[model._fields[name].comodel_name]
        values[name] = [(code, key, _editable(comodel, line_values)) for code, key, line_values in snapshot.line_commands(name)]
    return model.new(values, origin=record if record.id else None)
