"""Field values inside kanban cards: the ``record.<field>.value`` /
``.raw_value`` pair a card template reads (Odoo's formatted and raw
values), and the HTML of a ``<field>`` element of a card for the widgets
cards use (image, avatars, tags, monetary, priority, state_selection,
label_selection, badge, boolean_favorite, kanban_activity, remaining_days...).
Values are always escaped; only our own markup is emitted."""
from __future__ import annotations

import datetime
import json
from typing import Any

from odoo import _
from odoo.exceptions import AccessError

from . import fields_html
from .html import Markup, attrs, join
from .owl_expr import UNDEFINED

COLOR_COUNT = 12
AVATAR_WIDGETS = ('many2one_avatar', 'many2one_avatar_user', 'many2one_avatar_employee', 'many2one_avatar_resource')


def image_url(model: str, record_id: Any, field: str) -> str:
    """The ``/web/image`` address of an image field of a record (as Odoo builds it)."""
    rid = record_id[0] if isinstance(record_id, (list, tuple)) and record_id else record_id
    if not isinstance(rid, int) or isinstance(rid, bool) or not rid:
        return '/web/static/img/placeholder.svg'
    return f"/web/image/{model}/{rid}/{field}"


def raw_value(record: Any, name: str) -> Any:
    """``record.<name>.raw_value``: ids for relations, ISO text for dates, the value otherwise."""
    field = record._fields[name]
    value = record[name]
    if field.type == 'many2one':
        return value.id or False
    if field.type in ('one2many', 'many2many'):
        return list(value.ids)
    if field.type == 'date':
        return value.isoformat() if value else False
    if field.type == 'datetime':
        return value.isoformat(timespec='seconds') if value else False
    if field.type == 'binary':
        return bool(value)
    return value


def formatted_value(record: Any, name: str, info: dict) -> str:
    """``record.<name>.value``: the value as the user reads it."""
    ftype = info.get('type')
    value = record[name]
    if ftype in ('one2many', 'many2many'):
        return _("%s records", len(value)) if len(value) != 1 else _("1 record")
    if ftype == 'many2one':
        return value.display_name or ''
    if ftype == 'monetary':
        return fields_html.format_amount(value or 0, fields_html._currency_of(record, info))
    if ftype in fields_html.NUMERIC:
        digits = info['digits'][1] if isinstance(info.get('digits'), (list, tuple)) else 2
        return fields_html.format_number(value, ftype, digits)
    if ftype == 'boolean':
        return 'true' if value else 'false'
    if value in (False, None):
        return ''
    if ftype == 'selection':
        return str(dict(info.get('selection') or []).get(value, value))
    if ftype == 'date':
        return value.strftime('%Y-%m-%d')
    if ftype == 'datetime':
        return fields_html.local_datetime(record.env, value).strftime('%Y-%m-%d %H:%M:%S')
    if ftype == 'binary':
        return ''
    return str(value)


class RecordValues(dict):
    """``record`` of a card's scope: ``{field: {'value', 'raw_value'}}`` filled on first use."""

    def __init__(self, record: Any, infos: dict) -> None:
        super().__init__()
        self._record = record
        self._infos = infos
        self['id'] = {'value': record.id, 'raw_value': record.id}

    def get(self, key: Any, default: Any = UNDEFINED) -> Any:
        if key in self:
            return self[key]
        field = self._record._fields.get(key) if isinstance(key, str) else None
        if field is None:
            return default
        info = self._infos.get(key) or self._record.fields_get([key]).get(key, {})
        try:
            entry = {'value': formatted_value(self._record, key, info), 'raw_value': raw_value(self._record, key)}
        except AccessError:
            entry = {'value': '', 'raw_value': False}
        self[key] = entry
        return entry


