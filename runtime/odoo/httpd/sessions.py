"""Server-side HTTP sessions: the ``Session`` mapping a request sees as
``request.session`` and the store that keeps each one as a JSON file under
``<data_dir>/sessions`` (so sessions outlive a restart and are shared by all
worker processes).

The cookie only carries the session id: 84 URL-safe base64 characters drawn
from the OS's random source; its first two characters name the sub-folder,
which keeps folders small.
"""
from __future__ import annotations

import base64
import contextlib
import glob
import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator, MutableMapping
from typing import Any

from .local import request

# How long an untouched session lives (a week), unless the database sets
# ``sessions.max_inactivity_seconds``.
SESSION_LIFETIME = 7 * 24 * 3600
DEFAULT_LANG = 'en_US'

_SID_RE = re.compile(r'^[A-Za-z0-9_-]{84}$')


def get_default_session() -> dict[str, Any]:
    """The keys every session has, with their initial values."""
    return {
        'context': {},
        'db': None,
        'debug': '',
        'login': None,
        'uid': None,
        'session_token': None,
        '_trace': [],
    }


class Session(MutableMapping):
    """The data kept for one browser or client across requests. Values must
    be JSON-serialisable; attribute access reads and writes keys
    (``session.uid``), a missing key reading as ``None``."""

    __slots__ = ('_data', 'can_save', 'is_dirty', 'is_new', 'should_rotate', 'sid')

    def __init__(self, data: dict[str, Any], sid: str, new: bool = False) -> None:
        object.__setattr__(self, '_data', {})
        self._data.update(data)
        self.can_save = True
        self.is_dirty = False
        self.is_new = new
        self.should_rotate = False
        self.sid = sid

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        # a round trip through JSON: what is stored is exactly what a later
        # request (maybe in another process) will read back
        value = json.loads(json.dumps(value))
        if self._data.get(key, object()) != value:
            self.is_dirty = True
        self._data[key] = value

    def __delitem__(self, key: str) -> None:
        del self._data[key]
        self.is_dirty = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        if name.startswith('__'):
            raise AttributeError(name)
        return self._data.get(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in Session.__slots__:
            object.__setattr__(self, name, value)
        else:
            self[name] = value

    def __repr__(self) -> str:
        return f"<Session {self.sid[:8]}... db={self.get('db')!r} uid={self.get('uid')!r}>"

    def clear(self) -> None:
        self._data.clear()
        self.is_dirty = True

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    # -- logging in and out ---------------------------------------------------

    def authenticate(self, dbname: str, credential: dict[str, Any]) -> dict[str, Any]:
        """Check ``credential`` on ``dbname`` and log the session in (unless the
        user has a second factor to give first). Returns the auth_info of
        ``res.users.authenticate``; raises ``AccessDenied`` on bad credentials."""
        from ..api import Environment
        from ..modules.registry import Registry
        from ..tools.misc import get_lang

        environ = request.httprequest.environ if request else {}
        user_agent_env = {
            'interactive': True,
            'base_location': request.httprequest.url_root.rstrip('/') if request else '',
            'HTTP_HOST': environ.get('HTTP_HOST', ''),
            'REMOTE_ADDR': environ.get('REMOTE_ADDR', ''),
        }
        registry = Registry(dbname)
        auth_info = registry['res.users'].authenticate(dbname, credential, user_agent_env)
        candidate = auth_info['uid']
        self.uid = None
        self.pre_login = credential['login']
        self.pre_uid = candidate
        with registry.cursor() as cr:
            env = Environment(cr, candidate, {})
            user = env['res.users'].browse(candidate)
            if auth_info.get('mfa') == 'skip' or not user._mfa_url():
                self.finalize(env)
        if request and request.session is self and request.db == dbname and request.env is not None:
            request.env = Environment(request.env.cr, self.uid, self.context)
            request.update_context(lang=get_lang(request.env(user=candidate)).code)
            # later reads in this request must see what the login wrote
            request.env.cr.commit()
        return auth_info

    def finalize(self, env: Any) -> None:
        """Turn a half-authenticated session (second factor pending) into a logged-in one."""
        from ..service.security import compute_session_token
        login = self.pop('pre_login')
        uid = self.pop('pre_uid')
        user_env = env(user=uid)
        self.should_rotate = True
        self.update({
            'db': user_env.registry.db_name,
            'login': login,
            'uid': uid,
            'context': dict(user_env['res.users'].context_get()),
        })
        self.session_token = compute_session_token(self, user_env)

    def logout(self, keep_db: bool = False) -> None:
        db = self.get('db') if keep_db else None
        debug = self.get('debug') or ''
        self.clear()
        self.update(get_default_session())
        self.update({'db': db, 'debug': debug})
        lang = request.default_lang() if request else DEFAULT_LANG
        self['context'] = {'lang': lang}
        self.should_rotate = True
        if request and request.env is not None:
            request.env['ir.http']._post_logout()

    def touch(self) -> None:
        """Mark the session modified so that its file (and cookie) is refreshed."""
        self.is_dirty = True


def generate_sid() -> str:
    """A new session id: 84 URL-safe characters (63 random-derived bytes)."""
    digest = hashlib.sha512(os.urandom(64) + str(time.time_ns()).encode()).digest()[:63]
    return base64.urlsafe_b64encode(digest).decode()


def is_valid_sid(sid: Any) -> bool:
    return isinstance(sid, str) and _SID_RE.match(sid) is not None


class FilesystemSessionStore:
    """Sessions as JSON files ``<path>/<sid[:2]>/<sid>``; writes are atomic
    (temporary file + rename), so concurrent workers never read half a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _filename(self, sid: str) -> str:
        if not is_valid_sid(sid):
            raise ValueError(f"invalid session id {sid!r}")
        return os.path.join(self.path, sid[:2], sid)

    generate_key = staticmethod(generate_sid)
    is_valid_key = staticmethod(is_valid_sid)

    def new(self) -> Session:
        return Session({}, generate_sid(), new=True)

    def get(self, sid: str) -> Session:
        """The session ``sid``, or a new empty one under that id when its file is
        missing or unreadable."""
        try:
            with open(self._filename(sid), encoding='utf-8') as file:
                data = json.load(file)
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            return Session({}, sid, new=True)
        return Session(data, sid)

    def save(self, session: Session) -> None:
        filename = self._filename(session.sid)
        folder = os.path.dirname(filename)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix='.tmp-')
        try:
            with os.fdopen(handle, 'w', encoding='utf-8') as file:
                json.dump(session.to_dict(), file)
            os.replace(temporary, filename)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        session.is_new = False

    def delete(self, session: Session) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.unlink(self._filename(session.sid))

    def rotate(self, session: Session, env: Any) -> None:
        """Give ``session`` a new id (after a login or logout: a fixation
        attacker's id becomes useless) and save it."""
        from ..service.security import compute_session_token
        self.delete(session)
        session.sid = generate_sid()
        if session.uid and env is not None:
            session.session_token = compute_session_token(session, env)
        session.should_rotate = False
        self.save(session)

    def vacuum(self, max_lifetime: int = SESSION_LIFETIME) -> int:
        """Remove the sessions untouched for ``max_lifetime`` seconds; returns how many."""
        deadline = time.time() - max_lifetime
        removed = 0
        for filename in glob.iglob(os.path.join(self.path, '*', '*')):
            with contextlib.suppress(OSError):
                if os.path.getmtime(filename) < deadline:
                    os.unlink(filename)
                    removed += 1
        return removed
