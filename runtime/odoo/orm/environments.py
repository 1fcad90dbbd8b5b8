"""``Environment`` (cursor, user, context and superuser flag), the
``Transaction`` its environments share, the record ``Cache`` and ``NewId``."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from weakref import WeakSet

_logger = logging.getLogger(__name__)

SUPERUSER_ID = 1


class frozendict(dict):
    """An immutable dictionary, as the contexts of environments."""

    def _readonly(self, *args, **kwargs):
        raise NotImplementedError("'frozendict' object is immutable")

    __delitem__ = __setitem__ = clear = pop = popitem = setdefault = update = _readonly

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((key, _freeze(val)) for key, val in self.items()))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return frozenset((key, _freeze(val)) for key, val in value.items())
    if isinstance(value, (list, set)):
        return tuple(_freeze(val) for val in value)
    return value


class NewId:
    """The id of a record not in the database yet (``model.new()``)."""

    __slots__ = ('_hash', 'origin', 'ref')

    def __init__(self, origin: int | None = None, ref: Any = None) -> None:
        self.origin = origin
        self.ref = ref
        # consistent with __eq__: origin first, then reference, else identity
        if origin:
            self._hash = hash(origin)
        else:
            self._hash = hash(ref) if ref else id(self) >> 4

    def __bool__(self) -> bool:
        return False

    def _identity(self) -> Any:
        # two new ids are the same record when they share an origin or a reference
        return ('origin', self.origin) if self.origin else (('ref', self.ref) if self.ref else ('obj', id(self)))

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, NewId):
            return False
        if self.origin or other.origin:
            return self.origin == other.origin and bool(self.origin)
        return bool(self.ref) and self.ref == other.ref

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        kind, value = self._identity()
        return f"<NewId {kind}={value!r}>" if kind != 'obj' else f"<NewId 0x{value:x}>"

    def __str__(self) -> str:
        kind, value = self._identity()
        return f"NewId_{value}" if kind != 'obj' else f"NewId_0x{value:x}"


class Cache:
    """Field values of records, per field and id; context-dependent fields
    have one dict per context key.  ``_dirty`` lists the ids whose stored
    value is still to be written to the database."""

    def __init__(self) -> None:
        self._data: defaultdict = defaultdict(dict)
        self._dirty: defaultdict = defaultdict(set)

    def _field_values(self, model, field) -> dict:
        """The dict id -> cache value of ``field`` in the context of ``model``."""
        per_field = self._data[field]
        if not field.depends_context:
            return per_field
        key = field.cache_key(model.env)
        values = per_field.get(key)
        if values is None:
            values = per_field[key] = {}
        return values

    def _every_values(self, field) -> list[dict]:
        stored = self._data.get(field)
        if not stored:
            return []
        return list(stored.values()) if field.depends_context else [stored]

    def contains(self, record, field) -> bool:
        return record.id in self._field_values(record, field)

    def contains_field(self, field) -> bool:
        return bool(self._data.get(field))

    def get(self, record, field, default: Any = ...) -> Any:
        values = self._field_values(record, field)
        rid = record._ids[0]
        if rid in values:
            return values[rid]
        if default is ...:
            from ..exceptions import CacheMiss
            raise CacheMiss(record, field)
        return default

    def set(self, record, field, value: Any, dirty: bool = False) -> None:
        rid = record._ids[0]
        self._field_values(record, field)[rid] = value
        if dirty:
            self._dirty[field].add(rid)

    def update(self, records, field, values: Iterable, dirty: bool = False) -> None:
        self._field_values(records, field).update(zip(records._ids, values))
        if dirty:
            self._dirty[field].update(rid for rid in records._ids if isinstance(rid, int))

    def insert_missing(self, records, field, values: Iterable) -> None:
        """Set values only where the cache has none (never override a pending write)."""
        target = self._field_values(records, field)
        for rid, value in zip(records._ids, values):
            if rid not in target:
                target[rid] = value

    def remove(self, record, field) -> None:
        self._field_values(record, field).pop(record.id, None)

    def get_values(self, records, field) -> Iterator:
        known = self._field_values(records, field)
        return (known[rid] for rid in records._ids if rid in known)

    def get_missing_ids(self, records, field) -> Iterator:
        known = self._field_values(records, field)
        return (rid for rid in records._ids if rid not in known)

    def get_fields(self, record) -> Iterator:
        rid = record.id
        return (fld for fname, fld in record._fields.items()
                if fname != 'id' and rid in self._field_values(record, fld))

    def get_records(self, model, field) -> Any:
        return model.browse(list(self._field_values(model, field)))

    def invalidate(self, spec: Iterable[tuple] | None = None) -> None:
        """Drop values: all of them, or for ``(field, ids or None)`` pairs;
        dirty values are kept (they are flushed before invalidation)."""
        if spec is None:
            # dirty fields are never context-dependent: their cache is one dict
            kept = {}
            for fld, pending in self._dirty.items():
                if pending:
                    current = self._data.get(fld, {})
                    kept[fld] = {rid: current[rid] for rid in pending if rid in current}
            self._data.clear()
            for fld, values in kept.items():
                self._data[fld].update(values)
            return
        for fld, ids in spec:
            pending = self._dirty.get(fld) or ()
            for values in self._every_values(fld):
                if ids is not None:
                    for rid in ids:
                        if rid not in pending:
                            values.pop(rid, None)
                elif pending:
                    survivors = {rid: values[rid] for rid in pending if rid in values}
                    values.clear()
                    values.update(survivors)
                else:
                    values.clear()

    def clear(self) -> None:
        self._data.clear()
        self._dirty.clear()

    def has_dirty_fields(self, records, fields=None) -> bool:
        wanted = set(records._ids)
        return any(fld.model_name == records._name and (fields is None or fld in fields)
                   and not wanted.isdisjoint(pending)
                   for fld, pending in self._dirty.items())

    def get_dirty_fields(self) -> list:
        return [fld for fld, pending in self._dirty.items() if pending]

    def get_dirty_records(self, model, field):
        return model.browse(sorted(self._dirty.get(field, ())))

    def clear_dirty_field(self, field) -> set:
        return self._dirty.pop(field, set())


class Transaction:
    """What the environments of one cursor share: registry, cache, the
    pending recomputations and the protected fields."""

    def __init__(self, registry) -> None:
        self.registry = registry
        self.envs: WeakSet = WeakSet()
        self.default_env: Environment | None = None
        self.cache = Cache()
        self.protected: dict = {}
        self.tocompute: defaultdict = defaultdict(set)
        # model name -> ids reserved by a create whose rows are not inserted yet
        self.reserved: dict = {}

    def flush(self) -> None:
        env = self.default_env
        if env is None:
            env = next(iter(self.envs), None)
        if env is not None:
            env.flush_all()

    def clear(self) -> None:
        self.cache.clear()
        self.tocompute.clear()

    def reset(self) -> None:
        """Forget everything and follow the current registry of the database
        (it may have been rebuilt by an install since this transaction began)."""
        self.clear()
        from .registry import Registry
        current = Registry.registries.get(self.registry.db_name)
        if current is not None and current is not self.registry:
            self.registry = current
            for env in self.envs:
                env.registry = current
        for env in self.envs:
            env._cache_key.clear()


class Environment(Mapping):
    """The current cursor, user, context and superuser mode; ``env[model]``
    gives an empty recordset of that model."""

    def __new__(cls, cr, uid: int, context: Mapping | None, su: bool = False, uid_origin: int | None = None):
        assert context is not None
        uid = int(uid) if uid is not None else None
        uid_origin = uid_origin or (uid if isinstance(uid, int) else None)
        # as Odoo: the superuser is no origin; the next user switched to becomes it
        if uid_origin == SUPERUSER_ID:
            uid_origin = None
        transaction = getattr(cr, 'transaction', None)
        if transaction is None:
            from .registry import Registry
            # the first environment of a cursor opens its transaction state
            transaction = Transaction(Registry(cr.dbname))
            cr.transaction = transaction
        for env in transaction.envs:
            if env.cr is cr and env.uid == uid and env.su == su and env.context == context \
                    and env.uid_origin == uid_origin:
                return env
        self = object.__new__(cls)
        self.cr = cr
        self.uid = uid
        self.context = frozendict(context)
        self.su = su or uid == SUPERUSER_ID
        self.uid_origin = uid_origin
        self.transaction = transaction
        self.registry, self.cache, self._protected = transaction.registry, transaction.cache, transaction.protected
        self._cache_key: dict = {}
        self._sudo_envs: dict = {}
        transaction.envs.add(self)
        if transaction.default_env is None:
            transaction.default_env = self
        return self

    def __reduce__(self):
        raise NotImplementedError("Environments cannot be pickled")

    # Mapping protocol over model names
    def __contains__(self, model_name: object) -> bool:
        return model_name in self.registry

    def __getitem__(self, model_name: str):
        try:
            model_class = self.registry[model_name]
        except KeyError:
            raise KeyError(model_name) from None
        return model_class(self, (), ())

    def __iter__(self) -> Iterator[str]:
        return iter(self.registry)

    def __len__(self) -> int:
        return len(self.registry)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return object.__hash__(self)

    def __repr__(self) -> str:
        return f"<Environment {self.cr.dbname!r} uid={self.uid} su={self.su}>"

    def __call__(self, cr=None, user=None, context: Mapping | None = None, su: bool | None = None) -> Environment:
        if su is None:
            # switching user leaves superuser mode unless asked otherwise
            su = self.su if user is None else False
        return Environment(
            self.cr if cr is None else cr,
            self.uid if user is None else int(user),
            self.context if context is None else context,
            su,
            self.uid_origin,
        )

    def _sudo_env(self, flag: bool) -> Environment:
        """``self(su=flag)``, remembered: ``sudo()`` is called all the time."""
        env = self._sudo_envs.get(flag)
        if env is None:
            env = self._sudo_envs[flag] = self(su=flag)
        return env

    # ------------------------------------------------------------------
    # user, company, language
    # ------------------------------------------------------------------

    # user, company and language are computed once per environment (an
    # environment never changes; switching anything gives another one)

    def _memo(self, key: str, compute):
        memo = self._cache_key
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    @property
    def user(self):
        try:
            return self._cache_key['user']
        except KeyError:
            return self._memo('user', lambda: self(su=True)['res.users'].browse(self.uid))

    def _allowed_company_ids(self) -> list[int]:
        company_ids = list(self.context.get('allowed_company_ids') or [])
        if company_ids and not self.su:
            user = self.user
            user_company_ids = user._get_company_ids() if hasattr(user, '_get_company_ids') else user.company_ids.ids
            unauthorized = set(company_ids) - set(user_company_ids)
            if unauthorized:
                from ..exceptions import AccessError
                raise AccessError(f"Access to unauthorized or invalid companies {sorted(unauthorized)} "
                                  f"(user {self.uid}).")
        return company_ids

    @property
    def company(self):
        """The current company: first of ``allowed_company_ids``, else the user's."""
        try:
            return self._cache_key['company']
        except KeyError:
            pass

        def compute():
            chosen = self._allowed_company_ids()[:1] or self.user.company_id.ids
            return self['res.company'].browse(chosen)
        return self._memo('company', compute)

    @property
    def companies(self):
        """The companies enabled in the context, else all the user's."""
        def compute():
            chosen = self._allowed_company_ids() or self.user.company_ids.ids
            return self['res.company'].browse(chosen)
        return self._memo('companies', compute)

    @property
    def lang(self) -> str | None:
        """The context's language if it is active, else None (meaning en_US)."""
        def compute():
            lang = self.context.get('lang')
            if lang and lang != 'en_US' and 'res.lang' in self.registry:
                Lang = self['res.lang']
                if hasattr(Lang, '_get_data') and not Lang._get_data(code=lang):
                    return None
            return lang or None
        return self._memo('lang', compute)

    def _cache_key_value(self, key: str, field) -> Any:
        """The value of context key ``key`` in the cache key of ``field``."""
        if key == 'lang':
            return self.lang or 'en_US'
        if key == 'uid':
            return (self.uid, self.su)
        if key == 'active_test':
            return self.context.get('active_test', field.context.get('active_test', True)) \
                if isinstance(getattr(field, 'context', None), dict) else self.context.get('active_test', True)
        if key == 'company':
            return self.company.id if 'res.company' in self.registry else None
        value = self.context.get(key)
        try:
            hash(value)
        except TypeError:
            value = repr(value)
        return value

    def _(self, source: str, *args: Any, **kwargs: Any) -> str:
        """``source`` translated into this environment's language (module of the caller)."""
        from ..tools import translate
        module = translate.get_translated_module(2)
        return translate.get_translation(module, self.lang or 'en_US', source, args or kwargs)

    def ref(self, xml_id: str, raise_if_not_found: bool = True):
        """The record of external id ``module.name``."""
        try:
            res_model, res_id = self['ir.model.data']._xmlid_lookup(xml_id)[:2]
        except ValueError:
            if raise_if_not_found:
                raise
            return None
        if res_model and res_id:
            if target := self[res_model].browse(res_id).exists():
                return target
            if raise_if_not_found:
                raise ValueError(f"No record found for unique ID {xml_id}. It may have been deleted.")
        return None

    def is_superuser(self) -> bool:
        return self.su

    def is_admin(self) -> bool:
        # superuser mode counts as admin without asking the groups
        return True if self.su else self.user._is_admin()

    def is_system(self) -> bool:
        return True if self.su else self.user._is_system()

    # ------------------------------------------------------------------
    # flush, invalidate, recomputation
    # ------------------------------------------------------------------

    def flush_all(self) -> None:
        """Recompute what is pending and write every dirty value to the database."""
        self._recompute_all()
        for _ in range(100):
            dirty = self.cache.get_dirty_fields()
            if not dirty:
                return
            model_names = list(dict.fromkeys(field.model_name for field in dirty))
            for model_name in model_names:
                self[model_name].flush_model()
            self._recompute_all()

    def _recompute_all(self) -> None:
        for _ in range(1000):
            tocompute = self.transaction.tocompute
            # pending new records are computed when read, never by a flush
            field = next((field for field, ids in tocompute.items() if any(isinstance(id_, int) for id_ in ids)), None)
            if field is None:
                return
            self[field.model_name]._recompute_model([field.name])
        raise RecursionError("Recomputation of stored fields does not terminate")

    def flush_query(self, query) -> None:
        """Flush the fields a query reads (``SQL.to_flush``)."""
        fields = getattr(query, 'to_flush', None) or ()
        by_model: dict = defaultdict(list)
        for field in fields:
            by_model[field.model_name].append(field.name)
        for model_name, fnames in by_model.items():
            self[model_name].flush_model(fnames)

    def execute_query(self, query) -> list[tuple]:
        """Flush what ``query`` reads, run it and return its rows."""
        self.flush_query(query)
        self.cr.execute(query)
        has_rows = self.cr.description is not None
        return self.cr.fetchall() if has_rows else []

    def execute_query_dict(self, query) -> list[dict]:
        rows = self.execute_query(query)
        names = [col[0] for col in self.cr.description or ()]
        return [dict(zip(names, row)) for row in rows]

    def invalidate_all(self, flush: bool = True) -> None:
        if flush:
            self.flush_all()
        self.cache.invalidate()

    def _is_to_compute(self, field, record_id) -> bool:
        ids = self.transaction.tocompute.get(field)
        return bool(ids) and record_id in ids

    def is_to_compute(self, field, record) -> bool:
        return self._is_to_compute(field, record.id)

    def fields_to_compute(self) -> list:
        return [field for field, ids in self.transaction.tocompute.items() if ids]

    def records_to_compute(self, field):
        pending = self.transaction.tocompute.get(field) or ()
        return self[field.model_name].browse(tuple(pending))

    def add_to_compute(self, field, records) -> None:
        if not records:
            return
        pending = self.transaction.tocompute[field]
        pending.update(records._ids)

    def remove_to_compute(self, field, records) -> None:
        by_field = self.transaction.tocompute
        pending = by_field.get(field)
        if not pending:
            return
        pending.difference_update(records._ids)
        if not pending:
            by_field.pop(field)

    @contextmanager
    def norecompute(self):
        yield

    @contextmanager
    def protecting(self, what, records=None):
        """Within this block, assigning the given fields on ``records`` only
        fills the cache (and marks stored values dirty), with no business logic."""
        protected = self._protected
        saved = {}
        try:
            if records is not None:
                what = [(what, records)]
            for fields, recs in what:
                ids = set(recs._ids)
                for field in fields:
                    if field not in saved:
                        saved[field] = protected.get(field)
                    current = protected.get(field)
                    protected[field] = (current | ids) if current else ids
            yield
        finally:
            for field, value in saved.items():
                if value is None:
                    protected.pop(field, None)
                else:
                    protected[field] = value

    def protected(self, field):
        return self[field.model_name].browse(tuple(self._protected.get(field, ())))

    def is_protected(self, field, record) -> bool:
        protected_ids = self._protected.get(field) or ()
        return record.id in protected_ids

    def clear(self) -> None:
        self.transaction.clear()

    def reset(self) -> None:
        self.transaction.reset()
