"""Calendar views: the records of a ``<calendar>`` arch (``date_start``,
``date_stop`` or ``date_delay``, ``all_day``, ``color``, ``mode``,
``scales``, ``quick_create``, ``create_name_field``) placed in the user's
time zone on the days of a month, or on the hour grid of a week or a day
(:mod:`.calendar_timegrid`) with the all-day events in a band above it.

A click on an empty day or slot opens the quick create (a name, then
Create or Edit, as Odoo 18's "New Event" dialog), on an event its form; an
event dragged to another day or time moves (``/web/client/calendar/move``),
its end with it."""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import pytz
from odoo import _

from .arch import View
from .html import Markup, attrs, join, url
from .kanban_fields import color_index

MODES = ('month', 'week', 'day')
EVENT_LIMIT = 500
DEFAULT_HOURS = 1.0


def user_zone(env: Any) -> Any:
    return pytz.timezone(env.user.tz or env.context.get('tz') or 'Asia/Shanghai')


def local_day(env: Any, value: Any) -> datetime.date | None:
    """The user's day of a date or (UTC) datetime value."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return pytz.utc.localize(value).astimezone(user_zone(env)).date()
    return value


def to_local(env: Any, value: datetime.datetime) -> datetime.datetime:
    """A UTC datetime as the user's wall-clock time (naive)."""
    return pytz.utc.localize(value).astimezone(user_zone(env)).replace(tzinfo=None)


