"""Kanban cards rendered from the view's QWeb templates, on the server.

Odoo 18 kanban archs hold a ``<templates>`` element with a ``card``
template (or the older ``kanban-box``, and optionally ``menu`` /
``kanban-menu``). Their directives are OWL's: ``t-if`` / ``t-elif`` /
``t-else``, ``t-foreach`` / ``t-as``, ``t-set`` / ``t-value``, ``t-esc`` /
``t-out``, ``t-att-*``, ``t-attf-*``, ``t-att`` and ``t-call``, with
JavaScript expressions read by :mod:`.owl_expr` in the scope Odoo's kanban
record offers (``record``, ``widget``, ``context``, ``luxon``, ``JSON``,
``read_only_mode``, ``selection_mode``; ``kanban_image`` and
``user_context`` for legacy templates). ``<field>`` elements become the
field's widget, ``invisible`` attributes are the view's Python expressions,
``<button>`` / ``<a>`` of ``type`` ``object``, ``action``, ``open``,
``edit``, ``delete``, ``archive`` and ``unarchive`` act on the card's record.

Everything a record holds is escaped; an expression that fails makes that
element render as nothing (logged), never the whole board."""
from __future__ import annotations

import copy
import datetime
import json
import logging
import re
from typing import Any

from odoo import _

from . import kanban_fields
from .arch import View
from .expressions import evaluate as evaluate_python
from .expressions import record_values
from .html import Markup, join
from .owl_expr import JSON, UNDEFINED, ExpressionError, Namespace, evaluate, interpolate, to_text, truthy

_logger = logging.getLogger(__name__)

VOID_TAGS = {'img', 'br', 'hr', 'input', 'col', 'wbr'}
DROPPED_TAGS = {'script', 'style', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'form'}
TAG_NAME = re.compile(r'^[a-zA-Z][a-zA-Z0-9-]*$')
ATTR_NAME = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:.-]*$')
RECORD_ACTIONS = ('object', 'action', 'open', 'edit', 'delete', 'archive', 'unarchive')
MAX_CALL_DEPTH = 8


def _luxon() -> Namespace:
    """The little of luxon's ``DateTime`` that card templates use."""
    def wrap(moment: datetime.datetime) -> Namespace:
        tokens = {'yyyy': '%Y', 'yy': '%y', 'MM': '%m', 'dd': '%d', 'HH': '%H', 'mm': '%M', 'ss': '%S', 'LLL': '%b', 'LLLL': '%B'}

        def to_format(fmt: str = 'yyyy-MM-dd') -> str:
            pattern = re.sub('|'.join(sorted(tokens, key=len, reverse=True)), lambda m: tokens[m.group()], to_text(fmt))
            return moment.strftime(pattern)
        return Namespace(toFormat=to_format, toISODate=lambda: moment.date().isoformat(),
                         toISO=moment.isoformat, toMillis=lambda: moment.timestamp() * 1000,
                         year=moment.year, month=moment.month, day=moment.day, hour=moment.hour, minute=moment.minute)

    def from_iso(text: Any = '', *_args: Any) -> Any:
        try:
            return wrap(datetime.datetime.fromisoformat(to_text(text)))
        except ValueError:
            return UNDEFINED
    return Namespace(DateTime=Namespace(now=lambda: wrap(datetime.datetime.now()), local=lambda *_a: wrap(datetime.datetime.now()),
                                        fromISO=from_iso, fromSQL=from_iso))


LUXON = _luxon()


