"""List views: the table of records from a ``<list>`` arch, with sorting,
pagination, grouping with totals (``read_group``) on several levels
(nested sub-groups loaded when opened: :mod:`.list_groups`), multi-selection and
inline editing of rows when the arch is ``editable``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from odoo import _

from . import fields_html
from .arch import View, field_nodes
from .expressions import evaluate, record_values
from .html import Markup, attrs, join, url


@dataclass
class Column:
    name: str
    label: str
    info: dict
    widget: str | None
    node: Any

    @property
    def numeric(self) -> bool:
        return self.info.get('type') in fields_html.NUMERIC

    @property
    def aggregate(self) -> str | None:
        """How the column totals: the arch's ``sum``/``avg`` attribute, else the field's aggregator."""
        if self.node.get('sum'):
            return 'sum'
        if self.node.get('avg'):
            return 'avg'
        if self.numeric and self.info.get('aggregator') in ('sum', 'avg') and self.info.get('store', True):
            return self.info['aggregator'] if self.info.get('type') != 'integer' or self.node.get('sum') else None
        return None


def columns(view: View, context: dict, toggled: frozenset = frozenset()) -> list[Column]:
    """The visible columns of a list arch (``optional="hide"`` ones unless ``toggled``, ``optional="show"``
    ones while not ``toggled``; ``column_invisible`` left out)."""
    cols = []
    for node in field_nodes(view.root):
        name = node.get('name')
        info = view.fields.get(name)
        if info is None or node.get('widget') == 'handle':
            continue
        if (node.get('optional') == 'hide') != (name in toggled):
            continue
        if evaluate(node.get('column_invisible'), {}, context, f"{view.model} list column {name}"):
            continue
        if node.get('invisible') in ('1', 'True'):
            continue
        cols.append(Column(name=name, label=node.get('string') or info.get('string') or name,
                           info=info, widget=node.get('widget'), node=node))
    return cols


def optional_menu(view: View, base: str, params: dict) -> Markup:
    """The dropdown showing or hiding the arch's ``optional`` columns (kept in the URL as ``optional=``)."""
    toggled = set(params.get('optional', []))
    items = []
    for node in field_nodes(view.root):
        name = node.get('name')
        if not node.get('optional') or name not in view.fields:
            continue
        shown = (node.get('optional') == 'show') != (name in toggled)
        flipped = sorted(toggled ^ {name})
        items.append(Markup('<li><a class="dropdown-item" href="{}"><i class="bi {} me-1"></i>{}</a></li>').format(
            url(base, **{**params, 'optional': flipped}), 'bi-check-square' if shown else 'bi-square',
            node.get('string') or view.fields[name].get('string') or name))
    if not items:
        return Markup('')
    return Markup('<div class="dropdown d-inline-block"><button class="btn btn-sm btn-link p-0 text-secondary o_optional_columns" type="button" '
                  'data-bs-toggle="dropdown" aria-label="{0}" title="{0}"><i class="bi bi-sliders"></i></button>'
                  '<ul class="dropdown-menu dropdown-menu-end">{1}</ul></div>').format(_("Optional columns"), join(items))


def row_buttons(view: View) -> list:
    """The ``<button type="object">`` elements of a list arch, shown at the end of each row."""
    return [node for node in view.root if isinstance(node.tag, str) and node.tag == 'button'
            and node.get('type') == 'object' and node.get('name') and not node.get('name').startswith('_')]


def has_extra_cell(view: View) -> bool:
    """Whether rows end with a cell for buttons or the optional-columns menu."""
    return bool(row_buttons(view)) or any(node.get('optional') for node in field_nodes(view.root))


def buttons_cell(record: Any, view: View, values: dict, context: dict) -> Markup:
    buttons = row_buttons(view)
    if not has_extra_cell(view):
        return Markup('')
    shown = join(Markup(
        '<button type="button" class="btn btn-sm btn-link py-0 o_list_button" hx-post="/web/client/list_button" hx-swap="none" '
        'hx-vals=\'{{"model": "{}", "id": "{}", "name": "{}", "view_id": "{}"}}\' title="{}">{}{}</button>').format(
        view.model, record.id, node.get('name'), view.view_id or '', node.get('string') or node.get('title') or '',
        Markup('<i class="bi {}"></i> ').format(node.get('icon').replace('fa-', 'bi-')) if node.get('icon') else '',
        node.get('string') or '')
        for node in buttons if record.id and not evaluate(node.get('invisible'), values, context, f"{view.model} list button"))
    return Markup('<td class="o_list_buttons text-end text-nowrap" onclick="event.stopPropagation()">{}</td>').format(shown)


