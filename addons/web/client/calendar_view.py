"""Calendar views: the records of a ``<calendar date_start= date_stop=
color= mode=>`` arch placed on the days of a month, a week or a day (the
user's time zone), coloured by their ``color`` field. A day's number
creates a record on that day (``default_<date_start>``); an event dragged
to another day moves it (``/web/client/calendar/move``), its end with it."""
from __future__ import annotations

import datetime
from typing import Any

import pytz
from odoo import _

from . import fields_html
from .arch import View
from .html import Markup, attrs, join, url
from .kanban_fields import color_index

MODES = ('month', 'week', 'day')
EVENT_LIMIT = 500


def _zone(env: Any) -> Any:
    return pytz.timezone(env.user.tz or env.context.get('tz') or 'Asia/Shanghai')


def local_day(env: Any, value: Any) -> datetime.date | None:
    """The user's day of a date or (UTC) datetime value."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return pytz.utc.localize(value).astimezone(_zone(env)).date()
    return value


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
    zone = _zone(env)
    begin = zone.localize(datetime.datetime.combine(first, datetime.time.min)).astimezone(pytz.utc).replace(tzinfo=None)
    end = zone.localize(datetime.datetime.combine(last, datetime.time.max)).astimezone(pytz.utc).replace(tzinfo=None)
    return begin, end


def events_by_day(model: Any, view: View, domain: list, first: datetime.date, last: datetime.date) -> dict:
    """``{day: [record]}`` of the records overlapping the span."""
    start_name = view.attr('date_start')
    stop_name = view.attr('date_stop') or start_name
    begin, end = _bounds(model.env, model._fields[start_name], first, last)
    stop_begin, _stop_end = _bounds(model.env, model._fields[stop_name], first, last)
    span_domain = [(start_name, '<=', end), '|', (stop_name, '>=', stop_begin), '&', (stop_name, '=', False), (start_name, '>=', begin)]
    days: dict[datetime.date, list] = {}
    for record in model.search([*domain, *span_domain], order=f"{start_name}, id", limit=EVENT_LIMIT):
        start = local_day(model.env, record[start_name])
        stop = local_day(model.env, record[stop_name]) or start
        day = max(start, first)
        while day <= min(max(stop, start), last):
            days.setdefault(day, []).append(record)
            day += datetime.timedelta(days=1)
    return days


def _event(record: Any, view: View, base: str, color_name: str | None) -> Markup:
    start_name = view.attr('date_start')
    value = record[start_name]
    time = ''
    if isinstance(value, datetime.datetime) and not (view.attr('all_day') and record[view.attr('all_day')]):
        time = fields_html.local_datetime(record.env, value).strftime('%H:%M')
    colour = 0
    if color_name and color_name in record._fields:
        raw = record[color_name]
        colour = color_index(raw.id if hasattr(raw, '_name') else raw)
    return Markup('<a class="o_calendar_event badge o_tag_color_{} text-start text-truncate d-block" draggable="false" href="{}/{}" data-id="{}" title="{}">'
                  '{}{}</a>').format(colour, base, record.id, record.id, record.display_name,
                                     Markup('<span class="fw-normal me-1">{}</span>').format(time) if time else '', record.display_name)


def render(env: Any, view: View, domain: list, params: dict, ctx: dict, can_create: bool) -> Markup:
    model = env[view.model].with_context(**ctx['context'])
    base = ctx['base']
    start_name = view.attr('date_start')
    if start_name not in model._fields:
        return Markup('<div class="alert alert-warning">{}</div>').format(_("This calendar has no start date field."))
    mode = params.get('mode') if params.get('mode') in MODES else (view.attr('mode') if view.attr('mode') in MODES else 'month')
    today = datetime.datetime.now(_zone(env)).date()
    try:
        anchor = datetime.date.fromisoformat(params.get('date') or '') if params.get('date') else today
    except ValueError:
        anchor = today
    first, last = span(mode, anchor)
    days = events_by_day(model, view, domain, first, last)
    color_name = view.attr('color') or None
    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    columns = 1 if mode == 'day' else 7
    head = join(Markup('<th class="text-center small fw-semibold">{}</th>').format(
        names[(first + datetime.timedelta(days=i)).weekday()]) for i in range(columns))
    weeks = []
    day = first
    while day <= last:
        cells = []
        for _index in range(columns):
            events = days.get(day, [])
            create = Markup('<a class="o_calendar_day_number text-decoration-none {}" href="{}" title="{}">{}</a>').format(
                'text-secondary' if mode == 'month' and day.month != anchor.month else 'text-body',
                url(f"{base}/new", **{f"default_{start_name}": day.isoformat()}), _("Create on %s", day.isoformat()), day.day,
            ) if can_create else Markup('<span class="o_calendar_day_number">{}</span>').format(day.day)
            cells.append(Markup('<td class="o_calendar_day {today}" data-date="{date}"><div class="d-flex justify-content-between">{create}</div>'
                                '<div class="o_calendar_events d-flex flex-column gap-1" data-date="{date}">{events}</div></td>').format(
                today='o_today' if day == today else '', date=day.isoformat(), create=create,
                events=join(_event(record, view, base, color_name) for record in events)))
            day += datetime.timedelta(days=1)
        weeks.append(Markup('<tr>{}</tr>').format(join(cells)))
    if mode == 'month':
        title = f"{anchor.year}-{anchor.month:02d}"
    elif mode == 'week':
        title = f"{first.isoformat()} - {last.isoformat()}"
    else:
        title = anchor.isoformat()
    nav = Markup(
        '<div class="btn-group btn-group-sm"><a class="btn btn-outline-secondary o_calendar_prev" href="{prev}" aria-label="{prev_label}"><i class="bi bi-chevron-left"></i></a>'
        '<a class="btn btn-outline-secondary o_calendar_today" href="{today}">{today_label}</a>'
        '<a class="btn btn-outline-secondary o_calendar_next" href="{next}" aria-label="{next_label}"><i class="bi bi-chevron-right"></i></a></div>'
        '<span class="fw-semibold o_calendar_title">{title}</span>').format(
        prev=url(base, **{**params, 'date': shift(mode, anchor, -1).isoformat()}), prev_label=_("Previous"),
        today=url(base, **{**params, 'date': None}), today_label=_("Today"),
        next=url(base, **{**params, 'date': shift(mode, anchor, 1).isoformat()}), next_label=_("Next"), title=title)
    modes = join(Markup('<a class="btn btn-outline-secondary o_calendar_mode_{0} {1}" href="{2}">{3}</a>').format(
        kind, 'active' if kind == mode else '', url(base, **{**params, 'mode': kind}), label)
        for kind, label in (('day', _("Day")), ('week', _("Week")), ('month', _("Month"))))
    return Markup(
        '<div class="o_calendar_view bg-body rounded border p-2 p-md-3" data-model="{model}"{view_id} data-move-url="/web/client/calendar/move" data-mode="{mode}">'
        '<div class="d-flex flex-wrap align-items-center gap-2 mb-2">{nav}<div class="btn-group btn-group-sm ms-auto">{modes}</div></div>'
        '<table class="table table-bordered mb-0 o_calendar_table o_calendar_table_{mode}"><thead class="table-light"><tr>{head}</tr></thead>'
        '<tbody>{weeks}</tbody></table></div>'
    ).format(model=view.model, view_id=attrs(data_view_id=view.view_id or None), mode=mode, nav=nav, modes=modes, head=head, weeks=join(weeks))
