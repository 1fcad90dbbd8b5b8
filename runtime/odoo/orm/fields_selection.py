"""``Selection`` (one of a list of keys, extensible with ``selection_add``)
and ``Reference`` (a ``"model,id"`` pointer to any record)."""
from __future__ import annotations

from typing import Any

from .fields import Field, determine


class Selection(Field):
    """One value among ``selection``: a list of ``(value, label)`` pairs or a
    method (name or function) returning it."""

    type = 'selection'
    column_type = ('varchar', 'varchar')
    column_cast_from = ('text', 'varchar')
    selection = None
    validate = True
    ondelete = None
    _related_attrs = Field._related_attrs + ('selection',)

    def __init__(self, selection: Any = None, string: Any = None, **kwargs: Any) -> None:
        if selection is not None:
            kwargs['selection'] = selection
        if string is not None:
            kwargs['string'] = string
        super().__init__(**kwargs)

    def _get_attrs(self, model_class, name: str) -> dict:
        attrs = super()._get_attrs(model_class, name)
        values = None
        labels: dict = {}
        for field in self._base_fields:
            if 'selection' in field.args:
                selection = field.args['selection']
                if isinstance(selection, list):
                    values = [key for key, _label in selection]
                    labels.update(selection)
                else:
                    values = None
                    labels = {}
                    attrs['selection'] = selection
            if 'selection_add' in field.args:
                if values is None:
                    raise TypeError(f"{model_class._name}.{name}: selection_add on a dynamic selection")
                for item in field.args['selection_add']:
                    key = item[0]
                    if len(item) > 1:
                        labels[key] = item[1]
                    if key in values:
                        continue
                    # a lone key (value,) positions the following new keys after it
                    if len(item) == 1:
                        continue
                    values.append(key)
                values = self._order_selection_add(values, field.args['selection_add'])
        if values is not None:
            attrs['selection'] = [(key, labels[key]) for key in values if key in labels]
        attrs.pop('selection_add', None)
        return attrs

    @staticmethod
    def _order_selection_add(values: list, selection_add: list) -> list:
        """Put the keys of ``selection_add`` after the lone keys that precede them."""
        anchor = None
        result = list(values)
        for item in selection_add:
            key = item[0]
            if len(item) == 1:
                anchor = key
                continue
            if anchor is not None and anchor in result:
                result.remove(key)
                result.insert(result.index(anchor) + 1, key)
                anchor = key
        return result

    def _selection_values(self, env) -> list[tuple]:
        selection = self.selection
        if isinstance(selection, (list, tuple)):
            return list(selection)
        related_field = getattr(self, 'related_field', None)
        if related_field is not None and 'selection' not in self._explicit_attrs():
            # a method named by the target field exists on the target's model only
            return related_field._selection_values(env)
        model = env[self.model_name]
        return list(determine(selection, model)) if selection else []

    def _description_selection(self, env) -> list[tuple]:
        """The (value, label) pairs shown to users: the labels of static
        selections in the user's language (from ir.model.fields.selection)."""
        pairs = self._selection_values(env)
        if isinstance(self.selection, (list, tuple)) and self._translated_labels(env):
            translated = dict(env['ir.model.fields'].get_field_selection(self.model_name, self.name))
            pairs = [(value, translated.get(value) or label) for value, label in pairs]
        return pairs

    def get_values(self, env) -> list:
        return [key for key, _label in self._selection_values(env)]

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value is None or value is False:
            return None
        if validate and self.validate and isinstance(self.selection, (list, tuple)):
            if value not in self._selection_keys():
                raise ValueError(f"Wrong value for {self.model_name}.{self.name}: {value!r}")
        return value

    def _selection_keys(self) -> frozenset:
        """The keys of the static selection (kept until the selection list is replaced)."""
        known = self.__dict__.get('_keys_of')
        if known is None or known[0] is not self.selection:
            known = self._keys_of = (self.selection, frozenset(key for key, _label in self.selection))
        return known[1]

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        if value is None or value is False:
            return None
        return self.convert_to_cache(value, record, validate)

    def convert_to_export(self, value: Any, record) -> Any:
        if not value:
            return ''
        return dict(self._selection_values(record.env)).get(value, value)

    def convert_to_display_name(self, value: Any, record) -> str:
        return dict(self._selection_values(record.env)).get(value, value) if value else False

    def _extra_description(self, env) -> dict:
        return {'selection': self._description_selection(env)}


class Reference(Selection):
    """A pointer ``"model,id"`` to a record of one of the models in ``selection``."""

    type = 'reference'

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if hasattr(value, '_name') and hasattr(value, '_ids'):
            if not value:
                return None
            value.ensure_one()
            return f"{value._name},{value.id or 0}"
        if isinstance(value, str):
            model_name, _sep, res_id = value.partition(',')
            if validate and model_name not in record.env:
                raise ValueError(f"Wrong value for {self}: {value!r}")
            try:
                int(res_id)
            except ValueError:
                raise ValueError(f"Wrong value for {self}: {value!r}") from None
            return value
        if not value:
            return None
        raise ValueError(f"Wrong value for {self}: {value!r}")

    def convert_to_record(self, value: Any, record) -> Any:
        if value:
            model_name, res_id = value.split(',')
            if model_name in record.env:
                rec = record.env[model_name].browse(int(res_id))
                if rec.exists():
                    return rec
        return False

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return f"{value._name},{value.id}" if value else False

    def convert_to_export(self, value: Any, record) -> Any:
        return value.display_name if value else ''

    def convert_to_display_name(self, value: Any, record) -> str:
        return value.display_name if value else False


class Many2oneReference(Field):
    """The id of a record whose model is named by the char field ``model_field``."""

    type = 'many2one_reference'
    column_type = ('int4', 'int4')
    column_cast_from = ('int8',)
    model_field = None
    aggregator = None
    _related_attrs = Field._related_attrs + ('model_field',)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if hasattr(value, '_ids'):
            value = value.id if value else None
        if value is None or value is False:
            return None
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None

    def convert_to_record(self, value: Any, record) -> Any:
        return value or False

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return value or False

    def _extra_description(self, env) -> dict:
        return {'model_field': self.model_field}
