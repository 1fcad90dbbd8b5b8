"""Locale-aware formatting of ``odoo.tools.misc``: which installed language
applies (``get_lang``), babel locales, strftime to LDML patterns, and the
formatting of numbers, amounts, dates, datetimes, times and durations the
way the user's language and timezone want them.
"""
from __future__ import annotations

import datetime
import typing
import warnings

import babel
import babel.dates
import pytz

from .float_utils import float_round

if typing.TYPE_CHECKING:
    from ..api import Environment

from .misc_collections import SENTINEL

NON_BREAKING_SPACE = '\N{NO-BREAK SPACE}'

# the ORM's string forms of dates and datetimes
DEFAULT_SERVER_DATE_FORMAT: str = '%Y-%m-%d'
DEFAULT_SERVER_TIME_FORMAT: str = '%H:%M:%S'
DEFAULT_SERVER_DATETIME_FORMAT = f"{DEFAULT_SERVER_DATE_FORMAT} {DEFAULT_SERVER_TIME_FORMAT}"
DATE_LENGTH = len(f'{datetime.date.today():{DEFAULT_SERVER_DATE_FORMAT}}')

# strftime directive -> LDML field (%x and %X depend on the locale)
POSIX_TO_LDML = {
    'a': 'E', 'A': 'EEEE', 'b': 'MMM', 'B': 'MMMM', 'd': 'dd', 'H': 'HH', 'I': 'hh',
    'j': 'DDD', 'm': 'MM', 'M': 'mm', 'p': 'a', 'S': 'ss', 'U': 'w', 'w': 'e', 'W': 'w',
    'y': 'yy', 'Y': 'yyyy',
}

# how many units one "rounding unit" of formatLang stands for
_ROUNDING_UNITS = {'decimals': 1, 'units': 1, 'thousands': 1e3, 'lakhs': 1e5, 'millions': 1e6}


def get_lang(env: Environment, lang_code: str | None = None):
    """The ``res.lang`` data (``_get_data``) that applies: ``lang_code`` if
    installed, else the context's language, else the company partner's,
    else en_US (or the first installed language without en_US)."""
    installed = [code for code, _label in env['res.lang'].get_installed()]

    def company_language() -> str | None:
        company = env.user.with_context(lang='en_US').company_id
        return company.partner_id.lang

    for candidate in (lambda: lang_code, lambda: env.context.get('lang'), company_language):
        code = candidate()
        if code and code in installed:
            break
    else:
        code = 'en_US' if not installed or 'en_US' in installed else installed[0]
    return env['res.lang']._get_data(code=code)


def babel_locale_parse(lang_code: str | None) -> babel.Locale:
    """The babel ``Locale`` of ``lang_code``; the process default, then
    en_US, when the code is empty or unknown to babel."""
    if lang_code:
        try:
            return babel.Locale.parse(lang_code)
        except (ValueError, TypeError, babel.UnknownLocaleError):
            pass  # not a locale babel knows
    try:
        return babel.Locale.default()
    except (ValueError, TypeError, babel.UnknownLocaleError):
        # no usable LANG / LC_* in the environment
        return babel.Locale.parse('en_US')


def posix_to_ldml(fmt: str, locale: babel.Locale) -> str:
    """A strftime pattern (``%d/%m/%Y``) as an LDML pattern (``dd/MM/yyyy``);
    letters outside directives become quoted literals."""
    pieces: list[str] = []
    pending_letters = ''
    chars = iter(fmt)
    for char in chars:
        if char.isalpha():
            pending_letters += char
            continue
        if pending_letters:
            pieces.append(f"'{pending_letters}'")
            pending_letters = ''
        if char != '%':
            pieces.append(char)
            continue
        directive = next(chars, None)
        if directive is None:
            break  # a lone trailing '%' means nothing
        if directive == 'x':
            pieces.append(locale.date_formats['short'].pattern)
        elif directive == 'X':
            pieces.append(locale.time_formats['medium'].pattern)
        elif directive == '%':
            pieces.append('%')
        else:
            pieces.append(POSIX_TO_LDML[directive])
    if pending_letters:
        pieces.append(f"'{pending_letters}'")
    return ''.join(pieces)


def _datetime_field():
    from .. import fields
    return fields.Datetime


def _language_record(env: Environment, lang_code: str | None = None):
    return env['res.lang'].browse(get_lang(env, lang_code).id)


def formatLang(env: Environment, value: float | typing.Literal[''], digits: int = 2,
               grouping: bool = True, monetary: typing.Any = SENTINEL, dp: str | None = None,
               currency_obj: typing.Any = None, rounding_method: str = 'HALF-EVEN',
               rounding_unit: str = 'decimals') -> str:
    """``value`` rounded and written with the user language's separators;
    ``dp`` (a decimal.precision name) or ``currency_obj`` set the digits,
    and the currency also adds its symbol on the proper side.
    ``rounding_unit`` other than 'decimals' divides first and drops decimals."""
    if monetary is not SENTINEL:
        warnings.warn("formatLang(): the monetary argument is obsolete and ignored",
                      DeprecationWarning, stacklevel=2)
    if value == '':
        return ''
    if rounding_unit != 'decimals':
        digits = 0
    elif dp:
        digits = env['decimal.precision'].precision_get(dp)
    elif currency_obj:
        digits = currency_obj.decimal_places
    scaled = value / _ROUNDING_UNITS[rounding_unit]
    rounded = float_round(scaled, precision_digits=digits, rounding_method=rounding_method)
    text = _language_record(env).format(f'%.{digits}f', rounded, grouping=grouping)
    symbol = currency_obj.symbol if currency_obj else None
    if not symbol:
        return text
    parts = (text, symbol) if currency_obj.position == 'after' else (symbol, text)
    return NON_BREAKING_SPACE.join(parts)


