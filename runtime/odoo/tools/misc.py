"""Miscellaneous helpers of ``odoo.tools.misc`` (Odoo 18 names).

Collections (``frozendict``, ``OrderedSet``, ``Callbacks``...), iteration
(``split_every``, ``groupby``, ``topological_sort``...), files inside the
addons path (``file_path``, ``file_open``), logging helpers (``mute_logger``)
and locale-aware formatting (``format_date``, ``formatLang``, ``format_amount``).
"""
from __future__ import annotations

import collections
import datetime
import enum
import hmac as hmac_lib
import itertools
import logging
import os
import re
import shutil
import typing
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, MutableMapping, MutableSet
from contextlib import ContextDecorator
from functools import reduce, wraps

import babel
import babel.dates
import markupsafe
import pytz

from .config import config
from .float_utils import float_round

if typing.TYPE_CHECKING:
    from ..api import Environment

_logger = logging.getLogger(__name__)

K = typing.TypeVar('K')
T = typing.TypeVar('T')

DEFAULT_SERVER_DATE_FORMAT = "%Y-%m-%d"
DEFAULT_SERVER_TIME_FORMAT = "%H:%M:%S"
DEFAULT_SERVER_DATETIME_FORMAT = f"{DEFAULT_SERVER_DATE_FORMAT} {DEFAULT_SERVER_TIME_FORMAT}"
DATE_LENGTH = len(datetime.date.today().strftime(DEFAULT_SERVER_DATE_FORMAT))
NON_BREAKING_SPACE = '\N{NO-BREAK SPACE}'

html_escape = markupsafe.escape
consteq = hmac_lib.compare_digest


class Sentinel(enum.Enum):
    """A value meaning "not given", distinct from None and False."""
    SENTINEL = -1


SENTINEL = Sentinel.SENTINEL


# --- PostgreSQL client tools -----------------------------------------------------

def find_in_path(name: str) -> str | None:
    """Absolute path of executable ``name`` on ``PATH`` (or ``bin_path``), or None."""
    path = os.environ.get('PATH', os.defpath).split(os.pathsep)
    if config.get('bin_path') and config['bin_path'] != 'None':
        path.append(config['bin_path'])
    return shutil.which(name, path=os.pathsep.join(path))


def find_pg_tool(name: str) -> str:
    """Path of the PostgreSQL client ``name`` (pg_dump, psql...), from ``pg_path`` or ``PATH``."""
    path = config['pg_path'] if config.get('pg_path') not in (None, '', 'None') else None
    found = shutil.which(name, path=path)
    if not found:
        raise Exception(f"Command `{name}` not found.")
    return found


def exec_pg_environ() -> dict[str, str]:
    """The environment of a PostgreSQL client process pointed at the configured server."""
    env = os.environ.copy()
    for key, var in (('db_host', 'PGHOST'), ('db_port', 'PGPORT'),
                     ('db_user', 'PGUSER'), ('db_password', 'PGPASSWORD')):
        if config.get(key):
            env[var] = str(config[key])
    return env


# --- files in addons -------------------------------------------------------------

def _addons_roots() -> list[str]:
    try:
        import odoo.addons
        paths = list(odoo.addons.__path__)
    except (ImportError, AttributeError):
        paths = []
    for path in str(config.get('addons_path') or '').split(','):
        if path and path not in paths:
            paths.append(path)
    return paths


