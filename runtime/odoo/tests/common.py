"""Test cases for addons, as in Odoo: ``TransactionCase`` (one cursor per
class, each test in a savepoint rolled back), ``SingleTransactionCase``,
``tagged``, ``users``, ``new_test_user`` and the assertions addons use."""
from __future__ import annotations

import contextlib
import difflib
import importlib
import inspect
import itertools
import logging
import pprint
import re
import threading
import unittest
from collections.abc import Iterable, Iterator
from functools import wraps
from typing import Any
from unittest.mock import patch

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError
from odoo.orm.commands import Command
from odoo.tools import config

from . import loader

_logger = logging.getLogger(__name__)

HOST = '127.0.0.1'
ADMIN_USER_ID = SUPERUSER_ID
_EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')
_savepoint_seq = itertools.count()


def get_db_name() -> str:
    """The database the tests run on: the one being installed, else the
    configured one, else the current thread's."""
    install = loader.current_install()
    if install:
        return install[0].db_name
    db_name = config.get('db_name')
    if isinstance(db_name, (list, tuple)):
        db_name = db_name[0] if db_name else None
    if isinstance(db_name, str) and ',' in db_name:
        db_name = db_name.split(',')[0].strip()
    if not db_name and hasattr(threading.current_thread(), 'dbname'):
        return threading.current_thread().dbname
    return db_name


def _get_registry():
    install = loader.current_install()
    if install:
        return install[0]
    from odoo.modules.registry import Registry
    db_name = get_db_name()
    if not db_name:
        raise RuntimeError("No database to run the tests on: set db_name (-d) in the configuration")
    return Registry(db_name)


def _open_cursor(registry):
    """A cursor for a test class: a savepoint-backed cursor over the
    installation's transaction during an install, else a new cursor."""
    install = loader.current_install()
    if install and install[0] is registry:
        from odoo.orm.environments import Transaction
        from odoo.sql_db import TestCursor
        cursor = TestCursor(install[1], threading.RLock())
        cursor.transaction = Transaction(registry)
        return cursor
    return registry.cursor()


def new_test_user(env, login: str = '', groups: str = 'base.group_user', context: dict | None = None, **kwargs):
    """Create a user for tests: ``groups`` is a comma-separated list of group
    xml ids; name, password (the login padded to 8 chars) and email are
    filled when not given."""
    if not login:
        raise ValueError('New users require at least a login')
    if not groups:
        raise ValueError('New users require at least user groups')
    group_ids = kwargs.pop('groups_id', False) or [env.ref(group.strip()).id for group in groups.split(',')]
    values = dict(kwargs, login=login, groups_id=[Command.set(group_ids)])
    if not values.get('name'):
        values['name'] = f'{login} ({groups})'
    if not values.get('password'):
        values['password'] = login + 'x' * (8 - len(login))
    if 'email' not in values:
        values['email'] = login if _EMAIL_RE.match(login) else f'{login[0]}.{login[0]}@example.com'
    if 'company_id' in values and 'company_ids' not in values:
        values['company_ids'] = [Command.link(values['company_id'])]
    return env['res.users'].with_context(**(context or {})).create(values)


def loaded_demo_data(env) -> bool:
    return bool(env.ref('base.user_demo', raise_if_not_found=False))


class RecordCapturer:
    """Capture the records of ``model`` matching ``domain`` created inside
    the ``with`` block."""

    def __init__(self, model, domain: list):
        self._model = model
        self._domain = domain
        self._before = None
        self._after = None

    def __enter__(self) -> RecordCapturer:
        self._before = self._model.search(self._domain, order='id')
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if exc_type is None:
            self._after = self._model.search(self._domain, order='id') - self._before

    @property
    def records(self):
        if self._after is None:
            return self._model.search(self._domain, order='id') - self._before
        return self._after


