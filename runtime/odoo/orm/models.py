"""``BaseModel`` and its kinds ``Model``, ``AbstractModel`` and
``TransientModel``: the metaclass that files each class under its module,
the building of registry classes from ``_name``/``_inherit``/``_inherits``,
the setup of their fields, and the recordset protocol (iteration, set
operations, ``mapped``, ``filtered``, ``sorted``, environment switches).
Reading and writing live in ``models_crud``; searching in ``models_search``.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from ..tools.misc import LastOrderedSet
from . import decorators as api
from .environments import NewId
from .fields import Field
from .fields_misc import Id
from .fields_relational import Many2one
from .fields_temporal import Datetime
from .fields_textual import Char
from .models_access import AccessMixin
from .models_crud import CrudMixin
from .models_onchange import OnchangeMixin
from .models_search import SearchMixin

_logger = logging.getLogger(__name__)

PREFETCH_MAX = 1000
LOG_ACCESS_COLUMNS = ['create_uid', 'create_date', 'write_uid', 'write_date']
MAGIC_COLUMNS = ['id'] + LOG_ACCESS_COLUMNS
regex_pg_name = re.compile(r'^[a-z_][a-z0-9_$]*$', re.I)


def check_pg_name(name: str) -> None:
    """Refuse table names PostgreSQL would truncate or that are not identifiers."""
    if not regex_pg_name.match(name):
        raise ValueError(f"Invalid characters in table name {name!r}")
    if len(name) > 63:
        raise ValueError(f"Table name {name!r} is too long")


def is_definition_class(cls) -> bool:
    """Whether ``cls`` is a class written in an addon (not one built by a registry)."""
    return isinstance(cls, MetaModel) and 'pool' not in cls.__dict__


class MetaModel(type):
    """Files every model class under the module (``odoo.addons.<module>``)
    that defines it, so the registry can build the classes of a module."""

    module_to_models: defaultdict = defaultdict(list)

    def __init__(cls, name: str, bases: tuple, attrs: dict) -> None:
        super().__init__(name, bases, attrs)
        if not attrs.get('_register', True):
            return
        if '_module' not in attrs:
            module = attrs.get('__module__', '')
            cls._module = module.split('.')[2] if module.startswith('odoo.addons.') else None
        for value in attrs.values():
            if isinstance(value, Field):
                value._module = cls._module
        if cls._module:
            MetaModel.module_to_models[cls._module].append(cls)


class BaseModel(CrudMixin, AccessMixin, OnchangeMixin, SearchMixin, metaclass=MetaModel):
    """The base of all models; a model's instances are recordsets."""

    __slots__ = ['_ids', '_prefetch_ids', 'env']

    _auto = False
    _register = False
    _abstract = True
    _transient = False

    _name: str | None = None
    _description: str | None = None
    _module: str | None = None
    _custom = False
    _inherit: str | list | tuple = ()
    _inherits: dict = {}
    _table: str | None = None
    _table_query = None
    _sql_constraints: list = []
    _rec_name: str | None = None
    _rec_names_search: list | None = None
    _order = 'id'
    _parent_name = 'parent_id'
    _parent_store = False
    _active_name: str | None = None
    _fold_name = 'fold'
    _translate = True
    _check_company_auto = False
    _depends: dict = {}
    _allow_sudo_commands = True
    _log_access: bool | None = None
    _transient_max_count = 0
    _transient_max_hours = 1.0

    CONCURRENCY_CHECK_FIELD = '__last_update'
    pool = None
    _fields: dict = {}

    # ------------------------------------------------------------------
    # building registry classes
    # ------------------------------------------------------------------

    @classmethod
    def _build_model(cls, pool, cr):
        """Build (or extend) the registry class of the model ``cls`` defines."""
        parents = cls._inherit
        parents = [parents] if isinstance(parents, str) else list(parents or ())
        # as Odoo: without a _name, the model it extends, else (several or
        # none) a new model named after the class
        name = cls._name or (parents[0] if len(parents) == 1 else cls.__name__)
        if name != 'base' and 'base' in pool:
            parents = list(parents) + ['base']
        if name in pool:
            model_class = pool[name]
            if model_class._abstract and not cls._abstract and name in parents:
                raise TypeError(f"{name}: a Model cannot extend the AbstractModel {name!r}")
        else:
            model_class = type(name, (cls,), {
                '_name': name,
                '_register': False,
                '_original_module': cls._module,
                '_inherit_module': {},
                '_inherit_children': {},
                '_inherits_children': set(),
                '_fields': {},
                'pool': pool,
                '__slots__': (),
                '__module__': cls.__module__,
            })
            model_class._base_classes = ()
        # a class met again moves to the end (as Odoo's LastOrderedSet), so
        # that 'base' and shared mixins come after everything built on them
        bases = LastOrderedSet([cls])
        for parent in parents:
            if parent not in pool:
                raise TypeError(f"Model {name!r} inherits from non-existing model {parent!r}.")
            parent_class = pool[parent]
            if parent == name:
                for base in parent_class._base_classes:
                    bases.add(base)
            else:
                bases.add(parent_class)
                model_class._inherit_module[parent] = cls._module
                parent_class._inherit_children[name] = None
        model_class.__bases__ = tuple(bases)
        model_class._base_classes = tuple(bases)
        model_class._build_model_attributes(pool)
        check_pg_name(model_class._table)
        pool[name] = model_class
        return model_class

    @classmethod
    def _build_model_attributes(cls, pool) -> None:
        """Merge the attributes spread over the definitions of the model."""
        cls._description = cls._description or cls._name
        cls._table = cls.__dict__.get('_table') or next(
            (base._table for base in cls.__mro__ if is_definition_class(base) and '_table' in base.__dict__
             and base._name in (cls._name, None)), None) or cls._name.replace('.', '_')
        log_access = next((base.__dict__['_log_access'] for base in cls.__mro__
                           if is_definition_class(base) and base.__dict__.get('_log_access') is not None), None)
        cls._log_access = cls._auto if log_access is None else log_access
        inherits: dict = {}
        depends: dict = {}
        constraints: dict = {}
        for base in reversed(cls.__mro__):
            if not is_definition_class(base):
                continue
            inherits.update(base.__dict__.get('_inherits', {}))
            for model_name, fnames in base.__dict__.get('_depends', {}).items():
                depends.setdefault(model_name, []).extend(fnames)
            for cons in base.__dict__.get('_sql_constraints', []):
                constraints[cons[0]] = cons
        cls._inherits = inherits
        cls._depends = depends
        cls._sql_constraints = list(constraints.values())
        # the registry knows the constraint names, to explain their violations
        for key, _definition, _message in cls._sql_constraints:
            pool._sql_constraints.add(f"{cls._table}_{key}")
        for parent_name in inherits:
            if parent_name in pool:
                pool[parent_name]._inherits_children.add(cls._name)

    # ------------------------------------------------------------------
    # setup of fields
    # ------------------------------------------------------------------

    @classmethod
    def _prepare_setup(cls) -> None:
        cls._setup_done = False
        cls._default_names_cache = None
        cls._own_default_names_cache = None

    def _setup_base(self) -> None:
        """Create the registry fields of this model from all their definitions."""
        cls = type(self)
        if cls.__dict__.get('_setup_done'):
            return
        for parent_name in cls._inherits:
            self.env[parent_name]._setup_base()
        for name in list(cls.__dict__.get('_fields', {})):
            if name in cls.__dict__:
                delattr(cls, name)
        cls._fields = {}
        definitions: dict[str, list[Field]] = {}
        for klass in cls.__mro__:
            if not is_definition_class(klass):
                continue
            for name, value in klass.__dict__.items():
                if isinstance(value, Field):
                    definitions.setdefault(name, []).append(value)
        ordered = sorted(definitions.items(), key=lambda item: item[1][-1]._sequence)
        for name, defs in ordered:
            # a plain attribute in a more derived definition class hides the field
            owner = next(klass for klass in cls.__mro__ if is_definition_class(klass) and name in klass.__dict__)
            if not isinstance(owner.__dict__[name], Field):
                continue
            field = type(defs[0])()
            field._base_fields = tuple(reversed(defs))
            self._add_field(name, field)
        # custom fields ('x_' rows of ir.model.fields), once base can tell them
        if self.pool._init_modules and 'ir.model.fields' in self.pool:
            self.env['ir.model.fields']._add_manual_fields(self)
        self._add_magic_fields()
        self._add_inherited_fields()
        if cls._rec_name is None or cls._rec_name not in cls._fields:
            if cls._rec_name is None:
                cls._rec_name = 'name' if 'name' in cls._fields else ('x_name' if 'x_name' in cls._fields else None)
        if cls._active_name is None:
            cls._active_name = 'active' if 'active' in cls._fields else ('x_active' if 'x_active' in cls._fields else None)
        elif cls._active_name not in cls._fields:
            cls._active_name = None
        cls._setup_done = True

    def _add_field(self, name: str, field: Field) -> None:
        cls = type(self)
        if not isinstance(getattr(cls, name, field), Field) and name not in cls._fields:
            _logger.warning("In model %r, field %r overrides an existing value", cls._name, name)
        field._setup_attrs(cls, name)
        setattr(cls, name, field)
        cls._fields[name] = field
        cls._default_names_cache = cls._own_default_names_cache = None

    def _pop_field(self, name: str) -> Field | None:
        """Take the field ``name`` out of the model (custom fields only: the
        ones of classes come back at the next setup)."""
        cls = type(self)
        field = cls._fields.pop(name, None)
        cls._default_names_cache = cls._own_default_names_cache = None
        if name in cls.__dict__:
            delattr(cls, name)
        if cls._rec_name == name:
            cls._rec_name = None
            depends = cls.pool.field_depends
            display_name = cls._fields.get('display_name')
            if display_name in depends:
                depends[display_name] = tuple(dep for dep in depends[display_name] if dep != name)
        return field

    def _add_magic_fields(self) -> None:
        cls = type(self)

        def add(name: str, field: Field) -> None:
            if name not in cls._fields:
                field.args['automatic'] = True
                self._add_field(name, field)

        add('id', Id(automatic=True))
        add('display_name', Char(string='Display Name', compute='_compute_display_name',
                                 search='_search_display_name', store=False))
        if cls._log_access:
            if 'res.users' in cls.pool:
                add('create_uid', Many2one('res.users', string='Created by', readonly=True, index=False))
                add('write_uid', Many2one('res.users', string='Last Updated by', readonly=True, index=False))
            add('create_date', Datetime(string='Created on', readonly=True))
            add('write_date', Datetime(string='Last Updated on', readonly=True))
        if cls._parent_store and 'parent_path' not in cls._fields:
            add('parent_path', Char(index=True, copy=False))

    def _add_inherited_fields(self) -> None:
        """Expose the fields of ``_inherits`` parents as related fields."""
        cls = type(self)
        for parent_model, parent_fname in cls._inherits.items():
            if parent_fname not in cls._fields:
                raise TypeError(f"Field {parent_fname!r} of _inherits is missing on model {cls._name!r}")
            parent = self.env[parent_model]
            for name, field in parent._fields.items():
                if name in cls._fields or name in ('id', 'display_name') or name in LOG_ACCESS_COLUMNS:
                    continue
                new_field = type(field)(
                    inherited=True, inherited_field=field, related=f"{parent_fname}.{name}",
                    related_sudo=False, copy=field.copy, readonly=field.readonly)
                new_field._base_fields = ()
                self._add_field(name, new_field)

    def _setup_fields(self) -> None:
        for field in type(self)._fields.values():
            field.prepare_setup() if not getattr(field, '_setup_done', False) else None
        for field in list(type(self)._fields.values()):
            field.setup(self)

    def _setup_complete(self) -> None:
        """Gather the decorated methods: constraints, onchanges, ondelete checks."""
        cls = type(self)
        constraints, onchanges, ondeletes = [], defaultdict(list), []
        seen = set()
        for klass in cls.__mro__:
            for attr, func in klass.__dict__.items():
                if attr in seen or not callable(func):
                    continue
                seen.add(attr)
                method = getattr(cls, attr, None)
                if method is None:
                    continue
                if hasattr(method, '_constrains'):
                    constraints.append(method)
                if hasattr(method, '_onchange'):
                    for fname in method._onchange:
                        onchanges[fname].append(method)
                if hasattr(method, '_ondelete'):
                    ondeletes.append(method)
        cls._constraint_methods = constraints
        cls._onchange_methods = dict(onchanges)
        cls._ondelete_methods = ondeletes

    def _auto_init(self) -> None:
        """Create or update the table of the model (see ``orm.schema``)."""
        from .schema import auto_init
        auto_init(self)

    def init(self) -> None:
        """Hook run after ``_auto_init``; models override it (SQL views, indexes)."""

    # ------------------------------------------------------------------
    # recordset protocol
    # ------------------------------------------------------------------

    def __init__(self, env, ids: tuple, prefetch_ids: Any) -> None:
        self.env = env
        self._ids = ids
        self._prefetch_ids = prefetch_ids

    @classmethod
    def _browse(cls, env, ids: tuple, prefetch_ids: Any):
        records = object.__new__(cls)
        records.env = env
        records._ids = ids
        records._prefetch_ids = prefetch_ids
        return records

    def browse(self, ids: Any = None):
        """The records of the given id(s), in this environment."""
        if not ids:
            ids = ()
        elif ids.__class__ is int:
            ids = (ids,)
        elif ids.__class__ is not tuple:
            ids = (ids,) if isinstance(ids, (int, NewId)) else tuple(ids)
        records = object.__new__(type(self))
        records.env = self.env
        records._ids = records._prefetch_ids = ids
        return records

    @property
    def ids(self) -> list[int]:
        """The database ids; a new record counts as the record it was made from (if any)."""
        ids = self._ids
        # the types of the ids, not each id, are checked in Python (big recordsets)
        if all(issubclass(kind, int) for kind in set(map(type, ids))):
            return list(ids)
        origins = (id_.origin if isinstance(id_, NewId) else id_ for id_ in ids)
        return [id_ for id_ in origins if id_]

    @property
    def _cr(self):
        return self.env.cr

    @property
    def _uid(self) -> int:
        return self.env.uid

    @property
    def _context(self):
        return self.env.context

    def ensure_one(self):
        """Return ``self`` if it holds exactly one record, else raise ``ValueError``."""
        try:
            _id, = self._ids
            return self
        except ValueError:
            raise ValueError(f"Expected singleton: {self}") from None

    def with_env(self, env):
        return self._browse(env, self._ids, self._prefetch_ids)

    def sudo(self, flag: bool = True):
        if flag.__class__ is not bool:
            raise ValueError("sudo() only accepts a boolean")
        env = self.env
        if flag == env.su:
            return self
        return self._browse(env._sudo_env(flag), self._ids, self._prefetch_ids)

    def with_user(self, user):
        if not user:
            return self
        return self.with_env(self.env(user=user, su=False))

    def with_company(self, company):
        if not company:
            return self
        company_id = company.id if hasattr(company, '_ids') else int(company)
        allowed = list(self.env.context.get('allowed_company_ids') or [])
        if allowed and company_id == allowed[0]:
            return self
        if company_id in allowed:
            allowed.remove(company_id)
        allowed.insert(0, company_id)
        return self.with_context(allowed_company_ids=allowed)

    def with_context(self, *args, **kwargs):
        if args and 'allowed_company_ids' not in args[0] and 'allowed_company_ids' in self.env.context:
            args = (dict(args[0], allowed_company_ids=self.env.context['allowed_company_ids']),)
        context = dict(args[0] if args else self.env.context, **kwargs)
        return self.with_env(self.env(context=context))

    def with_prefetch(self, prefetch_ids: Any = None):
        if prefetch_ids is None:
            prefetch_ids = self._ids
        return self._browse(self.env, self._ids, prefetch_ids)

    def __bool__(self) -> bool:
        try:
            return True if self._ids else False
        except AttributeError:
            return True

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self):
        ids, env = self._ids, self.env
        if len(ids) > PREFETCH_MAX and self._prefetch_ids is ids and hasattr(env.cr, 'split_for_in_conditions'):
            # each batch of a big recordset prefetches its own records only
            chunks = ((chunk, chunk) for chunk in env.cr.split_for_in_conditions(ids, PREFETCH_MAX))
        else:
            chunks = ((ids, self._prefetch_ids),)
        # every loop over records goes through here: the records are built
        # in place rather than through _browse
        cls, new = type(self), object.__new__
        for chunk, prefetch_ids in chunks:
            for id_ in chunk:
                record = new(cls)
                record.env = env
                record._ids = (id_,)
                record._prefetch_ids = prefetch_ids
                yield record

    def __reversed__(self):
        for id_ in reversed(self._ids):
            yield self._browse(self.env, (id_,), self._prefetch_ids)

    def __contains__(self, item) -> bool:
        if isinstance(item, BaseModel) and self._name == item._name:
            return len(item) == 1 and item.id in self._ids
        if isinstance(item, str):
            return item in self._fields
        if isinstance(item, BaseModel):
            raise TypeError(f"inconsistent models in: {self} in {item}")
        raise TypeError(f"unsupported operand types in: {self!r} in {item!r}")

    def _check_same_model(self, other, op: str) -> None:
        if not isinstance(other, BaseModel) or self._name != other._name:
            raise TypeError(f"inconsistent models in: {self} {op} {other}")

    def __add__(self, other):
        return self.concat(other)

    def concat(self, *args):
        ids = list(self._ids)
        for arg in args:
            self._check_same_model(arg, '+')
            ids.extend(arg._ids)
        return self.browse(ids)

    def __sub__(self, other):
        self._check_same_model(other, '-')
        other_ids = set(other._ids)
        return self.browse([id_ for id_ in self._ids if id_ not in other_ids])

    def __and__(self, other):
        self._check_same_model(other, '&')
        other_ids = set(other._ids)
        return self.browse([id_ for id_ in dict.fromkeys(self._ids) if id_ in other_ids])

    def __or__(self, other):
        return self.union(other)

    def union(self, *args):
        ids = list(self._ids)
        for arg in args:
            self._check_same_model(arg, '|')
            ids.extend(arg._ids)
        return self.browse(list(dict.fromkeys(ids)))

    def __eq__(self, other) -> bool:
        if not isinstance(other, BaseModel):
            if other:
                _logger.warning("unsupported operand == between %s and %r", self, other)
            return NotImplemented
        ids, other_ids = self._ids, other._ids
        if ids == other_ids:
            return self._name == other._name
        if len(ids) == 1 and len(other_ids) == 1:
            # two different records (compared in loops)
            return False
        return self._name == other._name and set(ids) == set(other_ids)

    def __ne__(self, other) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __lt__(self, other) -> bool:
        self._check_same_model(other, '<')
        return set(self._ids) < set(other._ids)

    def __le__(self, other) -> bool:
        self._check_same_model(other, '<=')
        if not self or self in other:
            return True
        return set(self._ids) <= set(other._ids)

    def __gt__(self, other) -> bool:
        self._check_same_model(other, '>')
        return set(self._ids) > set(other._ids)

    def __ge__(self, other) -> bool:
        self._check_same_model(other, '>=')
        return set(self._ids) >= set(other._ids)

    def __int__(self) -> int:
        return self.id or 0

    def __repr__(self) -> str:
        return f"{self._name}{self._ids!r}"

    def __hash__(self) -> int:
        return hash((self._name, frozenset(self._ids)))

    def __getitem__(self, key):
        if key.__class__ is str:
            return self._fields[key].__get__(self)
        if isinstance(key, str):
            return self._fields[key].__get__(self, type(self))
        if isinstance(key, slice):
            return self.browse(self._ids[key]).with_prefetch(self._prefetch_ids)
        return self._browse(self.env, (self._ids[key],), self._prefetch_ids)

    def __setitem__(self, key: str, value) -> None:
        return self._fields[key].__set__(self, value)

    @property
    def _origin(self):
        ids = tuple(id_.origin if isinstance(id_, NewId) else id_ for id_ in self._ids)
        ids = tuple(id_ for id_ in ids if id_)
        prefetch_ids = tuple(id_.origin if isinstance(id_, NewId) else id_ for id_ in self._prefetch_ids
                             if (id_.origin if isinstance(id_, NewId) else id_))
        return self._browse(self.env, ids, prefetch_ids)

    # ------------------------------------------------------------------
    # functional helpers
    # ------------------------------------------------------------------

    def mapped(self, func: str | Callable):
        """Apply ``func`` (a dotted field path or a function) to all records;
        relational results are united into one recordset."""
        if not func:
            return self
        if isinstance(func, str):
            recs = self
            for name in func.split('.'):
                recs = recs._mapped_field(name)
            return recs
        values = [func(rec) for rec in self]
        if values and isinstance(values[0], BaseModel):
            return values[0].union(*values[1:])
        return values

    def _mapped_field(self, name: str):
        """The values of field ``name`` for all records, fetched in batches."""
        field = self._fields.get(name)
        if field is None:
            raise KeyError(f"Invalid field {name!r} on model {self._name!r}")
        if not self._ids:
            if field.relational:
                return self.env[field.comodel_name]
            return []
        get = field.__get__
        if field.relational:
            # the cache values are collected: __get__ only brings the missing
            # ones (and their prefetch batch) into the cache
            cache = self.env.cache
            tocompute = self.env.transaction.tocompute
            field_cache = cache._field_values(self, field)
            cache_values = []
            for record in self:
                record_id = record._ids[0]
                if record_id not in field_cache or (field._stored_compute
                                                    and record_id in tocompute.get(field, ())):
                    get(record)
                    # a fetch or a computation may have replaced the dict
                    field_cache = cache._field_values(self, field)
                cache_values.append(field_cache.get(record_id))
            return field.convert_to_record_multi(cache_values, self)
        return [get(record) for record in self]

    def filtered(self, func: str | Callable):
        """The records satisfying ``func`` (a function or a dotted field path)."""
        if isinstance(func, str):
            if '.' in func:
                return self.browse([rec.id for rec in self if any(rec.mapped(func))]).with_prefetch(self._prefetch_ids)
            field = self._fields.get(func)
            get = field.__get__ if field is not None else (lambda rec: rec[func])
            ids = [rec._ids[0] for rec in self if get(rec)]
        else:
            ids = [rec._ids[0] for rec in self if func(rec)]
        return self._browse(self.env, tuple(ids), self._prefetch_ids)

    def grouped(self, key: str | Callable) -> dict:
        """A dict mapping each key value to the recordset of records having it."""
        getter = (lambda rec: rec[key]) if isinstance(key, str) else key
        groups: dict = defaultdict(list)
        for record in self:
            groups[getter(record)].append(record._ids[0])
        browse = self.browse
        return {value: browse(ids).with_prefetch(self._prefetch_ids) for value, ids in groups.items()}

    def sorted(self, key: str | Callable | None = None, reverse: bool = False):
        """The records ordered by ``key`` (a function or an order spec like
        ``'name desc, id'``), or by the model's ``_order`` when no key is given."""
        if key is None:
            if not self._ids:
                return self
            query = self.sudo().with_context(active_test=False)._as_query(ordered=True) \
                if all(isinstance(id_, int) for id_ in self._ids) else None
            if query is None:
                return self.sorted('id' if self._order == 'id' else self._order, reverse=reverse)
            ids = tuple(query)
            if reverse:
                ids = tuple(reversed(ids))
            return self.browse(ids).with_prefetch(self._prefetch_ids)
        if isinstance(key, str):
            terms = [term.split() for term in key.split(',') if term.strip()]
            records = list(self)
            for term in reversed(terms):
                fname = term[0]
                desc = len(term) > 1 and term[1].lower() == 'desc'
                records.sort(key=lambda rec, f=fname: _sort_key(rec, f), reverse=desc)
            if reverse:
                records.reverse()
            return self.browse([rec._ids[0] for rec in records]).with_prefetch(self._prefetch_ids)
        records = sorted(self, key=key, reverse=reverse)
        return self.browse([rec._ids[0] for rec in records]).with_prefetch(self._prefetch_ids)

    def _in_cache_without(self, field, limit: int = PREFETCH_MAX):
        """This record and others of its prefetch set lacking ``field`` in cache."""
        field_cache = self.env.cache._field_values(self, field)
        record_id = self._ids[0]
        real = isinstance(record_id, int)
        ids = [record_id]
        for id_ in self._prefetch_ids:
            if len(ids) >= limit:
                break
            if id_ not in field_cache and id_ != record_id and (isinstance(id_, int) == real):
                ids.append(id_)
        return self.browse(ids).with_prefetch(self._prefetch_ids)