def file_path(file_path: str, filter_ext: tuple[str, ...] = ('',), env: Environment | None = None) -> str:
    """Absolute path of ``file_path`` (absolute, or relative to an addons directory).

    The file must lie inside an addons directory or the runtime itself.
    Raises ``FileNotFoundError`` naming the path, ``ValueError`` if its
    extension is not in ``filter_ext``.
    """
    root_path = os.path.abspath(config['root_path'])
    roots = [*_addons_roots(), root_path]
    is_abs = os.path.isabs(file_path)
    normalized = os.path.normpath(os.path.normcase(file_path))
    if filter_ext and not normalized.lower().endswith(filter_ext):
        raise ValueError("Unsupported file: " + file_path)
    # Odoo tolerates a leading 'addons/' (the last component of its root path).
    if normalized.startswith('addons' + os.sep):
        normalized = normalized[len('addons' + os.sep):]
    for root in roots:
        parent = os.path.normpath(os.path.normcase(root)) + os.sep
        candidate = normalized if is_abs else os.path.normpath(os.path.join(parent, normalized))
        if candidate.startswith(parent) and os.path.exists(candidate):
            return candidate
    raise FileNotFoundError("File not found: " + file_path)


def file_open(name: str, mode: str = "r", filter_ext: tuple[str, ...] = (), env: Environment | None = None):
    """Open a file of an addon (see :func:`file_path`); text mode is always UTF-8."""
    path = file_path(name, filter_ext=filter_ext, env=env)
    if not os.path.isfile(path):
        raise FileNotFoundError("Not a file: " + name)
    if 'b' not in mode:
        return open(path, mode, encoding='utf-8')
    return open(path, mode)


# --- iteration -------------------------------------------------------------------

def flatten(items: Iterable) -> list:
    """Flatten nested lists and tuples (strings are kept whole)."""
    warnings.warn("deprecated since 18.0", category=DeprecationWarning, stacklevel=2)
    result: list = []
    for item in items:
        if isinstance(item, (bytes, str)) or not isinstance(item, collections.abc.Iterable):
            result.append(item)
        else:
            result.extend(flatten(item))
    return result


def reverse_enumerate(lst: typing.Sequence[T]) -> Iterator[tuple[int, T]]:
    """``enumerate`` from the end: ``(len-1, last), ..., (0, first)``."""
    return zip(range(len(lst) - 1, -1, -1), reversed(lst))


def partition(pred: Callable[[T], bool], elems: Iterable[T]) -> tuple[list[T], list[T]]:
    """``(elements satisfying pred, the others)``, each in the original order."""
    yes: list[T] = []
    nos: list[T] = []
    for elem in elems:
        (yes if pred(elem) else nos).append(elem)
    return yes, nos


def topological_sort(elems: Mapping[T, Collection[T]]) -> list[T]:
    """Keys of ``{element: dependencies}`` ordered so that dependencies come first.

    Dependencies that are not keys are ignored.
    """
    result: list[T] = []
    visited: set[T] = set()

    def visit(node: T) -> None:
        if node in visited:
            return
        visited.add(node)
        if node in elems:
            for dep in elems[node]:
                visit(dep)
            result.append(node)

    for elem in elems:
        visit(elem)
    return result


def merge_sequences(*iterables: Iterable[T]) -> list[T]:
    """Union of the sequences, ordered consistently with each of them."""
    deps: defaultdict[T, list[T]] = defaultdict(list)
    for iterable in iterables:
        prev: typing.Any = SENTINEL
        for item in iterable:
            if prev is SENTINEL:
                deps[item]
            else:
                deps[item].append(prev)
            prev = item
    return topological_sort(deps)


def split_every(n: int, iterable: Iterable[T], piece_maker: Callable = tuple) -> Iterator:
    """Chunks of ``n`` elements of ``iterable`` (the last may be shorter)."""
    iterator = iter(iterable)
    piece = piece_maker(itertools.islice(iterator, n))
    while piece:
        yield piece
        piece = piece_maker(itertools.islice(iterator, n))


def groupby(iterable: Iterable[T], key: Callable[[T], K] = lambda arg: arg) -> Iterable[tuple[K, list[T]]]:
    """Pairs ``(key, elements)``; unlike ``itertools.groupby`` elements need not be sorted."""
    groups: defaultdict[K, list[T]] = defaultdict(list)
    for elem in iterable:
        groups[key(elem)].append(elem)
    return groups.items()