class MetaCase(type):
    """Gives test classes of addons their default tags ('standard',
    'at_install'), their module name and class name."""

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        if cls.__module__.startswith('odoo.addons.'):
            if getattr(cls, 'test_tags', None) is None:
                cls.test_tags = {'standard', 'at_install'}
            cls.test_module = cls.__module__.split('.')[2]
            cls.test_class = cls.__name__
            cls.test_sequence = 0


class BaseCase(unittest.TestCase, metaclass=MetaCase):
    """Assertions and helpers; subclasses provide ``registry``, ``cr`` and ``env``."""

    longMessage = True
    warm = True
    registry = None
    env = None
    cr = None

    def __init__(self, methodName: str = 'runTest'):
        super().__init__(methodName)
        self._test_params: list = []

    @property
    def uid(self) -> int:
        return self.env.uid

    @uid.setter
    def uid(self, user) -> None:
        self.env = self.env(user=user)

    def ref(self, xid: str) -> int:
        """The database id of the record with external id ``xid`` (module.name)."""
        if '.' not in xid:
            raise ValueError(f"ref() needs a fully qualified external id (module.name), got {xid!r}")
        return self.env['ir.model.data']._xmlid_to_res_id(xid, raise_if_not_found=True)

    def browse_ref(self, xid: str):
        if '.' not in xid:
            raise ValueError(f"browse_ref() needs a fully qualified external id (module.name), got {xid!r}")
        return self.env.ref(xid)

    def patch(self, obj: Any, key: str, val: Any) -> None:
        """Replace ``obj.key`` by ``val`` for the duration of the test."""
        self.startPatcher(patch.object(obj, key, val))

    @classmethod
    def classPatch(cls, obj: Any, key: str, val: Any) -> None:
        cls.startClassPatcher(patch.object(obj, key, val))

    def startPatcher(self, patcher):
        mock = patcher.start()
        self.addCleanup(patcher.stop)
        return mock

    @classmethod
    def startClassPatcher(cls, patcher):
        mock = patcher.start()
        cls.addClassCleanup(patcher.stop)
        return mock

    @contextlib.contextmanager
    def with_user(self, login: str) -> Iterator[None]:
        """Run the block as the user ``login``."""
        old_uid = self.uid
        try:
            user = self.env['res.users'].sudo().search([('login', '=', login)])
            if not user:
                raise ValueError(f"No user with login {login!r}")
            self.uid = user.id
            yield
        finally:
            self.uid = old_uid

    @contextlib.contextmanager
    def _assertRaises(self, exception, *, msg=None):
        # inside a savepoint: the database error must not break the test's
        # transaction; a case without a database (plain BaseCase) has none
        with contextlib.ExitStack() as stack:
            cm = stack.enter_context(super().assertRaises(exception, msg=msg))
            if self.env is None:
                yield cm
                return
            savepoint = self.cr.savepoint()
            stack.callback(savepoint.close)
            stack.callback(savepoint.rollback)
            # one exception class, as Odoo 18 takes (a tuple raises TypeError
            # there); after the savepoint's flush, values cached by the
            # test's set-up would hide the access error the block expects
            if issubclass(exception, AccessError):
                self.env.invalidate_all(flush=False)
            yield cm
            self.env.flush_all()

    def assertRaises(self, exception, func=None, *args, **kwargs):
        if func:
            with self._assertRaises(exception):
                func(*args, **kwargs)
            return None
        return self._assertRaises(exception, **kwargs)

    @contextlib.contextmanager
    def assertQueryCount(self, default: int = 0, flush: bool = True, **counters: int) -> Iterator[None]:
        """Fail when the block runs more queries than expected (per login
        with keyword arguments, as used with ``@users``)."""
        if not self.warm:
            yield
            return
        expected = counters.get(self.env.user.login, default)
        if flush:
            self.env.flush_all()
        before = self.cr.sql_log_count
        yield
        if flush:
            self.env.flush_all()
        count = self.cr.sql_log_count - before
        caller = inspect.stack()[2]
        where = f"{caller.function} at {caller.filename}:{caller.lineno}"
        if count > expected:
            self.fail(f"Query count more than expected for user {self.env.user.login}: {count} > {expected} in {where}")
        elif count < expected:
            _logger.info("Query count less than expected for user %s: %d < %d in %s",
                         self.env.user.login, count, expected, where)

    def assertRecordValues(self, records, expected_values: list[dict], *,
                           field_names: Iterable[str] | None = None) -> None:
        """Compare ``records`` one by one with the dicts of ``expected_values``
        (many2one as ids, x2many as lists of ids, None for empty)."""
        if not field_names:
            field_names = list(expected_values[0])
            for index, values in enumerate(expected_values):
                self.assertEqual(list(values), field_names,
                                 f"All expected values must have the same keys; record 0 and {index} differ")
        field_names = list(field_names)
        expected = []
        for values in expected_values:
            row = {}
            for name in field_names:
                field_type = records._fields[name].type
                value = values[name]
                if field_type in ('one2many', 'many2many'):
                    value = sorted(value)
                elif field_type == 'float':
                    value = float(value)
                elif field_type == 'integer':
                    value = int(value)
                elif value is None:
                    value = False
                row[name] = value
            expected.append(row)
        actual = []
        for record in records:
            row = {}
            for name in field_names:
                value = record[name]
                field = record._fields[name]
                if field.type == 'many2one':
                    value = value.id
                elif field.type in ('one2many', 'many2many'):
                    value = sorted(value.ids)
                elif field.type in ('float', 'monetary') and isinstance(value, float):
                    digits = field.get_digits(record.env) if hasattr(field, 'get_digits') else None
                    if digits:
                        value = round(value, digits[1])
                row[name] = value
            actual.append(row)
        for row_expected, row_actual in zip(expected, actual):
            for name in field_names:
                if isinstance(row_expected[name], float) and isinstance(row_actual[name], float):
                    if abs(row_expected[name] - row_actual[name]) < 1e-9:
                        row_actual[name] = row_expected[name]
        if expected == actual:
            return
        diff = ''.join(difflib.unified_diff(
            pprint.pformat(expected).splitlines(keepends=True),
            pprint.pformat(actual).splitlines(keepends=True),
            fromfile='expected', tofile='records',
        ))
        self.fail(f"Records differ from the expected values:\n{diff}")

    def assertItemsEqual(self, a, b, msg=None) -> None:
        self.assertCountEqual(a, b, msg)

    def assertXMLEqual(self, original: str, expected: str) -> None:
        self.assertEqual(_normalize_xml(original), _normalize_xml(expected))

    def assertHTMLEqual(self, original: str, expected: str) -> None:
        self.assertEqual(_normalize_xml(original, 'html'), _normalize_xml(expected, 'html'))

    def get_method_additional_tags(self, test_method) -> list:
        return []


