"""``ReadGroupMixin``: grouping and aggregation of records in SQL.

``_read_group`` is the internal API (groupby specs such as ``partner_id`` or
``date:month``, aggregate specs such as ``amount:sum`` or ``__count``,
results as tuples); ``read_group`` is the public one used by views and RPC
(dicts with ``__domain``, ``<field>_count``, ``__context``, ``__range``).
"""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

import babel
import babel.dates
import pytz
from dateutil.relativedelta import relativedelta

from ..tools.sql import SQL
from . import decorators as api
from . import domains
from .query import Query, execute_query

READ_GROUP_TIME_GRANULARITY = {
    "hour": relativedelta(hours=1),
    "day": relativedelta(days=1),
    "week": datetime.timedelta(days=7),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
}
READ_GROUP_NUMBER_GRANULARITY = domains.READ_GROUP_NUMBER_GRANULARITY
READ_GROUP_ALL_TIME_GRANULARITY = {**READ_GROUP_TIME_GRANULARITY, **READ_GROUP_NUMBER_GRANULARITY}

READ_GROUP_AGGREGATE = {
    "sum": lambda table, expr: SQL("SUM(%s)", expr),
    "avg": lambda table, expr: SQL("AVG(%s)", expr),
    "max": lambda table, expr: SQL("MAX(%s)", expr),
    "min": lambda table, expr: SQL("MIN(%s)", expr),
    "bool_and": lambda table, expr: SQL("BOOL_AND(%s)", expr),
    "bool_or": lambda table, expr: SQL("BOOL_OR(%s)", expr),
    "array_agg": lambda table, expr: SQL("ARRAY_AGG(%s ORDER BY %s)", expr, SQL.identifier(table, "id")),
    # turned into recordsets after the query
    "recordset": lambda table, expr: SQL("ARRAY_AGG(%s ORDER BY %s)", expr, SQL.identifier(table, "id")),
    "count": lambda table, expr: SQL("COUNT(%s)", expr),
    "count_distinct": lambda table, expr: SQL("COUNT(DISTINCT %s)", expr),
}

# babel patterns of the group labels (YYYY is the week-based year, for weeks only)
READ_GROUP_DISPLAY_FORMAT = {
    "hour": "hh:00 dd MMM",
    "day": "dd MMM yyyy",
    "week": "'W'w YYYY",
    "month": "MMMM yyyy",
    "quarter": "QQQ yyyy",
    "year": "yyyy",
}

_SPEC_RE = re.compile(r"(\w+)(\.(\w+))?(?::(\w+))?$")
# read_group's field specs: "field", "field:agg" or "name:agg(field)"
_FIELD_AGG_RE = re.compile(r"(\w+)(?::(\w+)(?:\((\w+)\))?)?")
_HAVING_OPERATORS = ("in", "not in", "<", ">", "<=", ">=", "=", "!=")


def parse_read_group_spec(spec: str) -> tuple[str, str | None, str | None]:
    """Split ``field[.property][:func]`` into its three parts."""
    match = _SPEC_RE.match(spec)
    if not match:
        raise ValueError(f"Invalid read_group specification {spec!r}")
    return match[1], match[3], match[4]


def _lang_code_and_week_start(env: Any) -> tuple[str, int]:
    try:
        from ..tools.misc import get_lang
        lang = get_lang(env)
        return lang.code, int(lang.week_start)
    except Exception:  # noqa: BLE001 - res.lang not available (bootstrap): defaults
        return env.lang or "en_US", 1


def _week_number(locale: babel.Locale, day: datetime.date) -> tuple[int, int]:
    """(year, week) of ``day`` by the week rules of ``locale``."""
    first_day = locale.first_week_day  # 0 = Monday
    min_days = locale.min_week_days
    if isinstance(day, datetime.datetime):
        day = day.date()
    week_start = day - datetime.timedelta(days=(day.weekday() - first_day) % 7)
    week_end = week_start + datetime.timedelta(days=6)
    year = week_start.year
    if week_end.year != year and week_end.timetuple().tm_yday >= min_days:
        year = week_end.year
    jan1 = datetime.date(year, 1, 1)
    first_start = jan1 - datetime.timedelta(days=(jan1.weekday() - first_day) % 7)
    if 7 - (jan1 - first_start).days < min_days:
        first_start += datetime.timedelta(days=7)
    return year, (week_start - first_start).days // 7 + 1


