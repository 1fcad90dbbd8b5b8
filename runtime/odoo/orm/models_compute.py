"""``ComputeMixin``: how records meet the database and the cache — fetching
in prefetch batches (``fetch``, ``_fetch_field``, ``_fetch_query``, ``read``),
writing pending values (``flush_*``), dropping cached values
(``invalidate_*``), and the recomputation of computed fields when their
dependencies change (``modified``, ``_recompute_*``)."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..exceptions import MissingError
from ..tools.sql import SQL
from . import decorators as api
from .environments import NewId
from .fields import determine


def _quote(name: str) -> str:
    return '"%s"' % name.replace('"', '""')


class ComputeMixin:
    """Fetch, flush, invalidate and recompute."""

    # ------------------------------------------------------------------
    # fetching
    # ------------------------------------------------------------------

    def _fetch_field(self, field) -> None:
        """Fetch ``field`` (and the other prefetchable fields) for ``self``."""
        self._check_field_access(field, 'read')
        if field.prefetch is True and self.env.context.get('prefetch_fields', True):
            fnames = [name for name, fld in self._fields.items()
                      if fld.prefetch is True and fld.store and fld.column_type
                      and self._has_field_access(fld, 'read')]
            if field.name not in fnames:
                fnames.append(field.name)
        else:
            fnames = [field.name]
        self.fetch(fnames)

    def fetch(self, field_names: list | None = None) -> None:
        """Bring the given stored fields of ``self`` into the cache, checking access."""
        ids = tuple(id_ for id_ in self._ids if isinstance(id_, int))
        if not ids:
            return
        if field_names is None:
            field_names = [name for name, fld in self._fields.items() if fld.store and fld.prefetch is True]
        fields = [self._fields[name] for name in field_names]
        fields = [field for field in fields if field.store]
        if not fields:
            return
        records = self.browse(ids)
        records.check_access('read')
        with_rules = not self.env.su and 'ir.rule' in self.env
        if not with_rules and not self._table_query:
            self._fetch_ids(ids, fields)
            return
        query = records._as_query(ordered=False)
        if with_rules:
            self._apply_ir_rules(query, 'read')
        fetched = self._fetch_query(query, fields)
        if with_rules and len(fetched) < len(ids):
            forbidden = (records - fetched).exists()
            if forbidden:
                raise self.env['ir.rule']._make_access_error('read', forbidden)

    def _fetch_ids(self, ids: tuple, fields: list):
        """Fetch ``fields`` of the given ids, without access rules (fast path)."""
        column_fields = [field for field in fields if field.column_type and field.name != 'id']
        other_fields = [field for field in fields if not field.column_type and field.name != 'id']
        fetched_ids: list = []
        if column_fields or other_fields:
            to_flush = [field for field in column_fields if field in self.env.cache._dirty]
            if to_flush:
                self.flush_model([field.name for field in to_flush])
            terms = [_quote('id')] + [self._column_select_sql(field) for field in column_fields]
            params: list = []
            for field in column_fields:
                params.extend(self._column_select_params(field))
            query = f'SELECT {", ".join(terms)} FROM {_quote(self._table)} WHERE id IN %s'
            cr = self.env.cr
            rows: list = []
            for sub_ids in _split(ids, 30000):
                cr.execute(query, params + [sub_ids])
                rows.extend(cr.fetchall())
            fetched_ids = [row[0] for row in rows]
            fetched = self.browse(fetched_ids)
            self._put_rows_in_cache(fetched, column_fields, rows)
            for field in other_fields:
                self._read_other_field(fetched, field)
            return fetched
        return self.browse()

    def _column_select_sql(self, field) -> str:
        if field.translate:
            return f"COALESCE({_quote(field.name)}->>%s, {_quote(field.name)}->>'en_US')"
        if field.company_dependent:
            return f"{_quote(field.name)}->%s"
        return _quote(field.name)

    def _column_select_params(self, field) -> list:
        if field.translate:
            return [self.env.lang or 'en_US']
        if field.company_dependent:
            return [str(self.env.company.id)]
        return []

    def _put_rows_in_cache(self, fetched, column_fields: list, rows: list) -> None:
        cache = self.env.cache
        for index, field in enumerate(column_fields, start=1):
            field_cache = cache._field_values(fetched, field)
            convert = field.convert_to_cache
            dirty = cache._dirty.get(field)
            for row in rows:
                id_ = row[0]
                if dirty and id_ in dirty and id_ in field_cache:
                    continue
                value = row[index]
                field_cache[id_] = convert(value, fetched, validate=False) if value is not None else field.null(fetched)

    def _read_other_field(self, fetched, field) -> None:
        if field.type in ('one2many', 'many2many'):
            field.read(fetched)
        elif field.type == 'binary':
            values = field.read_attachments(fetched)
            field_cache = self.env.cache._field_values(fetched, field)
            for id_ in fetched._ids:
                field_cache.setdefault(id_, field.convert_to_cache(values.get(id_), fetched, validate=False))

    def _fetch_query(self, query, fields: list):
        """Run ``query`` selecting ``fields``, fill the cache, return the records."""
        column_fields = [field for field in fields if field.store and field.column_type and field.name != 'id']
        other_fields = [field for field in fields if field.store and not field.column_type]
        terms = [SQL.identifier(query.table, 'id')]
        for field in column_fields:
            terms.append(self._field_to_sql(query.table, field.name, query))
        rows = self.env.execute_query(query.select(*terms))
        if not rows:
            return self.browse()
        fetched = self.browse([row[0] for row in rows])
        self._put_rows_in_cache(fetched, column_fields, rows)
        for field in other_fields:
            self._read_other_field(fetched, field)
        return fetched

    def read(self, fields: list | None = None, load: str = '_classic_read') -> list[dict]:
        """The values of ``fields`` (all readable when None) as a list of dicts."""
        fnames = self.check_field_access_rights('read', fields)
        stored = [name for name in fnames if self._fields[name].store]
        self.fetch(stored)
        return self._read_format(fnames, load)

    def _read_format(self, fnames: list, load: str = '_classic_read') -> list[dict]:
        data = [(record, {'id': record._ids[0]}) for record in self]
        use_display_name = load == '_classic_read'
        for name in fnames:
            field = self._fields[name]
            if name == 'id':
                continue
            convert = field.convert_to_read
            for record, vals in data:
                if not vals:
                    continue
                try:
                    vals[name] = convert(record[name], record, use_display_name)
                except MissingError:
                    vals.clear()
        return [vals for _record, vals in data if vals]

    @api.model
    def search_read(self, domain: list | None = None, fields: list | None = None, offset: int = 0,
                    limit: int | None = None, order: str | None = None, **read_kwargs: Any) -> list[dict]:
        fnames = self.check_field_access_rights('read', fields)
        records = self.search_fetch(domain or [], [name for name in fnames if self._fields[name].store],
                                    offset=offset, limit=limit, order=order)
        if not records:
            return []
        return records._read_format(fnames, **read_kwargs)

    def exists(self):
        """The records of ``self`` still in the database (new records are kept)."""
        new_ids, ids = [], []
        for id_ in self._ids:
            (ids if isinstance(id_, int) else new_ids).append(id_)
        if not ids:
            return self
        if self._table_query:
            valid = set(self.browse(ids)._as_query(ordered=False).get_result_ids())
        else:
            self.env.cr.execute(f'SELECT id FROM {_quote(self._table)} WHERE id IN %s', (tuple(ids),))
            valid = {row[0] for row in self.env.cr.fetchall()}
        return self.browse([id_ for id_ in self._ids if id_ in valid or not isinstance(id_, int)])

    # ------------------------------------------------------------------
    # flushing
    # ------------------------------------------------------------------

    def flush_model(self, fnames: list | None = None) -> None:
        """Recompute and write to the database the pending values of this model."""
        self._recompute_model(fnames)
        self._flush(fnames)

    def flush_recordset(self, fnames: list | None = None) -> None:
        self._recompute_recordset(fnames)
        self._flush(fnames, self._ids)

    def _flush(self, fnames: list | None = None, ids: Any = None) -> None:
        cache = self.env.cache
        model_fields = [field for field in cache._dirty
                        if field.model_name == self._name and cache._dirty[field]]
        if not model_fields:
            return
        if fnames is not None:
            wanted = {self._fields[name] for name in fnames if name in self._fields}
            if not any(field in wanted for field in model_fields):
                return
        id_vals: dict = defaultdict(dict)
        restrict = set(ids) if ids is not None else None
        # rows reserved by a create in progress get their values with their INSERT
        reserved = self.env.transaction.reserved.get(self._name)
        for field in model_fields:
            dirty = cache._dirty[field]
            todo = dirty if restrict is None else dirty & restrict
            if reserved:
                todo = todo - reserved
            if not todo:
                continue
            field_cache = cache._field_values(self, field)
            for id_ in todo:
                id_vals[id_][field.name] = field_cache.get(id_)
            if todo is dirty:
                del cache._dirty[field]
            else:
                dirty.difference_update(todo)
                if not dirty:
                    del cache._dirty[field]
        if id_vals:
            self._write_multi(id_vals)

    def _write_multi(self, id_vals: dict) -> None:
        """UPDATE the rows with their cache values, grouping rows by column set."""
        by_columns: dict = defaultdict(list)
        for id_, vals in id_vals.items():
            by_columns[tuple(sorted(vals))].append((id_, vals))
        cr = self.env.cr
        record = self.browse()
        for columns, items in by_columns.items():
            fields = [self._fields[name] for name in columns]
            types = [field.column_type[1] for field in fields]
            first_vals = items[0][1]
            if len(items) > 1 and all(vals == first_vals for _id, vals in items):
                # the same values everywhere (a write on many records): one plain UPDATE
                sets = ", ".join(f"{_quote(name)} = %s" for name in columns)
                params = [field.convert_to_column(first_vals[field.name], record, validate=False)
                          for field in fields]
                for sub_ids in _split(tuple(id_ for id_, _vals in items), 30000):
                    cr.execute(f'UPDATE {_quote(self._table)} SET {sets} WHERE id IN %s', params + [sub_ids])
                    self._check_updated(cr.rowcount, sub_ids)
                continue
            for chunk in _split(items, 5000):
                if len(chunk) == 1:
                    id_, vals = chunk[0]
                    sets = ", ".join(f"{_quote(name)} = %s" for name in columns)
                    params = [field.convert_to_column(vals[field.name], record, validate=False) for field in fields]
                    cr.execute(f'UPDATE {_quote(self._table)} SET {sets} WHERE id = %s', params + [id_])
                    self._check_updated(cr.rowcount, (id_,))
                    continue
                row_sql = "(%s" + ", %s" * len(columns) + ")"
                values_sql = ", ".join([row_sql] * len(chunk))
                params = []
                for id_, vals in chunk:
                    params.append(id_)
                    params.extend(field.convert_to_column(vals[field.name], record, validate=False) for field in fields)
                sets = ", ".join(f'{_quote(name)} = "__tmp".{_quote(name)}::{sqltype}'
                                 for name, sqltype in zip(columns, types))
                col_list = ", ".join(['id'] + [_quote(name) for name in columns])
                cr.execute(f'UPDATE {_quote(self._table)} SET {sets} FROM (VALUES {values_sql}) '
                           f'AS "__tmp"({col_list}) WHERE {_quote(self._table)}.id = "__tmp".id', params)
                self._check_updated(cr.rowcount, tuple(id_ for id_, _vals in chunk))

    def _check_updated(self, rowcount: int, ids: tuple) -> None:
        """Raise ``MissingError`` when some of the rows written no longer exist."""
        if rowcount != len(ids):
            self.env.cr.execute(f'SELECT id FROM {_quote(self._table)} WHERE id IN %s', (ids,))
            missing = sorted(set(ids) - {row[0] for row in self.env.cr.fetchall()})
            if missing:
                raise MissingError(f"Record does not exist or has been deleted.\n"
                                   f"(Record: {self._name}{tuple(missing)}, User: {self.env.uid})")

    # ------------------------------------------------------------------
    # invalidation
    # ------------------------------------------------------------------

    def invalidate_model(self, fnames: list | None = None, flush: bool = True) -> None:
        if flush:
            self.flush_model(fnames)
        fields = self._fields.values() if fnames is None else [self._fields[name] for name in fnames]
        self.env.cache.invalidate([(field, None) for field in fields])

    def invalidate_recordset(self, fnames: list | None = None, flush: bool = True) -> None:
        if flush:
            self.flush_recordset(fnames)
        fields = self._fields.values() if fnames is None else [self._fields[name] for name in fnames]
        ids = self._ids
        self.env.cache.invalidate([(field, ids) for field in fields])

    # ------------------------------------------------------------------
    # dependencies and recomputation
    # ------------------------------------------------------------------

    def modified(self, fnames, create: bool = False, before: bool = False) -> None:
        """Mark the computed fields depending on ``fnames`` of ``self`` to
        recompute (stored) or drop them from the cache (not stored)."""
        if not self._ids:
            return
        triggers = self.pool.field_triggers
        stack = [(self, self._fields[name]) for name in fnames
                 if name in self._fields and self._fields[name] in triggers]
        if not stack:
            return
        env = self.env
        tocompute_all = env.transaction.tocompute
        seen: set = set()           # non-stored dependents already dropped, per id set
        reached: dict = {}          # the targets of a path: dependents often share one
        while stack:
            records, field = stack.pop()
            for dependent, path in triggers.get(field, ()):
                if not path:
                    ids = records._ids
                elif create and path[-1].type != 'one2many':
                    # nothing pointed to records that did not exist (new links notify themselves)
                    continue
                else:
                    key = (records._name, records._ids, path)
                    ids = reached.get(key)
                    if ids is None:
                        ids = reached[key] = records._modified_targets(path, create)._ids
                protected = env._protected.get(dependent)
                if protected:
                    ids = tuple(id_ for id_ in ids if id_ not in protected)
                if not ids:
                    continue
                if dependent.store:
                    # new records too: they are computed when read (a flush leaves them),
                    # until then they keep their value, which their compute method may read
                    tocompute = tocompute_all[dependent]
                    todo = [id_ for id_ in ids if id_ not in tocompute]
                    if not todo:
                        continue
                    tocompute.update(todo)
                else:
                    key = (dependent, ids)
                    if key in seen:
                        continue
                    seen.add(key)
                    env.cache.invalidate([(dependent, ids)])
                    todo = ids
                if dependent in triggers:
                    stack.append((env[dependent.model_name].browse(todo), dependent))

    def _modified_targets(self, path: tuple, create: bool = False):
        """The records of the dependent's model reaching ``self`` through ``path``."""
        if not path:
            return self
        records = self
        for index, field in enumerate(reversed(path)):
            if not records:
                break
            model = self.env[field.model_name]
            if field.type == 'one2many':
                inverse = field.inverse_name
                inverse_field = records._fields[inverse]
                ids: list = []
                for record in records:
                    value = record[inverse]
                    if inverse_field.type == 'many2one_reference':
                        # an id, meaningful only when the model field names ours
                        if value and record[inverse_field.model_field] == model._name:
                            ids.append(value)
                        continue
                    ids.extend(value._ids)
                if not all(isinstance(rid, int) for rid in records._ids):
                    # new lines (onchange) belong to the records whose cached value holds them
                    wanted = set(records._ids)
                    for owner_id, value in self.env.cache._field_values(model, field).items():
                        if value and not wanted.isdisjoint(value):
                            ids.append(owner_id)
                records = model.browse(list(dict.fromkeys(ids)))
                continue
            if create and index == 0:
                # nobody points to records that did not exist before
                return model.browse()
            real = tuple(id_ for id_ in records._ids if isinstance(id_, int))
            found: list = []
            if field.type == 'many2one':
                if real and field.store:
                    model.flush_model([field.name])
                    self.env.cr.execute(f'SELECT id FROM {_quote(model._table)} WHERE {_quote(field.name)} IN %s',
                                        (real,))
                    found = [row[0] for row in self.env.cr.fetchall()]
                wanted = set(records._ids)
                field_cache = self.env.cache._field_values(model, field)
                found.extend(id_ for id_, value in field_cache.items() if value in wanted and id_ not in found)
            elif field.type == 'many2many':
                if real and field.store:
                    self.env.cr.execute(f'SELECT {_quote(field.column1)} FROM {_quote(field.relation)} '
                                        f'WHERE {_quote(field.column2)} IN %s', (real,))
                    found = [row[0] for row in self.env.cr.fetchall()]
                wanted = set(records._ids)
                field_cache = self.env.cache._field_values(model, field)
                found.extend(id_ for id_, value in field_cache.items()
                             if value and wanted.intersection(value) and id_ not in found)
            else:
                raise TypeError(f"Dependency through non-relational field {field}")
            records = model.browse(list(dict.fromkeys(found)))
        return records

    def _recompute_model(self, fnames: list | None = None) -> None:
        tocompute = self.env.transaction.tocompute
        for field in list(tocompute):
            if field.model_name == self._name and (fnames is None or field.name in fnames) and tocompute.get(field):
                self._recompute_field(field)

    def _recompute_recordset(self, fnames: list | None = None) -> None:
        tocompute = self.env.transaction.tocompute
        for field in list(tocompute):
            if field.model_name == self._name and (fnames is None or field.name in fnames):
                self._recompute_field(field, self._ids)

    def _recompute_field(self, field, ids: Any = None) -> None:
        pending = self.env.transaction.tocompute.get(field)
        if not pending:
            return
        # new records are computed only when asked for, as they are read
        ids = [id_ for id_ in pending if isinstance(id_, int)] if ids is None else [id_ for id_ in ids if id_ in pending]
        if not ids:
            return
        if field.recursive:
            # one record at a time (as Odoo): a record's value may read its parent's,
            # which is then computed on access instead of read while still pending
            # rows reserved by a create in progress exist, though not in the table yet
            reserved = self.env.transaction.reserved.get(self._name) or ()
            checked = self.browse([id_ for id_ in ids if id_ not in reserved])
            existing = set(checked.exists()._ids)
            self.env.remove_to_compute(field, checked.browse([id_ for id_ in checked._ids if id_ not in existing]))
            for record in self.browse([id_ for id_ in ids if id_ in existing or id_ in reserved]):
                if record.id in self.env.transaction.tocompute.get(field, ()):
                    field.compute_value(record)
            return
        records = self.browse(ids)
        try:
            field.compute_value(records)
        except MissingError:
            existing = records.exists()
            self.env.remove_to_compute(field, records - existing)
            field.compute_value(existing)

    def _compute_field_value(self, field) -> None:
        determine(field.compute, self)
        if field.store and any(isinstance(id_, int) for id_ in self._ids):
            fnames = [fld.name for fld in self.pool.field_computed.get(field, [field])]
            real_ids = [id_ for id_ in self._ids if isinstance(id_, int)]
            records = self if len(real_ids) == len(self._ids) else self.browse(real_ids)
            records._validate_fields(fnames)


def _split(items, size: int):
    items = list(items) if not isinstance(items, (list, tuple)) else items
    for start in range(0, len(items), size):
        yield tuple(items[start:start + size]) if isinstance(items, tuple) else items[start:start + size]


__all__ = ['ComputeMixin', 'NewId']