def _normalize_xml(text: str, parser: str = 'xml') -> str:
    parser_class = etree.XMLParser if parser == 'xml' else etree.HTMLParser
    tree = etree.fromstring(text.strip(), parser=parser_class(remove_blank_text=True))
    return etree.tostring(tree, pretty_print=True, encoding='unicode')


def _forbidden(*args, **kwargs):
    raise AssertionError(
        "Cannot commit or rollback a cursor from inside a test, the test's transaction could not be rolled "
        "back; roll back to a savepoint instead, or open another cursor if really necessary"
    )


def _fast_crypt_context(self):
    from passlib.context import CryptContext
    return CryptContext(['pbkdf2_sha512', 'plaintext'], pbkdf2_sha512__rounds=1)


def _clear_registry_caches(registry) -> None:
    if hasattr(registry, 'clear_all_caches'):
        registry.clear_all_caches()
    else:
        registry.clear_cache()


def _restore_registry(registry, sequence: int, invalidated: bool) -> None:
    """After a test class: when its tests set the models up again (custom
    fields created or removed, all rolled back), set them up from the
    database as it is now, as Odoo's test classes do."""
    if registry.setup_sequence != sequence:
        registry.registry_invalidated = True
        registry.reset_changes()
    registry.registry_invalidated = invalidated