def utc_offset(env: Any, day: datetime.date) -> int:
    """Minutes the user's zone is ahead of UTC at noon of ``day`` (the page's script turns the slot
    clicked into UTC with it)."""
    noon = user_zone(env).localize(datetime.datetime.combine(day, datetime.time(12)))
    return int(noon.utcoffset().total_seconds() // 60)


def span(mode: str, anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day shown: whole weeks (from Monday) around the month, the week, or the day."""
    if mode == 'day':
        return anchor, anchor
    if mode == 'week':
        first = anchor - datetime.timedelta(days=anchor.weekday())
        return first, first + datetime.timedelta(days=6)
    month_start = anchor.replace(day=1)
    first = month_start - datetime.timedelta(days=month_start.weekday())
    return first, first + datetime.timedelta(days=41)


def shift(mode: str, anchor: datetime.date, step: int) -> datetime.date:
    """The anchor of the previous (``-1``) or next (``1``) page."""
    if mode == 'day':
        return anchor + datetime.timedelta(days=step)
    if mode == 'week':
        return anchor + datetime.timedelta(days=7 * step)
    month = anchor.month - 1 + step
    return datetime.date(anchor.year + month // 12, month % 12 + 1, 1)


def _bounds(env: Any, field: Any, first: datetime.date, last: datetime.date) -> tuple[Any, Any]:
    """The span as values of ``field`` (UTC datetimes for a datetime field)."""
    if field.type != 'datetime':
        return first, last
    zone = user_zone(env)
    begin = zone.localize(datetime.datetime.combine(first, datetime.time.min)).astimezone(pytz.utc).replace(tzinfo=None)
    end = zone.localize(datetime.datetime.combine(last, datetime.time.max)).astimezone(pytz.utc).replace(tzinfo=None)
    return begin, end


@dataclass
class Mapping:
    """The fields the arch maps (Odoo's ``fieldMapping``)."""
    start: str
    stop: str | None
    delay: str | None
    all_day: str | None
    color: str | None
    name: str
    shown: tuple = ()           # the arch's <field>s, told about each event (Odoo's popover)

    @classmethod
    def of(cls, view: View, model: Any) -> Mapping:
        def known(attr: str) -> str | None:
            name = view.attr(attr)
            return name if name and name in model._fields else None
        shown = tuple(node.get('name') for node in view.root.iter('field')
                      if node.get('name') in model._fields and node.get('invisible') not in ('1', 'True', 'true'))
        return cls(start=view.attr('date_start'), stop=known('date_stop'), delay=known('date_delay'), all_day=known('all_day'),
                   color=known('color'), name=view.attr('create_name_field') or 'name', shown=shown)


@dataclass
class Event:
    """A record as the calendar places it: local wall-clock start and end, all day or timed."""
    record: Any
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    color: int
    summary: str = ''           # the event's name and the arch's fields, one a line

    @property
    def first_day(self) -> datetime.date:
        return self.start.date()

    @property
    def last_day(self) -> datetime.date:
        """The last day the event covers (an end at midnight belongs to the day before)."""
        if self.all_day:
            return max(self.end.date(), self.start.date())
        last = self.end - datetime.timedelta(microseconds=1) if self.end > self.start else self.end
        return max(last.date(), self.start.date())

    def covers(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.last_day


def _moment(env: Any, value: Any) -> datetime.datetime | None:
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return to_local(env, value)
    return datetime.datetime.combine(value, datetime.time.min)


def normalize(record: Any, mapping: Mapping) -> Event | None:
    """Where ``record`` goes, as Odoo's calendar reads it: a date start or a true ``all_day`` makes an
    all-day event; the end is ``date_stop``, else the start plus ``date_delay`` hours (one by default)."""
    env = record.env
    start_value = record[mapping.start]
    if not start_value:
        return None
    all_day = record._fields[mapping.start].type == 'date' or bool(mapping.all_day and record[mapping.all_day])
    start = _moment(env, start_value)
    end = _moment(env, record[mapping.stop]) if mapping.stop else None
    if all_day:
        start = start.replace(hour=0, minute=0, second=0)
        end = (end or start).replace(hour=0, minute=0, second=0)
    elif end is None:
        hours = (record[mapping.delay] if mapping.delay else 0) or DEFAULT_HOURS
        end = start + datetime.timedelta(hours=hours)
    colour = 0
    if mapping.color:
        raw = record[mapping.color]
        colour = color_index(raw.id if hasattr(raw, '_name') else raw)
    return Event(record=record, start=start, end=max(end, start), all_day=all_day, color=colour, summary=summary(record, mapping.shown))


def summary(record: Any, names: tuple) -> str:
    """The record's name and its values of ``names`` (``Label: value``, empty ones left out)."""
    lines = [record.display_name]
    for name in names:
        field, value = record._fields[name], record[name]
        if name in ('name', 'display_name') or value in (False, None, '') or (hasattr(value, '_name') and not value):
            continue
        if isinstance(value, datetime.datetime):
            text = to_local(record.env, value).strftime('%Y-%m-%d %H:%M')
        else:
            text = field.convert_to_display_name(value, record)
        lines.append(f"{field.string}: {text}")
    return '\n'.join(lines)


def load_events(model: Any, mapping: Mapping, domain: list, first: datetime.date, last: datetime.date) -> list[Event]:
    """The events overlapping the days shown."""
    begin, end = _bounds(model.env, model._fields[mapping.start], first, last)
    span_domain: list = [(mapping.start, '<=', end)]
    if mapping.stop:
        stop_begin, _stop_end = _bounds(model.env, model._fields[mapping.stop], first, last)
        span_domain += ['|', (mapping.stop, '>=', stop_begin), '&', (mapping.stop, '=', False), (mapping.start, '>=', begin)]
    else:
        # an event without end lasts at most its delay: a day before the span is enough margin
        span_domain.append((mapping.start, '>=', begin - datetime.timedelta(days=1) if isinstance(begin, datetime.datetime) else begin))
    events = []
    for record in model.search([*domain, *span_domain], order=f"{mapping.start}, id", limit=EVENT_LIMIT):
        event = normalize(record, mapping)
        if event and event.last_day >= first and event.first_day <= last:
            events.append(event)
    return events


def event_chip(event: Event, base: str) -> Markup:
    """An event as a coloured chip (month days, the all-day band)."""
    record = event.record
    time = '' if event.all_day else event.start.strftime('%H:%M')
    return Markup('<a class="o_calendar_event badge o_tag_color_{} text-start text-truncate d-block" draggable="false" href="{}/{}" '
                  'data-id="{}" title="{}">{}{}</a>').format(
        event.color, base, record.id, record.id, event.summary or record.display_name,
        Markup('<span class="fw-normal me-1">{}</span>').format(time) if time else '', record.display_name)


def _month(events: list[Event], first: datetime.date, last: datetime.date, anchor: datetime.date, today: datetime.date,
           base: str, create_link: Any) -> Markup:
    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    head = join(Markup('<th class="text-center small fw-semibold">{}</th>').format(name) for name in names)
    weeks, day = [], first
    while day <= last:
        cells = []
        for _index in range(7):
            number = create_link(day, 'text-secondary' if day.month != anchor.month else 'text-body')
            cells.append(Markup('<td class="o_calendar_day {today}" data-date="{date}"><div class="d-flex justify-content-between">{number}</div>'
                                '<div class="o_calendar_events d-flex flex-column gap-1" data-date="{date}">{events}</div></td>').format(
                today='o_today' if day == today else '', date=day.isoformat(), number=number,
                events=join(event_chip(event, base) for event in events if event.covers(day))))
            day += datetime.timedelta(days=1)
        weeks.append(Markup('<tr>{}</tr>').format(join(cells)))
    return Markup('<table class="table table-bordered mb-0 o_calendar_table o_calendar_table_month"><thead class="table-light"><tr>{}</tr></thead>'
                  '<tbody>{}</tbody></table>').format(head, join(weeks))


def _quick_create(mapping: Mapping) -> Markup:
    """Odoo's "New Event" dialog: a name, then Create (in place) or Edit (the full form)."""
    return Markup(
        '<div class="modal fade o_calendar_quick_create" tabindex="-1" aria-hidden="true"><div class="modal-dialog modal-dialog-centered modal-sm">'
        '<form class="modal-content"><div class="modal-header py-2"><h5 class="modal-title">{title}</h5>'
        '<button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="{close}"></button></div>'
        '<div class="modal-body"><label class="form-label small text-secondary o_calendar_quick_create_when"></label>'
        '<input class="form-control o_calendar_quick_create_name" name="name" autocomplete="off" required placeholder="{placeholder}" aria-label="{placeholder}"></div>'
        '<div class="modal-footer py-2"><button type="submit" class="btn btn-primary o_calendar_quick_create_save">{create}</button>'
        '<button type="button" class="btn btn-secondary o_calendar_quick_create_edit">{edit}</button>'
        '<button type="button" class="btn btn-light" data-bs-dismiss="modal">{cancel}</button></div></form></div></div>'
    ).format(title=_("New Event"), close=_("Close"), placeholder=_("Name"), create=_("Create"), edit=_("Edit"), cancel=_("Cancel"))


def render(env: Any, view: View, domain: list, params: dict, ctx: dict, can_create: bool) -> Markup:
    from . import calendar_timegrid
    model = env[view.model].with_context(**ctx['context'])
    base = ctx['base']
    mapping = Mapping.of(view, model)
    if mapping.start not in model._fields:
        return Markup('<div class="alert alert-warning">{}</div>').format(_("This calendar has no start date field."))
    scales = [scale.strip() for scale in (view.attr('scales') or ','.join(MODES)).split(',') if scale.strip() in MODES] or list(MODES)
    default = view.attr('mode') if view.attr('mode') in scales else ('week' if 'week' in scales else scales[0])
    mode = params.get('mode') if params.get('mode') in scales else default
    today = datetime.datetime.now(user_zone(env)).date()
    try:
        anchor = datetime.date.fromisoformat(params.get('date') or '') if params.get('date') else today
    except ValueError:
        anchor = today
    first, last = span(mode, anchor)
    events = load_events(model, mapping, domain, first, last)
    quick = can_create and view.attr('quick_create', '1') not in ('0', 'false', 'False') and mapping.name in model._fields

    def create_link(day: datetime.date, tone: str) -> Markup:
        if not can_create:
            return Markup('<span class="o_calendar_day_number">{}</span>').format(day.day)
        return Markup('<a class="o_calendar_day_number text-decoration-none {}" href="{}" title="{}">{}</a>').format(
            tone, url(f"{base}/new", **{f"default_{mapping.start}": day.isoformat()}), _("Create on %s", day.isoformat()), day.day)

    if mode == 'month':
        grid = _month(events, first, last, anchor, today, base, create_link)
        title = f"{anchor.year}-{anchor.month:02d}"
    else:
        grid = calendar_timegrid.render(env, events, first, last, today, base, create_link, bool(mapping.stop or mapping.delay))
        title = f"{first.isoformat()} - {last.isoformat()}" if mode == 'week' else anchor.isoformat()
    nav = Markup(
        '<div class="btn-group btn-group-sm"><a class="btn btn-outline-secondary o_calendar_prev" href="{prev}" aria-label="{prev_label}"><i class="bi bi-chevron-left"></i></a>'
        '<a class="btn btn-outline-secondary o_calendar_today" href="{today}">{today_label}</a>'
        '<a class="btn btn-outline-secondary o_calendar_next" href="{next}" aria-label="{next_label}"><i class="bi bi-chevron-right"></i></a></div>'
        '<span class="fw-semibold o_calendar_title">{title}</span>').format(
        prev=url(base, **{**params, 'date': shift(mode, anchor, -1).isoformat()}), prev_label=_("Previous"),
        today=url(base, **{**params, 'date': None}), today_label=_("Today"),
        next=url(base, **{**params, 'date': shift(mode, anchor, 1).isoformat()}), next_label=_("Next"), title=title)
    labels = {'day': _("Day"), 'week': _("Week"), 'month': _("Month")}
    modes = join(Markup('<a class="btn btn-outline-secondary o_calendar_mode_{0} {1}" href="{2}">{3}</a>').format(
        kind, 'active' if kind == mode else '', url(base, **{**params, 'mode': kind}), labels[kind]) for kind in MODES if kind in scales)
    fields_map = {'start': mapping.start, 'stop': mapping.stop, 'delay': mapping.delay, 'all_day': mapping.all_day, 'name': mapping.name,
                  'start_type': model._fields[mapping.start].type}
    return Markup(
        '<div class="o_calendar_view bg-body rounded border p-2 p-md-3" data-model="{model}"{data} data-move-url="/web/client/calendar/move" data-mode="{mode}">'
        '<div class="d-flex flex-wrap align-items-center gap-2 mb-2">{nav}<div class="btn-group btn-group-sm ms-auto">{modes}</div></div>'
        '{grid}{quick_create}</div>'
    ).format(model=view.model, data=attrs(
        data_view_id=view.view_id or None, data_offset=utc_offset(env, anchor), data_default_mode=default if 'mode' not in params else None, data_fields=json.dumps(fields_map),
        data_create_url=f"{base}/new" if can_create else None, data_quick_create='1' if quick else None,
        data_quick_create_url='/web/client/calendar/quick_create' if quick else None),
        mode=mode, nav=nav, modes=modes, grid=grid, quick_create=_quick_create(mapping) if quick else '')