def _order_link(base: str, params: dict, col: Column) -> Markup:
    current = params.get('order') or ''
    direction = 'desc' if current == f"{col.name} asc" else 'asc'
    icon = ''
    if current.startswith(col.name + ' '):
        icon = Markup(' <i class="bi bi-caret-{}-fill small"></i>').format('up' if current.endswith('asc') else 'down')
    if not col.info.get('sortable', True):
        return Markup('{}').format(col.label)
    href = url(base, **{**params, 'order': f"{col.name} {direction}", 'offset': None})
    return Markup('<a class="text-reset text-decoration-none" href="{}" hx-boost="true">{}{}</a>').format(
        href, col.label, icon)


def cell(record: Any, col: Column, values: dict, context: dict) -> Markup:
    if evaluate(col.node.get('invisible'), values, context, f"{record._name} list cell {col.name}"):
        return Markup('<td></td>')
    klass = 'text-end text-nowrap' if col.numeric else ('text-center' if col.info.get('type') == 'boolean' else '')
    return Markup('<td class="{} o_field_cell" data-name="{}">{}</td>').format(
        klass, col.name, fields_html.display(record, col.name, col.info, col.widget))


def row(record: Any, cols: list[Column], view: View, ctx: dict, parent: str | None = None) -> Markup:
    """A display row; clicking it opens the record (or edits it in place when the list is editable).
    ``parent`` is the path of the sub-group holding it (hidden until that sub-group is opened)."""
    values = record_values(record, list(view.fields))  # hidden fields too: decorations and modifiers read them
    editable = view.attr('editable')
    if editable:
        opener = attrs(hx_get=url('/web/client/list_row', model=view.model, view_id=view.view_id or None,
                                  id=record.id, mode='edit', optional=ctx.get('optional'), **action_args(ctx)),
                       hx_target='this', hx_swap='outerHTML',
                       hx_trigger='click[!event.target.closest("input,a")]')
    else:
        opener = attrs(data_href=f"{ctx['base']}/{record.id}")
    decorations = ' '.join(f"table-{key.split('-', 1)[1]}" for key, expr in view.root.attrib.items()
                           if key.startswith('decoration-') and key.split('-', 1)[1] in ('danger', 'warning', 'success', 'info', 'muted')
                           and evaluate(expr, values, ctx['context'], f"{view.model} list decoration"))
    if parent:
        decorations += ' d-none'
        opener += attrs(data_parent=parent)
    return Markup('<tr class="o_data_row {}" data-id="{}"{}><td class="o_list_select" onclick="event.stopPropagation()">'
                  '<input class="form-check-input" type="checkbox" name="ids" value="{}" form="o_list_batch" aria-label="{}"></td>{}{}</tr>').format(
        decorations, record.id, opener, record.id, _("Select"), join(cell(record, c, values, ctx['context']) for c in cols),
        buttons_cell(record, view, values, ctx['context']))


def action_args(ctx: dict) -> dict:
    """The URL parameters naming the window action the list belongs to (its id, and the session key of
    an action a button returned): rows edited in place are created and saved in its context (its
    ``default_*`` keys), as in Odoo."""
    action = ctx.get('action')
    return {'action': getattr(action, 'id', None) or ctx.get('action_id') or None,
            'action_key': getattr(action, 'key', None) or ctx.get('action_key') or None}


def edit_row(record: Any, cols: list[Column], view: View, context: dict, optional: list | None = None,
             action: dict | None = None, selected: bool = False) -> Markup:
    """A row of inputs posted by htmx to save the record (or create it when ``record`` is new). A changed
    cell posts the row to the onchange route, which answers the row drawn again from the values after
    the model's onchange (``record`` may be that draft, made from the saved record), modifiers
    evaluated for them."""
    from .form_view import force_saved, modifier_fields
    values = record_values(record, list(view.fields))
    live = modifier_fields(view.root)
    record_id = record._origin.id or None
    inputs = []
    for col in cols:
        where = f"{view.model} list {col.name}"
        if evaluate(col.node.get('invisible'), values, context, where):
            inputs.append(Markup('<td data-name="{}"></td>').format(col.name))
            continue
        readonly = evaluate(col.node.get('readonly'), values, context, where) or col.info.get('readonly', False)
        required = evaluate(col.node.get('required'), values, context, where) or col.info.get('required', False)
        inputs.append(Markup('<td data-name="{}"{}>{}</td>').format(
            col.name, Markup(' data-live="1"') if col.name in live else '', fields_html.input_html(
                record, col.name, col.info, col.widget, readonly=readonly, required=required and not readonly,
                force_save=force_saved(col.node))))
    target = url('/web/client/list_row', model=view.model, view_id=view.view_id or None, id=record_id,
                 optional=optional, **(action or {}))
    onchange = url('/web/client/list_row/onchange', model=view.model, view_id=view.view_id or None, id=record_id,
                   optional=optional, **(action or {}))
    return Markup(
        '<tr class="o_data_row o_selected_row table-active" data-id="{rid}" data-onchange="{onchange}" hx-include="this" '
        'hx-target="this" hx-swap="outerHTML">'
        '<td class="text-nowrap">{kept}<button type="button" class="btn btn-sm btn-primary o_list_save" hx-post="{target}" title="{save}">'
        '<i class="bi bi-check-lg"></i></button> <button type="button" class="btn btn-sm btn-light o_list_discard" '
        'hx-get="{cancel}" title="{discard}"><i class="bi bi-x-lg"></i></button></td>{inputs}{extra}</tr>'
    ).format(rid=record_id or '', target=target, onchange=onchange, save=_("Save"), discard=_("Discard"), inputs=join(inputs),
             # a selected row stays selected while edited: with others, a multi_edit list writes them all
             kept=Markup('<input type="checkbox" class="d-none" name="ids" value="{}" form="o_list_batch" checked>').format(record_id)
             if selected and record_id else '',
             extra=Markup('<td></td>') if has_extra_cell(view) else '',
             cancel=url('/web/client/list_row', model=view.model, view_id=view.view_id or None, id=record_id,
                        mode='show', optional=optional, **(action or {})))