class TransactionCase(BaseCase):
    """All the tests of the class share one transaction, never committed;
    each test runs in a savepoint rolled back after it. Set up shared data in
    ``setUpClass``."""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.registry = _get_registry()
        cls.addClassCleanup(_restore_registry, cls.registry, cls.registry.setup_sequence,
                            cls.registry.registry_invalidated)
        cls.addClassCleanup(_clear_registry_caches, cls.registry)
        cls.cr = _open_cursor(cls.registry)
        cls.addClassCleanup(cls.cr.close)
        for method in ('commit', 'rollback', 'close'):
            cls.startClassPatcher(patch.object(cls.cr, method, _forbidden))
        cls.env = api.Environment(cls.cr, SUPERUSER_ID, {})
        # as Odoo's tests: hashing the passwords of test users must be cheap
        cls.startClassPatcher(patch('odoo.addons.base.models.res_users.Users._crypt_context', _fast_crypt_context))

    def setUp(self) -> None:
        super().setUp()
        self.env.flush_all()
        savepoint = f'test_{next(_savepoint_seq)}'
        self.cr.execute(f'SAVEPOINT {savepoint}')
        # cleanups run last-in first-out: roll back, then forget caches
        self.addCleanup(_clear_registry_caches, self.registry)
        self.addCleanup(self.env.invalidate_all)
        self.addCleanup(self.cr.clear)
        self.addCleanup(self.cr.execute, f'ROLLBACK TO SAVEPOINT {savepoint}')


class SingleTransactionCase(BaseCase):
    """All the tests of the class share one transaction, rolled back after
    the last one: each test sees what the previous ones did."""

    @classmethod
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if issubclass(cls, TransactionCase):
            _logger.warning("%s inherits from both TransactionCase and SingleTransactionCase", cls)

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.registry = _get_registry()
        cls.addClassCleanup(_clear_registry_caches, cls.registry)
        cls.cr = _open_cursor(cls.registry)
        cls.addClassCleanup(cls.cr.close)
        cls.env = api.Environment(cls.cr, SUPERUSER_ID, {})

    def setUp(self) -> None:
        super().setUp()
        self.env.flush_all()


