"""Temporal field types: ``Date`` and ``Datetime`` (naive UTC), with the
helpers addons call on them (``today``, ``now``, ``context_today``...)."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from dateutil.relativedelta import relativedelta

from .fields import Field

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_LENGTH = 10  # "YYYY-MM-DD"


# the last datetime rounded to the second, and the result: the rows of a batch
# share their create and write dates, and replace() is slow (keyword call)
# (a pair replaced whole: threads see either the old or the new one)
_last_rounded: list[tuple] = [(None, None)]


def _whole_seconds(value: datetime) -> datetime:
    given, rounded = _last_rounded[0]
    if given is not value:
        rounded = value.replace(microsecond=0)
        _last_rounded[0] = (value, rounded)
    return rounded


class _Temporal(Field):
    aggregator = 'max'

    @staticmethod
    def add(value, *args, **kwargs):
        delta = relativedelta(*args, **kwargs)
        return value + delta

    @staticmethod
    def subtract(value, *args, **kwargs):
        delta = relativedelta(*args, **kwargs)
        return value - delta

    @staticmethod
    def start_of(value, granularity: str):
        from ..tools import date_utils
        return date_utils.start_of(value, granularity)

    @staticmethod
    def end_of(value, granularity: str):
        from ..tools import date_utils
        return date_utils.end_of(value, granularity)

    def convert_to_export(self, value: Any, record) -> Any:
        return value or ''


class Date(_Temporal):
    """A calendar date (``datetime.date``)."""

    type = 'date'
    column_type = ('date', 'date')
    column_cast_from = ('timestamp',)

    def _unchanged_class(self, column: bool) -> type | None:
        return date

    @staticmethod
    def today(*args) -> date:
        return date.today()

    @staticmethod
    def context_today(record, timestamp: datetime | None = None) -> date:
        import pytz
        today = timestamp or datetime.now()
        tz_name = record.env.context.get('tz') or getattr(record.env.user, 'tz', None)
        if tz_name:
            try:
                utc_today = pytz.utc.localize(today, is_dst=False)
                today = utc_today.astimezone(pytz.timezone(tz_name))
            except Exception:  # noqa: BLE001 - an unknown timezone falls back to UTC like Odoo
                pass
        return today.date()

    @staticmethod
    def to_date(value: Any) -> date | None:
        if not value:
            return None
        if isinstance(value, date):
            if isinstance(value, datetime):
                return value.date()
            return value
        year, month, day = str(value)[:DATE_LENGTH].split('-')
        return date(int(year), int(month), int(day))

    from_string = to_date

    @staticmethod
    def to_string(value: date) -> str | bool:
        if not value:
            return False
        return value.strftime(DATE_FORMAT)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if not value:
            return None
        if isinstance(value, datetime):
            raise TypeError(f"{value} (field {self}) must be string or date, not datetime.")
        try:
            return self.to_date(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        as_date = self.convert_to_cache(value, record, validate)
        return as_date

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return Date.to_string(value) if value else False


class Datetime(_Temporal):
    """A point in time, a naive ``datetime`` in UTC."""

    type = 'datetime'
    column_type = ('timestamp', 'timestamp')
    column_cast_from = ('date',)

    @staticmethod
    def now(*args) -> datetime:
        moment = datetime.now()
        return moment.replace(microsecond=0)

    @staticmethod
    def today(*args) -> datetime:
        return datetime.combine(date.today(), time())

    @staticmethod
    def context_timestamp(record, timestamp: datetime) -> datetime:
        import pytz
        tz_name = record.env.context.get('tz') or getattr(record.env.user, 'tz', None)
        utc_timestamp = pytz.utc.localize(timestamp, is_dst=False)
        if tz_name:
            try:
                return utc_timestamp.astimezone(pytz.timezone(tz_name))
            except Exception:  # noqa: BLE001 - unknown timezone: stay in UTC as Odoo does
                pass
        return utc_timestamp

    @staticmethod
    def to_datetime(value: Any) -> datetime | None:
        if not value:
            return None
        if isinstance(value, date):
            if isinstance(value, datetime):
                if value.tzinfo:
                    raise ValueError(f"Datetime field expects a naive datetime: {value}")
                return value
            return datetime(value.year, value.month, value.day)
        value = str(value)
        return datetime.strptime(value, DATETIME_FORMAT[:len(value) - 2]) if len(value) < 19 \
            else datetime.strptime(value[:19], DATETIME_FORMAT)

    from_string = to_datetime

    @staticmethod
    def to_string(value: datetime) -> str | bool:
        if not value:
            return False
        return value.strftime(DATETIME_FORMAT)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value.__class__ is datetime and value.tzinfo is None:
            # the usual value (the create and write dates of every row): nothing to parse
            return _whole_seconds(value) if validate and value.microsecond else value
        if not value:
            return None
        try:
            return self.to_datetime(value).replace(microsecond=0) if validate else self.to_datetime(value)
        except (TypeError, ValueError) as exc:
            raise self._wrong_value(value, exc) from None

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        if value.__class__ is datetime and value.tzinfo is None:
            # the create and write dates of every inserted row (one value per batch)
            return _whole_seconds(value) if validate and value.microsecond else value
        return self.convert_to_cache(value, record, validate)

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return Datetime.to_string(value) if value else False

    def convert_to_display_name(self, value: Any, record) -> str:
        if not value:
            return False
        return Datetime.to_string(Datetime.context_timestamp(record, value))