def unique(it: Iterable[T]) -> Iterator[T]:
    """Each (hashable) element of ``it`` once, in order."""
    seen: set[T] = set()
    for elem in it:
        if elem not in seen:
            seen.add(elem)
            yield elem


def submap(mapping: Mapping[K, T], keys: Iterable[K]) -> dict[K, T]:
    """Copy of ``mapping`` restricted to ``keys``."""
    keys = frozenset(keys)
    return {key: mapping[key] for key in mapping if key in keys}


def discardattr(obj: object, key: str) -> None:
    """``delattr`` that ignores a missing attribute."""
    try:
        delattr(obj, key)
    except AttributeError:
        pass


def is_list_of(values: typing.Any, type_: type) -> bool:
    """Whether ``values`` is a list or tuple of ``type_`` instances only."""
    return isinstance(values, (list, tuple)) and all(isinstance(item, type_) for item in values)


def has_list_types(values: typing.Any, types: tuple[type, ...]) -> bool:
    """Whether ``values`` is a list or tuple whose items have exactly the ``types``, in order."""
    return (isinstance(values, (list, tuple)) and len(values) == len(types)
            and all(isinstance(item, type_) for item, type_ in zip(values, types)))


# --- strings ---------------------------------------------------------------------

def str2bool(s: str, default: bool | None = None) -> bool:
    """Parse yes/no/true/false/on/off/1/0; ``default`` when unrecognised, else ValueError."""
    if type(s) is bool:
        return s
    if not isinstance(s, str):
        warnings.warn(f"Passed a non-str to `str2bool`: {s}", DeprecationWarning, stacklevel=2)
        if default is None:
            raise ValueError('Use 0/1/yes/no/true/false/on/off')
        return bool(default)
    lowered = s.lower()
    if lowered in ('y', 'yes', '1', 'true', 't', 'on'):
        return True
    if lowered in ('n', 'no', '0', 'false', 'f', 'off'):
        return False
    if default is None:
        raise ValueError('Use 0/1/yes/no/true/false/on/off')
    return bool(default)


def human_size(sz: float | str) -> str | typing.Literal[False]:
    """``2048`` -> ``'2.00 Kb'``; a string counts its length."""
    if not sz:
        return False
    units = ('bytes', 'Kb', 'Mb', 'Gb', 'Tb')
    size = float(len(sz) if isinstance(sz, str) else sz)
    index = 0
    while size >= 1024 and index < len(units) - 1:
        size /= 1024
        index += 1
    return f"{size:0.2f} {units[index]}"


def remove_accents(input_str: str) -> str:
    """``'Crème'`` -> ``'Creme'``."""
    nfkd = unicodedata.normalize('NFKD', input_str)
    return ''.join(c for c in nfkd if not unicodedata.combining(c))


class unquote(str):
    """A string shown without quotes by ``repr`` (for literal code in contexts)."""

    def __repr__(self) -> str:
        return self


def get_iso_codes(lang: str) -> str:
    """``'fr_FR'`` -> ``'fr'`` when language and country agree, else unchanged."""
    if '_' in lang:
        lang_part, country = lang.split('_', 1)
        if lang_part == country.lower():
            return lang_part
    return lang


ADDRESS_REGEX = re.compile(r'^(.*?)(\s[0-9][0-9\S]*)?(?: - (.+))?$', flags=re.DOTALL)


def street_split(street: str) -> dict[str, str]:
    """Split a street into name, number and door: ``'Main St 12 - 3'``."""
    match = ADDRESS_REGEX.match(street or '')
    name, number, door = match.groups() if match else ('', '', '')
    return {'street_name': (name or '').strip(), 'street_number': (number or '').strip(),
            'street_number2': (door or '').strip()}


# --- logging ---------------------------------------------------------------------

