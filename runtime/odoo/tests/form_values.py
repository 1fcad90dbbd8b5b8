"""The values a ``Form`` holds: a dict that knows which of its keys the user
(or an onchange) touched, x2many lines keyed by record id or by a
``virtual_N`` placeholder for lines not created yet, and the conversions
between ORM values and the client-side shapes the web client uses.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from odoo.orm.commands import Command

_placeholders = itertools.count(1)


class Tracked(dict):
    """A dict plus the set of its keys that were modified (``dirty``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dirty: set[str] = set(args[0].dirty) if args and isinstance(args[0], Tracked) else set()

    def __repr__(self) -> str:
        shown = ', '.join(f"{key!r}{'(modified)' if key in self.dirty else ''}: {value!r}"
                          for key, value in self.items())
        return f'Tracked({{{shown}}})'

    def merge(self, other: Tracked) -> None:
        """Take ``other``'s values and its modified marks."""
        self.update(other)
        self.dirty |= other.dirty

    def reset(self, values: dict) -> None:
        self.clear()
        self.update(values)
        self.dirty.clear()


def is_placeholder(key: Any) -> bool:
    return isinstance(key, str) and key.startswith('virtual_')


class Lines:
    """The rows of an x2many field, in order, each a ``Tracked`` of its values;
    remembers which record ids it started with to compute commands."""

    def __init__(self, rows: Iterable[dict] = ()) -> None:
        self._rows: dict[Any, Tracked] = {}
        for row in rows:
            self._rows[row['id']] = row if isinstance(row, Tracked) else Tracked(row)
        self._initial = tuple(self._rows)

    def __repr__(self) -> str:
        return f'Lines({list(self._rows)!r})'

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator:
        return iter(self._rows)

    def __contains__(self, key: Any) -> bool:
        return key in self._rows

    def __eq__(self, other: Any) -> bool:
        return list(self._rows) == list(other)

    __hash__ = None  # mutable

    def key_at(self, index: int) -> Any:
        return list(self._rows)[index]

    def row(self, key: Any) -> Tracked:
        return self._rows[key]

    def row_at(self, index: int) -> Tracked:
        return self._rows[self.key_at(index)]

    def put(self, key: Any, values: dict) -> Tracked:
        row = self._rows[key] = values if isinstance(values, Tracked) else Tracked(values)
        return row

    def append_new(self, values: Tracked) -> None:
        """A line to create: every value it has counts as modified."""
        row = Tracked(values)
        row.dirty.update(row)
        self._rows[f'virtual_{next(_placeholders)}'] = row

    def drop(self, key: Any) -> None:
        del self._rows[key]

    def drop_all(self) -> None:
        self._rows.clear()

    def replace(self, ids: Iterable[int]) -> None:
        self._rows = {id_: Tracked({'id': id_}) for id_ in ids}

    def line_commands(self, serialise: Callable[[Tracked], dict], saving: bool) -> list:
        """Commands of a one2many: create the new lines, link and update the
        others as needed, delete the lines that went away. ``onchange()``
        gets each new line's placeholder so its answer can refer to it."""
        commands = []
        for key, row in self._rows.items():
            if is_placeholder(key):
                commands.append((Command.CREATE, 0 if saving else key, serialise(row)))
                continue
            if key not in self._initial:
                commands.append(Command.link(key))
            if row.dirty:
                commands.append(Command.update(key, serialise(row)))
        commands += [Command.delete(key) for key in self._initial if key not in self._rows]
        return commands

    def link_commands(self) -> list:
        """Commands of a many2many: link what was added, unlink what left."""
        added = [Command.link(key) for key in self._rows if key not in self._initial and not is_placeholder(key)]
        return added + [Command.unlink(key) for key in self._initial if key not in self._rows]


def client_value(field_type: str | None, value: Any) -> Any:
    """``value`` as the form keeps it: a bare id for many2one fields, the
    ORM's string formats for dates and datetimes, anything else unchanged."""
    if field_type == 'many2one':
        if isinstance(value, dict):
            value = value.get('id')
        elif isinstance(value, (list, tuple)):
            value = value[0] if value else False
        elif hasattr(value, '_name') and hasattr(value, 'ids'):
            value = value.id
        return value or False
    if field_type == 'datetime' and isinstance(value, datetime):
        return f'{value:%Y-%m-%d %H:%M:%S}'
    if field_type == 'date' and isinstance(value, date):
        return f'{value:%Y-%m-%d}'
    return value


def blank_value(field_type: str | None) -> Any:
    """What a field holds before any default or onchange fills it."""
    if field_type in ('one2many', 'many2many'):
        return Lines()
    return 0 if field_type in ('integer', 'float', 'monetary') else False


def for_expressions(values: dict) -> dict:
    """``values`` as view expressions see them: x2many fields as id lists."""
    return {name: list(value) if isinstance(value, Lines) else value for name, value in values.items()}


class Attributes:
    """Read-only ``parent.field_name`` access to a form's values from the
    expressions of its lines."""
    __slots__ = ('_source',)

    def __init__(self, source: dict) -> None:
        object.__setattr__(self, '_source', source)

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._source[name]
        except KeyError:
            raise AttributeError(f"the parent form has no field {name!r}") from None
        if isinstance(value, dict):
            return Attributes(value)
        return list(value) if isinstance(value, Lines) else value
