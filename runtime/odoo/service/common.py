"""The ``common`` service of the external API: server version, login and
authentication, ``about``."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from .. import release
from ..exceptions import AccessDenied

_logger = logging.getLogger(__name__)

RPC_VERSION_1 = {
    'server_version': release.version,
    'server_version_info': release.version_info,
    'server_serie': release.serie,
    'protocol_version': 1,
}


def exp_login(db: str, login: str, password: str) -> int | bool:
    return exp_authenticate(db, login, password, None)


def exp_authenticate(db: str, login: str, password: str, user_agent_env: dict | None) -> int | bool:
    """The uid of ``login`` when ``password`` (or an API key) matches, else False."""
    from ..modules.registry import Registry
    users = Registry(db)['res.users']
    credential = {'type': 'password', 'login': login, 'password': password}
    try:
        return users.authenticate(db, credential, {**(user_agent_env or {}), 'interactive': False})['uid']
    except AccessDenied:
        return False


def exp_version() -> dict[str, Any]:
    return RPC_VERSION_1


def exp_about(extended: bool = False) -> str | tuple[str, str]:
    info = "See http://openerp.com"
    return (info, release.version) if extended else info


def exp_set_loglevel(loglevel: str, logger: str | None = None) -> bool:
    return True


_METHODS = {
    'login': exp_login,
    'authenticate': exp_authenticate,
    'version': exp_version,
    'about': exp_about,
    'set_loglevel': exp_set_loglevel,
}


def dispatch(method: str, params: Sequence[Any]) -> Any:
    try:
        function = _METHODS[method]
    except KeyError:
        raise Exception(f"Method not found: {method}") from None
    return function(*params)
