"""Relational field types: ``Many2one`` (an id column with a foreign key),
``One2many`` (the reverse of a many2one) and ``Many2many`` (a relation table).
The cache holds an id (or None) for many2one and a tuple of ids for x2many."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .commands import Command
from .environments import NewId
from .fields import Default, Field

_new_record = object.__new__


class _PrefetchIds:
    """The ids a relational value of ``record`` should prefetch with: the
    values of the same field on the records prefetched with ``record``."""

    __slots__ = ('field', 'record')

    def __init__(self, record, field) -> None:
        self.record = record
        self.field = field

    def __iter__(self):
        record = self.record
        field_cache = record.env.cache._field_values(record, self.field)
        seen = set()
        many = self.field.type != 'many2one'
        for id_ in record._prefetch_ids:
            value = field_cache.get(id_)
            if value is None:
                continue
            for val in (value if many else (value,)):
                if val not in seen:
                    seen.add(val)
                    yield val

    def __reversed__(self):
        return reversed(list(self))


class _Relational(Field):
    """Common attributes of relational fields."""

    relational = True
    comodel_name: str | None = None
    domain: Any = []
    context: Any = {}
    check_company = False
    auto_join = False
    _related_attrs = Field._related_attrs + ('comodel_name', 'context')

    def __init__(self, comodel_name: Any = Default, string: Any = Default, **kwargs: Any) -> None:
        if comodel_name is not Default:
            kwargs['comodel_name'] = comodel_name
        if string is not Default:
            kwargs['string'] = string
        super().__init__(**kwargs)

    def setup(self, model) -> None:
        super().setup(model)
        if self.comodel_name not in model.pool:
            raise TypeError(f"Field {self}: unknown comodel_name {self.comodel_name!r}")

    def get_domain_list(self, model) -> list:
        domain = self.domain
        if callable(domain):
            domain = domain(model)
        return list(domain) if isinstance(domain, (list, tuple)) else []

    def _extra_description(self, env) -> dict:
        domain = self.domain
        return {'relation': self.comodel_name, 'context': self.context if isinstance(self.context, dict) else {},
                'domain': domain if isinstance(domain, (list, str)) else [],
                'check_company': self.check_company}


class Many2one(_Relational):
    """A reference to one record of ``comodel_name``; ``ondelete`` says what
    happens to this record when the target is deleted."""

    type = 'many2one'
    column_type = ('int4', 'int4')
    column_cast_from = ('int8',)
    ondelete = None
    delegate = False
    aggregator = None

    def _get_attrs(self, model_class, name: str) -> dict:
        attrs = super()._get_attrs(model_class, name)
        if not attrs.get('store', True):
            attrs.pop('ondelete', None)
        if attrs.get('delegate'):
            attrs['ondelete'] = attrs.get('ondelete') or 'cascade'
            attrs['auto_join'] = True
        return attrs

    def setup(self, model) -> None:
        super().setup(model)
        if self.store and not self.ondelete:
            comodel = model.env[self.comodel_name]
            # a required reference cannot be emptied, and a record must not point into a wizard table
            self.ondelete = 'restrict' if self.required or (comodel._transient and not model._transient) \
                else 'set null'
        if self.ondelete == 'set null' and self.required:
            raise ValueError(f"The m2o field {self} is required but declares its ondelete policy as "
                             f"'set null'. Only 'restrict' and 'cascade' make sense.")

    def _unchanged_class(self, column: bool) -> type | None:
        # a (non-zero) id
        return int

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if value.__class__ is int:
            return value or None
        if value is None or value is False:
            return None
        ids = getattr(value, '_ids', None)
        if ids is not None and hasattr(value, '_name'):
            # a record, the usual value assigned in compute methods
            if validate and value._name != self.comodel_name:
                raise ValueError(f"Wrong value for {self}: {value!r}")
            if len(ids) > 1:
                raise ValueError(f"Wrong value for {self}: {value!r} (expected a single record)")
            return ids[0] if ids else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value or None
        if isinstance(value, NewId):
            return value
        if isinstance(value, tuple) and value:
            return self.convert_to_cache(value[0], record, validate)
        if isinstance(value, dict):
            # a record as the web client sends it: its id, maybe edited values
            comodel = record.env[self.comodel_name]
            values = {key: val for key, val in value.items() if key not in ('id', 'display_name')}
            origin = comodel.browse(value['id']) if value.get('id') else None
            if not values and origin:
                return origin.id
            return comodel.new(values, origin=origin)._ids[0]
        raise ValueError(f"Wrong value for {self}: {value!r}")

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        # every created row goes through here for each of its many2one columns
        if value.__class__ is int:
            return value or None
        if value is None or value is False:
            return None
        value = self.convert_to_cache(value, record, validate)
        return value if isinstance(value, int) else None

    def convert_to_record(self, value: Any, record):
        # read on every access to a many2one: the record is built in place,
        # its class taken straight from the registry's dict
        env = record.env
        corecord = _new_record(env.registry.models[self.comodel_name])
        corecord.env = env
        corecord._ids = () if value is None else (value,)
        corecord._prefetch_ids = _PrefetchIds(record, self)
        return corecord

    def convert_to_record_multi(self, values, records):
        ids = tuple(value for value in dict.fromkeys(values) if value is not None)
        prefetch_ids = _PrefetchIds(records, self)
        return records.env[self.comodel_name]._browse(records.env, ids, prefetch_ids)

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        if use_display_name and value:
            try:
                return (value.id, value.sudo().display_name)
            except Exception:  # noqa: BLE001 - an unreadable or deleted target shows as such, like Odoo
                return False
        return value.id if value else False

    def convert_to_write(self, value: Any, record) -> Any:
        if isinstance(value, int) or isinstance(value, NewId):
            return value
        if not value:
            return False
        if hasattr(value, '_ids'):
            return value.id
        if isinstance(value, tuple):
            return value[0]
        if isinstance(value, dict):
            return record.env[self.comodel_name].new(value).id
        raise ValueError(f"Wrong value for {self}: {value!r}")

    def convert_to_export(self, value: Any, record) -> Any:
        return value.display_name if value else ''

    def convert_to_display_name(self, value: Any, record) -> str:
        return value.display_name if value else False

    def write(self, records, value) -> None:
        # keep the cached one2many of the old and new targets consistent
        inverses = records.pool.field_inverses.get(self, ())
        if inverses:
            cache = records.env.cache
            field_cache = cache._field_values(records, self)
            old = set()
            known = True
            for id_ in records._ids:
                if id_ in field_cache:
                    if field_cache[id_] is not None:
                        old.add(field_cache[id_])
                else:
                    known = False
            new = self.convert_to_cache(value, records)
            if new is not None:
                old.add(new)
            for inverse in inverses:
                if known:
                    cache.invalidate([(inverse, old)])
                else:
                    cache.invalidate([(inverse, None)])
        super().write(records, value)

    def _extra_description(self, env) -> dict:
        desc = super()._extra_description(env)
        desc['ondelete'] = self.ondelete
        return desc


class _RelationalMulti(_Relational):
    """Common behaviour of one2many and many2many fields."""

    write_sequence = 20
    copy = False

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        """A tuple of ids; commands are applied to the current value (new records)."""
        ids = self._ids_of(value, record, validate)
        if record._ids and not record._ids[0]:
            # the lines of a new record are new records too (edited without writing)
            ids = tuple(NewId(id_) if isinstance(id_, int) and id_ else id_ for id_ in ids)
        return ids

    def _ids_of(self, value: Any, record, validate: bool) -> tuple:
        if value is None or value is False:
            return ()
        if hasattr(value, '_ids') and hasattr(value, '_name'):
            if validate and value._name != self.comodel_name:
                raise ValueError(f"Wrong value for {self}: {value!r}")
            return value._ids
        if isinstance(value, (list, tuple)):
            comodel = record.env[self.comodel_name]
            new_owner = bool(record._ids) and not record._ids[0]

            def line_of(id_):
                # the lines of a new record are new records made from the real ones
                if new_owner and isinstance(id_, int) and id_:
                    return comodel.browse((NewId(id_),))
                return comodel.browse((id_,))

            def same(id_, other) -> bool:
                origin = id_.origin if isinstance(id_, NewId) else None
                return id_ == other or (origin is not None and origin == other)

            # commands apply to the current value, except when filling a new record
            ids: list = list(record[self.name]._ids) if validate and len(record._ids) == 1 else []
            for command in value:
                if isinstance(command, (list, tuple)) and command and isinstance(command[0], int) \
                        and len(command) in (2, 3):
                    code = command[0]
                    if code == Command.CREATE:
                        ids.append(comodel.new(command[2] or {}, ref=command[1])._ids[0])
                    elif code == Command.UPDATE:
                        line = line_of(command[1])
                        if validate:
                            line.update(command[2] or {})
                        else:
                            line._update_cache(command[2] or {}, validate=False)
                        if not any(same(id_, command[1]) for id_ in ids):
                            ids.append(line._ids[0])
                    elif code in (Command.DELETE, Command.UNLINK):
                        ids = [id_ for id_ in ids if not same(id_, command[1])]
                    elif code == Command.LINK:
                        if not any(same(id_, command[1]) for id_ in ids):
                            ids.append(line_of(command[1])._ids[0])
                    elif code == Command.CLEAR:
                        ids = []
                    elif code == Command.SET:
                        ids = [line_of(id_)._ids[0] for id_ in (command[2] or ())]
                    else:
                        raise ValueError(f"Wrong value for {self}: unknown command {command!r}")
                elif isinstance(command, dict):
                    ids.append(comodel.new(command)._ids[0])
                elif isinstance(command, (int, NewId)):
                    ids.append(command)
                else:
                    raise ValueError(f"Wrong value for {self}: {value!r}")
            return tuple(dict.fromkeys(ids))
        raise ValueError(f"Wrong value for {self}: {value!r}")

    def convert_to_record(self, value: Any, record):
        env = record.env
        corecords = _new_record(env.registry.models[self.comodel_name])
        corecords.env = env
        corecords._ids = value or ()
        corecords._prefetch_ids = _PrefetchIds(record, self)
        return self._filter_active(corecords, record) if corecords._ids else corecords

    def _filter_active(self, corecords, record):
        """The cache holds archived lines too; the value hides them unless
        ``active_test`` is off (in the field's context, else the environment's)."""
        active = corecords._active_name
        if not active or not corecords._ids:
            return corecords
        context = self.context if isinstance(self.context, dict) else {}
        if not context.get('active_test', record.env.context.get('active_test', True)):
            return corecords
        return corecords.filtered(active).with_prefetch(corecords._prefetch_ids)

    def convert_to_record_multi(self, values, records):
        ids = tuple(dict.fromkeys(id_ for value in values for id_ in (value or ())))
        corecords = records.env[self.comodel_name]._browse(records.env, ids, _PrefetchIds(records, self))
        return self._filter_active(corecords, records)

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        return list(value._ids) if hasattr(value, '_ids') else list(value or ())

    def convert_to_write(self, value: Any, record) -> Any:
        if isinstance(value, list) and all(isinstance(cmd, (list, tuple)) for cmd in value):
            return value
        if not value:
            return [Command.clear()]
        if hasattr(value, '_ids'):
            # new lines become creations, modified existing lines updates
            commands = []
            ids = []
            for line in value:
                if isinstance(line.id, int) and line.id:
                    ids.append(line.id)
                elif line._origin:
                    ids.append(line._origin.id)
                else:
                    commands.append(Command.create(line._convert_to_write_values()))
            return [Command.set(ids)] + commands
        if isinstance(value, (list, tuple)):
            return [Command.set(list(value))]
        raise ValueError(f"Wrong value for {self}: {value!r}")

    def convert_to_export(self, value: Any, record) -> Any:
        return ','.join(value.mapped('display_name')) if value else ''

    def convert_to_display_name(self, value: Any, record) -> str:
        raise NotImplementedError()

    def null(self, record) -> Any:
        return ()

    def _comodel_for(self, records):
        comodel = records.env[self.comodel_name]
        if isinstance(self.context, dict) and self.context:
            comodel = comodel.with_context(**self.context)
        if not comodel._allow_sudo_commands:
            # as Odoo: such a model's lines are changed with the rights of the
            # user who opened the transaction, even through sudo()
            comodel = comodel.sudo(False).with_user(comodel.env.uid_origin)
        return comodel

    def _comodel_to_read(self, records):
        """The comodel to read lines with: archived ones included (filtered later)."""
        context = {'active_test': False}
        if isinstance(self.context, dict):
            context.update(self.context)
        return records.env[self.comodel_name].with_context(**context)

    def write(self, records, value) -> None:
        real = [id_ for id_ in records._ids if isinstance(id_, int)] if self.store else []
        if not real:
            cache_value = self.convert_to_cache(value, records)
            field_cache = records.env.cache._field_values(records, self)
            for id_ in records._ids:
                field_cache[id_] = cache_value
            return
        self.write_batch([(records.browse(real), value)])
        new = [id_ for id_ in records._ids if not isinstance(id_, int)]
        if new:
            field_cache = records.env.cache._field_values(records, self)
            cache_value = self.convert_to_cache(value, records.browse(new))
            for id_ in new:
                field_cache[id_] = cache_value

    def create(self, record_values: list) -> None:
        self.write_batch(record_values, create=True)

    @staticmethod
    def _commands(value) -> list:
        """Normalize a write value into a list of command tuples."""
        if value is None or value is False:
            return [(Command.CLEAR, 0, 0)]
        if hasattr(value, '_ids'):
            return [(Command.SET, 0, [id_ for id_ in value._ids if isinstance(id_, int)])]
        if isinstance(value, (list, tuple)):
            # a list of commands (the usual value) is told from a list of ids by its first item
            if value and not isinstance(value[0], (list, tuple)) and all(isinstance(item, int) for item in value):
                return [(Command.SET, 0, list(value))]
            result = []
            for command in value:
                if isinstance(command, (list, tuple)) and command:
                    result.append(tuple(command) + (0,) * (3 - len(command)))
                elif isinstance(command, int):
                    result.append((Command.LINK, command, 0))
                else:
                    raise ValueError(f"Wrong x2many command: {command!r}")
            return result
        raise ValueError(f"Wrong value for x2many: {value!r}")


class One2many(_RelationalMulti):
    """The records of ``comodel_name`` whose ``inverse_name`` points here."""

    type = 'one2many'
    inverse_name: str | None = None
    auto_join = False
    store = False
    prefetch = False
    _related_attrs = _RelationalMulti._related_attrs + ('inverse_name',)

    def __init__(self, comodel_name: Any = Default, inverse_name: Any = Default, string: Any = Default,
                 **kwargs: Any) -> None:
        if inverse_name is not Default:
            kwargs['inverse_name'] = inverse_name
        super().__init__(comodel_name, string, **kwargs)

    def _get_attrs(self, model_class, name: str) -> dict:
        attrs = super()._get_attrs(model_class, name)
        # a one2many is not a column, but its values are read from the comodel
        # (a computed one is stored only when declared so, as in Odoo)
        if not attrs.get('compute') and not attrs.get('related'):
            attrs['store'] = True
        return attrs

    def setup(self, model) -> None:
        super().setup(model)
        if self.inverse_name:
            comodel = model.env[self.comodel_name]
            inverse = comodel._fields.get(self.inverse_name)
            if inverse is None:
                raise TypeError(f"Field {self}: inverse field {self.comodel_name}.{self.inverse_name} does not exist")

    @property
    def column_type(self):  # type: ignore[override]
        return None

    def get_domain_list(self, model) -> list:
        domain = super().get_domain_list(model)
        if self.comodel_name and self.inverse_name:
            inverse = model.env.registry[self.comodel_name]._fields.get(self.inverse_name)
            if inverse is not None and inverse.type == 'many2one_reference':
                # the lines are those whose model field names our model
                domain = domain + [(inverse.model_field, '=', self.model_name)]
        return domain

    def read(self, records) -> None:
        """Fetch the lines of ``records`` into the cache, in the comodel's order."""
        comodel = self._comodel_to_read(records)
        inverse = self.inverse_name
        ids = [id_ for id_ in records._ids if isinstance(id_, int)]
        domain = self.get_domain_list(comodel) + [(inverse, 'in', ids)]
        # the active flag comes along: the value filters archived lines
        fnames = [inverse] + ([comodel._active_name] if comodel._active_name else [])
        lines = comodel.search_fetch(domain, fnames) if ids else comodel.browse()
        inverse_cache = records.env.cache._field_values(lines, comodel._fields[inverse])
        group = defaultdict(list)
        for line_id in lines._ids:
            parent = inverse_cache.get(line_id)
            if parent is not None:
                group[parent].append(line_id)
        field_cache = records.env.cache._field_values(records, self)
        for id_ in ids:
            field_cache[id_] = tuple(group.get(id_, ()))

    def write_batch(self, records_commands: list, create: bool = False) -> None:
        if not records_commands:
            return
        model = records_commands[0][0]
        comodel = self._comodel_for(model).with_context(active_test=False)
        inverse = self.inverse_name
        inverse_field = comodel._fields[inverse]
        # lines removed from their parent are deleted when they cannot live without it
        drop_lines = inverse_field.type == 'many2one' and (inverse_field.ondelete == 'cascade' or inverse_field.required)

        def unlink(lines) -> None:
            if drop_lines:
                lines.unlink()
            else:
                lines.write({inverse: False})

        to_create = []
        for recs, value in records_commands:
            for record in recs:
                for command in self._commands(value):
                    code, id_, vals = command[0], command[1], command[2]
                    if code == Command.CREATE:
                        to_create.append(dict(vals or {}, **{inverse: record.id}))
                    elif code == Command.UPDATE:
                        comodel.browse(id_).write(vals)
                    elif code == Command.DELETE:
                        comodel.browse(id_).unlink()
                    elif code == Command.UNLINK:
                        line = comodel.browse(id_)
                        if line[inverse].id == record.id:
                            unlink(line)
                    elif code == Command.LINK:
                        comodel.browse(id_).write({inverse: record.id})
                    elif code == Command.CLEAR:
                        if not create:
                            unlink(record[self.name].with_env(comodel.env))
                    elif code == Command.SET:
                        keep = set(vals or ())
                        if not create:
                            unlink(record[self.name].with_env(comodel.env).filtered(lambda r, keep=keep: r.id not in keep))
                        if keep:
                            comodel.browse(list(keep)).write({inverse: record.id})
                    else:
                        raise ValueError(f"Wrong value for {self}: unknown command {command!r}")
                    if to_create and code != Command.CREATE:
                        comodel.create(to_create)
                        to_create = []
        if to_create:
            comodel.create(to_create)
        ids = [id_ for recs, _value in records_commands for id_ in recs._ids]
        model.env.cache.invalidate([(self, ids)])


