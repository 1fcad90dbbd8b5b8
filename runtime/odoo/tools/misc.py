"""``odoo.tools.misc``: the grab-bag of helpers Odoo code imports from there.

This module holds the PostgreSQL client tools lookup, files inside the
addons path (``file_path``, ``file_open``), iteration and string helpers,
logging helpers for tests (``mute_logger``, ``lower_logging``) and
``hmac``; it re-exports the container types of ``misc_collections`` and
the locale-aware formatting of ``misc_locale`` under their Odoo names.
"""
from __future__ import annotations

import hashlib
import hmac as _hmac
import json
import logging
import os
import re
import shutil
import typing
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import ContextDecorator, suppress
from functools import wraps
from itertools import islice

import markupsafe

from .config import config
from .misc_collections import SENTINEL as SENTINEL
from .misc_collections import Callbacks as Callbacks
from .misc_collections import Collector as Collector
from .misc_collections import ConstantMapping as ConstantMapping
from .misc_collections import DotDict as DotDict
from .misc_collections import LastOrderedSet as LastOrderedSet
from .misc_collections import OrderedSet as OrderedSet
from .misc_collections import ReadonlyDict as ReadonlyDict
from .misc_collections import Reverse as Reverse
from .misc_collections import ReversedIterable as ReversedIterable
from .misc_collections import Sentinel as Sentinel
from .misc_collections import StackMap as StackMap
from .misc_collections import freehash as freehash
from .misc_collections import frozendict as frozendict
from .misc_locale import DATE_LENGTH as DATE_LENGTH
from .misc_locale import DEFAULT_SERVER_DATE_FORMAT as DEFAULT_SERVER_DATE_FORMAT
from .misc_locale import DEFAULT_SERVER_DATETIME_FORMAT as DEFAULT_SERVER_DATETIME_FORMAT
from .misc_locale import DEFAULT_SERVER_TIME_FORMAT as DEFAULT_SERVER_TIME_FORMAT
from .misc_locale import NON_BREAKING_SPACE as NON_BREAKING_SPACE
from .misc_locale import POSIX_TO_LDML as POSIX_TO_LDML
from .misc_locale import babel_locale_parse as babel_locale_parse
from .misc_locale import format_amount as format_amount
from .misc_locale import format_date as format_date
from .misc_locale import format_datetime as format_datetime
from .misc_locale import format_decimalized_amount as format_decimalized_amount
from .misc_locale import format_decimalized_number as format_decimalized_number
from .misc_locale import format_duration as format_duration
from .misc_locale import format_time as format_time
from .misc_locale import formatLang as formatLang
from .misc_locale import get_lang as get_lang
from .misc_locale import parse_date as parse_date
from .misc_locale import posix_to_ldml as posix_to_ldml

if typing.TYPE_CHECKING:
    from ..api import Environment

_logger = logging.getLogger(__name__)

K = typing.TypeVar('K')
T = typing.TypeVar('T')

html_escape = markupsafe.escape
consteq = _hmac.compare_digest  # constant-time comparison of secrets


# -- PostgreSQL client programs ---------------------------------------------

def _configured(key: str) -> str | None:
    """A path option of the configuration, None when unset (the config
    file may literally say ``None``)."""
    value = config.get(key)
    return None if value in (None, '', 'None') else value


def find_in_path(name: str) -> str | None:
    """Where executable ``name`` is, searching ``PATH`` then the configured
    ``bin_path``; None when it is nowhere."""
    directories = os.environ.get('PATH', os.defpath).split(os.pathsep)
    if extra := _configured('bin_path'):
        directories.append(extra)
    return shutil.which(name, path=os.pathsep.join(directories))


def find_pg_tool(name: str) -> str:
    """Where PostgreSQL client ``name`` (``pg_dump``, ``psql``...) is: in
    the configured ``pg_path`` if set, else on ``PATH``."""
    location = shutil.which(name, path=_configured('pg_path'))
    if location is None:
        raise Exception(f"PostgreSQL client {name!r} not found (looked in pg_path, then PATH)")
    return location


def exec_pg_environ() -> dict[str, str]:
    """This process's environment plus the ``PG*`` variables that point a
    PostgreSQL client at the configured server."""
    variables = dict(os.environ)
    for option, variable in {'db_host': 'PGHOST', 'db_port': 'PGPORT',
                             'db_user': 'PGUSER', 'db_password': 'PGPASSWORD'}.items():
        if value := config.get(option):
            variables[variable] = str(value)
    return variables


