"""Numeric field types: ``Integer``, ``Float`` and ``Monetary``."""
from __future__ import annotations

from typing import Any

from .fields import Default, Field


def _round(value: float, digits: int) -> float:
    # rounding half away from zero on the decimal representation, as Odoo's float_round
    from decimal import ROUND_HALF_UP, Decimal
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


class Integer(Field):
    """A 32-bit integer; NULL reads as 0."""

    type = 'integer'
    column_type = ('int4', 'int4')
    column_cast_from = ('int8', 'numeric', 'float8', 'varchar', 'text', 'bool')
    aggregator = 'sum'

    def _unchanged_class(self, column: bool) -> type | None:
        return int

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        return int(value or 0)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if isinstance(value, dict):
            return value.get('id', None)
        if value is None or value is False:
            return 0
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None

    def null(self, record) -> Any:
        return 0

    def convert_to_record(self, value: Any, record) -> Any:
        return value or 0

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return value or 0

    def convert_to_export(self, value: Any, record) -> Any:
        return value if value or value == 0 else ''


class Float(Field):
    """A floating-point number; with ``digits`` it is rounded and stored as numeric."""

    type = 'float'
    column_cast_from = ('int4', 'int8', 'numeric', 'float8')
    aggregator = 'sum'
    _digits = None
    _related_attrs = Field._related_attrs + ('_digits',)

    def __init__(self, string: Any = Default, digits: Any = None, **kwargs: Any) -> None:
        if digits is not None:
            kwargs['_digits'] = digits
        if string is not Default:
            kwargs['string'] = string
        super().__init__(**kwargs)

    @property
    def column_type(self) -> tuple[str, str]:  # type: ignore[override]
        if self.company_dependent:
            return ('jsonb', 'jsonb')
        return ('numeric', 'numeric') if self._digits is not None else ('float8', 'float8')

    @property
    def validated_in_cache(self) -> bool:
        return self._digits is not None

    def get_digits(self, env) -> tuple[int, int] | None:
        if isinstance(self._digits, str):
            if 'decimal.precision' not in env:
                return None  # the precisions are not installed yet: no rounding
            precision = env['decimal.precision'].precision_get(self._digits)
            return 16, precision
        return self._digits

    @property
    def digits(self):
        return self._digits

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        value = float(value or 0.0)
        digits = self.get_digits(record.env) if self._digits is not None else None
        if digits:
            value = _round(value, digits[1])
        return value

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value is None or value is False:
            return 0.0
        try:
            value = float(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None
        if validate and self._digits is not None:
            digits = self.get_digits(record.env)
            if digits:
                value = _round(value, digits[1])
        return value

    def null(self, record) -> Any:
        return 0.0

    def convert_to_record(self, value: Any, record) -> Any:
        return 0.0 if value is None else value

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return 0.0 if value is None else value

    def convert_to_export(self, value: Any, record) -> Any:
        return value if value or value == 0.0 else ''

    def _extra_description(self, env) -> dict:
        return {'digits': self.get_digits(env) if self._digits is not None else None,
                'aggregator': self.aggregator}

    @staticmethod
    def round(value: float, precision_rounding: float | None = None, precision_digits: int | None = None) -> float:
        from ..tools.float_utils import float_round
        return float_round(value, precision_rounding=precision_rounding, precision_digits=precision_digits)

    @staticmethod
    def is_zero(value: float, precision_rounding: float | None = None, precision_digits: int | None = None) -> bool:
        from ..tools.float_utils import float_is_zero
        return float_is_zero(value, precision_rounding=precision_rounding, precision_digits=precision_digits)

    @staticmethod
    def compare(value1: float, value2: float, precision_rounding: float | None = None,
                precision_digits: int | None = None) -> int:
        from ..tools.float_utils import float_compare
        return float_compare(value1, value2, precision_rounding=precision_rounding, precision_digits=precision_digits)


class Monetary(Field):
    """An amount in the currency named by ``currency_field`` (default ``currency_id``)."""

    type = 'monetary'
    column_type = ('numeric', 'numeric')
    column_cast_from = ('int4', 'int8', 'float8', 'numeric')
    aggregator = 'sum'
    currency_field = None
    _related_attrs = Field._related_attrs + ('currency_field',)

    def setup(self, model) -> None:
        super().setup(model)
        if not self.currency_field:
            if 'currency_id' in model._fields:
                self.currency_field = 'currency_id'
            elif 'x_currency_id' in model._fields:
                self.currency_field = 'x_currency_id'

    def get_currency_field(self, model) -> str | None:
        return self.currency_field

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        amount = float(value or 0.0)
        currency = self._currency_of(record, values)
        if currency and hasattr(currency, 'round'):
            amount = currency.round(amount)
        return amount

    def _currency_of(self, record, values: dict | None):
        """The currency an amount is written in: the one given along, else the record's."""
        name = self.currency_field
        if not name or name not in record._fields:
            return None
        comodel = record._fields[name].comodel_name
        if values and name in values:
            given = values[name]
            currency_id = given.id if hasattr(given, '_ids') else given
            return record.env[comodel].browse(currency_id) if currency_id else None
        if len(record._ids) == 1:
            return record[name]
        return None

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value is None or value is False:
            return 0.0
        try:
            return float(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None

    def null(self, record) -> Any:
        return 0.0

    def convert_to_record(self, value: Any, record) -> Any:
        return 0.0 if value is None else value

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return 0.0 if value is None else value

    def _extra_description(self, env) -> dict:
        return {'currency_field': self.currency_field, 'aggregator': self.aggregator}