class CardRenderer:
    """Renders the cards of one kanban view."""

    def __init__(self, env: Any, view: View, context: dict, base: str, group_by: str | None = None) -> None:
        self.env = env
        self.view = view
        self.context = context
        self.base = base
        self.group_by = group_by
        container = view.root.find('templates')
        self.templates = {}
        if container is not None:
            for node in container:
                if isinstance(node.tag, str) and node.get('t-name'):
                    self.templates[node.get('t-name')] = node
        self.legacy = 'card' not in self.templates
        self.main = self.templates.get('card') if not self.legacy else self.templates.get('kanban-box')
        self.menu = self.templates.get('kanban-menu' if self.legacy else 'menu')
        self.color_field = view.attr('highlight_color') or view.attr('color') or None
        model = env[view.model]
        self.widget = {'editable': view.attr('edit', '1') not in ('0', 'false', 'False') and model.has_access('write'),
                       'deletable': view.attr('delete', '1') not in ('0', 'false', 'False') and model.has_access('unlink')}
        self.arch_fields = [name for name in view.fields if name in model._fields]
        self.buttons = {(node.get('type'), node.get('name')) for node in view.root.iter('button', 'a')
                        if node.get('type') in ('object', 'action')}

    @property
    def usable(self) -> bool:
        return self.main is not None

    # -- scope --------------------------------------------------------------
    def scope(self, record: Any) -> dict:
        scope = {
            'record': kanban_fields.RecordValues(record, self.view.fields),
            'widget': dict(self.widget),
            'context': dict(self.context),
            'read_only_mode': not self.widget['editable'],
            'selection_mode': False,
            'luxon': LUXON,
            'JSON': JSON,
        }
        if self.legacy:
            scope['kanban_image'] = lambda model='', field='', ids=None, *_a: kanban_fields.image_url(to_text(model), ids, to_text(field))
            scope['user_context'] = {key: self.env.context.get(key) for key in ('lang', 'tz', 'uid')}
        return scope

    # -- card ---------------------------------------------------------------
    def card(self, record: Any) -> Markup:
        scope = self.scope(record)
        values = record_values(record, self.arch_fields)
        body = self.children(self.main, scope, values, 0)
        menu = ''
        if self.menu is not None:
            items = self.children(self.menu, dict(scope), values, 0)
            if str(items).strip():
                menu = Markup('<div class="dropdown o_dropdown_kanban"><button type="button" class="btn btn-sm btn-link text-secondary p-0 o_kanban_card_menu" '
                              'data-bs-toggle="dropdown" aria-label="{0}" title="{0}"><i class="bi bi-three-dots-vertical"></i></button>'
                              '<div class="dropdown-menu dropdown-menu-end">{1}</div></div>').format(_("Dropdown menu"), items)
        classes = ['o_kanban_record', 'card', 'shadow-sm', 'mb-2', 'position-relative']
        if self.legacy:
            classes.append('o_legacy_kanban_record')
        if self.color_field and self.color_field in record._fields:
            classes.append(f"o_kanban_color_{kanban_fields.color_index(record[self.color_field])}")
        inner = (self.main.get('class') or '') if not self.legacy else ''
        direction = '' if 'flex-row' in inner.split() else 'flex-column'
        return Markup('<article class="{classes}" data-id="{id}" data-href="{href}">{menu}'
                      '<div class="o_kanban_card card-body p-2 d-flex {direction} {inner}">{body}</div></article>').format(
            classes=' '.join(classes), id=record.id, href=f"{self.base}/{record.id}", menu=menu, direction=direction,
            inner=inner, body=body)

    # -- nodes --------------------------------------------------------------
    def children(self, node: Any, scope: dict, values: dict, depth: int) -> Markup:
        parts = [Markup('{}').format(node.text or '')] if node.text and node.tag != 'field' else []
        skip_chain = False
        for child in node:
            if not isinstance(child.tag, str):
                parts.append(Markup('{}').format(child.tail or ''))     # comments keep only their tail
                continue
            if child.get('t-elif') is not None or child.get('t-else') is not None:
                if not skip_chain:
                    condition = child.get('t-elif')
                    if condition is None or self._test(condition, scope):
                        skip_chain = True
                        parts.append(self.element(child, scope, values, depth))
            elif child.get('t-if') is not None and child.get('t-foreach') is None:
                skip_chain = self._test(child.get('t-if'), scope)
                if skip_chain:
                    parts.append(self.element(child, scope, values, depth))
            else:
                skip_chain = False
                parts.append(self.element(child, scope, values, depth))
            parts.append(Markup('{}').format(child.tail or ''))
        return join(parts)

    def _value(self, expression: str, scope: dict, default: Any = UNDEFINED) -> Any:
        try:
            return evaluate(expression, scope)
        except ExpressionError as exc:
            _logger.warning("kanban card of %s: cannot evaluate %r: %s", self.view.model, expression, exc)
            return default

    def _test(self, expression: str, scope: dict) -> bool:
        return truthy(self._value(expression, scope, False))

    def element(self, node: Any, scope: dict, values: dict, depth: int) -> Markup:
        if node.get('t-foreach') is not None:
            return self.foreach(node, scope, values, depth)
        if node.get('t-set') is not None:
            name = node.get('t-set')
            if node.get('t-value') is not None:
                scope[name] = self._value(node.get('t-value'), scope)
            else:
                scope[name] = self.children(node, dict(scope), values, depth)
            return Markup('')
        if node.get('invisible') is not None and evaluate_python(
                node.get('invisible'), values, self.context, f"{self.view.model} kanban {node.tag} {node.get('name', '')}"):
            return Markup('')
        tag = node.tag
        if tag == 'field' and node.get('widget') == 'kanban_color_picker':
            return self.color_picker(node.get('name'))
        if tag == 'ul' and 'oe_kanban_colorpicker' in (node.get('class') or '').split():
            return self.color_picker(node.get('data-field') or 'color')
        if tag == 'field':
            return self.field(node)
        if tag == 'widget':
            return self.widget_node(node, scope)
        if tag in ('button', 'a') and node.get('type') in RECORD_ACTIONS:
            return self.action(node, scope, values, depth)
        content = self.content(node, scope, values, depth)
        if tag == 't':
            return content
        if tag in DROPPED_TAGS or not TAG_NAME.match(tag):
            return Markup('')
        attributes = self.attributes(node, scope)
        if tag == 'img':
            attributes += Markup(' loading="lazy"')
        if tag in VOID_TAGS:
            return Markup('<{}{}>').format(Markup(tag), attributes)
        return Markup('<{0}{1}>{2}</{0}>').format(Markup(tag), attributes, content)

    def content(self, node: Any, scope: dict, values: dict, depth: int) -> Markup:
        for directive in ('t-out', 't-esc', 't-raw'):
            if node.get(directive) is not None:
                value = self._value(node.get(directive), scope)
                if isinstance(value, Markup):       # only our own fragments (t-set bodies) are markup
                    return value
                if value in (None, UNDEFINED, False) and len(node):
                    return self.children(node, scope, values, depth)     # the body is the default
                return Markup('{}').format(to_text(value))
        if node.get('t-call') is not None:
            template = self.templates.get(node.get('t-call'))
            if template is None or depth >= MAX_CALL_DEPTH:
                return Markup('')
            inner = dict(scope)
            inner['0'] = self.children(node, dict(scope), values, depth)
            return self.children(template, inner, values, depth + 1)
        return self.children(node, scope, values, depth)

    def foreach(self, node: Any, scope: dict, values: dict, depth: int) -> Markup:
        items = self._value(node.get('t-foreach'), scope, [])
        if isinstance(items, (int, float)) and not isinstance(items, bool):
            items = list(range(int(items)))
        elif isinstance(items, dict):
            items = list(items)
        elif not isinstance(items, (list, tuple, str)):
            items = []
        name = node.get('t-as') or 'item'
        body = copy.deepcopy(node)
        for key in ('t-foreach', 't-as', 't-key'):
            body.attrib.pop(key, None)
        condition = body.attrib.pop('t-if', None)
        items = list(items)[:500]
        parts = []
        for index, item in enumerate(items):
            inner = dict(scope)
            inner.update({name: item, f"{name}_index": index, f"{name}_first": index == 0,
                          f"{name}_last": index == len(items) - 1, f"{name}_value": item})
            if condition is None or self._test(condition, inner):
                parts.append(self.element(body, inner, values, depth))
        return join(parts)

    def attributes(self, node: Any, scope: dict) -> Markup:
        static: dict[str, str] = {}
        for key, value in node.attrib.items():
            if key.startswith('t-') or key.lower().startswith('on') or key in ('invisible', 'groups', 'readonly', 'required'):
                continue
            if ATTR_NAME.match(key):
                static[key] = value
        dynamic: dict[str, Any] = {}
        if node.get('t-att') is not None:
            spread = self._value(node.get('t-att'), scope, {})
            if isinstance(spread, list) and len(spread) == 2:
                spread = {to_text(spread[0]): spread[1]}
            if isinstance(spread, dict):
                dynamic.update(spread)
        for key, value in node.attrib.items():
            if key.startswith('t-att-'):
                dynamic[key[6:]] = self._value(value, scope)
            elif key.startswith('t-attf-'):
                try:
                    dynamic[key[7:]] = interpolate(value, scope)
                except ExpressionError as exc:
                    _logger.warning("kanban card of %s: cannot evaluate %r: %s", self.view.model, value, exc)
        for key, value in dynamic.items():
            if not ATTR_NAME.match(key) or key.lower().startswith('on'):
                continue
            if key == 'class':
                if isinstance(value, dict):
                    value = ' '.join(name for name, on in value.items() if truthy(on))
                value = ' '.join(filter(None, [static.get('class', ''), to_text(value) if value not in (None, UNDEFINED, False) else '']))
                static['class'] = value
            elif value in (None, UNDEFINED, False):
                static.pop(key, None)
            else:
                static[key] = to_text(value)
        for key in ('href', 'src', 'action', 'formaction', 'xlink:href'):
            if key in static and re.match(r'\s*(javascript|vbscript|data:text)', static[key], re.I):
                del static[key]
        return join(Markup(' {}="{}"').format(Markup(key), value) for key, value in static.items())

    def field(self, node: Any) -> Markup:
        name = node.get('name')
        record = self._record
        info = self.view.fields.get(name) or (record.fields_get([name]).get(name) if name in record._fields else None)
        if info is None:
            return Markup('')
        html = kanban_fields.field_html(record, node, info)
        return Markup('<span{}>{}</span>').format(kanban_fields.wrapper_attrs(node, info), html)

    def color_picker(self, name: str) -> Markup:
        """The colours of the card (``kanban_color_picker``): a click writes the chosen index."""
        record = self._record
        if name not in record._fields or record._fields[name].type != 'integer' or not self.widget['editable']:
            return Markup('')
        current = kanban_fields.color_index(record[name])
        swatches = join(Markup(
            '<button type="button" class="o_kanban_color_swatch o_tag_color_{index} {active}" title="{title}" aria-label="{title}" '
            'hx-post="/web/client/kanban/button" hx-vals="{payload}" hx-target="closest .o_kanban_record" hx-swap="outerHTML"></button>').format(
            index=index, active='o_selected' if index == current else '', title=_("Colour %s", index),
            payload=json.dumps({'model': self.view.model, 'id': record.id, 'type': 'color', 'name': name, 'value': index,
                                'view_id': self.view.view_id or '', 'base': self.base, 'group_by': self.group_by or ''}))
            for index in range(kanban_fields.COLOR_COUNT))
        return Markup('<div class="o_kanban_colorpicker d-flex flex-wrap gap-1 px-2 py-1">{}</div>').format(swatches)

    def widget_node(self, node: Any, scope: dict) -> Markup:
        if node.get('name') != 'web_ribbon':
            return Markup('')
        tone = node.get('bg_color') or 'text-bg-success'
        return Markup('<div class="o_ribbon position-absolute top-0 end-0 badge rounded-0 {}">{}</div>').format(tone, node.get('title') or '')

    def action(self, node: Any, scope: dict, values: dict, depth: int) -> Markup:
        kind = node.get('type')
        record = self._record
        content = self.content(node, scope, values, depth)
        classes = ' '.join(filter(None, [node.get('class'), 'oe_kanban_action']))
        if node.tag == 'button' and 'btn' not in classes.split():
            classes += ' btn btn-sm btn-link p-0'
        extra = {key: value for key, value in node.attrib.items() if key in ('title', 'aria-label', 'role', 'data-bs-toggle')}
        if node.get('string') and not str(content).strip():
            content = Markup('{}').format(node.get('string'))
        if kind in ('open', 'edit'):
            return Markup('<a class="{}" href="{}/{}"{}>{}</a>').format(classes, self.base, record.id, _attrs(extra), content)
        payload = {'model': self.view.model, 'id': record.id, 'type': kind, 'name': node.get('name') or '',
                   'view_id': self.view.view_id or '', 'base': self.base, 'group_by': self.group_by or ''}
        confirm = node.get('confirm')
        if kind == 'delete' and not confirm:
            confirm = _("Are you sure you want to delete this record?")
        tag = 'a' if node.tag == 'a' else 'button'
        return Markup('<{tag} {href}class="{classes}" hx-post="/web/client/kanban/button" hx-vals="{payload}" '
                      'hx-target="closest .o_kanban_record" hx-swap="outerHTML"{confirm}{extra}>{content}</{tag}>').format(
            tag=Markup(tag), href=Markup('href="#" ' if tag == 'a' else 'type="button" '), classes=classes,
            payload=json.dumps(payload), confirm=Markup(' hx-confirm="{}"').format(confirm) if confirm else '',
            extra=_attrs(extra), content=content)

    def render(self, record: Any) -> Markup:
        self._record = record
        return self.card(record)


def _attrs(values: dict) -> Markup:
    return join(Markup(' {}="{}"').format(Markup(key), value) for key, value in values.items())

