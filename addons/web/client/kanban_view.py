"""Kanban views: cards of records, in columns when grouped (the arch's
``default_group_by`` or the search's group-by), with folded columns, quick
create at the top of a column, and drag-and-drop (SortableJS) that writes
the group-by field through ``/web/client/kanban/move``.

Cards are rendered from the arch's QWeb templates by :mod:`.kanban_card`;
an arch without templates shows its ``<field>`` elements, the first as the
title. Columns show their count, and the ``<progressbar>`` of the arch (the
share of each value of its field, and the total of its ``sum_field``)."""
from __future__ import annotations

import json
from typing import Any

from odoo import _

from . import fields_html
from .arch import View
from .html import Markup, join, url
from .kanban_card import CardRenderer

COLUMN_LIMIT = 40


def column_limit(view: View) -> int:
    """How many cards a column shows at first and adds per "Load more": the arch's ``limit``, as Odoo's."""
    text = view.attr('limit') or ''
    return int(text) if text.isdigit() and int(text) > 0 else COLUMN_LIMIT


def load_more(view: View, field_name: str, domain: list, shown: int, limit: int, count: int, base: str,
              action: Any, index: int) -> Markup:
    """The "Load more" button of a column holding more records than it shows: it appends the next
    ``limit`` cards to the column in place, and is drawn again (or goes) with the answer. The request
    names the cards the column holds (cards created or dropped there meanwhile count), not an offset."""
    holder = f"o_kanban_load_more_{index}"
    if count <= shown:
        return Markup('<div id="{}"></div>').format(holder)
    target = url('/web/client/kanban/more', model=view.model, view_id=view.view_id or None, field=field_name,
                 domain=json.dumps(domain, default=str), limit=limit, base=base, index=index,
                 action=getattr(action, 'id', None), action_key=getattr(action, 'key', None))
    shown_ids = ('js:{shown: [...document.querySelectorAll("#o_kanban_column_%d .o_kanban_record[data-id]")]'
                 '.map((card) => card.dataset.id).join(",")}' % index)
    return Markup('<div id="{holder}" class="text-center"><button type="button" class="btn btn-sm btn-outline-primary w-100 o_kanban_load_more" '
                  'hx-get="{target}" hx-vals="{shown}" hx-target="#{holder}" hx-swap="outerHTML">{label}</button></div>').format(
        holder=holder, target=target, shown=shown_ids, label=_("Load more... (%s remaining)", count - shown))


def card_fields(view: View) -> list[tuple[str, str | None]]:
    """``(field, widget)`` shown on a card, in template order."""
    templates = view.root.find('templates')
    source = templates if templates is not None else view.root
    seen, result = set(), []
    for node in source.iter('field'):
        name = node.get('name')
        if name in view.fields and name not in seen and view.fields[name]['type'] not in ('binary', 'one2many', 'html', 'boolean'):
            if node.get('invisible') in ('1', 'True') or name in ('id', 'activity_state', 'color', 'sequence'):
                continue
            seen.add(name)
            result.append((name, node.get('widget')))
    titles = [item for item in result if item[0] in ('name', 'display_name', 'complete_name')]
    if titles:
        result.remove(titles[0])
        result.insert(0, titles[0])
    elif not result or view.fields[result[0][0]]['type'] not in ('char', 'many2one'):
        result.insert(0, ('display_name', None))
    return result[:6]


def card_painter(env: Any, view: View, context: dict, base: str, group_by: str | None = None) -> Any:
    """A function drawing one card of ``view``: from its QWeb template, else from its fields."""
    renderer = CardRenderer(env, view, context, base, group_by)
    if renderer.usable:
        return renderer.render
    shown = card_fields(view)
    return lambda record: card(record, view, shown, base)


