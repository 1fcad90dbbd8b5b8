"""``Registry``: the model classes of one database, their setup, the
dependencies between fields, schema initialisation and the ormcaches."""
from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .environments import SUPERUSER_ID, Environment

_logger = logging.getLogger(__name__)

_REGISTRY_CACHES = {
    'default': 8192,
    'assets': 512,
    'templates': 1024,
    'templates.cached_values': 2048,
    'routing': 1024,
    'routing.rewrites': 8192,
    'groups': 8,
    'stable': 1024,
}


class Registry(Mapping):
    """Model name -> registry class, for one database."""

    registries: dict[str, Registry] = {}
    _lock = threading.RLock()
    _saved_lock = None

    def __new__(cls, db_name: str):
        with cls._lock:
            registry = cls.registries.get(db_name)
            if registry is not None:
                return registry
            return cls.new(db_name)

    @classmethod
    def new(cls, db_name: str, force_demo: bool = False, status: Any = None, update_module: bool = False,
            install_modules: Iterable = ()) -> Registry:
        """Build the registry of ``db_name`` by loading its modules."""
        with cls._lock:
            registry = object.__new__(cls)
            registry.init(db_name)
            cls.registries[db_name] = registry
            try:
                from ..modules import loading
                loading.load_modules(registry, force_demo, status, update_module)
            except Exception:
                cls.registries.pop(db_name, None)
                raise
            # after uninstalling modules, load_modules built a new registry
            registry = cls.registries[db_name]
            registry._init = False
            registry.ready = True
            registry.registry_invalidated = False
            return registry

    @classmethod
    def new_empty(cls, db_name: str) -> Registry:
        """A registry with no module loaded (tests build their own models in it)."""
        registry = object.__new__(cls)
        registry.init(db_name)
        cls.registries[db_name] = registry
        return registry

    @classmethod
    def delete(cls, db_name: str) -> None:
        with cls._lock:
            cls.registries.pop(db_name, None)

    @classmethod
    def delete_all(cls) -> None:
        with cls._lock:
            cls.registries.clear()

    def init(self, db_name: str) -> None:
        self.db_name = db_name
        self.models: dict[str, type] = {}
        self._sql_constraints: set = set()
        self._init = True
        self._init_modules: set = set()
        self.updated_modules: list = []
        self.loaded_xmlids: set = set()
        self.loaded = False
        self.ready = False
        self.registry_invalidated = False
        self.cache_invalidated: set = set()
        self._caches: dict[str, dict] = {name: {} for name in _REGISTRY_CACHES}
        self._assertion_report = None
        self._fields_by_model = None
        self._ordinary_tables = None
        self._constraint_queue: list = []
        self._post_init_queue: list = []
        self._foreign_keys: dict = {}
        self._is_install = False
        self.test_cr = None
        self.test_lock = None
        # the transaction of a module installation running its tests
        # (``odoo.tests.loader.install_cursor``): the database as they see it
        self.install_cr = None
        self.setup_sequence = 0
        self.field_computed: dict = {}
        self.field_triggers: dict = {}
        self.field_inverses: dict = {}
        self.many2many_relations: dict = defaultdict(list)
        self.model_stored_computed: dict = {}
        self.model_column_fields: dict = {}
        self.field_depends: dict = {}
        self.id_sequences: dict = {}        # table -> name of its id sequence (None: none)
        self.field_depends_context: dict = {}
        self._db = None
        self._add_base_model()

    @property
    def db(self):
        if self._db is None:
            from .. import sql_db
            self._db = sql_db.db_connect(self.db_name)
        return self._db

    def _add_base_model(self) -> None:
        """Every registry starts with the abstract model ``base`` that all models inherit."""
        from .models import AbstractModel

        class Base(AbstractModel):
            _name = 'base'
            _description = 'Base'
            _register = False
            _module = None

        Base._build_model(self, None)

    # Mapping protocol ---------------------------------------------------

    def __len__(self) -> int:
        return len(self.models)

    def __iter__(self) -> Iterator[str]:
        return iter(self.models)

    def __getitem__(self, model_name: str) -> type:
        return self.models[model_name]

    def __contains__(self, model_name: object) -> bool:
        return model_name in self.models

    def __setitem__(self, model_name: str, model: type) -> None:
        self.models[model_name] = model

    def __delitem__(self, model_name: str) -> None:
        del self.models[model_name]

    def __repr__(self) -> str:
        return f"<Registry {self.db_name!r}>"

    # building -------------------------------------------------------------

    def cursor(self):
        """A new cursor on the registry's database (test cursor when in test mode)."""
        if self.test_cr is not None:
            from ..sql_db import TestCursor
            return TestCursor(self.test_cr, self.test_lock, current_test=None)
        return self.db.cursor()

    def load(self, cr, module) -> list[str]:
        """Build the classes defined by ``module`` (a graph node or a name);
        return the names of the models it defines or extends."""
        from .models import MetaModel
        name = getattr(module, 'name', module)
        model_names = []
        for cls in MetaModel.module_to_models.get(name, []):
            model = cls._build_model(self, cr)
            model_names.append(model._name)
        return self.descendants(model_names, '_inherit', '_inherits')

    def load_classes(self, cr, classes: Iterable[type]) -> list[str]:
        """Build the given model classes (used by tests without modules)."""
        names = [cls._build_model(self, cr)._name for cls in classes]
        return self.descendants(names, '_inherit', '_inherits')

    def descendants(self, model_names: Iterable[str], *kinds: str) -> list[str]:
        """``model_names`` and the models inheriting them (by ``_inherit``
        and/or ``_inherits``), parents first."""
        result: dict = {}
        todo = list(model_names)
        while todo:
            name = todo.pop(0)
            if name in result or name not in self.models:
                continue
            result[name] = None
            cls = self.models[name]
            for kind in kinds:
                children = cls._inherit_children if kind == '_inherit' else cls._inherits_children
                todo.extend(children)
        return list(result)

    def setup_models(self, cr) -> None:
        """Set up the fields of all models and compute the field dependencies."""
        env = Environment(cr, SUPERUSER_ID, {})
        env.cache.clear()
        # cached values may describe the fields being replaced (custom fields
        # read from the database); emptied here without telling other processes
        for cache in self._caches.values():
            cache.clear()
        models = [env[name] for name in self.models]
        for model in models:
            type(model)._prepare_setup()
        self.field_depends.clear()
        self.field_depends_context.clear()
        for model in models:
            model._setup_base()
        for model in models:
            model._setup_fields()
        for model in models:
            model._setup_complete()
        self._setup_dependencies(models)
        self.registry_invalidated = True
        self.setup_sequence += 1

    def _setup_dependencies(self, models: list) -> None:
        field_computed: dict = {}
        inverses: dict = defaultdict(list)
        relations: dict = defaultdict(list)
        stored_computed: dict = defaultdict(list)
        for model in models:
            by_method: dict = defaultdict(list)
            for field in model._fields.values():
                if field.compute:
                    # a method name or function is shared by the fields it computes;
                    # related fields each have their own (bound) method
                    key = field.compute
                    by_method[key].append(field)
                    if field.store:
                        stored_computed[model._name].append(field)
                if field.type == 'one2many' and field.inverse_name and field.store:
                    comodel = model.env[field.comodel_name]
                    inverse = comodel._fields.get(field.inverse_name)
                    if inverse is not None and inverse.type == 'many2one':
                        inverses[inverse].append(field)
                if field.type == 'many2many' and field.store and field.relation:
                    relations[field.relation].append(field)
            for fields in by_method.values():
                for field in fields:
                    field_computed[field] = fields
        self.field_computed = field_computed
        self.field_inverses = dict(inverses)
        self.many2many_relations = relations
        self.model_stored_computed = dict(stored_computed)
        # stored fields whose value is known to be empty on a row just inserted
        # without it: columns, attachments, and lines (nothing points to a new row)
        self.model_column_fields = {
            model._name: [field for field in model._fields.values()
                          if field.store and field.name != 'id'
                          and (field.column_type or field.type in ('one2many', 'many2many')
                               or (field.type == 'binary' and field.attachment))]
            for model in models}
        triggers: dict = defaultdict(list)
        for model in models:
            if model._abstract:
                # the paths of mixins name fields of the models using them
                continue
            for field in model._fields.values():
                depends, depends_context = field.get_depends(model)
                self.field_depends[field] = depends
                self.field_depends_context[field] = depends_context
                for dotted in depends:
                    self._add_triggers(model, field, dotted, triggers)
        self.field_triggers = {field: list(dict.fromkeys(items)) for field, items in triggers.items()}

    def get_dependent_fields(self, field) -> Iterator:
        """The fields whose value depends on ``field``, directly or through others."""
        seen: dict = {}
        todo = [dependent for dependent, _path in self.field_triggers.get(field, ())]
        while todo:
            dependent = todo.pop()
            if dependent in seen:
                continue
            seen[dependent] = None
            todo.extend(other for other, _path in self.field_triggers.get(dependent, ()))
        return iter(seen)

    def _discard_fields(self, fields: Iterable) -> None:
        """Forget ``fields`` (custom fields being deleted) in the dependency maps."""
        fields = set(fields)
        for field in fields:
            self.field_depends.pop(field, None)
            self.field_depends_context.pop(field, None)
            self.field_inverses.pop(field, None)
            self.field_triggers.pop(field, None)
        for field, items in list(self.field_triggers.items()):
            kept = [item for item in items if item[0] not in fields and not fields.intersection(item[1])]
            if len(kept) != len(items):
                self.field_triggers[field] = kept
        for field, inverses in list(self.field_inverses.items()):
            self.field_inverses[field] = [inverse for inverse in inverses if inverse not in fields]

    def _add_triggers(self, model, field, dotted: str, triggers: dict) -> None:
        """Register ``field`` as depending on each step of the path ``dotted``."""
        current = model
        path: list = []
        for index, name in enumerate(dotted.split('.')):
            target = current._fields.get(name)
            if target is None:
                raise ValueError(f"Wrong @depends on {field}: field {name!r} not found on {current._name!r}")
            triggers[target].append((field, tuple(path)))
            # a line moving to another parent changes the one2many of both parents
            if target.type == 'one2many' and target.inverse_name:
                line_parent = current.env[target.comodel_name]._fields.get(target.inverse_name)
                if line_parent is not None:
                    triggers[line_parent].append((field, tuple(path + [target])))
            # a change in the parent of an _inherits field is a change of the field
            if target.inherited and target.related_field is not None:
                parent_fname = target.related.split('.')[0]
                triggers[target.related_field].append((field, tuple(path + [current._fields[parent_fname]])))
            if index < len(dotted.split('.')) - 1:
                if not target.relational:
                    raise ValueError(f"Wrong @depends on {field}: {target} is not relational")
                path.append(target)
                current = current.env[target.comodel_name]

    def init_models(self, cr, model_names: Iterable[str], context: dict, install: bool = True) -> None:
        """Reflect the models in ``ir.model``/``ir.model.fields`` (when
        ``base`` is loaded) and create or update their tables."""
        if 'module' in context:
            _logger.info("module %s: creating or updating database tables", context['module'])
        context = dict(context, todo=[], _force_unlink=install)
        env = Environment(cr, SUPERUSER_ID, context)
        models = [env[name] for name in model_names if name in self.models]
        # tables first: on a new database the reflection tables are among them
        for model in models:
            model._auto_init()
        if 'ir.model' in env and hasattr(env['ir.model'], '_reflect_models'):
            env['ir.model']._reflect_models(model_names)
            env['ir.model.fields']._reflect_fields(model_names)
            for reflecting, method in (('ir.model.fields.selection', '_reflect_selections'),
                                       ('ir.model.constraint', '_reflect_constraints')):
                if reflecting in env and hasattr(env[reflecting], method):
                    getattr(env[reflecting], method)(model_names)
        # the work queued by _auto_init needs the ir.model rows reflected above
        while self._post_init_queue:
            func, args, kwargs = self._post_init_queue.pop(0)
            func(*args, **kwargs)
        env.flush_all()
        for model in models:
            model.init()
        env.flush_all()
        self.check_foreign_keys(cr)
        env.flush_all()

    def check_foreign_keys(self, cr) -> None:
        """Create the foreign keys queued by ``_auto_init`` of the models."""
        from .schema import apply_foreign_keys
        apply_foreign_keys(cr, self._foreign_keys)
        self._foreign_keys = {}

    def check_tables_exist(self, cr) -> None:
        from .schema import ensure_tables
        env = Environment(cr, SUPERUSER_ID, {})
        ensure_tables(env, self)

    def post_init(self, func, *args, **kwargs) -> None:
        self._post_init_queue.append((func, args, kwargs))

    def post_constraint(self, func, *args, **kwargs) -> None:
        self._constraint_queue.append((func, args, kwargs))

    def finalize_constraints(self) -> None:
        while self._constraint_queue:
            func, args, kwargs = self._constraint_queue.pop(0)
            func(*args, **kwargs)

    # caches -------------------------------------------------------------

    def clear_cache(self, *cache_names: str) -> None:
        """Empty the given ormcaches (``default`` when none is named)."""
        for name in cache_names or ('default',):
            self._caches.setdefault(name, {}).clear()
            self.cache_invalidated.add(name)

    def clear_all_caches(self) -> None:
        for name in self._caches:
            self._caches[name].clear()
            self.cache_invalidated.add(name)

    def signal_changes(self) -> None:
        """Nothing to tell other processes in this runtime (single registry per process)."""

    def reset_changes(self) -> None:
        """Undo what a rolled back transaction did to the registry: set the
        models up again from the database (custom fields created or removed
        by it) and empty the caches it cleared."""
        if self.registry_invalidated:
            if self.test_cr is None and self.install_cr is not None:
                self.setup_models(self.install_cr)
            else:
                cr = self.cursor()
                try:
                    self.setup_models(cr)
                finally:
                    cr.close()
            self.registry_invalidated = False
        if self.cache_invalidated:
            for name in self.cache_invalidated:
                self._caches.setdefault(name, {}).clear()
            self.cache_invalidated.clear()

    def forget_changes(self) -> None:
        """The changes are committed (and told to other processes): nothing to undo."""
        self.registry_invalidated = False
        self.cache_invalidated.clear()

    def check_signaling(self, cr=None) -> Registry:
        return self

    def setup_signaling(self) -> None:
        pass

    def in_test_mode(self) -> bool:
        return self.test_cr is not None

    def enter_test_mode(self, cr) -> None:
        self.test_cr = cr
        self.test_lock = threading.RLock()

    def leave_test_mode(self) -> None:
        self.test_cr = None
        self.test_lock = None

    def get_field_trigger_tree(self, field) -> list:
        return self.field_triggers.get(field, [])

    def is_an_ordinary_table(self, model) -> bool:
        return bool(model._auto and not model._table_query and not model._abstract)
