"""Textual field types: ``Char``, ``Text`` and ``Html``; with ``translate``
their column is ``jsonb`` holding ``{lang: value}`` and they read the value of
the environment's language, falling back to ``en_US``."""
from __future__ import annotations

from typing import Any

from .fields import Field


class _String(Field):
    """Common behaviour of textual fields, including translations."""

    translate = False
    _related_attrs = Field._related_attrs + ('translate',)

    @property
    def column_type(self) -> tuple[str, str]:  # type: ignore[override]
        if self.translate or self.company_dependent:
            return ('jsonb', 'jsonb')
        return self._plain_column_type()

    def _plain_column_type(self) -> tuple[str, str]:
        return ('text', 'text')

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value is None or value is False:
            return None
        if isinstance(value, bytes):
            value = value.decode()
        if not isinstance(value, str):
            if validate and not isinstance(value, (int, float)):
                raise self._wrong_value(value)
            value = str(value)
        return value

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        value = self.convert_to_cache(value, record, validate)
        if value is None:
            return None
        if self.translate:
            from psycopg2.extras import Json
            lang = record.env.lang or 'en_US'
            return Json({'en_US': value, lang: value} if lang != 'en_US' else {'en_US': value})
        return value

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return False if value is None else value

    def convert_to_export(self, value: Any, record) -> Any:
        return value or ''

    def _write_translated(self, records, value) -> None:
        # a translated value changes only the current language (and gives
        # en_US a value when it has none), right away in the database
        env = records.env
        cache_value = self.convert_to_cache(value, records)
        real_ids = tuple(rid for rid in records._ids if isinstance(rid, int))
        if real_ids:
            lang = env.lang or 'en_US'
            column = '"%s"' % self.name
            if cache_value is None:
                sql = f'UPDATE "{records._table}" SET {column} = NULL WHERE id IN %s'
                params: list = [real_ids]
            else:
                sql = (f'UPDATE "{records._table}" SET {column} = jsonb_build_object(\'en_US\', %s::text) '
                       f"|| COALESCE({column}, '{{}}'::jsonb) || jsonb_build_object(%s::text, %s::text) WHERE id IN %s")
                params = [cache_value, lang, cache_value, real_ids]
            env.cr.execute(sql, params)
            env.cache.invalidate([(self, real_ids)])
        values = env.cache._field_values(records, self)
        for rid in records._ids:
            values[rid] = cache_value

    def _extra_description(self, env) -> dict:
        return {'translate': bool(self.translate)}

    def get_translation_dictionary(self, from_lang_value: str, to_lang_values: dict) -> dict:
        return {from_lang_value: to_lang_values}


class Char(_String):
    """A short string, ``varchar`` (with ``size`` as its limit)."""

    type = 'char'
    size = None
    trim = True
    column_cast_from = ('text', 'varchar', 'int4', 'int8', 'numeric', 'float8', 'bool', 'date', 'timestamp')
    _related_attrs = _String._related_attrs + ('size', 'trim')

    def _plain_column_type(self) -> tuple[str, str]:
        return ('varchar', f'varchar({self.size})' if self.size else 'varchar')

    def _unchanged_class(self, column: bool) -> type | None:
        # a size cuts, a translated column holds the translations
        return None if self.size or (column and self.translate) else str

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        # every created row goes through here for each of its char columns
        if value is None or value is False:
            return None
        if value.__class__ is str and not self.translate:
            return value[:self.size] if self.size else value
        return super().convert_to_column(value, record, values, validate)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value.__class__ is not str:
            value = super().convert_to_cache(value, record, validate)
            if value is None:
                return None
        return value[:self.size] if self.size else value

    def _extra_description(self, env) -> dict:
        return {'translate': bool(self.translate), 'size': self.size, 'trim': self.trim}


class Text(_String):
    """A long string, ``text``."""

    type = 'text'
    column_cast_from = ('varchar', 'text', 'int4', 'numeric', 'float8', 'bool')

    def _unchanged_class(self, column: bool) -> type | None:
        return None if column and self.translate else str


class Html(_String):
    """HTML markup; rendered unescaped by the web client."""

    type = 'html'
    column_cast_from = ('varchar', 'text')
    sanitize = True
    sanitize_overridable = False
    sanitize_tags = True
    sanitize_attributes = True
    sanitize_style = False
    sanitize_form = True
    sanitize_conditional_comments = True
    sanitize_output_method = 'html'
    strip_style = False
    strip_classes = False
    _related_attrs = _String._related_attrs + ('sanitize', 'strip_style', 'strip_classes')

    @property
    def validated_in_cache(self) -> bool:
        return bool(self.sanitize)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value is not None and value is not False and not isinstance(value, str):
            value = str(value)  # Markup and other str-like objects
        if validate and value and self.sanitize:
            # what users write is cleaned of scripts and event handlers before it is stored
            from ..tools.mail import html_sanitize
            value = str(html_sanitize(
                value, silent=True, sanitize_tags=self.sanitize_tags,
                sanitize_attributes=self.sanitize_attributes, sanitize_style=self.sanitize_style,
                sanitize_form=self.sanitize_form, sanitize_conditional_comments=self.sanitize_conditional_comments,
                strip_style=self.strip_style, strip_classes=self.strip_classes,
                output_method=self.sanitize_output_method))
        return super().convert_to_cache(value, record, validate)

    def convert_to_record(self, value: Any, record) -> Any:
        if value is None:
            return False
        try:
            from markupsafe import Markup
            return Markup(value)
        except ImportError:
            return value

    def _extra_description(self, env) -> dict:
        return {'translate': bool(self.translate), 'sanitize': self.sanitize}