def card(record: Any, view: View, shown: list[tuple[str, str | None]], base: str) -> Markup:
    if not shown or shown[0][0] not in view.fields:
        title, rest = record.display_name, shown[1:]
    else:
        title, rest = fields_html.display(record, shown[0][0], view.fields[shown[0][0]], shown[0][1]), shown[1:]
    lines = join(Markup('<div class="small text-secondary text-truncate" data-name="{}">{}</div>').format(
        name, fields_html.display(record, name, view.fields[name], widget)) for name, widget in rest
        if record[name] not in (False, None, '') or view.fields[name]['type'] in fields_html.NUMERIC)
    return Markup(
        '<article class="o_kanban_record card shadow-sm mb-2" data-id="{}"><a class="card-body p-2 text-reset text-decoration-none d-block" href="{}/{}">'
        '<div class="fw-semibold text-truncate o_kanban_record_title">{}</div>{}</a></article>').format(
        record.id, base, record.id, title, lines)


def _folded(env: Any, info: dict, value: Any) -> bool:
    """Whether a column starts folded: its many2one stage says so with a ``fold`` field."""
    if info.get('type') != 'many2one' or not isinstance(value, (list, tuple)):
        return False
    comodel = env[info['relation']]
    return 'fold' in comodel._fields and bool(comodel.browse(value[0]).fold)


def _group_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[0])
    return '' if value in (False, None) else str(value)


def progress(model: Any, view: View, domain: list, records: Any) -> Markup:
    """The column's ``<progressbar>``: a bar split by the values of its field, and its ``sum_field`` total."""
    node = view.root.find('progressbar')
    if node is None or node.get('field') not in model._fields:
        return Markup('')
    name = node.get('field')
    try:
        colours = json.loads(node.get('colors') or '{}')
    except ValueError:
        colours = {}
    field = model._fields[name]
    if field.store:
        counts = {group[name]: group[f"{name}_count"] for group in model.read_group(domain, [], [name], lazy=True)}
    else:
        counts = {}
        for record in records:
            counts[record[name]] = counts.get(record[name], 0) + 1
    total = sum(counts.values())
    bars = join(Markup('<div class="progress-bar bg-{}" style="width: {:.1f}%" title="{}: {}"></div>').format(
        colours[value] if colours[value] != 'muted' else 'secondary', 100.0 * counts[value] / total, value, counts[value])
        for value in colours if counts.get(value) and total)
    amount = ''
    sum_field = node.get('sum_field')
    if sum_field in model._fields and model._fields[sum_field].store:
        groups = model.read_group(domain, [f"{sum_field}:sum"], [], lazy=True)
        value = (groups[0].get(sum_field) if groups else 0) or 0
        amount = Markup('<span class="small text-secondary ms-1 o_kanban_sum">{}</span>').format(
            fields_html.format_number(value, 'integer' if model._fields[sum_field].type == 'integer' else 'float', 0))
    return Markup('<div class="d-flex align-items-center gap-1 mb-2 o_kanban_progress"><div class="progress flex-grow-1" style="height: 6px">{}</div>{}</div>').format(
        bars, amount)