class Many2many(_RelationalMulti):
    """Records of ``comodel_name`` linked through the table ``relation``
    (columns ``column1`` -> this model, ``column2`` -> comodel)."""

    type = 'many2many'
    relation: str | None = None
    column1: str | None = None
    column2: str | None = None
    ondelete = 'cascade'
    store = True
    prefetch = False
    _related_attrs = _RelationalMulti._related_attrs

    def __init__(self, comodel_name: Any = Default, relation: Any = Default, column1: Any = Default,
                 column2: Any = Default, string: Any = Default, **kwargs: Any) -> None:
        for key, val in (('relation', relation), ('column1', column1), ('column2', column2)):
            if val is not Default:
                kwargs[key] = val
        super().__init__(comodel_name, string, **kwargs)

    @property
    def column_type(self):  # type: ignore[override]
        return None

    def setup(self, model) -> None:
        super().setup(model)
        if not self.store:
            return
        comodel = model.env[self.comodel_name]
        if not self.relation:
            tables = sorted([model._table, comodel._table])
            if tables[0] == tables[1]:
                raise TypeError(f"Field {self}: a many2many to its own model needs an explicit relation table")
            self.relation = f"{tables[0]}_{tables[1]}_rel"
        if not self.column1:
            self.column1 = f"{model._table}_id"
        if not self.column2:
            self.column2 = f"{comodel._table}_id"

    def read(self, records) -> None:
        from ..tools.sql import SQL
        ids = tuple(id_ for id_ in records._ids if isinstance(id_, int))
        field_cache = records.env.cache._field_values(records, self)
        if not ids:
            return
        comodel = self._comodel_to_read(records)
        domain = self.get_domain_list(comodel)
        query = comodel._where_calc(domain)
        comodel._apply_ir_rules(query, 'read')
        query.order = comodel._order_to_sql(comodel._order, query)
        rel_alias = query.make_alias(query.table, self.name)
        query.add_join('JOIN', rel_alias, SQL.identifier(self.relation), SQL(
            "%s = %s", SQL.identifier(rel_alias, self.column2), SQL.identifier(query.table, 'id')))
        query.add_where(SQL("%s IN %s", SQL.identifier(rel_alias, self.column1), ids))
        sql = query.select(SQL.identifier(rel_alias, self.column1), SQL.identifier(rel_alias, self.column2))
        group = defaultdict(list)
        for id1, id2 in records.env.execute_query(sql):
            group[id1].append(id2)
        for id_ in ids:
            field_cache[id_] = tuple(dict.fromkeys(group.get(id_, ())))

    def write_batch(self, records_commands: list, create: bool = False) -> None:
        if not records_commands:
            return
        model = records_commands[0][0]
        env = model.env
        comodel = self._comodel_for(model)
        cr = env.cr
        to_add: list[tuple] = []
        to_remove: list[tuple] = []
        cleared: list = []
        touched: set = set()        # comodel ids whose links changed
        for recs, value in records_commands:
            commands = self._commands(value)
            for record_id in recs._ids:
                for code, id_, vals in commands:
                    if code == Command.CREATE:
                        to_add.append((record_id, comodel.create(vals or {}).id))
                    elif code == Command.UPDATE:
                        comodel.browse(id_).write(vals)
                        to_add.append((record_id, id_))
                    elif code == Command.DELETE:
                        to_remove.append((record_id, id_))
                        comodel.browse(id_).unlink()
                    elif code == Command.UNLINK:
                        to_remove.append((record_id, id_))
                    elif code == Command.LINK:
                        to_add.append((record_id, id_))
                    elif code == Command.CLEAR:
                        if not create:
                            cleared.append(record_id)
                    elif code == Command.SET:
                        if not create:
                            cleared.append(record_id)
                        to_add += [(record_id, other) for other in (vals or ())]
                    else:
                        raise ValueError(f"Wrong value for {self}: unknown command {(code, id_, vals)!r}")
                    if cleared and code in (Command.CLEAR, Command.SET):
                        touched.update(self._apply(cr, cleared, to_remove, to_add, create))
                        cleared, to_remove, to_add = [], [], []
        touched.update(self._apply(cr, cleared, to_remove, to_add, create))
        ids = [id_ for recs, _value in records_commands for id_ in recs._ids]
        env.cache.invalidate([(self, ids)])
        # the fields reading the same table from the other side changed for the touched records
        for field in model.pool.many2many_relations.get(self.relation, ()):
            if field is self:
                continue
            env.cache.invalidate([(field, None)])
            if touched and field.model_name == self.comodel_name and field.column1 == self.column2:
                env[field.model_name].browse(sorted(touched)).modified([field.name])

    def _apply(self, cr, cleared: list, to_remove: list, to_add: list, create: bool = False) -> set:
        """Change the relation table; return the comodel ids unlinked or linked.

        The links of new records join the statements their create() runs in
        the background, if any, instead of waiting for them (create() waits
        for all of them before it returns)."""
        rel, col1, col2 = self.relation, self.column1, self.column2
        touched = set()
        if cleared:
            cr.execute(f'DELETE FROM "{rel}" WHERE "{col1}" IN %s RETURNING "{col2}"', (tuple(cleared),))
            touched.update(row[0] for row in cr.fetchall())
        if to_remove:
            cr.execute(f'DELETE FROM "{rel}" WHERE ("{col1}", "{col2}") IN %s', (tuple(to_remove),))
            touched.update(pair[1] for pair in to_remove)
        removed = set(to_remove)
        pairs = [pair for pair in dict.fromkeys(to_add) if pair not in removed]
        if pairs:
            values = ", ".join(["(%s, %s)"] * len(pairs))
            params = [val for pair in pairs for val in pair]
            query = f'INSERT INTO "{rel}" ("{col1}", "{col2}") VALUES {values} ON CONFLICT DO NOTHING'
            if create and cr.background_pending:
                cr.execute_in_background(query, params)
            else:
                cr.execute(query, params)
            touched.update(pair[1] for pair in pairs)
        return touched

    def _extra_description(self, env) -> dict:
        desc = super()._extra_description(env)
        # as Odoo: 'relation' stays the comodel (the relation table is not described)
        desc.update(column1=self.column1, column2=self.column2)
        return desc