def format_date(env: Environment, value: datetime.datetime | datetime.date | str,
                lang_code: str | None = None, date_format: str | typing.Literal[False] = False) -> str:
    """A date in the language's date format; datetimes (naive UTC, or
    strings longer than a date) are first moved to the user's timezone."""
    if not value:
        return ''
    Datetime = _datetime_field()
    if isinstance(value, str):
        if len(value) < DATE_LENGTH:
            return ''
        has_time = len(value) > DATE_LENGTH
        value = Datetime.from_string(value)
        if has_time:
            value = Datetime.context_timestamp(env['res.lang'], value)
    elif isinstance(value, datetime.datetime) and value.tzinfo is None:
        value = Datetime.context_timestamp(env['res.lang'], value)
    language = get_lang(env, lang_code)
    locale = babel_locale_parse(language.code)
    pattern = date_format or posix_to_ldml(language.date_format, locale=locale)
    return babel.dates.format_date(value, format=pattern, locale=locale)


def parse_date(env: Environment, value: str, lang_code: str | None = None) -> datetime.date | str:
    """``value`` read as a date written in the language's way; the text
    unchanged when it is not one."""
    locale = babel_locale_parse(get_lang(env, lang_code).code)
    try:
        return babel.dates.parse_date(value, locale=locale)
    except (ValueError, IndexError, TypeError):
        return value


def _to_timezone(env: Environment, value: datetime.datetime, tz: str | typing.Literal[False]) -> datetime.datetime:
    """A naive UTC datetime in ``tz`` (else the user's zone); in UTC when
    the zone name is unknown."""
    as_utc = pytz.utc.localize(value, is_dst=False)
    zone_name = tz or env.user.tz or 'UTC'
    try:
        zone = pytz.timezone(zone_name)
    except pytz.UnknownTimeZoneError:
        return as_utc
    return as_utc.astimezone(zone)


def format_datetime(env: Environment, value: datetime.datetime | str, tz: str | typing.Literal[False] = False,
                    dt_format: str = 'medium', lang_code: str | None = None) -> str:
    """A naive UTC datetime shown in ``tz`` (default: the user's timezone)
    with a babel format name or pattern; a false ``dt_format`` means the
    language's own date and time formats."""
    if not value:
        return ''
    moment = _datetime_field().from_string(value) if isinstance(value, str) else value
    language = get_lang(env, lang_code)
    locale = babel_locale_parse(language.code or lang_code)
    if not dt_format:
        dt_format = ' '.join(posix_to_ldml(pattern, locale=locale)
                             for pattern in (language.date_format, language.time_format))
    return babel.dates.format_datetime(_to_timezone(env, moment, tz), dt_format, locale=locale)


def format_time(env: Environment, value: datetime.time | datetime.datetime | str,
                tz: str | typing.Literal[False] = False, time_format: str = 'medium',
                lang_code: str | None = None) -> str:
    """A time in the language's format; a datetime (naive UTC) gives its
    time in ``tz`` or the user's zone, a bare time is shown as is."""
    if not value:
        return ''
    if not isinstance(value, datetime.time):
        moment = _datetime_field().from_string(value) if isinstance(value, str) else value
        value = _to_timezone(env, moment, tz).timetz()
    language = get_lang(env, lang_code)
    locale = babel_locale_parse(language.code)
    pattern = time_format or posix_to_ldml(language.time_format, locale=locale)
    return babel.dates.format_time(value, format=pattern, locale=locale)


def format_amount(env: Environment, amount: float, currency: typing.Any, lang_code: str | None = None) -> str:
    """``amount`` rounded to ``currency``, grouped per language, with the
    currency symbol; spaces and the minus sign never break a line."""
    text = _language_record(env, lang_code).format(
        f"%.{currency.decimal_places}f", currency.round(amount), grouping=True)
    text = text.replace(' ', NON_BREAKING_SPACE).replace('-', '-\N{ZERO WIDTH NO-BREAK SPACE}')
    parts = (currency.symbol or '', text) if currency.position == 'before' else (text, currency.symbol or '')
    return NON_BREAKING_SPACE.join(parts)


def format_duration(value: float) -> str:
    """A number of hours as ``HH:MM`` (1.5 -> ``'01:30'``, -0.25 -> ``'-00:15'``)."""
    total_minutes = round(abs(value) * 60)
    hours, minutes = divmod(total_minutes, 60)
    return f"{'-' if value < 0 else ''}{hours:02d}:{minutes:02d}"


def format_decimalized_number(number: float, decimal: int = 1) -> str:
    """A short number with a magnitude suffix: 123456.789 -> ``'123.5k'``."""
    suffixes = ('', 'k', 'M', 'G')
    for suffix in suffixes:
        if abs(number) < 1000:
            return f"{round(number, decimal):g}{suffix}"
        number /= 1000
    return f"{round(number, decimal):g}T"


def format_decimalized_amount(amount: float, currency: typing.Any = None) -> str:
    """``format_decimalized_number(amount)`` with the currency symbol, if any."""
    short = format_decimalized_number(amount)
    if not currency:
        return short
    symbol = currency.symbol or ''
    return f"{symbol}{short}" if currency.position == 'before' else f"{short} {symbol}"