def _totals_row(cols: list[Column], totals: dict, currency: Any) -> Markup:
    tds = []
    for col in cols:
        value = totals.get(col.name)
        if value is None or not col.aggregate:
            tds.append(Markup('<td></td>'))
        elif col.info.get('type') == 'monetary':
            tds.append(Markup('<td class="text-end text-nowrap fw-semibold">{}</td>').format(
                fields_html.format_amount(value, currency)))
        else:
            tds.append(Markup('<td class="text-end text-nowrap fw-semibold">{}</td>').format(
                fields_html.format_number(value, col.info['type'])))
    return join(tds)


def _group_label(groupby: str, info: dict, group: dict) -> str:
    value = group.get(groupby.split(':')[0]) if ':' not in groupby else group.get(groupby)
    if isinstance(value, (list, tuple)):
        value = value[1]
    if info.get('type') == 'selection':
        value = dict(info.get('selection') or []).get(value, value)
    if value in (False, None, ''):
        return _("None")
    return str(value)


def render(env: Any, view: View, domain: list, params: dict, ctx: dict, limit: int) -> Markup:
    """The list (or grouped list) for ``domain``; ``params`` are the page's query parameters."""
    model = env[view.model].with_context(**ctx['context'])
    cols = columns(view, ctx['context'], frozenset(params.get('optional', [])))
    ctx = {**ctx, 'optional': params.get('optional', [])}
    base = ctx['base']
    order = params.get('order') or view.attr('default_order') or None
    if order and order.split()[0] not in view.fields:
        order = None
    groupby = [g for g in params.get('groupby', []) if g.split(':')[0] in model._fields and model._fields[g.split(':')[0]].store]
    head = join(Markup('<th class="{}" data-name="{}">{}</th>').format(
        'text-end' if c.numeric else '', c.name, _order_link(base, params, c)) for c in cols)
    extra_cell = Markup('<td></td>') if has_extra_cell(view) else Markup('')
    if extra_cell:
        head += Markup('<th class="text-end">{}</th>').format(optional_menu(view, base, params))
    aggregated = [c for c in cols if c.aggregate and c.info.get('store', True)]
    specs = [f"{c.name}:{c.aggregate}" for c in aggregated]
    currency = env.company.currency_id
    bodies = []
    count = 0
    if groupby:
        # a group's content is loaded when it is opened (list_groups)
        from .list_groups import top_groups
        group_bodies, count, pager = top_groups(model, view, domain, groupby, params, ctx, cols, order, limit)
        bodies.extend(group_bodies)
    else:
        offset = int(params.get('offset') or 0)
        count = model.search_count(domain)
        records = model.search(domain, order=order, offset=offset, limit=limit)
        rows = join(row(rec, cols, view, ctx) for rec in records)
        if view.attr('editable') and view.attr('create', '1') not in ('0', 'false', 'False'):
            # editable="top" adds rows above the others, "bottom" below them, as Odoo's list
            top = view.attr('editable') == 'top'
            adder = Markup('<tr class="o_add_row"><td></td><td colspan="{}"><a href="#" class="text-decoration-none" hx-get="{}" '
                           'hx-target="closest tr" hx-swap="{}"><i class="bi bi-plus-lg"></i> {}</a></td></tr>').format(
                len(cols) + (1 if extra_cell else 0), url('/web/client/list_row', model=view.model, view_id=view.view_id or None, mode='edit',
                                                 optional=params.get('optional'), **action_args(ctx)),
                'afterend' if top else 'beforebegin', _("Add a line"))
            rows = adder + rows if top else rows + adder
        bodies.append(Markup('<tbody>{}</tbody>').format(rows))
        pager = _pager(base, params, offset, limit, count)
    footer = ''
    if aggregated and domain is not None:
        totals = model.read_group(domain, specs, [], lazy=True)
        footer = Markup('<tfoot><tr><td></td>{}{}</tr></tfoot>').format(
            _totals_row(cols, totals[0] if totals else {}, currency), extra_cell)
    empty = ''
    if not count:
        empty = Markup('<div class="o_view_nocontent text-center text-secondary py-5"><i class="bi bi-inbox fs-1 d-block mb-2"></i>{}</div>').format(
            _("No record found. Create one to get started."))
    return Markup(
        '<div class="o_list_view">'
        '<div class="o_list_pager d-flex justify-content-end mb-1">{pager}</div>'
        '<div class="table-responsive bg-body rounded border"><table class="table table-hover table-sm align-middle mb-0 o_list_table"{multi}>'
        '<thead class="table-light"><tr><th class="o_list_select"><input class="form-check-input o_select_all" type="checkbox" aria-label="{all}"></th>{head}</tr></thead>'
        '{bodies}{footer}</table></div>{empty}</div>'
    ).format(pager=pager, all=_("Select all"), head=head, bodies=join(bodies), footer=footer, empty=empty,
             multi=Markup(' data-multi-edit="{}"').format(_("Update the %s selected records?"))
             if view.attr('multi_edit') in ('1', 'True', 'true') else '')


