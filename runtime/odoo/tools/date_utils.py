"""Date helpers of ``odoo.tools.date_utils``: period bounds, stepping and ranges.

Functions accept ``date`` or ``datetime`` and return the same type; with a
datetime, a period starts at 00:00:00 and ends at 23:59:59.999999.
"""
from __future__ import annotations

import calendar
import math
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Literal, TypeVar

import babel
import pytz
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

D = TypeVar('D', date, datetime)
# the periods start_of() and end_of() know, largest first
Granularity = Literal['year', 'quarter', 'month', 'week', 'day', 'hour']

_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)


def date_type(value: D) -> type[D]:
    """``datetime`` for a datetime, ``date`` for a date."""
    # datetime is a subclass of date: test it first
    if isinstance(value, datetime):
        return datetime
    return date


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def get_month(value: D) -> tuple[D, D]:
    """First and last day of the month of ``value``."""
    return value.replace(day=1), value.replace(day=_last_day(value.year, value.month))


def get_quarter_number(value: date) -> int:
    """1 to 4."""
    return (value.month - 1) // 3 + 1


def get_quarter(value: D) -> tuple[D, D]:
    """First and last day of the quarter of ``value``."""
    last_month = 3 * get_quarter_number(value)
    first = value.replace(month=last_month - 2, day=1)
    last = value.replace(month=last_month, day=_last_day(value.year, last_month))
    return first, last


def _fiscal_end(year: int, month: int, day: int) -> int:
    """The closing day in ``year``: clamped to the month; a year closing on Feb 28
    closes on Feb 29 in leap years."""
    days_in_month = _last_day(year, month)
    if month == 2 and day >= 28:
        return days_in_month
    return day if day <= days_in_month else days_in_month


def get_fiscal_year(value: D, day: int = 31, month: int = 12) -> tuple[D, D]:
    """First and last day of the fiscal year (closing on ``month``/``day``) containing ``value``."""
    closing = value.replace(month=month, day=_fiscal_end(value.year, month, day))
    if value > closing:
        next_year = value.year + 1
        following = value.replace(year=next_year, month=month, day=_fiscal_end(next_year, month, day))
        return closing + relativedelta(days=1), following
    prev_year = value.year - 1
    previous = value.replace(year=prev_year, month=month, day=_fiscal_end(prev_year, month, day))
    return previous + relativedelta(days=1), closing


def get_timedelta(qty: int, granularity: Literal['hour', 'day', 'week', 'month', 'year']) -> relativedelta:
    """``qty`` units of ``granularity`` as a relativedelta."""
    return relativedelta(**{granularity + 's': qty})


def _period_bounds(value: date, granularity: str) -> tuple[date, date]:
    """First and last calendar day of the period; ValueError naming a bad granularity."""
    day = value if type(value) is date else date(value.year, value.month, value.day)
    if granularity == 'year':
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if granularity == 'quarter':
        return get_quarter(day)
    if granularity == 'month':
        return get_month(day)
    if granularity == 'week':
        monday = day - relativedelta(days=day.weekday())
        return monday, monday + relativedelta(days=6)
    if granularity == 'day':
        return day, day
    choices = 'year, quarter, month, week, day or hour' if isinstance(value, datetime) \
        else 'year, quarter, month, week or day'
    raise ValueError(f"Granularity must be {choices} for value {value}")


def _bound(value: D, granularity: str, index: int) -> D:
    if isinstance(value, datetime):
        clock = (time.min, time.max)[index]
        if granularity == 'hour':
            return datetime.combine(value.date(), clock.replace(hour=value.hour))
        return datetime.combine(_period_bounds(value, granularity)[index], clock)
    return _period_bounds(value, granularity)[index]


def start_of(value: D, granularity: Granularity) -> D:
    """Start of the year/quarter/month/week (Monday)/day/hour containing ``value``."""
    return _bound(value, granularity, 0)


def end_of(value: D, granularity: Granularity) -> D:
    """End of the year/quarter/month/week (Sunday)/day/hour containing ``value``."""
    return _bound(value, granularity, 1)


def add(value: D, *args, **kwargs) -> D:
    """``value + relativedelta(*args, **kwargs)``."""
    delta = relativedelta(*args, **kwargs)
    return value + delta