def field_options(node: Any) -> dict:
    """The ``options`` of a field node; Odoo writes them as a Python/JSON dict literal."""
    text = node.get('options')
    if not text:
        return {}
    from odoo.tools.safe_eval import safe_eval
    try:
        value = safe_eval(text, {'true': True, 'false': False, 'null': None})
    except Exception:  # noqa: BLE001 - a malformed option falls back to the defaults
        try:
            value = json.loads(text)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def color_index(value: Any) -> int:
    """Odoo's colour index of a record's colour value (numbers modulo the palette, text by its characters)."""
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, (int, float)):
        return round(value) % COLOR_COUNT
    if isinstance(value, str):
        return sum(ord(char) for char in value) % COLOR_COUNT
    return 0


def _tags(record: Any, value: Any, options: dict) -> Markup:
    color_field = options.get('color_field')
    return join(Markup('<span class="badge rounded-pill o_tag o_tag_color_{}">{}</span>').format(
        color_index(tag[color_field]) if color_field and color_field in tag._fields else 0, tag.display_name)
        for tag in value)


def _avatar(partner: Any, field_name: str = 'avatar_128') -> Markup:
    if not partner:
        return Markup('')
    image = field_name if field_name in partner._fields else ('image_128' if 'image_128' in partner._fields else None)
    if image is None:
        initial = (partner.display_name or '?')[:1]
        return Markup('<span class="o_avatar o_avatar_initial rounded-circle" title="{0}">{1}</span>').format(partner.display_name, initial)
    return Markup('<span class="o_avatar" title="{0}"><img class="rounded-circle" loading="lazy" alt="{0}" src="{1}"></span>').format(
        partner.display_name, image_url(partner._name, partner.id, image))


def _remaining_days(value: Any) -> Markup:
    if not value:
        return Markup('')
    day = value.date() if isinstance(value, datetime.datetime) else value
    delta = (day - datetime.date.today()).days
    if delta == 0:
        text, klass = _("Today"), 'text-warning fw-bold'
    elif delta == -1:
        text, klass = _("Yesterday"), 'text-danger fw-bold'
    elif delta < 0:
        text, klass = _("%s days ago", -delta), 'text-danger fw-bold'
    elif delta == 1:
        text, klass = _("Tomorrow"), ''
    elif delta < 100:
        text, klass = _("In %s days", delta), ''
    else:
        text, klass = day.strftime('%Y-%m-%d'), ''
    return Markup('<span class="{}" title="{}">{}</span>').format(klass, day.strftime('%Y-%m-%d'), text)