# -- files of addons ----------------------------------------------------------

def _addons_roots() -> list[str]:
    """The directories addons are found in, registered ones first."""
    roots: list[str] = []
    try:
        import odoo.addons
        roots.extend(odoo.addons.__path__)
    except (ImportError, AttributeError):
        pass
    roots += [entry for entry in str(config.get('addons_path') or '').split(',') if entry and entry not in roots]
    return roots


def file_path(file_path: str, filter_ext: tuple[str, ...] = ('',), env: Environment | None = None) -> str:
    """The absolute path of ``file_path``, given absolute or relative to an
    addons directory; only files under an addons directory or the runtime's
    root are served.

    :raises ValueError: the extension is not one of ``filter_ext``
    :raises FileNotFoundError: no allowed directory holds the file
    """
    wanted = os.path.normpath(os.path.normcase(file_path))
    if filter_ext and not wanted.lower().endswith(filter_ext):
        raise ValueError(f"Unsupported file {file_path!r}: only {', '.join(filter_ext)} files may be opened")
    # addon-relative paths are also written 'addons/<module>/...'
    prefix = 'addons' + os.sep
    if wanted.startswith(prefix):
        wanted = wanted[len(prefix):]
    for root in (*_addons_roots(), os.path.abspath(config['root_path'])):
        base = os.path.join(os.path.normpath(os.path.normcase(root)), '')
        resolved = wanted if os.path.isabs(wanted) else os.path.normpath(os.path.join(base, wanted))
        if resolved.startswith(base) and os.path.exists(resolved):
            return resolved
    raise FileNotFoundError(f"{file_path!r} is not a file of any addons directory")


def file_open(name: str, mode: str = "r", filter_ext: tuple[str, ...] = (), env: Environment | None = None):
    """Open a file of an addon found by :func:`file_path`; text is UTF-8."""
    location = file_path(name, filter_ext=filter_ext, env=env)
    if not os.path.isfile(location):
        raise FileNotFoundError(f"{name!r} is a directory, not a file")
    encoding = None if 'b' in mode else 'utf-8'
    return open(location, mode, encoding=encoding)


# -- iteration ----------------------------------------------------------------

def flatten(items: Iterable) -> list:
    """Nested lists and tuples made flat; strings and bytes stay whole.
    Deprecated in Odoo 18."""
    warnings.warn("flatten() is deprecated since Odoo 18.0", DeprecationWarning, stacklevel=2)

    def walk(nested: Iterable) -> Iterator:
        for item in nested:
            if isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
                yield from walk(item)
            else:
                yield item
    return list(walk(items))


def reverse_enumerate(lst: typing.Sequence[T]) -> Iterator[tuple[int, T]]:
    """``(index, item)`` pairs from the last item back to the first."""
    last = len(lst) - 1
    return ((last - offset, item) for offset, item in enumerate(reversed(lst)))


def partition(pred: Callable[[T], bool], elems: Iterable[T]) -> tuple[list[T], list[T]]:
    """Two lists: the elements ``pred`` accepts and those it rejects, each
    keeping the original order."""
    accepted: list[T] = []
    rejected: list[T] = []
    for elem in elems:
        if pred(elem):
            accepted.append(elem)
        else:
            rejected.append(elem)
    return accepted, rejected


def topological_sort(elems: Mapping[T, Collection[T]]) -> list[T]:
    """The keys of ``{element: its dependencies}``, each after its
    dependencies; dependencies that are not keys themselves are skipped."""
    ordered: list[T] = []
    seen: set[T] = set()
    for start in elems:
        # iterative depth-first walk: (node, iterator over its dependencies)
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(elems[start]))]
        while stack:
            node, pending = stack[-1]
            for dependency in pending:
                if dependency not in seen and dependency in elems:
                    seen.add(dependency)
                    stack.append((dependency, iter(elems[dependency])))
                    break
            else:
                stack.pop()
                ordered.append(node)
    return ordered


def merge_sequences(*iterables: Iterable[T]) -> list[T]:
    """All the items of the sequences, once each, in an order that agrees
    with every one of them."""
    predecessors: dict[T, list[T]] = {}
    for sequence in iterables:
        previous: list[T] = []
        for item in sequence:
            predecessors.setdefault(item, []).extend(previous)
            previous = [item]
    return topological_sort(predecessors)


