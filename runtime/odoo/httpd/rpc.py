"""``dispatch_rpc``: the services of Odoo's external API (``common``,
``object``, ``db``) as reached by /xmlrpc and /jsonrpc."""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from .. import exceptions
from ..tools.config import config
from .local import borrow_request

# db service methods anyone may call; the others need the master password.
_DB_PUBLIC = ('db_exist', 'list', 'list_lang', 'server_version')
_DB_GUARDED = ('create_database', 'duplicate_database', 'drop')


def _list_lang() -> list[tuple[str, str]]:
    """``(code, name)`` of the languages a database can load (those ``base``
    ships), sorted by name."""
    import os

    from lxml import etree

    from ..modules.module import get_module_path
    base = get_module_path('base')
    if not base:
        return []
    tree = etree.parse(os.path.join(base, 'data', 'res_lang_data.xml'))
    languages = []
    for record in tree.iterfind('.//record[@model="res.lang"]'):
        values = {field.get('name'): (field.text or '') for field in record.iterfind('field')}
        if values.get('code'):
            languages.append((values['code'], values.get('name') or values['code']))
    return sorted(languages, key=lambda language: language[1])


def _db_dispatch(method: str, params: Sequence[Any]) -> Any:
    from ..service import db as db_service
    from .databases import forget_listing
    if method == 'list_lang':
        return _list_lang()
    if method in _DB_PUBLIC:
        return getattr(db_service, f'exp_{method}')(*params)
    if method in _DB_GUARDED:
        if not params or not config.verify_admin_password(params[0]):
            raise exceptions.AccessDenied()
        result = getattr(db_service, f'exp_{method}')(*params[1:])
        forget_listing()
        return result
    raise KeyError(f"the db service has no method {method!r} on this server "
                   f"(available: {', '.join(_DB_PUBLIC + _DB_GUARDED)})")


def _services() -> dict[str, Callable[[str, Sequence[Any]], Any]]:
    from ..service import common, model
    return {'common': common.dispatch, 'object': model.dispatch, 'db': _db_dispatch}


def dispatch_rpc(service_name: str, method: str, params: Sequence[Any]) -> Any:
    """Call ``method`` of service ``service_name`` with the positional ``params``."""
    services = _services()
    if service_name not in services:
        raise KeyError(f"unknown RPC service {service_name!r}: use one of {', '.join(services)}")
    with borrow_request():
        thread = threading.current_thread()
        thread.uid = None
        thread.dbname = None
        return services[service_name](method, params)
