"""``Field``: the descriptor every model field derives from.

A field declared in a class body is a *definition*; each registry builds its
own field objects from all the definitions of a name along ``_inherit``
(``_setup_attrs``) and resolves relations, related paths and dependencies
(``setup``).  Values live in the environment's cache in "cache format"; the
``convert_to_*`` methods translate between cache, record, column (SQL
parameter), read (RPC) and write (``create``/``write`` argument) formats.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from ..exceptions import AccessError, MissingError, UserError
from .environments import NewId

_logger = logging.getLogger(__name__)

Default = object()          # marks an argument the caller did not give
_sequence = itertools.count()


def determine(needle: str | Callable, records, *args):
    """Call a method given by name or as a function on ``records``."""
    if isinstance(needle, str):
        return getattr(records, needle)(*args)
    return needle(records, *args)


def first(records):
    """The first record of ``records``, or an empty recordset."""
    return records[:1]


def _jsonable(value: Any) -> Any:
    """A column value as JSON can hold it (dates as ISO strings)."""
    if hasattr(value, 'isoformat'):
        return value.isoformat(sep=' ') if hasattr(value, 'hour') else value.isoformat()
    return value


class Field:
    """Base descriptor of model fields; its subclasses give the types."""

    type: str | None = None
    column_type: tuple[str, str] | None = None   # (pg udt_name, SQL type)
    column_cast_from: tuple[str, ...] = ()        # column types PostgreSQL can convert from
    relational = False
    translate: bool | Callable = False
    write_sequence = 0                            # order of writes in create/write

    # defaults of the attributes
    string = None
    help = None
    readonly = False
    required = False
    groups = None
    index = None
    copy = True
    store = True
    compute = None
    compute_sudo = True
    precompute = False
    inverse = None
    search = None
    related = None
    related_sudo = True
    company_dependent = False
    depends = None
    depends_context = None
    change_default = False
    prefetch = True
    default = None
    manual = False
    inherited = False
    inherited_field = None
    recursive = False
    default_export_compatible = False
    exportable = True
    aggregator = None
    group_expand = None
    tracking = None
    check_company = False
    _module = None
    _modules = ()

    _related_attrs: tuple[str, ...] = ('string', 'help', 'groups', 'aggregator')

    # shortcuts of ``__get__``: whether the record value is the cache value
    # (None read as False), set per class; whether the field is computed and
    # stored (its cached value may wait for a recomputation), set at setup
    _plain_record = True
    _stored_compute = False
    # the Python class whose true values the cache and the column take as they
    # are, so that create() calls no conversion for them (None: always convert);
    # set at setup from _unchanged_class
    _cache_passthrough = None
    _column_passthrough = None

    # type name -> the class that type name means (``ir.model.fields`` builds
    # custom fields from their ``ttype`` with it)
    by_type: dict[str, type[Field]] = {}
    _type_variant = False       # a specialised class sharing its type's name (Id, Image)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._plain_record = cls.convert_to_record is Field.convert_to_record
        ftype = cls.__dict__.get('type')
        if ftype and not cls.__dict__.get('_type_variant') and ftype not in Field.by_type:
            Field.by_type[ftype] = cls

    @property
    def validated_in_cache(self) -> bool:
        """Whether validating a value changes it (rounding, cleaning), so that
        the cache of new rows must hold the validated value."""
        return False

    def __init__(self, string: Any = Default, **kwargs: Any) -> None:
        if string is not Default:
            kwargs['string'] = string
        # old aliases still found in addons
        if 'group_operator' in kwargs:
            kwargs['aggregator'] = kwargs.pop('group_operator')
        self.args = {key: val for key, val in kwargs.items() if val is not Default}
        self._sequence = next(_sequence)
        self._base_fields: tuple[Field, ...] = ()
        self.name: str | None = None
        self.model_name: str | None = None

    def __set_name__(self, owner, name: str) -> None:
        self.name = name
        self.model_name = getattr(owner, '_name', None)
        module = getattr(owner, '_module', None)
        if module:
            self._module = module

    def new(self, **kwargs: Any) -> Field:
        """A fresh field of the same type built from this definition plus ``kwargs``."""
        field = type(self)(**kwargs)
        return field

    def __repr__(self) -> str:
        if self.name is None:
            return f"<{type(self).__name__}>"
        return f"{self.model_name}.{self.name}"

    def __str__(self) -> str:
        return self.__repr__()

    # ------------------------------------------------------------------
    # setup
    # ------------------------------------------------------------------

    def _get_attrs(self, model_class, name: str) -> dict:
        """The merged attributes of all definitions of this field."""
        attrs: dict = {}
        modules = []
        for field in self._base_fields:
            if not isinstance(self, type(field)):
                attrs.clear()
                modules.clear()
            attrs.update(field.args)
            if field._module:
                modules.append(field._module)
        attrs.update(self.args)
        attrs['model_name'] = model_class._name
        attrs['name'] = name
        attrs['_module'] = modules[-1] if modules else getattr(model_class, '_module', None)
        attrs['_modules'] = tuple(dict.fromkeys(modules))
        # implicit consequences of computed/related fields
        if attrs.get('compute'):
            attrs.setdefault('store', False)
            attrs.setdefault('readonly', not attrs.get('inverse'))
            attrs.setdefault('copy', False)
            attrs['compute_sudo'] = attrs.get('compute_sudo', attrs.get('store', False))
        if attrs.get('related'):
            attrs.setdefault('store', False)
            attrs.setdefault('readonly', True)
            attrs.setdefault('copy', False)
            attrs.setdefault('compute_sudo', attrs.get('related_sudo', True))
            attrs['compute'] = self._compute_related
            # as in Odoo, a read-only related field (stored or not) writes nothing back
            if attrs.get('inherited') or not attrs['readonly']:
                attrs['inverse'] = self._inverse_related
            attrs.setdefault('search', self._search_related)
        if attrs.get('company_dependent'):
            attrs.setdefault('copy', False)
        if 'default' in attrs and not callable(attrs['default']):
            value = attrs['default']
            attrs['default'] = lambda model, value=value: value
        if not attrs.get('string'):
            attrs['string'] = self._default_string(name)
        if attrs.get('depends_context'):
            attrs['depends_context'] = tuple(attrs['depends_context'])
        return attrs

    @staticmethod
    def _default_string(name: str) -> str:
        if name.endswith('_ids'):
            name = name[:-4]
        elif name.endswith('_id'):
            name = name[:-3]
        return name.replace('_', ' ').strip().title() if name != 'id' else 'ID'

    def _setup_attrs(self, model_class, name: str) -> None:
        """Set the attributes of this registry field from its definitions."""
        self.__dict__.update(self._get_attrs(model_class, name))
        if self.company_dependent and not isinstance(getattr(type(self), 'column_type', None), property):
            # one value per company, in a jsonb column
            self.column_type = ('jsonb', 'jsonb')
        if self.compute and not isinstance(self.compute, str) and not callable(self.compute):
            raise TypeError(f"Field {self}: invalid compute {self.compute!r}")
        self._stored_compute = bool(self.compute and self.store)

    def prepare_setup(self) -> None:
        self._setup_done = False

    def setup(self, model) -> None:
        """Complete the field once all the fields of all models exist."""
        if getattr(self, '_setup_done', False):
            return
        if self.related:
            self._setup_related(model)
        else:
            self._setup_regular(model)
        # values of translated and company-dependent fields differ per language / company
        if self.translate and 'lang' not in (self.depends_context or ()):
            self.depends_context = ('lang',) + tuple(self.depends_context or ())
        if self.company_dependent and 'company' not in (self.depends_context or ()):
            self.depends_context = ('company',) + tuple(self.depends_context or ())
        self._stored_compute = bool(self.compute and self.store)
        if not self.company_dependent and type(self).convert_to_column_insert is Field.convert_to_column_insert:
            # the INSERT of each created row converts each value through this:
            # outside company-dependent fields it is the column conversion itself
            self.convert_to_column_insert = self.convert_to_column
        if not self.company_dependent:
            self._cache_passthrough = self._unchanged_class(column=False)
            self._column_passthrough = self._unchanged_class(column=True)
        self._setup_done = True

    def _unchanged_class(self, column: bool) -> type | None:
        """The class whose true values convert_to_cache (``column``: convert_to_column)
        returns unchanged, if any."""
        return None

    def _setup_regular(self, model) -> None:
        if self.depends is None and self.compute:
            method = self.compute
            if isinstance(method, str):
                method = getattr(type(model), method, None)
                if method is None:
                    raise AttributeError(f"Field {self}: compute method {self.compute!r} does not exist")
            deps = getattr(method, '_depends', ())
            self.depends = tuple(deps(model) if callable(deps) else deps)
            ctx = getattr(method, '_depends_context', ())
            if ctx:
                self.depends_context = tuple(dict.fromkeys((self.depends_context or ()) + tuple(ctx)))

    def _setup_related(self, model) -> None:
        """Resolve a related field: its target field and the copied attributes."""
        path = self.related.split('.') if isinstance(self.related, str) else list(self.related)
        self.related = '.'.join(path)
        target = model
        field = None
        for index, name in enumerate(path):
            field = target._fields.get(name)
            if field is None:
                raise KeyError(f"Field {name!r} referenced in related field definition {self} does not exist.")
            if not field._setup_done_safe():
                field.setup(target)
            if index < len(path) - 1:
                if not field.relational:
                    raise TypeError(f"Related field {self}: {field} is not relational")
                target = target.env[field.comodel_name]
        if field.type != self.type:
            raise TypeError(f"Type of related field {self} is inconsistent with {field}")
        self.related_field = field
        self.depends = (self.related,)
        for attr in self._related_attrs:
            if attr not in self._explicit_attrs():
                setattr(self, attr, getattr(field, attr, None))
        if self.inherited and not hasattr(self, '_explicit_required'):
            self.required = field.required
        # a related field on a translated field reads the current language too
        if getattr(field, 'translate', False) and 'translate' not in self._explicit_attrs():
            self.translate = field.translate
        if field.depends_context:
            self.depends_context = tuple(dict.fromkeys((self.depends_context or ()) + field.depends_context))
        if not self.inherited and (self.related_sudo is False):
            self.compute_sudo = False

    def _explicit_attrs(self) -> set:
        keys: set = set()
        for field in self._base_fields:
            keys.update(field.args)
        keys.update(self.args)
        return keys

    def _setup_done_safe(self) -> bool:
        return getattr(self, '_setup_done', False)

    # ------------------------------------------------------------------
    # related fields
    # ------------------------------------------------------------------

    def _traverse_related(self, record):
        """The record holding the target field of ``record`` (or empty), and the field."""
        path = self.related.split('.')
        for name in path[:-1]:
            record = first(record[name])
        return record, self.related_field

    def _compute_related(self, records) -> None:
        # prefetch each step of the path over all the records at once
        for record in records:
            target, field = self._traverse_related(record.sudo() if self.compute_sudo else record)
            value = target[field.name] if target else field.convert_to_record(field.convert_to_cache(False, target, validate=False), target)
            if self.relational and hasattr(value, 'with_env'):
                value = value.with_env(record.env)
            record[self.name] = value

    def _inverse_related(self, records) -> None:
        for record in records:
            target, field = self._traverse_related(record)
            if target:
                target[field.name] = self.convert_to_write(record[self.name], record) if self.relational else record[self.name]

    def _search_related(self, records, operator: str, value: Any) -> list:
        return [(self.related, operator, value)]

    # ------------------------------------------------------------------
    # value conversions (overridden by the types)
    # ------------------------------------------------------------------

    def _wrong_value(self, value: Any, exc: Exception | None = None) -> ValueError:
        detail = f" ({exc})" if exc else ""
        return ValueError(f"Wrong value for {self.model_name}.{self.name}: {value!r}{detail}")

    def convert_to_column(self, value: Any, record, values: dict | None = None, validate: bool = True) -> Any:
        if value is None or value is False:
            return None
        return value

    def convert_to_column_insert(self, value: Any, record, values: dict | None = None, validate: bool = True) -> Any:
        column_value = self.convert_to_column(value, record, values, validate)
        if not self.company_dependent or column_value is None:
            return column_value
        from psycopg2.extras import Json
        return Json({str(record.env.company.id): _jsonable(column_value)})

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        return value

    def convert_to_record(self, value: Any, record) -> Any:
        return False if value is None else value

    def convert_to_record_multi(self, values, records) -> list:
        return [self.convert_to_record(value, records) for value in values]

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return False if value is None else value

    def convert_to_write(self, value: Any, record) -> Any:
        cache_value = self.convert_to_cache(value, record, validate=False)
        record_value = self.convert_to_record(cache_value, record)
        return self.convert_to_read(record_value, record)

    def convert_to_onchange(self, value: Any, record, names=None) -> Any:
        return self.convert_to_read(value, record)

    def convert_to_export(self, value: Any, record) -> Any:
        if not value:
            return ''
        return value

    def convert_to_display_name(self, value: Any, record) -> str:
        return False if value is None else str(value)

    def null(self, record) -> Any:
        """The cache value meaning "no value"."""
        return None

    # ------------------------------------------------------------------
    # descriptor
    # ------------------------------------------------------------------

    def cache_key(self, env) -> tuple | None:
        """The key under which the cache stores values that depend on the context."""
        keys = self.depends_context
        if not keys:
            return None
        return tuple(env._cache_key_value(key, self) for key in keys)

    def __get__(self, record, owner=None):
        if record is None:
            return self
        try:
            record_id, = record._ids
        except ValueError:
            return self._get_not_one(record)
        env = record.env
        # the hot path: a cached value not waiting for its recomputation, read
        # with as few lookups and calls as possible
        field_cache = env.cache._data[self] if not self.depends_context \
            else env.cache._field_values(record, self)
        try:
            value = field_cache[record_id]
        except KeyError:
            pass
        else:
            if not self._stored_compute or record_id not in env.transaction.tocompute.get(self, ()):
                if self._plain_record:
                    return False if value is None else value
                return self.convert_to_record(value, record)
        self._miss(record, record_id)
        field_cache = env.cache._field_values(record, self)
        try:
            value = field_cache[record_id]
        except KeyError:
            if self.compute and self.readonly and not self.store:
                raise ValueError(f"Compute method failed to assign {record}.{self.name}") from None
            value = self.null(record)
            field_cache[record_id] = value
        return self.convert_to_record(value, record)

    def _get_not_one(self, records):
        """The value on an empty recordset (null), or on several records (the
        union of their values for relational fields, else an error)."""
        if not records._ids:
            return self.convert_to_record(self.null(records), records)
        if self.relational:
            return records.mapped(self.name)
        raise ValueError(f"Expected singleton: {records}")

    def _miss(self, record, record_id) -> None:
        """Bring the value of ``record`` into the cache (fetch or compute)."""
        env = record.env
        if self.compute and self.store and env._is_to_compute(self, record_id):
            record._recompute_field(self, None if isinstance(record_id, int) else record._ids)
            return
        if isinstance(record_id, NewId) and record_id.origin and self.store and not (self.compute and self.readonly):
            # a new record made from a saved one starts from its stored values, the
            # editable computed ones included (even while their compute method runs,
            # which may read the old value); read-only computed ones are computed
            value = self.convert_to_cache(record._origin[self.name], record, validate=False)
            env.cache._field_values(record, self)[record_id] = value
            return
        protected = self.compute and record_id in env._protected.get(self, ())
        if protected and not (self.store and isinstance(record_id, int)):
            # asked while its compute method runs: the value is not there yet
            env.cache._field_values(record, self)[record_id] = self.null(record)
            return
        if protected:
            # a stored value being recomputed reads as its old value
            record._in_cache_without(self)._fetch_field(self)
            return
        if self.store and isinstance(record_id, int):
            recs = record._in_cache_without(self)
            try:
                recs._fetch_field(self)
            except AccessError:
                if len(recs) == 1:
                    raise
                record._fetch_field(self)
            if record_id not in env.cache._field_values(record, self):
                if not record.exists():
                    raise MissingError(
                        f"Record does not exist or has been deleted.\n"
                        f"(Record: {record}, User: {env.uid})")
            return
        if self.compute:
            recs = record._in_cache_without(self)
            try:
                self.compute_value(recs)
            except (AccessError, MissingError):
                if len(recs) == 1:
                    raise
                recs = record
                self.compute_value(record)
            if not (self.readonly and not self.store):
                # a compute method that assigns nothing leaves the null value
                values = env.cache._field_values(record, self)
                null = self.null(record)
                for rid in recs._ids:
                    if rid not in values:
                        values[rid] = null
            return
        env.cache._field_values(record, self)[record_id] = self.null(record)

    def compute_value(self, records) -> None:
        """Run the compute method on ``records`` for all the fields it computes."""
        env = records.env
        if self.compute_sudo:
            records = records.sudo()
        fields = records.pool.field_computed.get(self) or (self,)
        # env.remove_to_compute() and env.protecting() inlined: recursive fields
        # are computed one record at a time, so this runs once per record
        ids = records._ids
        id_set = set(ids)
        tocompute = env.transaction.tocompute
        protected = env._protected
        saved: dict = {}
        for field in fields:
            if field.store:
                pending = tocompute.get(field)
                if pending:
                    pending.difference_update(ids)
                    if not pending:
                        del tocompute[field]
            current = protected.get(field)
            if field not in saved:
                saved[field] = current
            protected[field] = (current | id_set) if current else id_set
        try:
            records._compute_field_value(self)
        except Exception:
            for field in fields:
                if field.store:
                    env.add_to_compute(field, records)
            raise
        finally:
            for field, current in saved.items():
                if current is None:
                    protected.pop(field, None)
                else:
                    protected[field] = current

    def __set__(self, records, value) -> None:
        env = records.env
        protected = env._protected.get(self)
        ids = records._ids
        if protected and len(ids) == 1 and ids[0] in protected:
            # the usual assignment in a compute method
            self.write(records, value)
            return
        if protected is None and all(isinstance(id_, int) for id_ in ids):
            records.write({self.name: self.convert_to_write(value, records)})
            return
        protected_ids, new_ids, other_ids = [], [], []
        for id_ in records._ids:
            if protected and id_ in protected:
                protected_ids.append(id_)
            elif not isinstance(id_, int):
                new_ids.append(id_)
            else:
                other_ids.append(id_)
        if protected_ids:
            self.write(records.browse(protected_ids).with_prefetch(records._prefetch_ids), value)
        if new_ids:
            new_records = records.browse(new_ids).with_prefetch(records._prefetch_ids)
            with env.protecting(records.pool.field_computed.get(self, [self]), new_records):
                if self.relational:
                    new_records.modified([self.name], before=True)
                self.write(new_records, value)
                new_records.modified([self.name])
            if self.inherited:
                parents = new_records[self.related.split('.')[0]]
                parents.filtered(lambda r: not r.id)[self.name] = value
        if other_ids:
            others = records.browse(other_ids).with_prefetch(records._prefetch_ids)
            others.write({self.name: self.convert_to_write(value, others)})

    # ------------------------------------------------------------------
    # write and create at field level
    # ------------------------------------------------------------------

    def write(self, records, value) -> None:
        """Put ``value`` in the cache of ``records`` (dirty when stored)."""
        store = self.store
        if store and self.translate:
            self._write_translated(records, value)
            return
        env = records.env
        ids = records._ids
        if store:
            # the value is given: no recomputation (env.remove_to_compute, inlined)
            tocompute = env.transaction.tocompute
            pending = tocompute.get(self)
            if pending:
                pending.difference_update(ids)
                if not pending:
                    del tocompute[self]
        cache_value = self.convert_to_cache(value, records)
        cache = env.cache
        field_cache = cache._data[self] if not self.depends_context else cache._field_values(records, self)
        if store and self.company_dependent:
            self._write_company_dependent(records, cache_value)
        elif store:
            # the usual case, often one record (assignments in compute methods)
            if len(ids) == 1:
                id_ = ids[0]
                field_cache[id_] = cache_value
                if isinstance(id_, int):
                    cache._dirty[self].add(id_)
                return
            dirty_ids = [id_ for id_ in ids if isinstance(id_, int)]
            for id_ in ids:
                field_cache[id_] = cache_value
            if dirty_ids:
                cache._dirty[self].update(dirty_ids)
            return
        for id_ in ids:
            field_cache[id_] = cache_value

    def _write_translated(self, records, value) -> None:
        """Write a stored translated value: the textual fields write the
        current language in the database; other types only keep it in cache."""
        records.env.remove_to_compute(self, records)
        cache_value = self.convert_to_cache(value, records)
        field_cache = records.env.cache._field_values(records, self)
        for id_ in records._ids:
            field_cache[id_] = cache_value

    def _write_company_dependent(self, records, cache_value: Any) -> None:
        """Set the value of the current company right away in the jsonb column."""
        real_ids = tuple(rid for rid in records._ids if isinstance(rid, int))
        if not real_ids:
            return
        from psycopg2.extras import Json
        column_value = self.convert_to_column(cache_value, records, validate=False)
        company_key = str(records.env.company.id)
        column = '"%s"' % self.name
        if column_value is None:
            sql = f'UPDATE "{records._table}" SET {column} = COALESCE({column}, \'{{}}\'::jsonb) - %s WHERE id IN %s'
            params: list = [company_key, real_ids]
        else:
            sql = f'UPDATE "{records._table}" SET {column} = COALESCE({column}, \'{{}}\'::jsonb) || %s WHERE id IN %s'
            params = [Json({company_key: _jsonable(column_value)}), real_ids]
        records.env.cr.execute(sql, params)

    def create(self, record_values: list) -> None:
        """Write the values of non-column fields of freshly created records."""
        for record, value in record_values:
            self.write(record, value)

    def determine_inverse(self, records) -> None:
        determine(self.inverse, records)

    def determine_domain(self, records, operator: str, value: Any) -> list:
        if not self.search:
            raise UserError(f"Non-stored field {self} cannot be searched.")
        return determine(self.search, records, operator, value)

    def get_description(self, env, attributes=None) -> dict:
        """The description given by ``fields_get``."""
        desc = {
            'name': self.name, 'type': self.type, 'string': self._description_string(env),
            'help': self._description_help(env), 'store': bool(self.store), 'readonly': bool(self.readonly),
            'required': bool(self.required), 'sortable': bool(self.store and self.column_type),
            'groupable': bool(self.store and self.column_type) and self.type not in ('binary', 'html', 'text'),
            'aggregator': self.aggregator,
            'searchable': bool(self.store and self.column_type) or bool(self.search or self.related),
            'manual': self.manual, 'company_dependent': self.company_dependent,
            'groups': self.groups, 'change_default': self.change_default,
            'depends': tuple(self.depends or ()), 'related': self.related,
            'exportable': self.exportable, 'translate': bool(self.translate),
            'default_export_compatible': self.default_export_compatible,
        }
        desc.update(self._extra_description(env))
        if attributes:
            desc = {key: val for key, val in desc.items() if key in attributes}
        if not desc.get('help'):
            desc.pop('help', None)
        return desc

    def _extra_description(self, env) -> dict:
        return {}

    def _translated_labels(self, env) -> bool:
        # labels live in English in the code, their translations in ir.model.fields
        return bool(env.lang) and env.lang != 'en_US' and bool(self.model_name) and 'ir.model.fields' in env

    def _description_string(self, env) -> str:
        """The label of the field in the user's language (Odoo 18 API)."""
        if self.string and self._translated_labels(env):
            return env['ir.model.fields'].get_field_string(self.model_name).get(self.name) or self.string
        return self.string

    def _description_help(self, env):
        """The help of the field in the user's language (Odoo 18 API)."""
        if self.help and self._translated_labels(env):
            return env['ir.model.fields'].get_field_help(self.model_name).get(self.name) or self.help
        return self.help

    def get_depends(self, model) -> tuple[tuple, tuple]:
        """The dependencies (dotted paths) and context keys of this field."""
        return tuple(self.depends or ()), tuple(self.depends_context or ())
