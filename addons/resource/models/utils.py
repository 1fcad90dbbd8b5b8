"""Sets of time intervals (start, stop, payload) with union, intersection and
difference, as working-time computations need them."""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

import pytz

HOURS_PER_DAY = 8


def make_aware(dt: datetime.datetime) -> tuple[datetime.datetime, Any]:
    """(aware datetime, function giving back the caller's kind of datetime)."""
    if dt.tzinfo:
        return dt, lambda value: value.astimezone(dt.tzinfo)
    return dt.replace(tzinfo=pytz.utc), lambda value: value.astimezone(pytz.utc).replace(tzinfo=None)


def float_to_time(hours: float) -> datetime.time:
    """09.5 -> 09:30; 24.0 -> the last representable time of the day."""
    if hours >= 24.0:
        return datetime.time.max
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    if minutes == 60:
        whole, minutes = whole + 1, 0
        if whole == 24:
            return datetime.time.max
    return datetime.time(whole, minutes)


class Intervals:
    """Disjoint, sorted intervals ``(start, stop, records)``; merging two
    overlapping intervals unites their records."""

    def __init__(self, intervals: Iterable[tuple] = (), keep_distinct: bool = False) -> None:
        self._items: list[tuple] = []
        if keep_distinct:
            self._items = sorted(intervals, key=lambda item: (item[0], item[1]))
            return
        boundaries = []
        for start, stop, payload in intervals:
            if start < stop:
                boundaries.append((start, 0, payload))
                boundaries.append((stop, 1, payload))
        boundaries.sort(key=lambda item: (item[0], item[1]))
        depth = 0
        current_start = None
        payloads: list = []
        for moment, kind, payload in boundaries:
            if kind == 0:
                if depth == 0:
                    current_start = moment
                    payloads = []
                depth += 1
                payloads.append(payload)
            else:
                depth -= 1
                if depth == 0:
                    self._items.append((current_start, moment, _union(payloads)))

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Intervals) and self._items == other._items

    def __repr__(self) -> str:
        return f'Intervals({self._items!r})'

    def __or__(self, other: Iterable[tuple]) -> Intervals:
        return Intervals(list(self._items) + list(other))

    def __and__(self, other: Iterable[tuple]) -> Intervals:
        return self._merge(other, keep_outside=False)

    def __sub__(self, other: Iterable[tuple]) -> Intervals:
        return self._merge(other, keep_outside=True)

    def _merge(self, other: Iterable[tuple], keep_outside: bool) -> Intervals:
        """The parts of our intervals inside (or outside) ``other``."""
        others = list(Intervals(other)) if not isinstance(other, Intervals) else list(other)
        result = []
        for start, stop, payload in self._items:
            cursor = start
            for o_start, o_stop, _o_payload in others:
                if o_stop <= cursor or o_start >= stop:
                    continue
                if keep_outside:
                    if o_start > cursor:
                        result.append((cursor, o_start, payload))
                else:
                    result.append((max(cursor, o_start), min(stop, o_stop), payload))
                cursor = max(cursor, o_stop)
                if cursor >= stop:
                    break
            if keep_outside and cursor < stop:
                result.append((cursor, stop, payload))
        return Intervals(result, keep_distinct=True)


def _union(payloads: list) -> Any:
    result = None
    for payload in payloads:
        if payload is None:
            continue
        if result is None:
            result = payload
        elif hasattr(result, 'union'):
            result = result | payload
    return result


def sum_intervals(intervals: Iterable[tuple]) -> float:
    """Total duration of the intervals, in hours."""
    return sum((stop - start).total_seconds() for start, stop, _payload in intervals) / 3600.0