def _period_start(value: Any, granularity: str, week_start: int) -> Any:
    """The start of the ``granularity`` period containing ``value`` (weeks
    start on ``week_start``, 1 = Monday), as grouping in SQL computes it."""
    is_datetime = isinstance(value, datetime.datetime)
    day = value.date() if is_datetime else value
    if granularity == "hour":
        return value.replace(minute=0, second=0, microsecond=0) if is_datetime else value
    if granularity == "week":
        day -= datetime.timedelta(days=(day.isoweekday() - week_start) % 7)
    elif granularity == "month":
        day = day.replace(day=1)
    elif granularity == "quarter":
        day = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    elif granularity == "year":
        day = day.replace(month=1, day=1)
    return datetime.datetime.combine(day, datetime.time.min) if is_datetime else day


class ReadGroupMixin:
    """``_read_group`` and ``read_group`` for every model."""

    __slots__ = ()

    @api.model
    def _read_group(self, domain: list, groupby: Any = (), aggregates: Any = (), having: Any = (),
                    offset: int = 0, limit: int | None = None, order: str | None = None) -> list[tuple]:
        """Group the records matching ``domain`` by ``groupby`` and compute
        ``aggregates``; return one tuple per group: the group values (records
        for relational fields) followed by the aggregate values."""
        groupby, aggregates = list(groupby), list(aggregates)
        if hasattr(self, "check_access"):
            self.browse().check_access("read")
        if domains.is_false(self, domain):
            if not groupby:
                # SQL aggregates without GROUP BY always give one row
                return [tuple(self._read_group_empty_value(spec) for spec in aggregates)]
            return []

        query = self._search(domain)
        query.limit = limit
        query.offset = offset
        groupby_terms = {spec: self._read_group_groupby(spec, query) for spec in groupby}
        if groupby_terms:
            grouped_on = list(groupby_terms.values())
            query.groupby = SQL(", ").join(grouped_on)
            query.having = self._read_group_having(list(having), query)
            query.order = self._read_group_orderby(order, groupby_terms, query=query)
        select_terms = [self._read_group_select(spec, query) for spec in aggregates]
        rows = execute_query(self.env, query.select(*groupby_terms.values(), *select_terms))
        if not rows:
            return rows
        columns = iter(zip(*rows, strict=True))
        result_columns = [self._read_group_postprocess_groupby(spec, next(columns)) for spec in groupby]
        result_columns += [self._read_group_postprocess_aggregate(spec, next(columns)) for spec in aggregates]
        return list(zip(*result_columns, strict=True))

    def _read_group_select(self, aggregate_spec: str, query: Query) -> SQL:
        """The SQL aggregate for ``field:func`` (or ``__count``)."""
        if aggregate_spec == "__count":
            return SQL("COUNT(*)")
        field_name, path, method = parse_read_group_spec(aggregate_spec)
        if path:
            raise ValueError(f"Aggregate {aggregate_spec!r} on model {self._name!r}: dotted paths are not supported")
        if field_name not in self._fields:
            raise ValueError(f"Aggregate {aggregate_spec!r}: model {self._name!r} has no field {field_name!r}")
        if not method:
            raise ValueError(f"Aggregate {aggregate_spec!r} on model {self._name!r} names no method (field:method)")
        make_aggregate = READ_GROUP_AGGREGATE.get(method)
        if make_aggregate is None:
            raise ValueError(f"Aggregate {aggregate_spec!r} on model {self._name!r}: unknown aggregate method {method!r}")
        field = self._fields[field_name]
        if method == "recordset" and not (_relational(field) or field_name == "id"):
            raise ValueError(f"Aggregate method {method!r} only applies to relational fields (or id), "
                             f"not {aggregate_spec!r}.")
        return make_aggregate(self._table, self._field_to_sql(self._table, field_name, query))

    def _read_group_groupby(self, groupby_spec: str, query: Query) -> SQL:
        """The SQL expression grouped on for ``field[:granularity]``."""
        field_name, path, granularity = parse_read_group_spec(groupby_spec)
        field = self._fields.get(field_name)
        if field is None:
            raise ValueError(f"Groupby {groupby_spec!r}: model {self._name!r} has no field {field_name!r}")
        if path:
            raise ValueError(f"Groupby {groupby_spec!r} on model {self._name!r}: dotted paths are not supported")
        if granularity and field.type not in ("date", "datetime"):
            raise ValueError(f"Granularity set on a no-datetime field: {groupby_spec!r}")

        if field.type == "many2many":
            return self._read_group_groupby_many2many(groupby_spec, field, query)
        expr = self._field_to_sql(self._table, field_name, query)

        tz = self.env.context.get("tz")
        if field.type == "datetime" and tz in pytz.all_timezones_set:
            expr = SQL("timezone(%s, timezone('UTC', %s))", tz, expr)
        if field.type in ("date", "datetime"):
            if not granularity:
                raise ValueError(f"Groupby {groupby_spec!r} on model {self._name!r}: a date needs a granularity")
            if READ_GROUP_ALL_TIME_GRANULARITY.get(granularity) is None:
                raise ValueError(f"Groupby {groupby_spec!r} on model {self._name!r}: unknown granularity {granularity!r}")
            if granularity == "week":
                # weeks start on the language's first day (week_start: 1 = Monday)
                first_day = _lang_code_and_week_start(self.env)[1] - 1
                offset = first_day and 7 - first_day
                interval = f"-{offset} DAY"
                expr = SQL("(date_trunc('week', %s::timestamp - INTERVAL %s) + INTERVAL %s)",
                           expr, interval, interval)
            elif granularity in READ_GROUP_NUMBER_GRANULARITY:
                part = READ_GROUP_NUMBER_GRANULARITY[granularity]
                if granularity == "day_of_week":
                    week_start = _lang_code_and_week_start(self.env)[1]
                    expr = SQL("mod(7 - %s + date_part(%s, %s)::int, 7)", week_start, part, expr)
                else:
                    expr = SQL("date_part(%s, %s)::int", part, expr)
            else:
                expr = SQL("date_trunc(%s, %s::timestamp)", granularity, expr)
            if field.type == "date" and granularity not in READ_GROUP_NUMBER_GRANULARITY:
                # truncation gives a timestamp: back to a date
                expr = SQL("CAST(%s AS date)", expr)
        elif field.type == "boolean":
            # NULL and FALSE are one group
            expr = SQL("COALESCE(%s, %s)", expr, False)
        return expr

    def _read_group_groupby_many2many(self, groupby_spec: str, field: Any, query: Query) -> SQL:
        """Group by the comodel ids of a many2many: LEFT JOIN its relation
        table, keeping only the comodel records the user may read."""
        alias = self._table
        if getattr(field, "related", None) and not field.store:
            _model, field, alias = self._traverse_related_sql(alias, field, query)
        if not field.store:
            raise ValueError(f"Groupby {groupby_spec!r} on model {self._name!r}: the many2many is not stored")
        target = self.env[field.comodel_name]
        readable = target._where_calc([], active_test=False)
        target._apply_ir_rules(readable)
        link_alias = query.make_alias(alias, field.name)
        target_id = SQL.identifier(link_alias, field.column2)
        condition = SQL("%s = %s", SQL.identifier(alias, "id"), SQL.identifier(link_alias, field.column1))
        if readable.where_clause:
            condition = SQL("%s AND %s IN %s", condition, target_id, readable.subselect())
        query.add_join("LEFT JOIN", link_alias, field.relation, condition)
        return target_id

    def _read_group_having(self, having_domain: list, query: Query) -> SQL:
        """The HAVING condition: a domain whose "fields" are aggregate specs."""
        if not having_domain:
            return SQL()
        # prefix notation read backwards: operands are on the stack when
        # their operator comes
        stack: list[SQL] = []
        for item in reversed(having_domain):
            if item == "!":
                negated = stack.pop()
                stack.append(SQL("(NOT %s)", negated))
            elif item in ("&", "|"):
                first, second = stack.pop(), stack.pop()
                stack.append(SQL("(%s %s %s)", first, SQL("AND" if item == "&" else "OR"), second))
            elif isinstance(item, (list, tuple)) and len(item) == 3:
                left, operator, right = item
                if operator not in _HAVING_OPERATORS:
                    raise ValueError(f"Invalid having clause {item!r}: supported comparators are "
                                     f"{_HAVING_OPERATORS}")
                if operator in ("in", "not in"):
                    right = tuple(right)
                stack.append(SQL("%s %s %s", self._read_group_select(left, query),
                                 domains.SQL_OPERATORS[operator], right))
            else:
                raise ValueError(f"Having clause {item!r} on model {self._name!r} is not a domain element")
        if len(stack) == 1:
            return stack[0]
        # several top-level terms are implicitly and-ed
        return SQL("(%s)", SQL(" AND ").join(reversed(stack)))

    def _read_group_orderby(self, order: str | None, groupby_terms: dict[str, SQL], query: Query) -> SQL:
        """ORDER BY for groups: by group values or aggregates; an explicit
        order on a many2one group follows the comodel's ``_order``."""
        traverse_many2one = bool(order)
        order = order or ",".join(groupby_terms)
        if not order:
            return SQL()
        terms = []
        for part in order.split(","):
            match = self._regex_order().match(part)
            if not match:
                raise ValueError(f"Invalid order {order!r} for _read_group() on model {self._name!r}")
            term = match["term"]
            direction = (match["direction"] or "ASC").upper()
            nulls = (match["nulls"] or "").upper()
            sql_direction, sql_nulls = SQL(direction), SQL(nulls)
            if term not in groupby_terms:
                try:
                    sql_expr = self._read_group_select(term, query)
                except ValueError as exc:
                    raise ValueError(f"Order term {part!r} is not a valid aggregate nor valid groupby "
                                     f"on model {self._name!r}") from exc
                terms.append(SQL("%s %s %s", sql_expr, sql_direction, sql_nulls))
                continue
            field = self._fields.get(term)
            if (traverse_many2one and field is not None and field.type == "many2one"
                    and self.env[field.comodel_name]._order != "id"):
                sql_order = self._order_to_sql(f"{term} {direction} {nulls}".strip(), query)
                if sql_order:
                    terms.append(sql_order)
            else:
                terms.append(SQL("%s %s %s", groupby_terms[term], sql_direction, sql_nulls))
        return SQL(", ").join(terms)

    @staticmethod
    def _regex_order() -> re.Pattern:
        from .models_search import regex_order
        return regex_order

    @api.model
    def _read_group_empty_value(self, spec: str) -> Any:
        """The value of ``spec`` for an empty group (or a NULL value)."""
        if spec == "__count":
            return 0
        fname, _, func = parse_read_group_spec(spec)
        if func in ("count", "count_distinct"):
            return 0
        if func == "array_agg":
            return []
        field = self._fields[fname]
        if (not func or func == "recordset") and (_relational(field) or fname == "id"):
            return self.env[field.comodel_name] if _relational(field) else self.env[self._name]
        return False

    def _read_group_records(self, model_name: str, ids: tuple, prefetch_ids: tuple) -> Any:
        records = self.env[model_name].browse(ids)
        return records.with_prefetch(prefetch_ids) if hasattr(records, "with_prefetch") else records

    def _read_group_postprocess_groupby(self, groupby_spec: str, raw_values: tuple) -> list:
        """Group values: records for relational fields, empty values for NULL."""
        empty = self._read_group_empty_value(groupby_spec)
        fname = parse_read_group_spec(groupby_spec)[0]
        field = self._fields[fname]
        if _relational(field) or fname == "id":
            model_name = field.comodel_name if _relational(field) else self._name
            prefetch_ids = tuple(value for value in raw_values if value)
            return [self._read_group_records(model_name, (value,), prefetch_ids) if value else empty
                    for value in raw_values]
        return [value if value is not None else empty for value in raw_values]

    def _read_group_postprocess_aggregate(self, aggregate_spec: str, raw_values: tuple) -> list:
        """Aggregate values: recordsets for ``recordset``, empty values for NULL."""
        empty = self._read_group_empty_value(aggregate_spec)
        if aggregate_spec != "__count":
            fname, _, func = parse_read_group_spec(aggregate_spec)
            if func == "recordset":
                field = self._fields[fname]
                model_name = field.comodel_name if _relational(field) else self._name
                prefetch_ids = tuple(dict.fromkeys(
                    id_ for values in raw_values if values for id_ in values if id_))

                def records(values):
                    if not values:
                        return empty
                    ids = tuple(dict.fromkeys(id_ for id_ in values if id_))
                    return self._read_group_records(model_name, ids, prefetch_ids)
                return [records(values) for values in raw_values]
        return [value if value is not None else empty for value in raw_values]

    # ------------------------------------------------------------------
    # public read_group
    # ------------------------------------------------------------------

    @api.model
    def _read_group_expand_full(self, groups: Any, domain: list) -> Any:
        """A ``group_expand`` showing every record of the comodel."""
        return groups.search([])

    @api.model
    def _read_group_fill_results(self, domain: list, groupby: str, annotated_aggregates: dict,
                                 read_group_result: list, read_group_order: str | None = None) -> list:
        """Add the empty groups a field's ``group_expand`` asks for (kanban columns)."""
        fname = groupby.split(".")[0].split(":")[0]
        field = self._fields[fname]
        group_expand = getattr(field, "group_expand", None)
        if not group_expand:
            return read_group_result
        if isinstance(group_expand, str):
            group_expand = getattr(type(self), group_expand)
        values = [line[groupby] for line in read_group_result if line[groupby]]
        groups = None
        if _relational(field):
            groups = self.env[field.comodel_name].browse([value.id for value in values])
            values = group_expand(self, groups, domain).sudo()
            if read_group_order == groupby + " desc":
                values = values.browse(list(reversed(values._ids)))

            def key_of(value):
                return value and value.id
        else:
            values = list(group_expand(self, values, domain))
            if read_group_order == groupby + " desc":
                values.reverse()

            def key_of(value):
                return value

        by_key = {key_of(line[groupby]): line for line in read_group_result}
        empty = {name: self._read_group_empty_value(spec) for name, spec in annotated_aggregates.items()}
        result = {}
        for value in values:
            key = key_of(value)
            result[key] = by_key.pop(key) if key in by_key else dict(empty, **{groupby: value})
        for line in by_key.values():
            result[key_of(line[groupby])] = line
        fold_name = getattr(groups, "_fold_name", "fold") if groups is not None else None
        if groups is not None and fold_name in groups._fields:
            folded = {group.id: group[fold_name] for group in groups.browse([key for key in result if key])}
            for key, line in result.items():
                line["__fold"] = folded.get(key, False)
        return list(result.values())

    @api.model
    def _read_group_fill_temporal(self, data: list[dict], groupby: list[str], annotated_aggregates: dict,
                                  fill_from: Any = False, fill_to: Any = False, min_groups: int = 0) -> list[dict]:
        """Insert empty groups for the periods without records between the
        first and last group (or ``fill_from``/``fill_to``, at least
        ``min_groups`` periods), so that charts show gaps as zeroes."""
        spec = groupby[0]
        field = self._fields[spec.split(":")[0]]
        if field.type not in ("date", "datetime"):
            return data
        granularity = spec.split(":")[1] if ":" in spec else "month"
        if granularity not in READ_GROUP_TIME_GRANULARITY:
            return data
        step = READ_GROUP_TIME_GRANULARITY[granularity]
        week_start = _lang_code_and_week_start(self.env)[1]

        def period_of(value: Any) -> Any:
            if isinstance(value, str):
                value = datetime.datetime.fromisoformat(value)
            if field.type == "date" and isinstance(value, datetime.datetime):
                value = value.date()
            elif field.type == "datetime" and not isinstance(value, datetime.datetime):
                value = datetime.datetime.combine(value, datetime.time.min)
            return _period_start(value, granularity, week_start)

        present = [row[spec] for row in data if row[spec]]
        start = period_of(fill_from) if fill_from else (min(present) if present else None)
        end = period_of(fill_to) if fill_to else (max(present) if present else None)
        start, end = start or end, end or start
        if start is None:
            return data
        if min_groups and min_groups > 0:
            end = max(end, start + (min_groups - 1) * step)
        empty = {name: self._read_group_empty_value(agg) for name, agg in annotated_aggregates.items()}
        by_period = {row[spec]: row for row in data if row[spec]}
        period = start
        while period <= end:
            by_period.setdefault(period, dict(empty, **{spec: period}))
            period = _period_start(period + step, granularity, week_start)
        undated = [row for row in data if not row[spec]]
        return [by_period[key] for key in sorted(by_period)] + undated

    def _read_group_format_result(self, rows_dict: list[dict], lazy_groupby: list[str]) -> None:
        """Turn raw group values into what clients expect: ``(id, name)`` for
        relations, labels and ``__range`` for dates, and each group's
        ``__domain``."""
        lang_code = None
        for group in lazy_groupby:
            fname = group.split(":")[0].split(".")[0]
            field = self._fields[fname]
            granularity = None
            if field.type in ("date", "datetime"):
                granularity = group.split(":")[1] if ":" in group else "month"
                lang_code = lang_code or _lang_code_and_week_start(self.env)[0]
            for row in rows_dict:
                value = row[group]
                if hasattr(value, "_ids") and hasattr(value, "_name"):
                    row[group] = (value.id, value.sudo().display_name) if value else False
                    value = value.id
                if not value and field.type == "many2many":
                    extra = [(fname, "not any", [])]
                else:
                    extra = [(fname, "=", value)]
                if granularity in READ_GROUP_TIME_GRANULARITY:
                    if value and isinstance(value, (datetime.date, datetime.datetime)):
                        extra = self._read_group_date_group(row, group, field, granularity, value, lang_code)
                    elif not value:
                        row.setdefault("__range", {})[group] = False
                elif granularity and value is not None:
                    extra = [(f"{fname}.{granularity}", "=", value)]
                row["__domain"] = domains.AND([row["__domain"], extra])

    def _read_group_date_group(self, row: dict, group: str, field: Any, granularity: str,
                               value: Any, lang_code: str) -> list:
        """Label and ``__range`` of a date group; return its domain."""
        locale = babel.Locale.parse(lang_code or "en_US")
        start, end = value, value + READ_GROUP_TIME_GRANULARITY[granularity]
        if field.type == "datetime":
            tzinfo = None
            tz = self.env.context.get("tz")
            if tz in pytz.all_timezones_set:
                tzinfo = pytz.timezone(tz)
                start = tzinfo.localize(start).astimezone(pytz.utc).replace(tzinfo=None)
                end = tzinfo.localize(end).astimezone(pytz.utc).replace(tzinfo=None)
            label = babel.dates.format_datetime(value, format=READ_GROUP_DISPLAY_FORMAT[granularity],
                                                locale=locale)
            fmt = "%Y-%m-%d %H:%M:%S"
        else:
            label = babel.dates.format_date(value, format=READ_GROUP_DISPLAY_FORMAT[granularity], locale=locale)
            fmt = "%Y-%m-%d"
        if granularity == "week":
            year, week = _week_number(locale, value)
            label = f"W{week} {year:04}"
        row[group] = label
        start_str, end_str = start.strftime(fmt), end.strftime(fmt)
        row.setdefault("__range", {})[group] = {"from": start_str, "to": end_str}
        fname = field.name
        return ["&", (fname, ">=", start_str), (fname, "<", end_str)]

    def _read_group_base_field(self, field: Any) -> Any:
        """The field holding the values: for a field of an ``_inherits``
        parent, the parent's own field."""
        base = getattr(field, "base_field", None)
        if base is not None:
            return base
        model = self
        while getattr(field, "inherited", False) and getattr(field, "related", None):
            link, _, rest = field.related.partition(".")
            model = model.env[model._fields[link].comodel_name]
            field = model._fields[rest]
        return field

    def _read_group_get_annotated_groupby(self, groupby: Any, lazy: bool) -> dict[str, str]:
        """Map each requested groupby to its explicit spec (dates default to months)."""
        groupby = [groupby] if isinstance(groupby, str) else list(groupby)
        levels = groupby[:1] if lazy else groupby
        annotated = {}
        for spec in levels:
            fname, property_name, granularity = parse_read_group_spec(spec)
            if fname not in self._fields:
                raise ValueError(f"Invalid field {fname!r} on model {self._name!r}")
            if property_name:
                raise ValueError(f"Groupby {spec!r} on model {self._name!r}: dotted paths are not supported")
            field = self._fields[fname]
            annotated[spec] = f"{fname}:{granularity or 'month'}" if field.type in ("date", "datetime") else spec
        return annotated

    @api.model
    @api.readonly
    def read_group(self, domain: list, fields: list, groupby: Any, offset: int = 0, limit: int | None = None,
                   orderby: str | bool = False, lazy: bool = True) -> list[dict]:
        """Groups of the records matching ``domain``, as dicts: the group
        values, the aggregated ``fields``, ``<groupby>_count`` (lazy, one
        level) or ``__count``, ``__domain`` and, when lazy with more levels,
        ``__context`` with the remaining ``group_by``."""
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        lazy_groupby = groupby[:1] if lazy else groupby
        annotated_groupby = self._read_group_get_annotated_groupby(groupby, lazy=lazy)
        count_key = f"{lazy_groupby[0].split(':')[0]}_count" if lazy and len(lazy_groupby) == 1 else "__count"
        annotated_aggregates = {count_key: "__count"}
        for spec in fields or []:
            if spec == "__count":
                continue
            match = _FIELD_AGG_RE.fullmatch(spec)
            if not match:
                raise ValueError(f"Invalid field specification {spec!r} on model {self._name!r}.")
            name, func, fname = match.groups()
            if fname:
                annotated_aggregates[name] = f"{fname}:{func}"
                continue
            if func:
                annotated_aggregates[name] = f"{name}:{func}"
                continue
            if name not in self._fields:
                raise ValueError(f"Invalid field {name!r} on model {self._name!r}")
            field = self._fields[name]
            base = self._read_group_base_field(field)
            aggregator = getattr(field, "aggregator", None) or getattr(field, "group_operator", None)
            if base.store and base.column_type and aggregator and spec not in annotated_groupby:
                annotated_aggregates[name] = f"{name}:{aggregator}"

        if orderby:
            # the order names result keys: turn them into the specs _read_group knows
            terms = []
            for raw_term in orderby.split(","):
                term = raw_term.strip()
                for key, annotated in itertools.chain(reversed(annotated_groupby.items()),
                                                      annotated_aggregates.items()):
                    name = key.split(":")[0]
                    if term.startswith(f"{name} ") or term == name:
                        term = term.replace(name, annotated, 1)
                        break
                terms.append(term)
            orderby = ",".join(terms)
        else:
            orderby = ",".join(annotated_groupby.values())

        rows = self._read_group(domain, annotated_groupby.values(), annotated_aggregates.values(),
                                offset=offset, limit=limit, order=orderby)
        keys = list(itertools.chain(annotated_groupby, annotated_aggregates))
        rows_dict = [dict(zip(keys, row, strict=True)) for row in rows]
        fill_temporal = self.env.context.get("fill_temporal")
        if lazy_groupby and ((fill_temporal and rows_dict) or isinstance(fill_temporal, dict)):
            options = fill_temporal if isinstance(fill_temporal, dict) else {}
            rows_dict = self._read_group_fill_temporal(rows_dict, lazy_groupby, annotated_aggregates, **options)
        if lazy_groupby and lazy:
            rows_dict = self._read_group_fill_results(domain, lazy_groupby[0], annotated_aggregates,
                                                      rows_dict, read_group_order=orderby)
        for row in rows_dict:
            row["__domain"] = domain
            if len(lazy_groupby) < len(groupby):
                row["__context"] = {"group_by": groupby[len(lazy_groupby):]}
        self._read_group_format_result(rows_dict, lazy_groupby)
        return rows_dict


def _relational(field: Any) -> bool:
    return field.type in ("many2one", "one2many", "many2many")
