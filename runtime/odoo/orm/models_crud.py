"""``CrudMixin``: creating (one multi-row INSERT per batch), writing,
deleting and copying records, defaults, loading data records, the
parent_path of ``_parent_store`` models and the constraints run afterwards."""
from __future__ import annotations

from collections import defaultdict
from contextvars import ContextVar

from ..exceptions import UserError
from . import decorators as api
from .models_compute import ComputeMixin, _quote, _split
from .models_misc import MiscMixin
from .models_precreate import PrecreateMixin

LOG_ACCESS = ('create_uid', 'create_date', 'write_uid', 'write_date')
MODULE_UNINSTALL_FLAG = '_force_unlink'    # context key set while a module is uninstalled

# what the records of the create batch being prepared share: their default
# sources and missing fields (None outside _prepare_create_values)
_create_batch: ContextVar[dict | None] = ContextVar('create_batch', default=None)


class CrudMixin(PrecreateMixin, ComputeMixin, MiscMixin):
    """create / write / unlink / copy and their helpers."""

    # ------------------------------------------------------------------
    # defaults
    # ------------------------------------------------------------------

    @api.model
    def default_get(self, fields_list: list) -> dict:
        """The default values of ``fields_list``: context ``default_*``,
        ``ir.default``, then the fields' own defaults."""
        defaults: dict = {}
        steps, parent_fields = self._default_steps(fields_list)
        for name, value, field in steps:
            if field is None:
                defaults[name] = value
            else:
                value = field.default(self)
                # values given as records become their write format
                defaults[name] = field.convert_to_write(value, self) if hasattr(value, '_ids') else value
        for model_name, names in parent_fields.items():
            defaults.update(self.env[model_name].default_get(names))
        return defaults

    def _default_steps(self, fields_list: list) -> tuple[list, dict]:
        """How default_get fills ``fields_list``: ``([(name, value, field)], {parent
        model: names})``, where ``field`` is None for a value taken as it is (from
        the context or ``ir.default``), else the field whose default is called
        for each record. Kept for the create batch, which asks for the same
        fields record after record."""
        memo = _create_batch.get()
        memo_key = ('steps', self._name, self.env, tuple(fields_list))
        if memo is not None and memo_key in memo:
            return memo[memo_key]
        context = self.env.context
        ir_defaults, candidates = self._default_sources()
        steps = []
        parent_fields: dict = defaultdict(list)
        fields = self._fields
        # most fields have no default at all: only those that may get one are looked at
        for name in filter(candidates.__contains__, fields_list):
            key = 'default_' + name
            field = fields.get(name)
            if key in context or name in ir_defaults:
                value = context[key] if key in context else ir_defaults[name]
                if field is not None and hasattr(value, '_ids'):
                    value = field.convert_to_write(value, self)
                steps.append((name, value, None))
            elif field is not None and field.default:
                steps.append((name, None, field))
            elif field is not None and field.inherited:
                parent_fields[field.related_field.model_name].append(name)
        result = (steps, parent_fields)
        if memo is not None:
            memo[memo_key] = result
        return result

    def _default_sources(self) -> tuple[dict, frozenset]:
        """``(ir.default values, names of the fields that may get a default)``
        for the current user, company and context: looked up once per create
        batch (default_get runs once per record), where they cannot change."""
        memo = _create_batch.get()
        memo_key = ('sources', self._name, self.env)
        if memo is not None and memo_key in memo:
            return memo[memo_key]
        env = self.env
        ir_defaults = {}
        if 'ir.default' in env and hasattr(env['ir.default'], '_get_model_defaults'):
            ir_defaults = env['ir.default']._get_model_defaults(self._name)
        given = {key[8:] for key in env.context if key.startswith('default_')}
        result = (ir_defaults, self._own_default_names().union(given, ir_defaults))
        if memo is not None:
            memo[memo_key] = result
        return result

    def _add_missing_default_values(self, values: dict) -> dict:
        """``values`` completed with the defaults of the fields it lacks."""
        missing = self._missing_default_names(values)
        if not missing:
            return values
        defaults = self.default_get(list(missing))
        for name in list(defaults):
            field = self._fields[name]
            # a default of a related field must not override the value given for its path
            if field.related and not field.inherited and field.related.split('.')[0] in values:
                del defaults[name]
        return {**defaults, **values}

    def _missing_default_names(self, values: dict) -> list[str]:
        """The fields that may get a default and that ``values`` lacks; the
        records of a create batch mostly give the same fields: their answer is
        kept for the batch."""
        if self._inherits:
            # as Odoo: when the parent of an _inherits link is given, its fields keep their values
            given_parents = self._parent_models_given(values)
            return [name for name in self._default_names() if name not in values
                    and not (given_parents and self._inherited_from(self._fields[name], given_parents))]
        memo = _create_batch.get()
        if memo is None:
            return [name for name in self._default_names() if name not in values]
        memo_key = ('missing', self._name, tuple(values))
        missing = memo.get(memo_key)
        if missing is None:
            missing = memo[memo_key] = [name for name in self._default_names() if name not in values]
        return missing

    def _parent_models_given(self, values: dict) -> set:
        """The _inherits parent models (walking up) whose record ``values`` names."""
        given: set = set()
        for parent_model, parent_fname in self._inherits.items():
            if values.get(parent_fname):
                given.add(parent_model)
            else:
                given |= self.env[parent_model]._parent_models_given(values)
        return given

    @staticmethod
    def _inherited_from(field, models: set) -> bool:
        while field.inherited:
            field = field.related_field
            if field.model_name in models:
                return True
        return False

    def _own_default_names(self) -> frozenset:
        """The fields with a default of their own or inherited through _inherits
        (cached per model class)."""
        cls = type(self)
        names = cls.__dict__.get('_own_default_names_cache')
        if names is None:
            names = frozenset(name for name, field in self._fields.items() if field.default or field.inherited)
            cls._own_default_names_cache = names
        return names

    def _default_names(self) -> list[str]:
        """The fields that can get a default value (cached per model class)."""
        cls = type(self)
        names = cls.__dict__.get('_default_names_cache')
        if names is None:
            names = [name for name, field in self._fields.items()
                     if name not in ('id', 'display_name') and name not in LOG_ACCESS
                     and name != 'parent_path' and not (field.compute and not field.inverse and not field.store)]
            cls._default_names_cache = names
        return names

    # ------------------------------------------------------------------
    # create
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list: list[dict]):
        """Create records from a list of value dicts; return them."""
        if not vals_list:
            return self.browse()
        self = self.browse()  # noqa: PLW0642 - as Odoo: create works on the model
        self.check_access('create')
        vals_list = self._prepare_create_values(vals_list)
        field_computed = self.pool.field_computed
        data_list = []
        inversed_fields = set()
        # the records of a batch mostly give the same fields: they are sorted once per set of names
        plans: dict = {}
        for vals in vals_list:
            names = tuple(vals)
            plan = plans.get(names)
            if plan is None:
                plan = plans[names] = self._create_plan(names)
            stored_names, inversed_names, inherited_names, protected, plan_inversed = plan
            inversed_fields.update(plan_inversed)
            inherited = defaultdict(dict)
            for model_name, model_names in inherited_names.items():
                inherited[model_name] = {name: vals[name] for name in model_names}
            data_list.append({
                'stored': dict(vals) if stored_names is None else {name: vals[name] for name in stored_names},
                'inversed': {name: vals[name] for name in inversed_names},
                'inherited': inherited, 'protected': set(protected)})
        # create or update the parent records of _inherits, in batch
        for model_name, parent_fname in self._inherits.items():
            to_create = []
            for data in data_list:
                parent_id = data['stored'].get(parent_fname)
                if parent_id:
                    if data['inherited'][model_name]:
                        self.env[model_name].browse(parent_id).write(data['inherited'][model_name])
                else:
                    to_create.append(data)
            if to_create:
                parents = self.env[model_name].create([data['inherited'][model_name] for data in to_create])
                for parent, data in zip(parents, to_create):
                    data['stored'][parent_fname] = parent.id
        records = self._create(data_list)
        # the inverse methods of the values that are not columns
        if inversed_fields:
            by_method: dict = defaultdict(list)
            for field in inversed_fields:
                by_method[field.inverse].append(field)
            cache = self.env.cache
            for data, record in zip(data_list, records):
                for name, value in data['inversed'].items():
                    field = self._fields[name]
                    cache._field_values(record, field)[record.id] = field.convert_to_cache(value, record)
            for fields in by_method.values():
                names = {field.name for field in fields}
                recs = records.browse([rec.id for rec, data in zip(records, data_list)
                                       if names & data['inversed'].keys()])
                protected = set()
                for field in fields:
                    protected.update(field_computed.get(field, [field]))
                with self.env.protecting(protected, recs):
                    fields[0].determine_inverse(recs)
        names = set()
        for vals in vals_list:
            names.update(vals)
        records._validate_fields(names)
        # the record rules on creation apply to the new records
        records.check_access('create')
        # create() raises the errors of its own INSERTs, even those run in the background
        self.env.cr.join_background()
        return records

    def _create_plan(self, names: tuple) -> tuple:
        """How create() sorts the values of the fields ``names``: ``(stored
        names or None for all of them, inversed names, {parent model: names of
        its inherited fields}, protected fields, fields with an inverse)``."""
        field_computed = self.pool.field_computed
        stored, inversed, inherited, protected, inversed_fields = [], [], defaultdict(list), set(), set()
        for name in names:
            field = self._fields[name]
            if field.store:
                stored.append(name)
            if field.inherited:
                inherited[field.related_field.model_name].append(name)
            elif field.inverse:
                # stored fields with an inverse (editable stored related
                # fields) get both their column and their inverse, as in Odoo
                inversed.append(name)
                inversed_fields.add(field)
                protected.update(field_computed.get(field, [field]))
            # a value given for an editable or precomputed field is kept:
            # its dependencies set in the same call do not recompute it
            if field.compute and (not field.readonly or field.precompute):
                protected.update(field_computed.get(field, [field]))
        return (None if len(stored) == len(names) else stored, inversed, dict(inherited),
                frozenset(protected), inversed_fields)

    def _prepare_create_values(self, vals_list: list[dict]) -> list[dict]:
        """Check the field names, drop the magic ones, add the defaults."""
        bad_names = {'id', 'parent_path'}
        if self._log_access and not (self.env.uid == 1 and not self.pool.ready):
            bad_names.update(LOG_ACCESS)
        fields = self._fields
        result = []
        token = _create_batch.set({})
        try:
            for vals in vals_list:
                if not fields.keys() >= vals.keys():
                    key = next(key for key in vals if key not in fields)
                    raise ValueError(f"Invalid field {key!r} on model {self._name!r}")
                given = vals
                if self._missing_default_names(vals):
                    vals = self._add_missing_default_values(vals)
                # the caller's dict is left as it was
                vals = dict(vals) if vals is given else vals
                for name in bad_names.intersection(vals):
                    del vals[name]
                result.append(vals)
        finally:
            _create_batch.reset(token)
        self._add_precomputed_values(result)
        return result

    def _add_precomputed_values(self, vals_list: list[dict]) -> None:
        """Compute the ``precompute=True`` fields missing from ``vals_list``
        on new records, in one batch, so that they are inserted with the row."""
        precomputed = [field for field in self.pool.model_stored_computed.get(self._name, ())
                       if field.precompute]
        if not precomputed:
            return
        todo = [(vals, [field for field in precomputed if field.name not in vals]) for vals in vals_list]
        todo = [(vals, fields) for vals, fields in todo if fields]
        if not todo:
            return
        news = self.browse().concat(*(self.new(vals) for vals, _fields in todo))
        for (vals, fields), record in zip(todo, news.with_prefetch(news._ids)):
            for field in fields:
                vals[field.name] = field.convert_to_write(record[field.name], record)

    def _create(self, data_list: list[dict]):
        """INSERT the rows of ``data_list`` at once and fill the cache."""
        env = self.env
        cr = env.cr
        fields = self._fields
        if self._log_access:
            now = cr.now() if hasattr(cr, 'now') else None
            magic = {'create_uid': env.uid, 'create_date': now, 'write_uid': env.uid, 'write_date': now}
            magic = {name: value for name, value in magic.items() if name in fields}
            for data in data_list:
                stored = data['stored']
                for name, value in magic.items():
                    stored.setdefault(name, value)
        columns: dict = {}
        others: dict = defaultdict(list)
        for data in data_list:
            for name in data['stored']:
                if name not in columns and name not in others:
                    field = fields[name]
                    if field.column_type:
                        columns[name] = field
                    else:
                        others[name] = []
        column_names = list(columns)
        stored_list = [data['stored'] for data in data_list]
        # ids reserved ahead let the stored computed fields of a batch go into its
        # INSERT (one query saved per batch; a single record keeps its one INSERT)
        to_compute = self._fields_to_compute(data_list)
        ids = self._reserve_ids(len(data_list)) if len(data_list) > 1 and to_compute else None
        reserved = ids is not None
        if not reserved:
            ids = self._insert_rows(column_names, self._column_rows(columns, column_names, stored_list))
        records = self.browse(ids)
        cache = env.cache
        # the cache gets the inserted values (translations: the current language)
        for name in column_names:
            field = columns[name]
            convert = field.convert_to_cache
            # the cache must hold what the column got (rounded, sanitized)
            validate = field.validated_in_cache
            null = field.null(records)
            unchanged = field._cache_passthrough
            cache._field_values(records, field).update(zip(ids, [
                null if (value := stored.get(name)) is None
                else value if value.__class__ is unchanged and value
                else convert(value, records, validate=validate)
                for stored in stored_list]))
        # the columns not given are NULL in the new rows: known without a query
        for field in self.pool.model_column_fields.get(self._name, ()):
            if field.name not in columns and field.name not in others:
                cache._field_values(records, field).update(dict.fromkeys(ids, field.null(records)))
        # the cached one2many of the targets of new many2one values miss the new records
        field_inverses = self.pool.field_inverses
        for name in column_names:
            inverses = field_inverses.get(columns[name])
            if inverses:
                targets = {data['stored'].get(name) for data in data_list} - {None, False}
                if targets:
                    cache.invalidate([(inverse, targets) for inverse in inverses])
        if reserved:
            self._insert_reserved(ids, data_list, columns, column_names, to_compute, others)
        # values that are not columns: x2many, attachments
        for name in others:
            field = fields[name]
            pairs = [(record, data['stored'][name]) for record, data in zip(records, data_list)
                     if name in data['stored']]
            if field.type in ('one2many', 'many2many'):
                # empty x2many are known without a query
                field_cache = cache._field_values(records, field)
                for id_ in ids:
                    field_cache[id_] = ()
            if pairs:
                field.create(pairs)
        if not reserved:
            self._mark_to_compute(ids, to_compute)
        # one entry per set of protected fields (records often share theirs)
        by_protected: dict = defaultdict(list)
        for id_, data in zip(ids, data_list):
            if data['protected']:
                by_protected[frozenset(data['protected'])].append(id_)
        with env.protecting([(protected, records.browse(group_ids)) for protected, group_ids in by_protected.items()]):
            records.modified(self._fields, create=True)
        if self._parent_store:
            records._parent_store_create()
        return records

    # ------------------------------------------------------------------
    # write
    # ------------------------------------------------------------------

    def write(self, vals: dict) -> bool:
        """Write ``vals`` on all the records of ``self``."""
        if not self:
            return True
        self.check_access('write')
        fields = self._fields
        for key in vals:
            if key not in fields:
                raise ValueError(f"Invalid field {key!r} on model {self._name!r}")
        self.check_field_access_rights('write', [key for key in vals if fields[key].groups])
        bad_names = {'id', 'parent_path'}
        if self._log_access:
            bad_names.update(LOG_ACCESS)
        vals = {key: val for key, val in vals.items() if key not in bad_names}
        if not vals:
            return True
        env = self.env
        field_computed = self.pool.field_computed
        relational = [name for name in vals if fields[name].relational or fields[name].inherited]
        if relational:
            self.modified(relational, before=True)
        inverse_fields = []
        protected = set()
        for name in sorted(vals, key=lambda name: fields[name].write_sequence):
            field = fields[name]
            value = vals[name]
            if field.inverse:
                inverse_fields.append(field)
                protected.update(field_computed.get(field, [field]))
                if not field.store:
                    continue
            try:
                field.write(self, value)
            except TypeError as exc:
                raise ValueError(f"Wrong value for {self._name}.{name}: {value!r}") from exc
        if self._log_access:
            cache = env.cache
            now = env.cr.now() if hasattr(env.cr, 'now') else None
            if 'write_uid' in fields:
                fields['write_uid'].write(self, env.uid)
            fields['write_date'].write(self, now)
            del cache
        self.modified([name for name in vals if not fields[name].inverse or fields[name].store])
        if inverse_fields:
            with env.protecting(protected, self):
                for field in inverse_fields:
                    field_cache = env.cache._field_values(self, field)
                    cache_value = field.convert_to_cache(vals[field.name], self)
                    for id_ in self._ids:
                        field_cache[id_] = cache_value
                done = set()
                for field in inverse_fields:
                    if field.inverse in done:
                        continue
                    done.add(field.inverse)
                    field.determine_inverse(self)
            self.modified([field.name for field in inverse_fields])
        if self._parent_store and self._parent_name in vals:
            self.flush_model([self._parent_name])
            self._parent_store_update()
        self._validate_fields(vals, [field.name for field in inverse_fields])
        return True

    def update(self, values: dict) -> None:
        """Assign ``values`` to the records (``write`` for real records,
        cache only for new ones)."""
        for record in self:
            for name, value in values.items():
                record[name] = value

    # ------------------------------------------------------------------
    # unlink
    # ------------------------------------------------------------------

    def unlink(self) -> bool:
        """Delete the records; many2one columns pointing to them follow their ``ondelete``."""
        if not self:
            return True
        self.check_access('unlink')
        uninstalling = self.env.context.get(MODULE_UNINSTALL_FLAG)
        for method in type(self)._ondelete_methods:
            if method._ondelete or not uninstalling:
                method(self)
        env = self.env
        env.flush_all()
        # dependents are recomputed after the deletion, hence no flush in between
        with env.protecting(list(self._fields.values()), self):
            self.modified(list(self._fields), before=True)
        ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        cr = env.cr
        for sub_ids in _split(tuple(ids), 30000):
            cr.execute(f'DELETE FROM {_quote(self._table)} WHERE id IN %s', (sub_ids,))
        for field in list(env.transaction.tocompute):
            if field.model_name == self._name:
                env.remove_to_compute(field, self)
        env.invalidate_all(flush=False)
        if 'ir.model.data' in env and not env['ir.model.data']._abstract:
            # external ids have no foreign key to their record: drop them with it
            # (through the ORM, which also clears the xml id lookups' cache)
            xmlids = env['ir.model.data'].sudo().with_context({}).search(
                [('model', '=', self._name), ('res_id', 'in', ids)])
            if xmlids:
                xmlids.unlink()
        if 'ir.attachment' in env and not env['ir.attachment']._abstract:
            attachments = env['ir.attachment'].sudo().search(
                [('res_model', '=', self._name), ('res_id', 'in', ids)])
            if attachments:
                attachments.unlink()
        return True

    # ------------------------------------------------------------------
    # copy
    # ------------------------------------------------------------------

    def copy_data(self, default: dict | None = None) -> list[dict]:
        """The values to create copies of the records (fields with ``copy=True``)."""
        default = dict(default or {})
        vals_list = []
        fields = self._fields
        blacklist = {'id', 'parent_path', 'display_name', *LOG_ACCESS}
        for parent_fname in self._inherits.values():
            blacklist.add(parent_fname)
        for record in self:
            vals = {}
            for name, field in fields.items():
                if name in default or name in blacklist or not field.copy:
                    continue
                if field.inherited and field.related.split('.')[0] in self._inherits.values():
                    # copied through the parent record
                    if not field.related_field.copy:
                        continue
                if field.compute and not field.store and not field.inherited:
                    continue
                value = record[name]
                if field.type == 'one2many':
                    lines = [line.copy_data({field.inverse_name: False})[0] for line in value]
                    vals[name] = [(0, 0, line) for line in lines]
                elif field.type == 'many2many':
                    vals[name] = [(6, 0, value.ids)]
                else:
                    vals[name] = field.convert_to_write(value, record)
            vals.update(default)
            vals_list.append(vals)
        return vals_list

    def copy(self, default: dict | None = None):
        """Duplicate the records; return the copies (with all the translations
        of their translated fields)."""
        vals_list = self.with_context(active_test=False).copy_data(default)
        copies = self.create(vals_list)
        translated = [name for name, field in self._fields.items()
                      if field.translate and field.store and field.copy and not field.compute
                      and name not in (default or {})]
        if translated:
            self.flush_model(translated)
            sets = ", ".join(f'"{name}" = src."{name}"' for name in translated)
            for original, copy_ in zip(self, copies):
                self.env.cr.execute(f'UPDATE "{self._table}" AS dst SET {sets} FROM "{self._table}" AS src '
                                    f'WHERE src.id = %s AND dst.id = %s', (original.id, copy_.id))
            copies.invalidate_recordset(translated, flush=False)
        return copies

    # ------------------------------------------------------------------
    # data loading
    # ------------------------------------------------------------------

    def _load_records(self, data_list: list[dict], update: bool = False):
        """Create or update records from data files: items ``{'xml_id',
        'values', 'noupdate'}``; external ids are recorded in ``ir.model.data``.
        On update, a record whose external id is marked noupdate is left alone."""
        original_self = self.browse()
        # as in Odoo: records loaded from data files are created in install mode
        self = self.with_context(install_mode=True)  # noqa: PLW0642
        imd = self.env['ir.model.data'] if 'ir.model.data' in self.env else None
        module = self.env.context.get('install_module', '')
        for data in data_list:
            xml_id = data.get('xml_id')
            if xml_id and '.' not in xml_id:
                data['xml_id'] = f"{module}.{xml_id}"
        existing = self._existing_xmlids([data['xml_id'] for data in data_list if data.get('xml_id')], imd)
        to_create, to_update, xmlid_data = [], [], []
        for data in data_list:
            xml_id = data.get('xml_id')
            if not xml_id:
                res_id = data['values'].get('id')
                if res_id:
                    data['record'] = self.browse(res_id)
                    to_update.append(data)
                elif not update:
                    to_create.append(data)
                continue
            found = existing.get(xml_id)
            if found is None:
                to_create.append(data)
                continue
            res_model, res_id, noupdate, alive = found
            if res_model != self._name:
                raise ValueError(f"For external id {xml_id} when trying to create/update a record of model "
                                 f"{self._name} found record of different model {res_model} ({res_id})")
            if not alive:
                # the record was deleted: make it again under the same external id
                to_create.append(data)
                continue
            data['record'] = self.browse(res_id)
            xmlid_data.append(data)
            if not (update and noupdate):
                to_update.append(data)
        for data in to_update:
            values = {key: val for key, val in data['values'].items() if key != 'id'}
            data['record']._load_records_write(values)
        if to_create:
            records = self._load_records_create([dict(data['values']) for data in to_create])
            for data, record in zip(to_create, records):
                data['record'] = record
            xmlid_data.extend(data for data in to_create if data.get('xml_id'))
        if imd is not None and xmlid_data:
            imd._update_xmlids([{'xml_id': data['xml_id'], 'record': data['record'],
                                 'noupdate': data.get('noupdate', False)} for data in xmlid_data], update)
        result = original_self
        for data in data_list:
            if data.get('record'):
                result |= data['record']
        return result

    def _existing_xmlids(self, xml_ids: list, imd) -> dict:
        """``{xml_id: (model, res_id, noupdate, record exists)}`` of the known external ids."""
        if not xml_ids or imd is None:
            return {}
        if hasattr(imd, '_lookup_xmlids'):
            return {f"{module}.{name}": (model, res_id, noupdate, bool(alive))
                    for _id, module, name, model, res_id, noupdate, alive in imd._lookup_xmlids(xml_ids, self)}
        found = {}
        for xml_id in xml_ids:
            res_id = imd._xmlid_to_res_id(xml_id, raise_if_not_found=False)
            if res_id:
                found[xml_id] = (self._name, res_id, False, bool(self.browse(res_id).exists()))
        return found

    def _load_records_create(self, values: list[dict]):
        return self.create(values)

    def _load_records_write(self, values: dict) -> None:
        self.write(values)

    # ------------------------------------------------------------------
    # parent_path of _parent_store models
    # ------------------------------------------------------------------

    def _parent_store_create(self) -> None:
        """Set parent_path of new records (parents before children)."""
        parent = self._parent_name
        table = _quote(self._table)
        cr = self.env.cr
        pending = set(self._ids)
        parent_cache = self.env.cache._field_values(self, self._fields[parent])
        parents = {rid: parent_cache.get(rid) for rid in self._ids}
        while pending:
            ready = tuple(id_ for id_ in pending if parents.get(id_) not in pending)
            if not ready:
                raise UserError(f"Recursion detected in {self._name}.{parent}")
            cr.execute(
                f'UPDATE {table} node SET parent_path = concat((SELECT p.parent_path FROM {table} p '
                f'WHERE p.id = node.{_quote(parent)}), node.id, %s) WHERE node.id IN %s RETURNING node.id, node.parent_path',
                ('/', ready))
            field_cache = self.env.cache._field_values(self, self._fields['parent_path'])
            for id_, path in cr.fetchall():
                field_cache[id_] = path
            pending.difference_update(ready)

    def _parent_store_update(self) -> None:
        """Move the subtrees of ``self`` under their new parents."""
        table = _quote(self._table)
        parent = self._parent_name
        cr = self.env.cr
        by_parent: dict = defaultdict(list)
        for record in self:
            by_parent[record[parent].id].append(record.id)
        for parent_id, ids in by_parent.items():
            prefix = ''
            if parent_id:
                cr.execute(f'SELECT parent_path FROM {table} WHERE id = %s', (parent_id,))
                prefix = cr.fetchone()[0] or ''
                if any(f"/{id_}/" in f"/{prefix}" for id_ in ids):
                    raise UserError(f"Recursion Detected: a record of {self._name} cannot be its own ancestor.")
            cr.execute(f'SELECT id, parent_path FROM {table} WHERE id IN %s', (tuple(ids),))
            for id_, old_path in cr.fetchall():
                old_path = old_path or f"{id_}/"
                cr.execute(
                    f"UPDATE {table} SET parent_path = concat(%s, substr(parent_path, %s)) "
                    f"WHERE parent_path LIKE %s", (prefix + f"{id_}/", len(old_path) + 1, old_path + '%'))
                cr.execute(f"UPDATE {table} SET parent_path = %s WHERE id = %s AND parent_path IS NULL",
                           (prefix + f"{id_}/", id_))
        self.invalidate_model(['parent_path'], flush=False)

    # ------------------------------------------------------------------
    # constraints
    # ------------------------------------------------------------------

    def _constrained_names(self) -> frozenset | None:
        """The fields whose change runs a constraint (@api.constrains, or the
        company check), None when a constraint names its fields dynamically;
        cached per model class until its setup gathers its constraints again."""
        cls = type(self)
        methods = cls._constraint_methods
        cached = cls.__dict__.get('_constrained_names_cache')
        if cached is not None and cached[0] is methods and cached[1] == len(self._fields):
            return cached[2]
        names: set | None = set()
        for check in methods:
            if callable(check._constrains):
                names = None
                break
            names.update(check._constrains)
        if names is not None and self._check_company_auto:
            names.add('company_id')
            names.update(name for name, field in self._fields.items() if field.check_company)
        result = None if names is None else frozenset(names)
        cls._constrained_names_cache = (methods, len(self._fields), result)
        return result

    def _validate_fields(self, field_names, excluded_names=()) -> None:
        """Run the ``@api.constrains`` methods concerned by ``field_names``."""
        field_names = set(field_names)
        watched = self._constrained_names()
        if watched is not None and field_names.isdisjoint(watched):
            # most computed fields (checked after each computation) have no constraint
            return
        excluded = set(excluded_names)
        for check in type(self)._constraint_methods:
            names = check._constrains
            if callable(names):
                names = names(self)
            if field_names.intersection(names) and not (excluded and excluded.issuperset(names)):
                check(self)
        if self._check_company_auto and field_names:
            checked = [name for name in field_names
                       if (name in self._fields and self._fields[name].check_company) or name == 'company_id']
            if checked:
                self._check_company(checked)