def subtract(value: D, *args, **kwargs) -> D:
    """``value - relativedelta(*args, **kwargs)``."""
    delta = relativedelta(*args, **kwargs)
    return value - delta


def date_range(start: D, end: D, step: relativedelta = relativedelta(months=1)) -> Iterator[D]:  # noqa: B008
    """``start``, ``start + step``... up to ``end`` included.

    Datetimes must be both naive, both UTC, or both in the same pytz zone (each
    value is then localized again, following DST).
    """
    kinds = {date_type(start), date_type(end)}
    if len(kinds) != 1:
        raise ValueError(f"date_range(): start {start!r} and end {end!r} must be both dates or both datetimes")
    localize = None
    current, last = start, end
    if kinds == {datetime}:
        start_zone, end_zone = start.tzinfo, end.tzinfo
        if (start_zone is None) != (end_zone is None):
            raise ValueError(f"date_range(): start and end must be both naive or both aware ({start!r}, {end!r})")
        both_utc = start_zone == pytz.utc and end_zone == pytz.utc
        if start_zone is not None and not both_utc \
                and getattr(start_zone, 'zone', None) != getattr(end_zone, 'zone', None):
            raise ValueError(f"date_range(): start and end are in different timezones ({start_zone}, {end_zone})")
        if start_zone is not None:
            # step in wall-clock time, then localize each value again (DST)
            localize = start_zone.localize
            current, last = start.replace(tzinfo=None), end.replace(tzinfo=None)
    if start > end:
        raise ValueError(f"date_range(): start > end ({start} is after {end})")
    if start + step == start:
        raise ValueError(f"date_range(): the step {step!r} does not move forward")
    while current <= last:
        yield localize(current) if localize else current
        current += step


def weeknumber(locale: babel.Locale, value: date) -> tuple[int, int]:
    """(year, week number) of ``value`` under the locale's week rules.

    ISO locales follow ISO 8601; others count weeks from the week holding
    January 1st, whose days of the previous year belong to the new year.
    """
    iso_rules = (locale.first_week_day, locale.min_week_days) == (0, 4)
    if iso_rules:
        return tuple(value.isocalendar()[:2])  # type: ignore[return-value]
    first_weekday = _WEEKDAYS[locale.first_week_day]
    next_year_start = value.replace(year=value.year + 1, month=1, day=1) - relativedelta(weekday=first_weekday(-1))
    if value >= next_year_start:
        return value.year + 1, 1
    year_start = value.replace(month=1, day=1) - relativedelta(weekday=first_weekday(-1))
    return value.year, (value - year_start).days // 7 + 1


def localized(value: datetime) -> datetime:
    """A naive datetime taken as UTC, made aware."""
    return value if value.tzinfo else pytz.utc.localize(value)


def to_timezone(tz: str | None):
    """A function converting a datetime to naive time in zone ``tz`` (naive UTC without)."""
    if tz:
        zone = pytz.timezone(tz)
        return lambda value: localized(value).astimezone(zone).replace(tzinfo=None)
    return lambda value: localized(value).astimezone(pytz.utc).replace(tzinfo=None)


def float_to_time(hours: float, moment: str = 'am') -> time:
    """8.5 -> 08:30; 24.0 -> 23:59:59.999999."""
    if hours == 24.0:
        return time.max
    fractional, integral = math.modf(hours)
    if moment == 'pm':
        integral += 12
    return time(int(integral), int(round(60 * fractional, 0)), 0)


def time_to_float(value: time | datetime) -> float:
    """08:30 -> 8.5."""
    return value.hour + value.minute / 60 + value.second / 3600 + value.microsecond / 3600000000


def json_default(obj):
    """``json.dumps`` default: dates and datetimes in server format, others ``str``."""
    from .misc import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT
    if isinstance(obj, datetime):
        return obj.strftime(DEFAULT_SERVER_DATETIME_FORMAT)
    if isinstance(obj, date):
        return obj.strftime(DEFAULT_SERVER_DATE_FORMAT)
    if hasattr(obj, '_name') and hasattr(obj, 'ids'):
        return repr(obj)
    return str(obj)