def field_html(record: Any, node: Any, info: dict) -> Markup:
    """The HTML of a ``<field>`` element of a card (without its wrapper)."""
    name = node.get('name')
    widget = node.get('widget')
    ftype = info.get('type')
    value = record[name]
    options = field_options(node)
    if widget == 'date' and ftype == 'datetime':
        return Markup('{}').format(fields_html.local_datetime(record.env, value).strftime('%Y-%m-%d') if value else '')
    if widget == 'hr_presence_status' or (widget or '').endswith('_presence_status'):
        tone = 'bg-success' if 'present' in str(value or '') else 'bg-secondary-subtle border'
        label = formatted_value(record, name, info)
        return Markup('<span class="o_status d-inline-block rounded-circle {}" title="{}" role="img" aria-label="{}"></span>').format(tone, label, label)
    if widget in (None, 'char', 'text', 'integer', 'float', 'date', 'datetime', 'selection', 'many2one') and ftype not in (
            'boolean', 'binary', 'html', 'one2many', 'many2many'):
        return Markup('{}').format(formatted_value(record, name, info))
    if widget == 'image' or (ftype == 'binary' and widget in (None, 'image_url')):
        if not value:
            return Markup('<span class="o_image_placeholder d-flex align-items-center justify-content-center bg-body-secondary">'
                          '<i class="bi bi-image text-secondary"></i></span>')
        return Markup('<img loading="lazy" class="{}" alt="{}" src="{}">').format(
            options.get('img_class') or 'o_kanban_image_inner', node.get('alt') or '', image_url(record._name, record.id, name))
    if widget in AVATAR_WIDGETS or widget == 'many2many_avatar_user' or widget == 'many2many_avatar_employee':
        return join(_avatar(target) for target in value[:5]) if ftype in ('many2many', 'one2many') else _avatar(value)
    if widget in ('many2many_tags', 'many2many_tags_avatar'):
        return _tags(record, value, options)
    if widget == 'monetary' or ftype == 'monetary':
        currency_field = options.get('currency_field') or info.get('currency_field')
        currency = record[currency_field] if currency_field in record._fields else fields_html._currency_of(record, info)
        return Markup('{}').format(fields_html.format_amount(value or 0, currency))
    if widget == 'priority':
        choices = list(info.get('selection') or [])[1:] if ftype == 'selection' else [(True, info.get('string'))]
        position = next((i for i, (key, _label) in enumerate(choices) if key == value), -1)
        return Markup('<span class="o_priority text-nowrap" role="img" aria-label="{}">{}</span>').format(
            info.get('string') or '', join(Markup('<i class="bi {} text-warning" title="{}"></i>').format(
                'bi-star-fill' if index <= position else 'bi-star', label) for index, (_key, label) in enumerate(choices)))
    if widget == 'boolean_favorite':
        return Markup('<i class="bi {} text-warning" aria-label="{}"></i>').format(
            'bi-star-fill' if value else 'bi-star', _("Favorite") if value else _("Not favorite"))
    if widget == 'state_selection':
        colour = {'normal': 'bg-secondary-subtle border', 'done': 'bg-success', 'blocked': 'bg-danger'}.get(value, 'bg-secondary-subtle border')
        label = dict(info.get('selection') or []).get(value, value or '')
        return Markup('<span class="o_status d-inline-block rounded-circle {}" title="{}" role="img" aria-label="{}"></span>').format(colour, label, label)
    if widget in ('label_selection', 'badge', 'selection_badge'):
        if value in (False, None):
            return Markup('')
        label = formatted_value(record, name, info)
        classes = options.get('classes') or {}
        tone = classes.get(value, 'secondary' if widget == 'label_selection' else 'light')
        tone = 'secondary' if tone == 'default' else tone
        return Markup('<span class="badge {}">{}</span>').format(
            f"text-bg-{tone}" if widget == 'label_selection' else 'rounded-pill text-bg-light border', label)
    if widget == 'kanban_activity':
        state = record['activity_state'] if 'activity_state' in record._fields else False
        colour = {'overdue': 'text-danger', 'today': 'text-warning', 'planned': 'text-success'}.get(state, 'text-secondary')
        return Markup('<span class="o_activity_indicator {}" title="{}"><i class="bi bi-clock"></i>{}</span>').format(
            colour, _("Activities"), Markup(' <small>{}</small>').format(len(value)) if value else '')
    if widget == 'remaining_days':
        return _remaining_days(value)
    if widget in ('handle', 'kanban_color_picker', 'color_picker', 'color'):
        return Markup('')
    if widget == 'progressbar':
        percent = max(0.0, min(float(value or 0), 100.0))
        return Markup('<div class="progress o_progressbar" role="progressbar" aria-valuenow="{0:.0f}" aria-valuemin="0" aria-valuemax="100">'
                      '<div class="progress-bar" style="width: {0:.0f}%">{0:.0f}%</div></div>').format(percent)
    if ftype in ('one2many', 'many2many') and widget is None:
        return Markup('{}').format(formatted_value(record, name, info))
    if widget not in (None, 'email', 'phone', 'url', 'html', 'boolean', 'date', 'datetime', 'float_time', 'char', 'text',
                      'integer', 'float', 'selection', 'many2one', 'boolean_toggle', 'statusbar', 'radio'):
        # a widget of another addon's JavaScript: show its value as text
        return Markup('{}').format(formatted_value(record, name, info))
    return fields_html.display(record, name, info, widget if widget in ('email', 'phone', 'url') else None)


def wrapper_attrs(node: Any, info: dict) -> Markup:
    widget = node.get('widget')
    classes = ['o_field_widget', f"o_field_{widget or info.get('type')}"]
    if node.get('class'):
        classes.append(node.get('class'))
    return attrs(class_=' '.join(classes), data_name=node.get('name'))
