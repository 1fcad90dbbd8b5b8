"""``OnchangeMixin``: new records (``new``, ``NewId``) and the form
simulation ``onchange(values, field_names, fields_spec)`` of Odoo 17+,
returning ``{'value': ..., 'warning': ...}`` with x2many values as commands."""
from __future__ import annotations

from typing import Any

from .commands import Command
from .environments import NewId


class OnchangeMixin:
    """``new``, ``_update_cache``, ``onchange`` and the ``@api.onchange`` methods."""

    def new(self, values: dict | None = None, origin=None, ref: Any = None):
        """A new record (not in the database) holding ``values`` in cache."""
        if origin is not None:
            origin = origin.id
        record = self.browse((NewId(origin, ref),))
        record._update_cache(values or {}, validate=False)
        return record

    def _update_cache(self, values: dict, validate: bool = True) -> None:
        """Put ``values`` in the cache of ``self`` (no database access)."""
        if not values:
            return
        cache = self.env.cache
        fields = self._fields
        for name, value in values.items():
            field = fields.get(name)
            if field is None:
                raise ValueError(f"Invalid field {name!r} on model {self._name!r}")
            cache_value = field.convert_to_cache(value, self, validate)
            field_cache = cache._field_values(self, field)
            for id_ in self._ids:
                field_cache[id_] = cache_value

    def _convert_to_write_values(self) -> dict:
        """The cached values of a new record, in ``create`` format."""
        self.ensure_one()
        values = {}
        for field in self.env.cache.get_fields(self):
            if field.compute and not field.store:
                continue
            if field.type == 'one2many' and not field.store:
                continue
            values[field.name] = field.convert_to_write(self[field.name], self)
        return values

    def _apply_onchange_methods(self, field_name: str, result: dict) -> None:
        for method in type(self)._onchange_methods.get(field_name, ()):
            res = method(self)
            if res and isinstance(res, dict) and res.get('value'):
                # as Odoo: a method may return the values to set instead of assigning them
                for name, value in res['value'].items():
                    if name in self._fields and name != 'id':
                        self[name] = value
            if res and isinstance(res, dict) and res.get('warning'):
                warning = res['warning']
                result.setdefault('warnings', []).append(
                    (warning.get('title') or "Warning", warning.get('message') or "", warning.get('type')))

    def onchange(self, values: dict, field_names: list, fields_spec: dict) -> dict:
        """Simulate a form: apply ``values``, run the onchange methods of the
        changed ``field_names`` (all on the first call), and return what changed."""
        env = self.env
        env.flush_all()
        if isinstance(field_names, str):
            field_names = [field_names] if field_names else []
        if any(name not in self._fields for name in field_names):
            return {}
        values = {name: value for name, value in values.items() if name in self._fields and name != 'id'}
        first_call = not field_names
        if first_call:
            field_names = list(values)
            missing = [name for name in fields_spec if name not in values and name != 'id']
            defaults = self.default_get(missing)
            for name in missing:
                values[name] = defaults.get(name, False)
                if name in defaults:
                    field_names.append(name)
        initial = dict(values)
        changed = {name: initial.pop(name) for name in field_names if name in initial}
        if self:
            record = self.new({name: self[name] for name in fields_spec if name in self._fields and name != 'id'},
                              origin=self)
            record._update_cache(initial, validate=False)
        else:
            initial.update(dict.fromkeys(field_names, False))
            record = self.new(initial)
        before = self._onchange_snapshot(record, fields_spec)
        record._update_cache(changed)
        # as in Odoo, the changed values are the client's: diff the result against them
        before.update(self._onchange_snapshot(record, {name: fields_spec[name] for name in changed
                                                       if name in fields_spec}))
        todo = list(dict.fromkeys(list(field_names) + (list(fields_spec) if first_call else [])))
        protected = [fld for name in field_names for fld in self.pool.field_computed.get(self._fields[name],
                                                                                       [self._fields[name]])]
        with env.protecting(protected, record):
            record.modified(todo)
        result: dict = {'warnings': []}
        done: set = set()
        while todo:
            for name in todo:
                if name in self._fields:
                    record._apply_onchange_methods(name, result)
                done.add(name)
            current = self._onchange_snapshot(record, fields_spec)
            todo = [name for name in fields_spec if name not in done and current.get(name) != before.get(name)]
            if not env.context.get('recursive_onchanges', True):
                break
        after = self._onchange_snapshot(record, fields_spec)
        value = {}
        for name, spec in fields_spec.items():
            if name == 'id' or name not in self._fields:
                continue
            if not first_call and after.get(name) == before.get(name):
                continue
            value[name] = self._onchange_value(record, name, spec or {}, before.get(name) if not first_call else None)
        output: dict = {'value': value}
        warnings = result['warnings']
        if len(warnings) == 1:
            title, message, type_ = warnings[0]
            output['warning'] = {'title': title, 'message': message, 'type': type_ or 'dialog'}
        elif warnings:
            output['warning'] = {'title': "Warnings", 'type': 'dialog',
                                 'message': "\n\n".join(f"{title}\n\n{message}" for title, message, _t in warnings)}
        return output

    @staticmethod
    def _onchange_snapshot(record, fields_spec: dict) -> dict:
        snapshot = {}
        for name, spec in fields_spec.items():
            if name == 'id' or name not in record._fields:
                continue
            field = record._fields[name]
            value = record[name]
            if field.type in ('one2many', 'many2many'):
                sub = (spec or {}).get('fields') or {}
                snapshot[name] = tuple((line.id, tuple(sorted(
                    OnchangeMixin._onchange_snapshot(line, sub).items(), key=lambda item: item[0])))
                    for line in value)
            elif field.relational:
                snapshot[name] = value._ids
            else:
                snapshot[name] = value
        return snapshot

    def _onchange_value(self, record, name: str, spec: dict, old: Any) -> Any:
        """The value of field ``name`` of ``record`` in the format of ``web_read``
        (x2many: commands relative to ``old``)."""
        field = record._fields[name]
        value = record[name]
        if field.type == 'many2one':
            if not value:
                return False
            sub = spec.get('fields')
            if sub is None:
                return value.id if isinstance(value.id, int) else (value._origin.id or False)
            data = {'id': value.id if isinstance(value.id, int) else value._origin.id}
            for sub_name in sub:
                if sub_name in value._fields:
                    data[sub_name] = value._fields[sub_name].convert_to_read(value[sub_name], value)
            if 'display_name' in sub or not sub:
                data['display_name'] = value.display_name
            return data
        if field.type in ('one2many', 'many2many'):
            sub = spec.get('fields') or {}
            old_ids = {line_id for line_id, _vals in (old or ())}
            commands = []
            remove = Command.DELETE if field.type == 'one2many' else Command.UNLINK
            new_ids = set(value._ids)
            for line_id in old_ids:
                if line_id not in new_ids:
                    real = line_id.origin if isinstance(line_id, NewId) else line_id
                    commands.append((remove, real or 0, 0))
            for line in value:
                line_values = {}
                for sub_name, sub_spec in sub.items():
                    if sub_name in line._fields and sub_name != 'id':
                        line_values[sub_name] = self.env[field.comodel_name]._onchange_value(
                            line, sub_name, sub_spec or {}, None)
                line_id = line.id
                if line_id in old_ids:
                    # a line the client already has (new ones are known by their ref)
                    if line_values:
                        line_ref = (line_id.origin or line_id.ref) if isinstance(line_id, NewId) else line_id
                        commands.append((Command.UPDATE, line_ref, line_values))
                elif isinstance(line_id, NewId) and not line_id.origin:
                    commands.append((Command.CREATE, line_id.ref or 0, line_values))
                else:
                    real = line_id.origin if isinstance(line_id, NewId) else line_id
                    commands.append((Command.LINK, real, line_values))
            return commands
        return field.convert_to_read(value, record, use_display_name=True)
