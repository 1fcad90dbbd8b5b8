"""Kanban views: cards of records, in columns when grouped (the arch's
``default_group_by`` or the search's group-by), with folded columns, quick
create at the top of a column, and drag-and-drop (SortableJS) that writes
the group-by field through ``/web/client/kanban/move``.

A card shows the ``<field>`` elements of the arch's card template (Odoo 18
``t-name="card"``, or ``kanban-box``): the first as the title, the others
under it; QWeb logic inside the template is not executed."""
from __future__ import annotations

from typing import Any

from odoo import _

from . import fields_html
from .arch import View
from .html import Markup, join, url

COLUMN_LIMIT = 40


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


def render(env: Any, view: View, domain: list, params: dict, ctx: dict) -> Markup:
    """The kanban board (grouped columns) or the grid of cards (ungrouped) for ``domain``."""
    model = env[view.model].with_context(**ctx['context'])
    base = ctx['base']
    shown = card_fields(view)
    order = view.attr('default_order') or None
    groupby = params.get('groupby') or ([view.attr('default_group_by')] if view.attr('default_group_by') else [])
    # only stored fields group in SQL; a view grouping by another one shows its cards ungrouped
    groupby = [g for g in groupby if g and g.split(':')[0] in model._fields and model._fields[g.split(':')[0]].store]
    if not groupby:
        records = model.search(domain, order=order, limit=80)
        cards = join(card(rec, view, shown, base) for rec in records)
        return Markup('<div class="o_kanban_view o_kanban_ungrouped">{}</div>').format(cards)
    field_name = groupby[0].split(':')[0]
    info = model.fields_get([field_name])[field_name]
    groups = model.read_group(domain, [], [field_name], lazy=True, orderby=order or '')
    quick_create = view.attr('quick_create', '1') not in ('0', 'false', 'False') and model.has_access('create')
    columns = []
    for group in groups:
        value = group.get(field_name)
        label = value[1] if isinstance(value, (list, tuple)) else dict(info.get('selection') or []).get(value, value)
        records = model.search(group.get('__domain', domain), order=order, limit=COLUMN_LIMIT)
        count = group.get(f"{field_name}_count", group.get('__count', len(records)))
        folded = _folded(env, info, value)
        creator = Markup(
            '<form class="o_kanban_quick_create mb-2 d-none" hx-post="/web/client/kanban/quick_create" hx-target="next .o_kanban_records" '
            'hx-swap="afterbegin" hx-on::after-request="if(event.detail.successful){{this.reset();this.classList.add(\'d-none\')}}">'
            '<input type="hidden" name="model" value="{model}"><input type="hidden" name="field" value="{field}">'
            '<input type="hidden" name="value" value="{value}"><input type="hidden" name="view_id" value="{view_id}">'
            '<input type="hidden" name="base" value="{base}">'
            '<div class="input-group input-group-sm"><input class="form-control" name="name" required placeholder="{ph}">'
            '<button class="btn btn-primary">{add}</button></div></form>').format(
            model=view.model, field=field_name, value=_group_value(value), view_id=view.view_id or '', base=base,
            ph=_("Name"), add=_("Add")) if quick_create else ''
        plus = Markup('<button type="button" class="btn btn-sm btn-link p-0 o_kanban_quick_add" title="{0}" aria-label="{0}" '
                      'onclick="this.closest(\'.o_kanban_group\').querySelector(\'.o_kanban_quick_create\').classList.toggle(\'d-none\')">'
                      '<i class="bi bi-plus-lg"></i></button>').format(_("Quick create")) if quick_create else ''
        columns.append(Markup(
            '<section class="o_kanban_group flex-shrink-0 bg-body-secondary rounded p-2 {folded}" data-value="{value}">'
            '<header class="d-flex align-items-center gap-1 mb-2"><button type="button" class="btn btn-sm btn-link p-0 text-reset o_kanban_toggle_fold" '
            'onclick="this.closest(\'.o_kanban_group\').classList.toggle(\'o_folded\')" aria-label="{fold}"><i class="bi bi-arrows-collapse-vertical"></i></button>'
            '<span class="fw-semibold o_column_title text-truncate">{label}</span><span class="badge text-bg-light border ms-1 o_kanban_counter">{count}</span>'
            '<span class="ms-auto">{plus}</span></header>{creator}'
            '<div class="o_kanban_records" data-group-value="{value}">{cards}</div>{more}</section>'
        ).format(folded='o_folded' if folded else '', value=_group_value(value), fold=_("Fold"), label=label or _("None"),
                 count=count, plus=plus, creator=creator, cards=join(card(rec, view, shown, base) for rec in records),
                 more=Markup('<a class="small d-block text-center o_kanban_load_more" href="{}">{}</a>').format(
                     url(base, **{**params, 'view_type': 'list', 'groupby': [field_name]}), _("All %s records", count))
                 if count > len(records) else ''))
    return Markup('<div class="o_kanban_view d-flex gap-2 align-items-start pb-2" data-model="{}" data-group-by="{}" data-move-url="{}">{}</div>').format(
        view.model, field_name, url('/web/client/kanban/move'), join(columns))