def split_every(n: int, iterable: Iterable[T], piece_maker: Callable = tuple) -> Iterator:
    """Consecutive pieces of ``n`` items (built by ``piece_maker``); the
    last piece holds what remains."""
    source = iter(iterable)
    while piece := piece_maker(islice(source, n)):
        yield piece


def groupby(iterable: Iterable[T], key: Callable[[T], K] = lambda arg: arg) -> Iterable[tuple[K, list[T]]]:
    """``(key, items)`` pairs in order of first appearance; contrary to
    ``itertools.groupby`` the input need not be sorted."""
    groups: dict[K, list[T]] = {}
    for item in iterable:
        groups.setdefault(key(item), []).append(item)
    return groups.items()


def unique(it: Iterable[T]) -> Iterator[T]:
    """The items of ``it`` without repetitions, first occurrences kept."""
    seen: set = set()
    for item in it:
        if item not in seen:
            seen.add(item)
            yield item


def submap(mapping: Mapping[K, T], keys: Iterable[K]) -> dict[K, T]:
    """The part of ``mapping`` whose keys are among ``keys``."""
    kept = set(keys)
    return {key: value for key, value in mapping.items() if key in kept}


def discardattr(obj: object, key: str) -> None:
    """Remove attribute ``key`` of ``obj`` if it has one."""
    with suppress(AttributeError):
        delattr(obj, key)


def is_list_of(values: typing.Any, type_: type) -> bool:
    """True for a list or tuple whose every item is a ``type_``."""
    if not isinstance(values, (list, tuple)):
        return False
    return all(isinstance(value, type_) for value in values)


def has_list_types(values: typing.Any, types: tuple[type, ...]) -> bool:
    """True for a list or tuple whose items match ``types`` one for one."""
    if not isinstance(values, (list, tuple)) or len(values) != len(types):
        return False
    return all(map(isinstance, values, types))


# -- strings ------------------------------------------------------------------

_TRUTHY = frozenset({'y', 'yes', '1', 'true', 't', 'on'})
_FALSY = frozenset({'n', 'no', '0', 'false', 'f', 'off'})


def str2bool(s: str, default: bool | None = None) -> bool:
    """The boolean a yes/no-like word means; ``default`` when it is not
    one, or ValueError without a default."""
    if isinstance(s, bool):
        return s
    if isinstance(s, str):
        word = s.lower()
        if word in _TRUTHY:
            return True
        if word in _FALSY:
            return False
    else:
        warnings.warn(f"str2bool() expects a string, got {s!r}", DeprecationWarning, stacklevel=2)
    if default is None:
        raise ValueError(f"{s!r} is not a boolean word (yes/no, true/false, on/off, 1/0)")
    return bool(default)


def human_size(sz: float | str) -> str | typing.Literal[False]:
    """A size for humans: 2048 -> ``'2.00 Kb'``; a string gives its length's."""
    if not sz:
        return False
    amount = float(len(sz)) if isinstance(sz, str) else float(sz)
    unit = 'bytes'
    for bigger in ('Kb', 'Mb', 'Gb', 'Tb'):
        if amount < 1024:
            break
        amount, unit = amount / 1024, bigger
    return f"{amount:0.2f} {unit}"


def remove_accents(input_str: str) -> str:
    """The text without its combining marks: ``'Crème'`` -> ``'Creme'``."""
    decomposed = unicodedata.normalize('NFKD', input_str)
    return ''.join(char for char in decomposed if unicodedata.combining(char) == 0)


class unquote(str):
    """A string whose ``repr`` is itself, to write code into a literal."""

    def __repr__(self) -> str:
        return self


def get_iso_codes(lang: str) -> str:
    """The short ISO code of a locale whose country repeats the language
    (``fr_FR`` -> ``fr``); other codes unchanged (``fr_BE``)."""
    language, _sep, country = lang.partition('_')
    return language if country and country.lower() == language else lang


# name, then an optional number starting with a digit, then ' - ' and a door
ADDRESS_REGEX = re.compile(r'^(?P<name>.*?)(?P<number>\s[0-9][0-9\S]*)?(?: - (?P<door>.+))?$', re.DOTALL)


def street_split(street: str) -> dict[str, str]:
    """``'Main St 12 - 3'`` -> name ``Main St``, number ``12``, door ``3``."""
    found = ADDRESS_REGEX.match(street or '')
    parts = found.groupdict() if found else {}
    return {
        'street_name': (parts.get('name') or '').strip(),
        'street_number': (parts.get('number') or '').strip(),
        'street_number2': (parts.get('door') or '').strip(),
    }


