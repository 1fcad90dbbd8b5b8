"""``PrecreateMixin``: the INSERT of new rows, complete with their stored
computed fields instead of an INSERT followed by an UPDATE at the flush.

``_create`` reserves the ids of the new rows from the model's sequence, puts
the given values in the cache, computes the stored computed fields there and
inserts each row with them: one statement per batch where there were two,
and index entries written once. This is the runtime's own optimisation, not
Odoo's ``precompute`` (which computes on new records, before any id exists).

A compute method must see what it would see after the INSERT. While the rows
are reserved they are missing from the table, so any query naming the
model's table, or a table where the given x2many and attachment values go
after the INSERT, voids the early values: the rows are inserted with the given
values only and their fields computed later, as without this mixin. A compute
method that fails is treated alike, to fail again where it used to. Flushes
leave the reserved rows alone until they exist.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from typing import Any

import psycopg2

from .models_compute import _quote, _split
from .sql_arrays import column_arrays

# rows per INSERT statement
INSERT_BATCH = 5000
# below this many rows an INSERT takes less time than handing it to a thread saves
BACKGROUND_MIN_ROWS = 100


def _fails(convert, stored: dict, name: str, record) -> bool:
    """Whether converting the value of ``name`` in ``stored`` for its column fails."""
    try:
        convert(stored.get(name), record, stored)
    except (ValueError, TypeError):
        return True
    return False


class PrecreateMixin:
    """The INSERT of new rows: ids reserved before it, stored computed fields computed ahead of it."""

    def _reserve_ids(self, count: int) -> list | None:
        """``count`` new ids from the model's id sequence, ascending; None when
        the table has no such sequence (the INSERT then assigns the ids)."""
        if self._table_query or self._abstract:
            return None
        sequences = self.pool.id_sequences
        sequence = sequences.get(self._table, ())
        cr = self.env.cr
        if sequence == ():
            cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", (_quote(self._table),))
            row = cr.fetchone()
            sequence = sequences[self._table] = row[0] if row else None
        if not sequence:
            return None
        return cr.reserve_sequence_values(sequence, count)

    def _watched_tables(self, others: dict) -> list[str]:
        """The tables whose queries would see the new rows differently before their INSERT."""
        tables = [self._table]
        for name in others:
            field = self._fields[name]
            if field.type == 'many2many':
                tables.append(field.relation)
            elif field.type == 'one2many':
                tables.append(self.env[field.comodel_name]._table)
            else:
                tables.append('ir_attachment')
        return tables

    def _column_values(self, columns: dict, column_names: list, stored_list: list[dict]) -> list[list]:
        """The values of ``column_names`` in ``stored_list`` for their columns, a list per column."""
        record = self.browse()
        column_values = []
        for name in column_names:
            convert = columns[name].convert_to_column_insert
            unchanged = columns[name]._column_passthrough
            try:
                column_values.append([value if (value := stored.get(name)).__class__ is unchanged and value
                                      else convert(value, record, stored) for stored in stored_list])
            except (ValueError, TypeError) as exc:
                value = next(stored.get(name) for stored in stored_list if _fails(convert, stored, name, record))
                raise ValueError(f"Wrong value for {self._name}.{name}: {value!r}") from exc
        return column_values

    def _column_rows(self, columns: dict, column_names: list, stored_list: list[dict]) -> list[list]:
        """The INSERT rows of ``stored_list``: the values of ``column_names`` for their columns."""
        column_values = self._column_values(columns, column_names, stored_list)
        return [list(row) for row in zip(*column_values)] if column_values else [[] for _stored in stored_list]

    def _insert_reserved(self, ids: list, data_list: list[dict], columns: dict, column_names: list,
                         to_compute: dict, others: dict) -> None:
        """INSERT the rows of the reserved ``ids`` with their stored computed fields."""
        marked = self._mark_to_compute(ids, to_compute)
        early = marked and self._compute_before_insert(self.browse(ids), marked, self._watched_tables(others))
        # kept as columns up to the INSERT, which sends one array per column
        column_values = self._column_values(columns, column_names, [data['stored'] for data in data_list])
        column_names = list(column_names)
        if early:
            self._add_early_values(early, ids, data_list, column_names, column_values)
        self._insert_columns(column_names, column_values, ids)

    def _add_early_values(self, early: dict, ids: list, data_list: list[dict], column_names: list,
                          column_values: list) -> None:
        """Put the values computed before the INSERT into its ``column_values`` and protect them."""
        # the values computed here are final: modified() after the INSERT must not mark them again
        field_computed = self.pool.field_computed
        if all(len(by_id) == len(ids) for by_id in early.values()):
            # the usual case: every row got every field computed here
            computed = set()
            for field in early:
                computed.update(field_computed.get(field, [field]))
            for data in data_list:
                data['protected'] = data['protected'] | computed
        else:
            computed_by_id: dict = defaultdict(set)
            for field, by_id in early.items():
                group = field_computed.get(field, [field])
                for id_ in by_id:
                    computed_by_id[id_].update(group)
            for id_, data in zip(ids, data_list):
                if id_ in computed_by_id:
                    data['protected'] = data['protected'] | computed_by_id[id_]
        record = self.browse()
        for field, by_id in early.items():
            convert = field.convert_to_column
            computed = [convert(by_id[id_], record, validate=False) if id_ in by_id else None for id_ in ids]
            if field.name in column_names:
                index = column_names.index(field.name)
                column_values[index] = [new if id_ in by_id else old for id_, new, old
                                        in zip(ids, computed, column_values[index])]
            else:
                column_names.append(field.name)
                column_values.append(computed)

    def _compute_before_insert(self, records, marked: dict, tables: list[str]) -> dict:
        """Compute the fields ``marked`` (``{field: ids}``) on the reserved
        ``records``; return ``{field: {id: cache value}}`` of the stored values
        they got, or None when they must be computed after the INSERT."""
        env = self.env
        transaction = env.transaction
        cache = env.cache
        ids = set(records._ids)
        pattern = re.compile(r'(?<![\w$])(?:%s)(?![\w$])' % '|'.join(re.escape(table) for table in tables))
        seen: list = []

        def watch(cr: Any, query: Any, params: Any, start: float, delay: float) -> None:
            if not seen and pattern.search(query if isinstance(query, str) else str(query)):
                seen.append(query)

        thread = threading.current_thread()
        hooks = getattr(thread, 'query_hooks', None)
        thread.query_hooks = [*(hooks or ()), watch]
        # a create nested in a compute method reserves its own rows: those are kept apart
        outer = transaction.reserved.get(self._name)
        transaction.reserved[self._name] = ids | outer if outer else ids
        failed = False
        try:
            for field in marked:
                if field.column_type and not field.translate and not field.company_dependent:
                    self._recompute_field(field, records._ids)
        except psycopg2.Error:
            # the database's own error: the transaction is aborted, computing
            # again after the INSERT would only meet "current transaction is aborted"
            raise
        except Exception:  # noqa: BLE001 - it is raised again by the compute after the INSERT
            failed = True
        finally:
            if outer:
                transaction.reserved[self._name] = outer
            else:
                transaction.reserved.pop(self._name, None)
            if hooks is None:
                del thread.query_hooks
            else:
                thread.query_hooks = hooks
        values: dict = {}
        for field, dirty in list(cache._dirty.items()):
            if field.model_name != self._name or ids.isdisjoint(dirty):
                continue
            if field.translate or field.company_dependent or not field.column_type:
                failed = True
            field_cache = cache._field_values(records, field)
            values[field] = {id_: field_cache.get(id_) for id_ in ids.intersection(dirty)}
        if failed or seen:
            self._forget_early_values(records, marked, values)
            return None
        for field, by_id in values.items():
            dirty = cache._dirty[field]
            dirty.difference_update(by_id)
            if not dirty:
                del cache._dirty[field]
        return values

    def _forget_early_values(self, records, marked: dict, values: dict) -> None:
        """Undo an early computation: the fields are to compute again after the INSERT."""
        env = self.env
        cache = env.cache
        ids = set(records._ids)
        for field, by_id in values.items():
            dirty = cache._dirty.get(field)
            if dirty is not None:
                dirty.difference_update(by_id)
                if not dirty:
                    del cache._dirty[field]
        for field, field_ids in marked.items():
            env.add_to_compute(field, records.browse(field_ids))
        # what the computation put in the cache goes; the rows will hold the given values
        cache.invalidate([(field, tuple(ids)) for field in set(marked) | set(values)])

    def _insert_rows(self, column_names: list, rows: list, ids: list | None = None) -> list:
        """INSERT ``rows`` (values of ``column_names``), with the given ids or
        those of the sequence; return the ids."""
        cr = self.env.cr
        table = _quote(self._table)
        if ids is not None:
            column_names = ['id', *column_names]
            rows = [[id_, *row] for id_, row in zip(ids, rows)]
        if not column_names:
            new_ids = []
            for _row in rows:
                cr.execute(f'INSERT INTO {table} DEFAULT VALUES RETURNING id')
                new_ids.append(cr.fetchone()[0])
            return new_ids
        cols = ", ".join(_quote(name) for name in column_names)
        row_sql = "(" + ", ".join(["%s"] * len(column_names)) + ")"
        new_ids = []
        for chunk in _split(rows, INSERT_BATCH):
            values_sql = ", ".join([row_sql] * len(chunk))
            query, params = f'INSERT INTO {table} ({cols}) VALUES {values_sql}', [
                value for row in chunk for value in row]
            if ids is None:
                cr.execute(query + ' RETURNING id', params)
                new_ids.extend(row[0] for row in cr.fetchall())
            else:
                cr.execute(query, params)
        return new_ids if ids is None else ids

    def _insert_columns(self, column_names: list, column_values: list, ids: list) -> None:
        """INSERT the rows of the reserved ``ids`` given as ``column_values`` (a
        list per column of ``column_names``): as one array per column when every
        value fits its column's array, else as a ``VALUES`` list."""
        types = ['int4', *(self._fields[name].column_type[0] for name in column_names)]
        table = _quote(self._table)
        cols = ", ".join(_quote(name) for name in ['id', *column_names])
        unnest = ", ".join(f"%s::{sql_type}[]" for sql_type in types)
        for start in range(0, len(ids), INSERT_BATCH):
            part = slice(start, start + INSERT_BATCH)
            chunk_ids = ids[part]
            arrays = column_arrays(types, [chunk_ids, *(values[part] for values in column_values)]) \
                if len(chunk_ids) > 1 else None
            if arrays is None:
                rows = [list(row) for row in zip(*(values[part] for values in column_values))] \
                    if column_values else [[] for _id in chunk_ids]
                self._insert_rows(column_names, rows, chunk_ids)
            else:
                # a big one runs while create() goes on (links, other records, computes)
                cr = self.env.cr
                execute = cr.execute_in_background if len(chunk_ids) >= BACKGROUND_MIN_ROWS else cr.execute
                execute(f'INSERT INTO {table} ({cols}) SELECT * FROM unnest({unnest})', arrays)

    def _fields_to_compute(self, data_list: list[dict]) -> dict:
        """``{field: indexes}``: the stored computed fields the new rows do not get."""
        result = {}
        for field in self.pool.model_stored_computed.get(self._name, ()):
            # a copy of another field of the row (image_128 of image_1920) is empty
            # like its source when the row has none: there is nothing to compute
            source = field.related if field.related and '.' not in field.related else None
            if source and (self._fields[source].compute or not self._fields[source].store
                           or self._fields[source].inherited):
                source = None
            indexes = []
            for index, data in enumerate(data_list):
                if field.name in data['stored'] or field in data['protected']:
                    continue
                if source and source not in data['stored']:
                    # nor anything to mark when create() notifies the row's fields
                    data['protected'].add(field)
                    continue
                indexes.append(index)
            if indexes:
                result[field] = indexes
        return result

    def _mark_to_compute(self, ids: list, to_compute: dict) -> dict:
        """Mark the fields of ``to_compute`` to compute on the new rows; return ``{field: ids}``."""
        tocompute = self.env.transaction.tocompute
        marked = {}
        for field, indexes in to_compute.items():
            marked[field] = todo = [ids[index] for index in indexes]
            tocompute[field].update(todo)
        return marked
