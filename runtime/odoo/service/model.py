"""The ``object`` service of the external API (``execute_kw``) and the rules
of calling model methods remotely: only public methods, recordsets built
from the ids given for record methods, one transaction per call, retried
on serialisation failures."""
from __future__ import annotations

import inspect
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from psycopg2 import Error as PgError
from psycopg2 import IntegrityError, OperationalError, errors

from ..api import Environment
from ..exceptions import AccessError, UserError, ValidationError
from ..models import BaseModel
from ..modules.registry import Registry
from ..tools.func import lazy
from . import security, signaling

_logger = logging.getLogger(__name__)

# PostgreSQL errors that a new attempt of the same transaction may not meet.
PG_CONCURRENCY_EXCEPTIONS_TO_RETRY = (errors.LockNotAvailable, errors.SerializationFailure,
                                      errors.DeadlockDetected)
MAX_TRIES_ON_CONCURRENCY_FAILURE = 5

# The BaseModel methods Odoo 18 marks @api.private: recordset plumbing that a
# remote client has no business calling (refused even where the runtime's
# ORM lacks the tag).
PRIVATE_BASE_METHODS = frozenset((
    'concat', 'ensure_one', 'filtered', 'filtered_domain', 'flush_model', 'flush_recordset', 'grouped',
    'init', 'invalidate_model', 'invalidate_recordset', 'mapped', 'new', 'sorted', 'sudo', 'union',
    'with_company', 'with_context', 'with_env', 'with_prefetch', 'with_user',
))


def get_public_method(model: Any, name: str) -> Callable:
    """The method ``name`` of ``model``'s class when it may be called remotely.

    :raises AttributeError: no such method
    :raises AccessError: the name starts with ``_`` or some class of the
        hierarchy marks it ``@api.private``
    """
    if not isinstance(model, BaseModel):
        raise TypeError(f"{model!r} is not a model (looking up method {name!r})")
    cls = type(model)
    method = getattr(cls, name, None)
    if not callable(method):
        raise AttributeError(f"The method '{model._name}.{name}' does not exist")
    private = name.startswith('_') or name in PRIVATE_BASE_METHODS or any(
        getattr(getattr(klass, name, None), '_api_private', False) for klass in cls.mro())
    if private:
        raise AccessError(f"Private methods (such as '{model._name}.{name}') cannot be called remotely.")
    return method


_TRAITS_CACHE: dict[tuple[type, str], tuple[str | None, tuple | None]] = {}


def _method_traits(cls: type, name: str) -> tuple[str | None, tuple | None]:
    """``(api kind, returns spec)`` of method ``name`` of model class ``cls``:
    the nearest definitions along the hierarchy, so that an override that
    forgot the decorators keeps those of the method it overrides."""
    key = (cls, name)
    traits = _TRAITS_CACHE.get(key)
    if traits is None:
        kind = spec = None
        for klass in cls.mro():
            function = klass.__dict__.get(name)
            if function is None:
                continue
            kind = kind or getattr(function, '_api', None)
            spec = spec or getattr(function, '_returns', None)
            if kind and spec:
                break
        traits = _TRAITS_CACHE[key] = (kind, spec)
    return traits


def _downgrade(spec: tuple | None, value: Any, records: Any, args: Sequence, kwargs: Mapping) -> Any:
    """A result in the shape a remote caller expects: ``@api.returns``
    conversion, and record ids for any recordset left."""
    if spec:
        _model, convert, _upgrade = spec
        if convert is None:
            return value.ids if isinstance(value, BaseModel) else value
        if len(inspect.signature(convert).parameters) > 1:
            return convert(records, value, *args, **kwargs)
        return convert(value)
    if isinstance(value, BaseModel):
        return value.ids
    return value