def clean_context(context: dict[str, typing.Any]) -> dict[str, typing.Any]:
    """A copy of ``context`` without the ``default_*`` keys, so that
    records created further down do not inherit those defaults."""
    return {key: value for key, value in context.items() if not key.startswith('default_')}


# -- logging --------------------------------------------------------------------

class mute_logger(logging.Handler):
    """Silence the named loggers for a ``with`` block or a decorated function."""

    def __init__(self, *loggers: str) -> None:
        super().__init__()
        self.loggers = loggers
        self.old_params: dict[str, tuple] = {}

    def __enter__(self) -> None:
        for name in self.loggers:
            muted = logging.getLogger(name)
            self.old_params[name] = (muted.handlers, muted.propagate)
            muted.handlers, muted.propagate = [self], False

    def __exit__(self, exc_type=None, exc_val=None, exc_tb=None) -> None:
        for name, (handlers, propagate) in self.old_params.items():
            restored = logging.getLogger(name)
            restored.handlers, restored.propagate = handlers, propagate

    def __call__(self, func: Callable) -> Callable:
        @wraps(func)
        def muted_call(*args, **kwargs):
            with self:
                return func(*args, **kwargs)
        return muted_call

    def emit(self, record: logging.LogRecord) -> None:
        """Swallow the record."""


class lower_logging(logging.Handler):
    """Demote, for a ``with`` block, the records above ``max_level`` to
    ``to_level`` (tests expecting an error log), marking them with a
    leading underscore; ``had_error_log`` tells whether any was seen."""

    def __init__(self, max_level: int, to_level: int | None = None) -> None:
        super().__init__()
        self.max_level = max_level
        self.to_level = to_level if to_level else max_level
        self.had_error_log = False
        self.old_handlers: list | None = None
        self.old_propagate: bool | None = None

    def __enter__(self) -> lower_logging:
        root = logging.getLogger()
        self.old_handlers, self.old_propagate = list(root.handlers), root.propagate
        root.handlers, root.propagate = [self], False
        return self

    def __exit__(self, exc_type=None, exc_val=None, exc_tb=None) -> None:
        root = logging.getLogger()
        root.handlers = self.old_handlers or []
        root.propagate = bool(self.old_propagate)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno > self.max_level:
            self._demote(record)
        if not logging.getLogger(record.name).isEnabledFor(record.levelno):
            return
        for handler in self.old_handlers or ():
            if record.levelno >= handler.level:
                handler.emit(record)

    def _demote(self, record: logging.LogRecord) -> None:
        self.had_error_log = True
        record.levelname = '_' + record.levelname
        record.levelno = self.to_level
        # a quoted traceback must not look like a real one to log scanners
        record.args = tuple(
            arg.replace('Traceback (most recent', '_Traceback_ (most recent') if isinstance(arg, str) else arg
            for arg in record.args or ()
        )


class replace_exceptions(ContextDecorator):
    """Raise ``by`` (an exception class or instance) in place of any of the
    given exception types, chained to the original."""

    def __init__(self, *exceptions: type[Exception], by: typing.Any) -> None:
        if not exceptions:
            raise ValueError("replace_exceptions() needs at least one exception class to replace")
        for candidate in exceptions:
            if not issubclass(candidate, Exception):
                raise TypeError(f"replace_exceptions(): {candidate!r} is not an Exception subclass")
        self.exceptions = exceptions
        self.by = by

    def __enter__(self) -> replace_exceptions:
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if exc_type is None or not issubclass(exc_type, self.exceptions):
            return
        replacement = self.by
        if isinstance(replacement, type) and exc_value.args:
            replacement = replacement(exc_value.args[0])
        raise replacement from exc_value


# -- signatures -------------------------------------------------------------------

def hmac(env: Environment, scope: str, message: typing.Any, hash_function: Callable | None = None) -> str:
    """Hex HMAC of ``message`` (JSON-encoded unless a string) under a key
    made of ``scope`` and the database secret, so that signatures made for
    one purpose are worthless for another."""
    if not scope:
        raise ValueError("hmac(): the scope must not be empty")
    secret = env['ir.config_parameter'].sudo().get_param('database.secret')
    payload = message if isinstance(message, str) else json.dumps(message, sort_keys=True)
    key = f"{scope}{secret}".encode()
    return _hmac.new(key, payload.encode(), hash_function or hashlib.sha256).hexdigest()
