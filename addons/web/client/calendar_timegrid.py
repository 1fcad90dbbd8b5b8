"""The hour grid of the calendar's week and day scales: one column per
day, each timed event placed by its start and end (in minutes of the
user's day), overlapping events side by side; all-day events (and those
of a date field) in a band above the grid; a line at the current time."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from odoo import _

from .calendar_view import Event, event_chip, user_zone, utc_offset
from .html import Markup, attrs, join

DAY_MINUTES = 24 * 60
MIN_MINUTES = 20            # shortest height drawn, so that a title stays readable


def _segments(events: list[Event], day: datetime.date) -> list[tuple[Event, int, int]]:
    """The timed events of ``day`` as ``(event, first minute, last minute)`` within that day."""
    midnight = datetime.datetime.combine(day, datetime.time.min)
    found = []
    for event in events:
        if event.all_day or not event.covers(day):
            continue
        begin = max(0, int((event.start - midnight).total_seconds() // 60))
        end = min(DAY_MINUTES, int((event.end - midnight).total_seconds() // 60))
        found.append((event, begin, max(end, begin + MIN_MINUTES)))
    return sorted(found, key=lambda item: (item[1], -item[2], item[0].record.id))


def lanes(segments: list[tuple[Event, int, int]]) -> list[tuple[Event, int, int, int, int]]:
    """Each segment with its lane and the number of lanes of its group of overlapping events
    (events overlapping each other share the column's width)."""
    placed: list[list] = []
    group: list[list] = []
    lane_ends: list[int] = []
    group_end = -1

    def close() -> None:
        for item in group:
            item.append(len(lane_ends))
        placed.extend(group)

    for event, begin, end in segments:
        if group and begin >= group_end:
            close()
            group, lane_ends, group_end = [], [], -1
        lane = next((index for index, last in enumerate(lane_ends) if last <= begin), None)
        if lane is None:
            lane_ends.append(end)
            lane = len(lane_ends) - 1
        else:
            lane_ends[lane] = end
        group.append([event, begin, end, lane])
        group_end = max(group_end, end)
    if group:
        close()
    return [tuple(item) for item in placed]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _event(event: Event, begin: int, end: int, lane: int, count: int, base: str, resizable: bool) -> Markup:
    record = event.record
    real_end = min(DAY_MINUTES, begin + int((event.end - event.start).total_seconds() // 60))
    style = (f"top: {begin / DAY_MINUTES * 100:.4f}%; height: {(end - begin) / DAY_MINUTES * 100:.4f}%; "
             f"left: {lane / count * 100:.3f}%; width: {100 / count:.3f}%")
    return Markup('<a class="o_timegrid_event o_calendar_event o_tag_color_{}{}" href="{}/{}" draggable="false"{}>'
                  '<span class="o_timegrid_event_time">{} - {}</span> <span class="o_timegrid_event_title">{}</span>{}</a>').format(
        event.color, ' o_timegrid_event_short' if end - begin < 45 else '', base, record.id, attrs(data_id=record.id, data_begin=begin, data_minutes=max(end - begin, 1), style=style,
                                            title=event.summary or record.display_name),
        _clock(begin), _clock(real_end) if real_end < DAY_MINUTES else '24:00', record.display_name,
        # an event ending this day can be stretched or shortened from its bottom edge
        Markup('<span class="o_timegrid_resize" aria-hidden="true"></span>') if resizable and event.end.date() == event.start.date() else '')


def render(env: Any, events: list[Event], first: datetime.date, last: datetime.date, today: datetime.date, base: str,
           create_link: Callable[[datetime.date, str], Markup], resizable: bool = False) -> Markup:
    """The grid of the days ``first`` to ``last``; ``resizable`` when the events' end is a field
    (``date_stop`` or ``date_delay``)."""
    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    days = [first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)]
    head = join(Markup('<div class="o_timegrid_day_head {}" data-date="{}"><span class="small text-secondary">{}</span> {}</div>').format(
        'o_today' if day == today else '', day.isoformat(), names[day.weekday()], create_link(day, 'text-body')) for day in days)
    band = join(Markup('<div class="o_timegrid_allday_cell o_calendar_events" data-date="{}">{}</div>').format(
        day.isoformat(), join(event_chip(event, base) for event in events if event.all_day and event.covers(day))) for day in days)
    hours = join(Markup('<div class="o_timegrid_hour_label" style="top: {:.4f}%">{}</div>').format(hour / 24 * 100, f"{hour:02d}:00")
                 for hour in range(1, 24))
    columns = []
    for day in days:
        placed = join(_event(event, begin, end, lane, count, base, resizable) for event, begin, end, lane, count in lanes(_segments(events, day)))
        line = ''
        if day == today:
            clock = _user_now(env)
            minutes = clock.hour * 60 + clock.minute
            line = Markup('<div class="o_timegrid_now" style="top: {:.4f}%"></div>').format(minutes / DAY_MINUTES * 100)
        columns.append(Markup('<div class="o_timegrid_col {}"{}>{}{}</div>').format(
            'o_today' if day == today else '', attrs(data_date=day.isoformat(), data_offset=utc_offset(env, day)), placed, line))
    return Markup(
        '<div class="o_timegrid o_calendar_table_{kind}" style="--o-days: {count}">'
        '<div class="o_timegrid_row o_timegrid_head"><div class="o_timegrid_gutter"></div>{head}</div>'
        '<div class="o_timegrid_row o_timegrid_allday"><div class="o_timegrid_gutter small text-secondary">{all_day}</div>{band}</div>'
        '<div class="o_timegrid_scroll"><div class="o_timegrid_row o_timegrid_body"><div class="o_timegrid_gutter o_timegrid_hours">{hours}</div>'
        '{columns}</div></div></div>'
    ).format(kind='day' if len(days) == 1 else 'week', count=len(days), head=head, all_day=_("All day"), band=band,
             hours=hours, columns=join(columns))


def _user_now(env: Any) -> datetime.datetime:
    return datetime.datetime.now(user_zone(env)).replace(tzinfo=None)