def _pager(base: str, params: dict, offset: int, limit: int, count: int) -> Markup:
    if not count:
        return Markup('')
    last = min(offset + limit, count)
    prev_link = url(base, **{**params, 'offset': max(offset - limit, 0)}) if offset else None
    next_link = url(base, **{**params, 'offset': offset + limit}) if last < count else None

    def button(href: str | None, icon: str, label: str) -> Markup:
        return Markup('<a class="btn btn-sm btn-light {}" href="{}" aria-label="{}"><i class="bi {}"></i></a>').format(
            '' if href else 'disabled', href or '#', label, icon)
    return Markup('<div class="o_pager d-flex align-items-center gap-1"><span class="small text-secondary me-1">{}-{} / {}</span>{}{}</div>').format(
        offset + 1, last, count, button(prev_link, 'bi-chevron-left', _("Previous")), button(next_link, 'bi-chevron-right', _("Next")))


def batch_bar(hidden: dict, bound: list | tuple = ()) -> Markup:
    """The actions on the selected rows, shown when some are ticked; ``hidden`` are the form's fixed values,
    ``bound`` the ``(id, name)`` of the actions bound to the model for lists (Odoo's Action menu)."""
    more = join(Markup('<li><button class="dropdown-item" name="operation" value="{}">{}</button></li>').format(value, label)
                for value, label in [('unarchive', _("Unarchive")), ('duplicate', _("Duplicate")),
                                     *((f"action:{action_id}", name) for action_id, name in bound)])
    return Markup(
        '<form id="o_list_batch" method="post" action="/web/client/batch" class="o_list_batch d-none gap-1 align-items-center">{hidden}'
        '<span class="small text-secondary o_selected_count"></span>'
        '<button class="btn btn-sm btn-outline-secondary text-nowrap" name="operation" value="export" title="{export}"><i class="bi bi-download"></i>'
        '<span class="d-none d-md-inline"> {export}</span></button>'
        '<button class="btn btn-sm btn-outline-secondary text-nowrap" name="operation" value="archive" title="{archive}"><i class="bi bi-archive"></i>'
        '<span class="d-none d-md-inline"> {archive}</span></button>'
        '<button class="btn btn-sm btn-outline-danger text-nowrap" name="operation" value="unlink" title="{delete}" '
        'onclick="return confirm(this.dataset.confirm)" data-confirm="{confirm}"><i class="bi bi-trash"></i>'
        '<span class="d-none d-md-inline"> {delete}</span></button>'
        '<div class="dropdown"><button type="button" class="btn btn-sm btn-outline-secondary dropdown-toggle text-nowrap o_list_actions" '
        'data-bs-toggle="dropdown" title="{actions}"><i class="bi bi-gear"></i><span class="d-none d-md-inline"> {actions}</span></button>'
        '<ul class="dropdown-menu dropdown-menu-end">{more}</ul></div>'
        '</form>'
    ).format(hidden=join(Markup('<input type="hidden" name="{}" value="{}">').format(k, v) for k, v in hidden.items()),
             export=_("Export"), archive=_("Archive"), delete=_("Delete"), actions=_("Actions"), more=more,
             confirm=_("Are you sure you want to delete these records?"))