def call_kw(model: Any, name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
    """Call method ``name`` as a remote client means it: ``@api.model`` methods
    on the model, the others on the records whose ids are ``args[0]``; the
    ``context`` keyword becomes the records' context."""
    if not callable(getattr(model, name, None)):
        raise AttributeError(f"The method '{name}' does not exist on the model '{model._name}'")
    kind, spec = _method_traits(type(model), name)
    args = list(args)
    if kind:
        records = model
    else:
        if not args:
            raise TypeError(f"{model._name}.{name}() acts on records: its first argument must be "
                            f"the list of record ids")
        records = model.browse(args.pop(0))
    options = dict(kwargs)
    context = options.pop('context', None) or {}
    records = records.with_context(context)
    result = getattr(records, name)(*args, **options)
    if kind == 'model_create':
        return result.id if args and isinstance(args[0], Mapping) else result.ids
    return _downgrade(spec, result, records, args, options)


_PLAIN_TYPES = frozenset((str, int, float, bool, type(None), bytes))


def _resolve_lazies(value: Any) -> None:
    """Evaluate the lazy values (``_lt`` terms...) inside ``value`` while the
    cursor is open; a loop over the containers, cheap on plain rows."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _PLAIN_TYPES:
            continue
        if kind is dict or (isinstance(item, Mapping) and not isinstance(item, BaseModel)):
            for key, inner in item.items():
                if type(key) not in _PLAIN_TYPES:
                    pending.append(key)
                if type(inner) not in _PLAIN_TYPES:
                    pending.append(inner)
        elif isinstance(item, lazy):
            item._value  # noqa: B018
        elif isinstance(item, (list, tuple)):
            pending.extend(inner for inner in item if type(inner) not in _PLAIN_TYPES)


def execute_cr(cr: Any, uid: int, obj: str, method: str, *args: Any, **kw: Any) -> Any:
    cr.reset()
    env = Environment(cr, uid, {})
    if obj not in env:
        raise UserError(f"Object {obj} doesn't exist")
    records = env[obj]
    get_public_method(records, method)
    result = retrying(lambda: call_kw(records, method, args, kw), env)
    # lazy values need the cursor: resolve them before it closes
    _resolve_lazies(result)
    return result


def execute(db: str, uid: int, obj: str, method: str, *args: Any, **kw: Any) -> Any:
    with Registry(db).cursor() as cr:
        result = execute_cr(cr, uid, obj, method, *args, **kw)
        if result is None:
            _logger.info("%s.%s returned None, which XML-RPC cannot carry", obj, method)
        return result


def execute_kw(db: str, uid: int, obj: str, method: str, args: Sequence[Any], kw: Mapping | None = None) -> Any:
    return execute(db, uid, obj, method, *args, **(kw or {}))


def _call_arguments(method: str, params: Sequence[Any]) -> tuple[str, str, tuple, dict]:
    """``(model, method, args, kwargs)`` of an ``execute``/``execute_kw`` call."""
    if method == 'execute_kw':
        if len(params) not in (6, 7):
            raise TypeError("execute_kw takes (db, uid, password, model, method, args[, kwargs]), "
                            f"got {len(params)} argument(s)")
        return params[3], params[4], tuple(params[5]), dict(params[6] if len(params) > 6 and params[6] else {})
    if method == 'execute':
        if len(params) < 5:
            raise TypeError(f"execute takes (db, uid, password, model, method, *args), got {len(params)} argument(s)")
        return params[3], params[4], tuple(params[5:]), {}
    raise NameError(f"Method not available {method}")


def dispatch(method: str, params: Sequence[Any]) -> Any:
    """``execute_kw(db, uid, password, model, method, args[, kwargs])`` and
    ``execute(db, uid, password, model, method, *args)``, in one transaction."""
    if len(params) < 3:
        raise TypeError(f"object.{method} needs at least (db, uid, password), got {len(params)} argument(s)")
    db, uid, passwd = params[0], int(params[1]), params[2]
    registry = Registry(db)
    with registry.cursor() as cr:
        # another process may have changed passwords or rights: catch up first
        registry = signaling.check(registry, cr)
        security.check(db, uid, passwd)
        thread = threading.current_thread()
        thread.dbname = db
        thread.uid = uid
        model_name, method_name, args, kwargs = _call_arguments(method, params)
        result = execute_cr(cr, uid, model_name, method_name, *args, **kwargs)
        if result is None:
            _logger.info("%s.%s returned None, which XML-RPC cannot carry", model_name, method_name)
        return result


def _as_validation_error(env: Any, exc: IntegrityError) -> ValidationError:
    """A constraint violation explained in terms of the model and field."""
    diag = exc.diag
    model_name = field_name = None
    for name, cls in env.registry.items():
        if getattr(cls, '_table', None) == diag.table_name:
            model_name = name
            field = cls._fields.get(diag.column_name) if diag.column_name else None
            field_name = field.name if field else diag.column_name
            break
    model_label = model_name or diag.table_name or 'unknown'
    if isinstance(exc, errors.NotNullViolation):
        return ValidationError(
            f"The operation cannot be completed: the field {field_name or diag.column_name!r} of "
            f"{model_label} is required (creating or updating a record without it, or deleting a "
            f"record another one requires; archive it instead).")
    if isinstance(exc, errors.ForeignKeyViolation):
        return ValidationError(
            f"The operation cannot be completed: another model requires the record being deleted "
            f"({model_label}, constraint {diag.constraint_name}). If possible, archive it instead.")
    return ValidationError(f"The operation cannot be completed: {diag.message_primary or exc.args[0]}")


def _reset_env(env: Any) -> None:
    env.transaction.reset()
    env.registry.reset_changes()


def retrying(func: Callable[[], Any], env: Any) -> Any:
    """Run ``func`` in ``env``'s transaction and commit; on a serialisation
    failure, a deadlock or a lock not obtained, roll back and run it again
    (up to 5 tries, after a random pause); a constraint violation becomes a
    ``ValidationError``. Any error leaves the transaction rolled back."""
    try:
        for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                result = func()
                if not env.cr.closed:
                    env.cr.flush()
                break
            except (IntegrityError, OperationalError) as exc:
                if env.cr.closed:
                    raise
                env.cr.rollback()
                _reset_env(env)
                _rewind_request()
                if isinstance(exc, IntegrityError):
                    raise _as_validation_error(env, exc) from exc
                if not isinstance(exc, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                    raise
                left = MAX_TRIES_ON_CONCURRENCY_FAILURE - attempt
                if not left:
                    _logger.info("%s: giving up after %d tries", type(exc).__name__, attempt)
                    raise
                pause = random.uniform(0.0, 2 ** attempt)
                _logger.info("%s: %d tries left, next in %.3f s", type(exc).__name__, left, pause)
                time.sleep(pause)
    except Exception as exc:
        if isinstance(exc, PgError) and not env.cr.closed:
            # an aborted transaction accepts nothing more, not even the error page's reads
            env.cr.rollback()
        _reset_env(env)
        raise
    if not env.cr.closed:
        env.cr.commit()
    signaling.signal(env.registry)
    return result


def _rewind_request() -> None:
    """Before another attempt: reload the session and rewind uploaded files."""
    from ..httpd.local import request
    if not request:
        return
    request.session = request._get_session_and_dbname()[0]
    for name, upload in request.httprequest.files.items():
        if hasattr(upload, 'seekable') and upload.seekable():
            upload.seek(0)
        else:
            raise RuntimeError(f"cannot retry the request: its uploaded file {name!r} cannot be read again")
