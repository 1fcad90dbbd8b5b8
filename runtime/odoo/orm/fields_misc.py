"""Simple field types: ``Id``, ``Boolean`` and ``Json``."""
from __future__ import annotations

import copy
from typing import Any

from .fields import Field


class Id(Field):
    """The ``id`` of records: read-only, never written."""

    type = 'integer'
    _type_variant = True
    column_type = ('int4', 'int4')
    string = 'ID'
    store = True
    readonly = True
    prefetch = False

    def update_db(self, model, columns) -> None:
        pass  # the id column is created with the table

    def __get__(self, record, owner=None):
        if record is None:
            return self
        try:
            id_, = record._ids
        except ValueError:
            if not record._ids:
                return False
            raise ValueError(f"Expected singleton: {record}") from None
        return id_

    def __set__(self, record, value) -> None:
        raise TypeError("field 'id' cannot be assigned")

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return value

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        return value


class Boolean(Field):
    """True or False; NULL in the database reads as False."""

    type = 'boolean'
    column_type = ('bool', 'bool')
    aggregator = 'bool_or'

    def _unchanged_class(self, column: bool) -> type | None:
        return bool

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        return bool(value)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        return bool(value)

    def null(self, record) -> Any:
        return False

    def convert_to_export(self, value: Any, record) -> Any:
        return value


class Json(Field):
    """Any JSON-serialisable value, stored as ``jsonb``."""

    type = 'json'
    column_type = ('jsonb', 'jsonb')
    copy = False

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        if value is None or value is False:
            return None
        from psycopg2.extras import Json as PgJson
        return PgJson(value)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        return None if value is False else value

    def convert_to_record(self, value: Any, record) -> Any:
        return False if value is None else copy.deepcopy(value)

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return False if value is None else value