class mute_logger(logging.Handler):
    """Silence the named loggers, as a context manager or a decorator."""

    def __init__(self, *loggers: str) -> None:
        super().__init__()
        self.loggers = loggers
        self.old_params: dict[str, tuple] = {}

    def __enter__(self) -> None:
        for name in self.loggers:
            logger = logging.getLogger(name)
            self.old_params[name] = (logger.handlers, logger.propagate)
            logger.propagate = False
            logger.handlers = [self]

    def __exit__(self, exc_type=None, exc_val=None, exc_tb=None) -> None:
        for name in self.loggers:
            logger = logging.getLogger(name)
            logger.handlers, logger.propagate = self.old_params[name]

    def __call__(self, func: Callable) -> Callable:
        @wraps(func)
        def wrapper(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return wrapper

    def emit(self, record: logging.LogRecord) -> None:
        pass


class lower_logging(logging.Handler):
    """Re-emit records above ``max_level`` at ``to_level`` (errors expected by a test)."""

    def __init__(self, max_level: int, to_level: int | None = None) -> None:
        super().__init__()
        self.old_handlers: list | None = None
        self.old_propagate: bool | None = None
        self.had_error_log = False
        self.max_level = max_level
        self.to_level = to_level or max_level

    def __enter__(self) -> lower_logging:
        logger = logging.getLogger()
        self.old_handlers = logger.handlers[:]
        self.old_propagate = logger.propagate
        logger.propagate = False
        logger.handlers = [self]
        return self

    def __exit__(self, exc_type=None, exc_val=None, exc_tb=None) -> None:
        logger = logging.getLogger()
        logger.handlers = self.old_handlers or []
        logger.propagate = bool(self.old_propagate)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno > self.max_level:
            record.levelname = f'_{record.levelname}'
            record.levelno = self.to_level
            self.had_error_log = True
            record.args = tuple(arg.replace('Traceback (most recent call last):', '_Traceback_ (most recent call last):')
                                if isinstance(arg, str) else arg for arg in record.args or ())
        if logging.getLogger(record.name).isEnabledFor(record.levelno):
            for handler in self.old_handlers or []:
                if handler.level <= record.levelno:
                    handler.emit(record)


# --- collections -----------------------------------------------------------------

def freehash(arg: typing.Any) -> int:
    """A hash for any value: unhashable mappings and iterables hash by content."""
    try:
        return hash(arg)
    except Exception:  # noqa: BLE001 - unhashable values fall back to content
        if isinstance(arg, Mapping):
            return hash(frozendict(arg))
        if isinstance(arg, Iterable):
            return hash(frozenset(freehash(item) for item in arg))
        return id(arg)


def clean_context(context: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """``context`` without its ``default_*`` keys."""
    return {key: val for key, val in context.items() if not key.startswith('default_')}


class frozendict(dict[K, T], typing.Generic[K, T]):
    """An immutable, hashable dict (used for contexts)."""
    __slots__ = ()

    def _immutable(self, *args, **kwargs):
        raise NotImplementedError("frozendict is immutable")

    __delitem__ = __setitem__ = clear = pop = popitem = setdefault = update = _immutable  # type: ignore

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((key, freehash(val)) for key, val in self.items()))


class Collector(dict[K, tuple[T, ...]], typing.Generic[K, T]):
    """A ``{key: tuple of values}`` dict that never stores empty tuples."""
    __slots__ = ()

    def __getitem__(self, key: K) -> tuple[T, ...]:
        return self.get(key, ())

    def __setitem__(self, key: K, val: Iterable[T]) -> None:
        val = tuple(val)
        if val:
            super().__setitem__(key, val)
        else:
            super().pop(key, None)

    def add(self, key: K, val: T) -> None:
        vals = self[key]
        if val not in vals:
            self[key] = vals + (val,)

    def discard_keys_and_values(self, excludes: Collection) -> None:
        for key in excludes:
            self.pop(key, None)
        for key, vals in list(self.items()):
            self[key] = tuple(val for val in vals if val not in excludes)


class StackMap(MutableMapping[K, T], typing.Generic[K, T]):
    """A stack of mappings: lookups go top-down, writes touch the top one."""
    __slots__ = ['_maps']

    def __init__(self, m: MutableMapping[K, T] | None = None) -> None:
        self._maps: list[MutableMapping[K, T]] = [] if m is None else [m]

    def __getitem__(self, key: K) -> T:
        for mapping in reversed(self._maps):
            if key in mapping:
                return mapping[key]
        raise KeyError(key)

    def __setitem__(self, key: K, val: T) -> None:
        self._maps[-1][key] = val

    def __delitem__(self, key: K) -> None:
        del self._maps[-1][key]

    def __iter__(self) -> Iterator[K]:
        return iter({key for mapping in self._maps for key in mapping})

    def __len__(self) -> int:
        return sum(1 for _key in self)

    def __str__(self) -> str:
        return f"<StackMap {self._maps}>"

    def pushmap(self, m: MutableMapping[K, T] | None = None) -> None:
        self._maps.append({} if m is None else m)

    def popmap(self) -> MutableMapping[K, T]:
        return self._maps.pop()


class OrderedSet(MutableSet[T], typing.Generic[T]):
    """A set that iterates in insertion order."""
    __slots__ = ['_map']

    def __init__(self, elems: Iterable[T] = ()) -> None:
        self._map: dict[T, None] = dict.fromkeys(elems)

    def __contains__(self, elem: object) -> bool:
        return elem in self._map

    def __iter__(self) -> Iterator[T]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def add(self, elem: T) -> None:
        self._map[elem] = None

    def discard(self, elem: T) -> None:
        self._map.pop(elem, None)

    def update(self, elems: Iterable[T]) -> None:
        self._map.update(zip(elems, itertools.repeat(None)))

    def difference_update(self, elems: Iterable[T]) -> None:
        for elem in elems:
            self.discard(elem)

    def __repr__(self) -> str:
        return f'{type(self).__name__}({list(self)!r})'

    def intersection(self, *others: Iterable[T]) -> OrderedSet[T]:
        return reduce(OrderedSet.__and__, others, self)


class LastOrderedSet(OrderedSet[T], typing.Generic[T]):
    """An ordered set where re-adding an element moves it to the end."""

    def add(self, elem: T) -> None:
        self.discard(elem)
        super().add(elem)


class Callbacks:
    """A queue of functions run once each, in order, by ``run()``; ``data`` is shared scratch space.

    Cursors hold four of them: ``precommit``, ``postcommit``, ``prerollback``
    and ``postrollback``.
    """
    __slots__ = ['_funcs', 'data']

    def __init__(self) -> None:
        self._funcs: collections.deque[Callable] = collections.deque()
        self.data: dict = {}

    def add(self, func: Callable) -> Callable:
        """Queue ``func``; usable as a decorator."""
        self._funcs.append(func)
        return func

    def run(self) -> None:
        """Call the queued functions (including those they queue), then clear ``data``."""
        while self._funcs:
            self._funcs.popleft()()
        self.clear()

    def clear(self) -> None:
        self._funcs.clear()
        self.data.clear()


class ReversedIterable(typing.Generic[T]):
    """An iterable over a reversible iterable, backwards."""
    __slots__ = ['iterable']

    def __init__(self, iterable: typing.Reversible[T]) -> None:
        self.iterable = iterable

    def __iter__(self) -> Iterator[T]:
        return reversed(self.iterable)

    def __reversed__(self) -> Iterator[T]:
        return iter(self.iterable)


class Reverse:
    """Wraps a value so that it sorts in reverse order inside a sort key."""
    __slots__ = ['val']

    def __init__(self, val: typing.Any) -> None:
        self.val = val

    def __eq__(self, other: typing.Any) -> bool: return self.val == other.val
    def __ne__(self, other: typing.Any) -> bool: return self.val != other.val
    def __ge__(self, other: typing.Any) -> bool: return self.val <= other.val
    def __gt__(self, other: typing.Any) -> bool: return self.val < other.val
    def __le__(self, other: typing.Any) -> bool: return self.val >= other.val
    def __lt__(self, other: typing.Any) -> bool: return self.val > other.val


class ConstantMapping(Mapping[typing.Any, T], typing.Generic[T]):
    """A mapping giving the same value for every key."""
    __slots__ = ['_value']

    def __init__(self, val: T) -> None:
        self._value = val

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator:
        return iter([])

    def __getitem__(self, item: typing.Any) -> T:
        return self._value


class ReadonlyDict(Mapping[K, T], typing.Generic[K, T]):
    """A read-only view of a dict (no ``update`` either)."""

    def __init__(self, data: Mapping[K, T]) -> None:
        self.__data = dict(data)

    def __contains__(self, key: object) -> bool:
        return key in self.__data

    def __getitem__(self, key: K) -> T:
        return self.__data[key]

    def __len__(self) -> int:
        return len(self.__data)

    def __iter__(self) -> Iterator[K]:
        return iter(self.__data)


class DotDict(dict):
    """A dict whose keys read as attributes (missing ones read as None)."""

    def __getattr__(self, attrib: str) -> typing.Any:
        val = self.get(attrib)
        return DotDict(val) if isinstance(val, dict) else val


class replace_exceptions(ContextDecorator):
    """Turn the given exceptions into ``by`` (a class or an instance)."""

    def __init__(self, *exceptions: type[Exception], by: typing.Any) -> None:
        if not exceptions:
            raise ValueError("Missing exceptions")
        wrong = next((exc for exc in exceptions if not issubclass(exc, Exception)), None)
        if wrong:
            raise TypeError(f"{wrong} is not an exception class.")
        self.exceptions = exceptions
        self.by = by

    def __enter__(self) -> replace_exceptions:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if exc_type is not None and issubclass(exc_type, self.exceptions):
            if isinstance(self.by, type) and exc_value.args:
                raise self.by(exc_value.args[0]) from exc_value
            raise self.by from exc_value


# --- locale-aware formatting -----------------------------------------------------

def get_lang(env: Environment, lang_code: str | None = None):
    """The ``res.lang`` data of the first installed language among ``lang_code``, the
    context's ``lang`` and the company's partner language; else en_US or the first one."""
    langs = [code for code, _name in env['res.lang'].get_installed()]
    lang = 'en_US' if 'en_US' in langs or not langs else langs[0]
    if lang_code and lang_code in langs:
        lang = lang_code
    elif (context_lang := env.context.get('lang')) in langs:
        lang = context_lang
    else:
        company_lang = env.user.with_context(lang='en_US').company_id.partner_id.lang
        if company_lang in langs:
            lang = company_lang
    return env['res.lang']._get_data(code=lang)


def babel_locale_parse(lang_code: str | None) -> babel.Locale:
    """The babel locale of ``lang_code``, falling back to the default then en_US."""
    if lang_code:
        try:
            return babel.Locale.parse(lang_code)
        except Exception:  # noqa: BLE001 - unknown codes fall back
            pass
    try:
        return babel.Locale.default()
    except Exception:  # noqa: BLE001
        return babel.Locale.parse('en_US')


POSIX_TO_LDML = {
    'a': 'E', 'A': 'EEEE', 'b': 'MMM', 'B': 'MMMM', 'd': 'dd', 'H': 'HH', 'I': 'hh',
    'j': 'DDD', 'm': 'MM', 'M': 'mm', 'p': 'a', 'S': 'ss', 'U': 'w', 'w': 'e', 'W': 'w',
    'y': 'yy', 'Y': 'yyyy',
}


def posix_to_ldml(fmt: str, locale: babel.Locale) -> str:
    """Translate a strftime pattern (``%d/%m/%Y``) into an LDML one (``dd/MM/yyyy``)."""
    out: list[str] = []
    literal: list[str] = []
    percent = False
    for char in fmt:
        if not percent and char.isalpha():
            literal.append("''" if char == "'" else char)
            continue
        if literal:
            out.append("'" + ''.join(literal) + "'")
            literal = []
        if percent:
            if char == '%':
                out.append('%')
            elif char == 'x':
                out.append(locale.date_formats['short'].pattern)
            elif char == 'X':
                out.append(locale.time_formats['medium'].pattern)
            else:
                out.append(POSIX_TO_LDML[char])
            percent = False
        elif char == '%':
            percent = True
        else:
            out.append(char)
    if literal:
        out.append("'" + ''.join(literal) + "'")
    return ''.join(out)


def _datetime_module():
    from .. import fields
    return fields.Datetime


def formatLang(env: Environment, value: float | typing.Literal[''], digits: int = 2,
               grouping: bool = True, monetary: typing.Any = SENTINEL, dp: str | None = None,
               currency_obj: typing.Any = None, rounding_method: str = 'HALF-EVEN',
               rounding_unit: str = 'decimals') -> str:
    """``value`` formatted with the language's separators, a currency symbol if given."""
    if monetary is not SENTINEL:
        warnings.warn("monetary argument deprecated since 13.0", DeprecationWarning, 2)
    if value == '':
        return ''
    if rounding_unit == 'decimals':
        if dp:
            digits = env['decimal.precision'].precision_get(dp)
        elif currency_obj:
            digits = currency_obj.decimal_places
    else:
        digits = 0
    divisor = {'decimals': 1, 'units': 1, 'thousands': 10 ** 3, 'lakhs': 10 ** 5, 'millions': 10 ** 6}
    value /= divisor[rounding_unit]
    rounded = float_round(value, precision_digits=digits, rounding_method=rounding_method)
    lang = env['res.lang'].browse(get_lang(env).id)
    formatted = lang.format(f'%.{digits}f', rounded, grouping=grouping)
    if currency_obj and currency_obj.symbol:
        if currency_obj.position == 'after':
            return f"{formatted}{NON_BREAKING_SPACE}{currency_obj.symbol}"
        return f"{currency_obj.symbol}{NON_BREAKING_SPACE}{formatted}"
    return formatted


def format_date(env: Environment, value: datetime.datetime | datetime.date | str,
                lang_code: str | None = None, date_format: str | typing.Literal[False] = False) -> str:
    """A date (or the user-local date of a UTC datetime) in the language's format."""
    if not value:
        return ''
    Datetime = _datetime_module()
    if isinstance(value, str):
        if len(value) < DATE_LENGTH:
            return ''
        is_datetime = len(value) > DATE_LENGTH
        value = Datetime.from_string(value)
        if is_datetime:
            value = Datetime.context_timestamp(env['res.lang'], value)
    elif isinstance(value, datetime.datetime) and not value.tzinfo:
        value = Datetime.context_timestamp(env['res.lang'], value)
    lang = get_lang(env, lang_code)
    locale = babel_locale_parse(lang.code)
    if not date_format:
        date_format = posix_to_ldml(lang.date_format, locale=locale)
    return babel.dates.format_date(value, format=date_format, locale=locale)


def parse_date(env: Environment, value: str, lang_code: str | None = None) -> datetime.date | str:
    """Parse a date written in the language's format; the text itself if it does not parse."""
    locale = babel_locale_parse(get_lang(env, lang_code).code)
    try:
        return babel.dates.parse_date(value, locale=locale)
    except Exception:  # noqa: BLE001 - Odoo returns the input unchanged
        return value


def _localize(env: Environment, value: datetime.datetime, tz: str | typing.Literal[False]) -> datetime.datetime:
    utc_value = pytz.utc.localize(value, is_dst=False)
    try:
        return utc_value.astimezone(pytz.timezone(tz or env.user.tz or 'UTC'))
    except Exception:  # noqa: BLE001 - an unknown timezone shows UTC
        return utc_value


def format_datetime(env: Environment, value: datetime.datetime | str, tz: str | typing.Literal[False] = False,
                    dt_format: str = 'medium', lang_code: str | None = None) -> str:
    """A naive UTC datetime shown in ``tz`` (default: the user's) and the language."""
    if not value:
        return ''
    timestamp = _datetime_module().from_string(value) if isinstance(value, str) else value
    localized = _localize(env, timestamp, tz)
    lang = get_lang(env, lang_code)
    locale = babel_locale_parse(lang.code or lang_code)
    if not dt_format:
        dt_format = (f"{posix_to_ldml(lang.date_format, locale=locale)} "
                     f"{posix_to_ldml(lang.time_format, locale=locale)}")
    return babel.dates.format_datetime(localized, dt_format, locale=locale)


def format_time(env: Environment, value: datetime.time | datetime.datetime | str,
                tz: str | typing.Literal[False] = False, time_format: str = 'medium',
                lang_code: str | None = None) -> str:
    """A time (or the time of a naive UTC datetime, in ``tz``) in the language's format."""
    if not value:
        return ''
    if isinstance(value, datetime.time):
        localized = value
    else:
        if isinstance(value, str):
            value = _datetime_module().from_string(value)
        localized = _localize(env, value, tz).timetz()
    lang = get_lang(env, lang_code)
    locale = babel_locale_parse(lang.code)
    if not time_format:
        time_format = posix_to_ldml(lang.time_format, locale=locale)
    return babel.dates.format_time(localized, format=time_format, locale=locale)


def format_amount(env: Environment, amount: float, currency: typing.Any, lang_code: str | None = None) -> str:
    """``amount`` rounded to the currency, grouped per language, with its symbol."""
    lang = env['res.lang'].browse(get_lang(env, lang_code).id)
    text = lang.format(f"%.{currency.decimal_places}f", currency.round(amount), grouping=True)
    text = text.replace(' ', NON_BREAKING_SPACE).replace('-', '-\N{ZERO WIDTH NO-BREAK SPACE}')
    symbol = currency.symbol or ''
    if currency.position == 'before':
        return f"{symbol}{NON_BREAKING_SPACE}{text}"
    return f"{text}{NON_BREAKING_SPACE}{symbol}"


def format_duration(value: float) -> str:
    """Hours as ``HH:MM``: 1.5 -> ``'01:30'``."""
    hours, minutes = divmod(abs(value) * 60, 60)
    minutes = round(minutes)
    if minutes == 60:
        minutes = 0
        hours += 1
    sign = '-' if value < 0 else ''
    return f"{sign}{int(hours):02d}:{int(minutes):02d}"


def format_decimalized_number(number: float, decimal: int = 1) -> str:
    """``123456.789`` -> ``'123.5k'`` (units up to T)."""
    for unit in ('', 'k', 'M', 'G'):
        if abs(number) < 1000.0:
            return f"{round(number, decimal):g}{unit}"
        number /= 1000.0
    return f"{round(number, decimal):g}T"


def format_decimalized_amount(amount: float, currency: typing.Any = None) -> str:
    """:func:`format_decimalized_number` with the currency symbol."""
    text = format_decimalized_number(amount)
    if not currency:
        return text
    if currency.position == 'before':
        return f"{currency.symbol or ''}{text}"
    return f"{text} {currency.symbol or ''}"


def hmac(env: Environment, scope: str, message: typing.Any, hash_function: Callable | None = None) -> str:
    """HMAC of ``message`` keyed by the database secret and ``scope``."""
    import hashlib
    import json
    if not scope:
        raise ValueError('Non-empty scope required')
    secret = env['ir.config_parameter'].sudo().get_param('database.secret')
    message = json.dumps(message, sort_keys=True) if not isinstance(message, str) else message
    return hmac_lib.new(scope.encode() + secret.encode(), message.encode(),
                        hash_function or hashlib.sha256).hexdigest()