def _sort_key(record, fname: str):
    value = record[fname]
    if isinstance(value, BaseModel):
        value = value.display_name or ''
    if value is False or value is None:
        return (0, '')
    return (1, value)


class AbstractModel(BaseModel):
    """A model without table, meant to be inherited (mixins)."""

    _auto = False
    _register = False
    _abstract = True
    _transient = False


class Model(AbstractModel):
    """A regular, persisted model."""

    _auto = True
    _register = False
    _abstract = False
    _transient = False


class TransientModel(Model):
    """A model whose records are temporary and vacuumed (wizards)."""

    _auto = True
    _register = False
    _abstract = False
    _transient = True
    _transient_max_count = 0
    _transient_max_hours = 1.0

    @api.autovacuum
    def _transient_vacuum(self) -> None:
        """Delete old records beyond ``_transient_max_hours`` and ``_transient_max_count``."""
        if self._transient_max_hours:
            self.env.cr.execute(
                f'SELECT id FROM "{self._table}" WHERE COALESCE(write_date, create_date, '
                f"(now() AT TIME ZONE 'UTC'))::timestamp < (now() AT TIME ZONE 'UTC') - interval %s",
                (f"{self._transient_max_hours} hours",))
            ids = [row[0] for row in self.env.cr.fetchall()]
            self.sudo().browse(ids).unlink()
        if self._transient_max_count:
            self.env.cr.execute(f'SELECT id FROM "{self._table}" ORDER BY id DESC OFFSET %s',
                                (self._transient_max_count,))
            ids = [row[0] for row in self.env.cr.fetchall()]
            self.sudo().browse(ids).unlink()