def render(env: Any, view: View, domain: list, params: dict, ctx: dict) -> Markup:
    """The kanban board (grouped columns) or the grid of cards (ungrouped) for ``domain``."""
    model = env[view.model].with_context(**ctx['context'])
    base = ctx['base']
    order = view.attr('default_order') or None
    groupby = params.get('groupby') or ([view.attr('default_group_by')] if view.attr('default_group_by') else [])
    # only stored fields group in SQL; a view grouping by another one shows its cards ungrouped
    groupby = [g for g in groupby if g and g.split(':')[0] in model._fields and model._fields[g.split(':')[0]].store]
    if not groupby:
        paint = card_painter(env, view, ctx['context'], base)
        records = model.search(domain, order=order, limit=80)
        cards = join(paint(rec) for rec in records)
        return Markup('<div class="o_kanban_view o_kanban_ungrouped">{}</div>').format(cards)
    field_name = groupby[0].split(':')[0]
    paint = card_painter(env, view, ctx['context'], base, field_name)
    info = model.fields_get([field_name])[field_name]
    groups = model.read_group(domain, [], [field_name], lazy=True, orderby=order or '')
    quick_create = view.attr('quick_create', '1') not in ('0', 'false', 'False') and model.has_access('create')
    action = ctx.get('action')
    action_inputs = join(Markup('<input type="hidden" name="{}" value="{}">').format(key, value) for key, value in (
        ('action', getattr(action, 'id', None)), ('action_key', getattr(action, 'key', None))) if value)
    limit = column_limit(view)
    columns = []
    for index, group in enumerate(groups):
        value = group.get(field_name)
        label = value[1] if isinstance(value, (list, tuple)) else dict(info.get('selection') or []).get(value, value)
        records = model.search(group.get('__domain', domain), order=order, limit=limit)
        count = group.get(f"{field_name}_count", group.get('__count', len(records)))
        folded = _folded(env, info, value)
        creator = Markup(
            '<form class="o_kanban_quick_create mb-2 d-none" hx-post="/web/client/kanban/quick_create" hx-target="next .o_kanban_records" '
            'hx-swap="afterbegin" hx-on::after-request="if(event.detail.successful){{this.reset();this.classList.add(\'d-none\')}}">'
            '<input type="hidden" name="model" value="{model}"><input type="hidden" name="field" value="{field}">'
            '<input type="hidden" name="value" value="{value}"><input type="hidden" name="view_id" value="{view_id}">'
            '<input type="hidden" name="base" value="{base}">{action}'
            '<div class="input-group input-group-sm"><input class="form-control" name="name" required placeholder="{ph}">'
            '<button class="btn btn-primary">{add}</button></div></form>').format(
            model=view.model, field=field_name, value=_group_value(value), view_id=view.view_id or '', base=base,
            action=action_inputs, ph=_("Name"), add=_("Add")) if quick_create else ''
        plus = Markup('<button type="button" class="btn btn-sm btn-link p-0 o_kanban_quick_add" title="{0}" aria-label="{0}" '
                      'onclick="this.closest(\'.o_kanban_group\').querySelector(\'.o_kanban_quick_create\').classList.toggle(\'d-none\')">'
                      '<i class="bi bi-plus-lg"></i></button>').format(_("Quick create")) if quick_create else ''
        columns.append(Markup(
            '<section class="o_kanban_group flex-shrink-0 bg-body-secondary rounded p-2 {folded}" data-value="{value}">'
            '<header class="d-flex align-items-center gap-1 mb-2"><button type="button" class="btn btn-sm btn-link p-0 text-reset o_kanban_toggle_fold" '
            'onclick="this.closest(\'.o_kanban_group\').classList.toggle(\'o_folded\')" aria-label="{fold}"><i class="bi bi-arrows-collapse-vertical"></i></button>'
            '<span class="fw-semibold o_column_title text-truncate">{label}</span><span class="badge text-bg-light border ms-1 o_kanban_counter">{count}</span>'
            '<span class="ms-auto">{plus}</span></header>{progress}{creator}'
            '<div class="o_kanban_records" id="o_kanban_column_{index}" data-group-value="{value}">{cards}</div>{more}</section>'
        ).format(index=index, folded='o_folded' if folded else '', value=_group_value(value), fold=_("Fold"), label=label or _("None"),
                 count=count, plus=plus, creator=creator, progress=progress(model, view, group.get('__domain', domain), records), cards=join(paint(rec) for rec in records),
                 more=load_more(view, field_name, group.get('__domain', domain), len(records), limit, count, base, action, index)))
    return Markup('<div class="o_kanban_view d-flex gap-2 align-items-start pb-2" data-model="{}" data-group-by="{}" data-move-url="{}">{}</div>').format(
        view.model, field_name, url('/web/client/kanban/move'), join(columns))