class JsonRpcException(Exception):
    """A JSON-RPC call of a test answered with an error."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


class HttpCase(TransactionCase):
    """A TransactionCase whose HTTP requests (``url_open``,
    ``make_jsonrpc_request``) are served, in this process, on the test's
    transaction: they see its data and their commits stay in it."""

    registry_test_mode = True
    _http_server = None     # (server, thread), shared by all the test classes of the process

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if cls.registry_test_mode:
            cls.registry.enter_test_mode(cls.cr)
            cls.addClassCleanup(cls.registry.leave_test_mode)
        cls._start_http_server()

    @classmethod
    def _start_http_server(cls) -> None:
        if HttpCase._http_server is not None:
            return
        from werkzeug.serving import make_server

        from odoo.http import root
        server = make_server(HOST, 0, root, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name='odoo.tests.http', daemon=True)
        thread.start()
        HttpCase._http_server = (server, thread)

    @classmethod
    def base_url(cls) -> str:
        return f'http://{HOST}:{HttpCase._http_server[0].port}'

    def setUp(self) -> None:
        super().setUp()
        import requests
        self.opener = requests.Session()
        self.addCleanup(self.opener.close)

    def url_open(self, url: str, data=None, files=None, timeout: float = 12, headers: dict | None = None,
                 allow_redirects: bool = True, head: bool = False):
        """GET (or POST with ``data``/``files``, or HEAD) ``url``, relative to
        the server when it starts with '/'; returns a ``requests`` response."""
        if url.startswith('/'):
            url = self.base_url() + url
        if head:
            return self.opener.head(url, timeout=timeout, headers=headers, allow_redirects=False)
        if data or files:
            return self.opener.post(url, data=data, files=files, timeout=timeout, headers=headers,
                                    allow_redirects=allow_redirects)
        return self.opener.get(url, timeout=timeout, headers=headers, allow_redirects=allow_redirects)

    def make_jsonrpc_request(self, route: str, params: dict | None = None, headers: dict | None = None) -> Any:
        """Call a JSON-RPC route and return its result.

        :raises JsonRpcException: the call answered an error (its message and data)
        """
        payload = {'jsonrpc': '2.0', 'method': 'call', 'id': 0, 'params': params or {}}
        response = self.opener.post(self.base_url() + route if route.startswith('/') else route, json=payload,
                                    headers=headers, timeout=12)
        response.raise_for_status()
        body = response.json()
        if 'error' in body:
            error = body['error']
            raise JsonRpcException(error.get('code', 0), error.get('data', {}).get('message') or error.get('message'))
        return body.get('result')

    def authenticate(self, user: str | None, password: str | None) -> dict | None:
        """Log in the HTTP session as ``user`` (``None``: stay anonymous)."""
        self.opener.cookies.clear()
        if user is None:
            return None
        info = self.make_jsonrpc_request('/web/session/authenticate', {
            'db': self.registry.db_name, 'login': user, 'password': password,
        })
        self.session_id = self.opener.cookies.get('session_id')
        return info


def tagged(*tags: str):
    """Add tags to a test class (``-tag`` removes one); tags are inherited."""
    include = {tag for tag in tags if not tag.startswith('-')}
    exclude = {tag[1:] for tag in tags if tag.startswith('-')}

    def decorator(obj):
        obj.test_tags = (set(getattr(obj, 'test_tags', None) or ()) | include) - exclude
        if ('at_install' in obj.test_tags) == ('post_install' in obj.test_tags):
            _logger.warning('A test should be either at_install or post_install, which is not the case of %r', obj)
        return obj
    return decorator


def users(*logins: str):
    """Run the decorated test once per user login, as that user."""
    def decorator(func):
        @wraps(func)
        def wrapper(self, *args, **kwargs):
            old_uid = self.uid
            try:
                found = self.env['res.users'].with_context(active_test=False).search([('login', 'in', list(logins))])
                user_ids = {user.login: user.id for user in found}
                for login in logins:
                    if login not in user_ids:
                        raise ValueError(f"@users: no user with login {login!r}")
                    with self.subTest(login=login):
                        self.uid = user_ids[login]
                        func(self, *args, **kwargs)
                    self.env.invalidate_all()
            finally:
                self.uid = old_uid
        return wrapper
    return decorator


def warmup(func):
    """Run the test once to warm the caches (discarding its changes), then
    for real: stabilises ``assertQueryCount``."""
    @wraps(func)
    def wrapper(self, *args, **kwargs):
        self.env.flush_all()
        self.env.invalidate_all()
        self.warm = False
        savepoint = self.cr.savepoint(flush=False)
        try:
            func(self, *args, **kwargs)
            self.env.flush_all()
        finally:
            savepoint.rollback()
            savepoint.close()
        self.env.invalidate_all()
        self.warm = True
        func(self, *args, **kwargs)
    return wrapper


def can_import(module: str) -> bool:
    """Whether ``module`` can be imported (for optional dependencies)."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


__all__ = [
    'ADMIN_USER_ID',
    'HOST',
    'BaseCase',
    'MetaCase',
    'RecordCapturer',
    'SingleTransactionCase',
    'TransactionCase',
    'can_import',
    'get_db_name',
    'loaded_demo_data',
    'new_test_user',
    'tagged',
    'users',
    'warmup',
]
