"""Pivot views as Odoo 18 draws them: a tree of headers on each axis (rows
and columns), each level grouped by its own field; a header closes the
levels under it or opens the next one, a header of the last level opens
a menu of further group-bys (the search view's, or any stored field); one
or several measures aggregated by ``read_group`` for every row x column
group, so each level carries its totals; axes that flip, measures sorting
the rows, and the same table downloadable as xlsx.

The table's state (group-bys of both axes, opened headers, measures, sort)
travels as JSON in the page's ``pivot=`` parameter, so that every table
can be bookmarked; ``static/src/pivot.js`` edits that state when a header
is clicked (the state of one header per link would make pages quadratic)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from odoo import _

from . import fields_html
from .arch import View
from .html import Markup, attrs, join, url

ROW_LIMIT = 500
COLUMN_LIMIT = 60
GROUPABLE = ('many2one', 'selection', 'boolean', 'char', 'date', 'datetime', 'integer')
INTERVALS = ('year', 'quarter', 'month', 'week', 'day')
# parameters of other views that make no sense in the list a cell opens
DRILL_DROPPED = ('groupby', 'chart', 'measure', 'pivot_col', 'pivot', 'offset', 'domain', 'view_type', 'mode', 'date')


@dataclass
class State:
    """What the user made of the table: group-bys, opened headers (``None``: all, down to the last
    group-by, as a table is first drawn), measures, sort, and the search group-bys the rows came from."""
    rows: list[str]
    cols: list[str]
    measures: list[str]
    row_open: set | None = None
    col_open: set | None = None
    sort: dict | None = None
    origin: list[str] = field(default_factory=list)

    def as_json(self, **changes: Any) -> str:
        data = {'rows': self.rows, 'cols': self.cols, 'measures': self.measures, 'row_open': self.row_open,
                'col_open': self.col_open, 'sort': self.sort, 'g': self.origin, **changes}
        for key in ('row_open', 'col_open'):
            if data[key] is not None:
                data[key] = sorted((list(item) for item in data[key]), key=json.dumps)
        return json.dumps(data, ensure_ascii=False, separators=(',', ':'), default=str)


@dataclass
class Header:
    """One group of an axis: its key (the raw values of its group-bys), label and domain."""
    key: tuple
    label: str
    condition: list
    expanded: bool = False
    children: list = field(default_factory=list)

    def walk(self) -> list[Header]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def leaves(self) -> list[Header]:
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]


@dataclass
class PivotTable:
    state: State
    measure_labels: dict
    measure_types: dict
    rows: Header
    cols: Header
    values: dict                 # {(row key, col key): {measure: value}}
    truncated: bool = False

    @property
    def columns(self) -> list[Header]:
        """The columns of figures: the leaves of the column tree, then its total when it has several."""
        leaves = self.cols.leaves()
        return leaves + [self.cols] if len(leaves) > 1 else leaves

    def value(self, row: Header, col: Header, measure: str) -> Any:
        return self.values.get((row.key, col.key), {}).get(measure)

    @property
    def has_data(self) -> bool:
        return bool(self.values.get(((), ()), {}).get('__count'))


def groupable(model: Any, spec: str) -> bool:
    """Whether ``spec`` (``field`` or ``field:interval``) groups records of ``model``."""
    name, _sep, interval = spec.partition(':')
    fld = model._fields.get(name)
    if not (fld and fld.store and fld.type in GROUPABLE):
        return False
    return not interval or (fld.type in ('date', 'datetime') and interval in INTERVALS)


def measures(model: Any) -> list[tuple[str, str]]:
    """``(name, label)`` of what can be measured: stored numbers that aggregate, then the count."""
    found = [(name, fld.string) for name, fld in model._fields.items()
             if fld.type in fields_html.NUMERIC and fld.store and fld.aggregator and name not in ('id', 'sequence')]
    return sorted(found, key=lambda item: item[1] or '') + [('__count', _("Count"))]


def _valid_measure(model: Any, name: Any) -> bool:
    if name == '__count':
        return True
    fld = model._fields.get(name) if isinstance(name, str) else None
    return bool(fld and fld.store and fld.type in fields_html.NUMERIC)


def _arch(view: View, model: Any) -> tuple[list[str], list[str], list[str]]:
    """The rows, columns and measures the arch declares."""
    rows, cols, found = [], [], []
    for node in view.root.iter('field'):
        name = node.get('name')
        if name not in model._fields or node.get('invisible') in ('1', 'True', 'true'):
            continue
        spec = f"{name}:{node.get('interval')}" if node.get('interval') else name
        kind = node.get('type')
        if kind == 'measure':
            found.append(name)
        elif kind == 'col':
            cols.append(spec)
        elif kind == 'row' or (kind is None and model._fields[name].type not in fields_html.NUMERIC):
            rows.append(spec)
    if view.attr('display_quantity') in ('1', 'True', 'true') and '__count' not in found:
        found.insert(0, '__count')
    return rows, cols, found


def _specs(model: Any, value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    return [spec for spec in items if isinstance(spec, str) and groupable(model, spec)]


def _opened(value: Any) -> set | None:
    if value is None or not isinstance(value, list):
        return None
    return {tuple(item) for item in value if isinstance(item, list)}


def read_state(view: View, model: Any, params: dict, context: dict) -> State:
    """The state of the table: the page's ``pivot=`` as far as it still applies, else the defaults of
    the search (its group-bys make the rows), the action's context and the arch, as in Odoo."""
    arch_rows, arch_cols, arch_measures = _arch(view, model)
    search_groupby = [spec for spec in params.get('groupby') or [] if isinstance(spec, str)]
    rows = _specs(model, search_groupby) or _specs(model, context.get('pivot_row_groupby')) or _specs(model, arch_rows)
    cols = _specs(model, context.get('pivot_column_groupby')) or _specs(model, arch_cols)
    chosen = [m for m in (context.get('pivot_measures') or arch_measures) if _valid_measure(model, m)]
    if params.get('measure') and _valid_measure(model, params['measure']):
        chosen = [params['measure']]     # the measure picked in the graph view
    state = State(rows=rows, cols=cols, measures=chosen or ['__count'], origin=search_groupby)
    try:
        saved = json.loads(params.get('pivot') or 'null')
    except ValueError:
        saved = None
    if not isinstance(saved, dict):
        return state
    stored = state_from(model, saved)
    if saved.get('g', []) == search_groupby:
        # the search's group-bys have not changed since: the rows are the user's
        state.rows, state.row_open = stored.rows, stored.row_open
    state.cols, state.col_open, state.sort = stored.cols, stored.col_open, stored.sort
    state.measures = stored.measures or state.measures
    if state.sort and state.sort['measure'] not in state.measures:
        state.sort = None
    return state


def state_from(model: Any, saved: dict) -> State:
    """A state as the page's ``pivot=`` JSON gives it, anything invalid left out."""
    kept = [m for m in saved.get('measures') or [] if _valid_measure(model, m)]
    state = State(rows=_specs(model, saved.get('rows')), cols=_specs(model, saved.get('cols')), measures=list(dict.fromkeys(kept)),
                  row_open=_opened(saved.get('row_open')), col_open=_opened(saved.get('col_open')))
    sort = saved.get('sort')
    if isinstance(sort, dict) and sort.get('measure') in state.measures and isinstance(sort.get('col'), list):
        state.sort = {'col': sort['col'], 'measure': sort['measure'], 'order': 'desc' if sort.get('order') == 'desc' else 'asc'}
    return state


def _raw(model: Any, spec: str, group: dict) -> Any:
    """The value identifying ``group`` for ``spec`` in a header key (JSON-friendly)."""
    name = spec.split(':')[0]
    if model._fields[name].type in ('date', 'datetime'):
        bounds = (group.get('__range') or {}).get(spec)
        return bounds['from'] if bounds else False
    value = group.get(spec, group.get(name))
    if isinstance(value, (list, tuple)):
        return value[0]
    return False if value is None else value


def _depth(groupbys: list[str], opened: set | None) -> int:
    """How many group-bys the shown headers use."""
    if opened is None:
        return len(groupbys)
    return min(len(groupbys), max((len(key) + 1 for key in opened), default=0))


def _tree(found: list[list], groupbys: list[str], opened: set | None, limit: int) -> tuple[Header, bool]:
    """The headers of one axis from the groups of each depth (``found[d]``: ``(key, label, condition)``)."""
    root = Header(key=(), label=_("Total"), condition=[])
    root.expanded = bool(groupbys) and (opened is None or () in opened)
    shown = {(): root}
    count, truncated = 1, False
    for depth in range(1, len(found)):
        for key, label, condition in found[depth]:
            parent = shown.get(key[:-1])
            if parent is None or not parent.expanded:
                continue
            if count >= limit:
                truncated = True
                break
            node = Header(key=key, label=label, condition=parent.condition + condition)
            node.expanded = depth < len(groupbys) and (opened is None or key in opened)
            parent.children.append(node)
            shown[key] = node
            count += 1
    for node in shown.values():
        if node.expanded and not node.children:
            node.expanded = False       # nothing under it (its groups are empty)
    return root, truncated


def table(model: Any, domain: list, state: State) -> PivotTable:
    """The figures of the pivot: one ``read_group`` per pair of row and column depths (as Odoo's
    pivot asks them), each header's figures read from the groups of its own depth."""
    from .graph_view import _group_condition, _label
    aggregates = [f"{m}:{model._fields[m].aggregator or 'sum'}" for m in state.measures if m != '__count']
    row_depth, col_depth = _depth(state.rows, state.row_open), _depth(state.cols, state.col_open)
    values: dict = {}
    row_found: list[list] = [[] for _depth_ in range(row_depth + 1)]
    col_found: list[list] = [[] for _depth_ in range(col_depth + 1)]
    for i in range(row_depth + 1):
        for j in range(col_depth + 1):
            specs = state.rows[:i] + state.cols[:j]
            for group in model.read_group(domain, aggregates, specs, lazy=False):
                row_key = tuple(_raw(model, spec, group) for spec in state.rows[:i])
                col_key = tuple(_raw(model, spec, group) for spec in state.cols[:j])
                values[(row_key, col_key)] = {'__count': group.get('__count', 0),
                                              **{m: group.get(m) or 0 for m in state.measures if m != '__count'}}
                if i and not j:
                    spec = state.rows[i - 1]
                    row_found[i].append((row_key, _label(model, spec, group), _group_condition(model, [spec], group)))
                if j and not i:
                    spec = state.cols[j - 1]
                    col_found[j].append((col_key, _label(model, spec, group), _group_condition(model, [spec], group)))
    rows, cut_rows = _tree(row_found, state.rows, state.row_open, ROW_LIMIT)
    cols, cut_cols = _tree(col_found, state.cols, state.col_open, COLUMN_LIMIT)
    pivot = PivotTable(state=state, measure_labels=dict(measures(model)), measure_types={
        m: 'integer' if m == '__count' or model._fields[m].type == 'integer' else 'float' for m in state.measures},
        rows=rows, cols=cols, values=values, truncated=cut_rows or cut_cols)
    for m in state.measures:
        pivot.measure_labels.setdefault(m, model._fields[m].string if m in model._fields else m)
    if state.sort:
        _sort(pivot, tuple(state.sort['col']), state.sort['measure'], state.sort['order'] == 'desc')
    return pivot


def _sort(pivot: PivotTable, col_key: tuple, measure: str, reverse: bool) -> None:
    """Rows ordered among their siblings by their figure in one column (a measure's header clicked)."""
    def key(header: Header) -> float:
        return pivot.values.get((header.key, col_key), {}).get(measure) or 0
    for header in pivot.rows.walk():
        header.children.sort(key=key, reverse=reverse)


def opened_keys(root: Header) -> list[tuple]:
    return [node.key for node in root.walk() if node.expanded]


def explicit(pivot: PivotTable) -> State:
    """The state with the headers shown opened listed one by one (what the page's script edits)."""
    state = pivot.state
    return State(rows=state.rows, cols=state.cols, measures=state.measures, row_open=set(opened_keys(pivot.rows)),
                 col_open=set(opened_keys(pivot.cols)), sort=state.sort, origin=state.origin)


def _number(pivot: PivotTable, measure: str, value: Any) -> str:
    return '' if value is None else fields_html.format_number(value, pivot.measure_types[measure])


def _key_json(key: tuple) -> str:
    return json.dumps(list(key), ensure_ascii=False, separators=(',', ':'), default=str)


def _header_attrs(header: Header, axis: str, groupbys: list[str]) -> Markup:
    """A header's class and what clicking it does: close it, open its next level, or pick a group-by."""
    if header.expanded:
        action, klass = 'collapse', 'o_pivot_header_cell_opened'
    else:
        action = 'expand' if len(header.key) < len(groupbys) else 'menu'
        klass = 'o_pivot_header_cell_closed'
    return attrs(class_=f"o_pivot_header {klass}", data_axis=axis, data_key=_key_json(header.key), data_action=action,
                 role='button', tabindex='0', aria_expanded='true' if header.expanded else 'false')


def _drill_url(base: str, params: dict, condition: list) -> str:
    kept = {key: value for key, value in params.items() if key not in DRILL_DROPPED}
    return url(base, **kept, view_type='list', domain=json.dumps(condition, default=str))


def _column_heads(pivot: PivotTable, measure_count: int) -> list[Markup]:
    """The header rows of the columns: one per level of the column tree, the total's cell, the measures."""
    state = pivot.state
    height = len(state.cols) + 1
    lines: list[list[Markup]] = [[] for _line in range(height)]
    lines[0].append(Markup('<th class="o_pivot_corner" rowspan="{}"></th>').format(height + 1))

    def place(header: Header) -> None:
        depth = len(header.key)
        leaf = not header.children
        lines[depth].append(Markup('<th{} colspan="{}" rowspan="{}"{}><span class="o_pivot_caret"></span>{}</th>').format(
            _header_attrs(header, 'col', state.cols), len(header.leaves()) * measure_count, height - depth if leaf else 1,
            attrs(title=header.label), header.label))
        for child in header.children:
            place(child)
    place(pivot.cols)
    if len(pivot.cols.leaves()) > 1:
        lines[0].append(Markup('<th class="o_pivot_total_head" colspan="{}" rowspan="{}"></th>').format(measure_count, height))
    measure_cells = []
    for column in pivot.columns:
        for measure in state.measures:
            sort = state.sort or {}
            current = sort.get('measure') == measure and tuple(sort.get('col') or ()) == column.key
            order = 'desc' if current and sort.get('order') == 'asc' else 'asc'
            icon = Markup(' <i class="bi bi-caret-{}-fill small"></i>').format('up' if sort.get('order') == 'asc' else 'down') if current else ''
            measure_cells.append(Markup('<th class="o_pivot_measure_row text-end fw-normal text-secondary" role="button"{}>{}{}</th>').format(
                attrs(data_sort=json.dumps({'col': list(column.key), 'measure': measure, 'order': order}, ensure_ascii=False, default=str)),
                pivot.measure_labels[measure], icon))
    return [Markup('<tr>{}</tr>').format(join(line)) for line in lines] + [Markup('<tr>{}</tr>').format(join(measure_cells))]


def _body(pivot: PivotTable, base: str, params: dict, linking: bool) -> list[Markup]:
    state = pivot.state
    lines = []
    for header in pivot.rows.walk():
        cells = []
        for column in pivot.columns:
            bold = not header.key or not column.key
            for measure in state.measures:
                value = pivot.value(header, column, measure)
                text = _number(pivot, measure, value)
                if value is not None and linking:
                    text = Markup('<a class="o_pivot_cell_link text-reset text-decoration-none" href="{}">{}</a>').format(
                        _drill_url(base, params, header.condition + column.condition), text)
                cells.append(Markup('<td class="o_pivot_cell_value text-end text-nowrap{}">{}</td>').format(' fw-semibold' if bold else '', text))
        lines.append(Markup('<tr class="o_pivot_row{}" data-key="{}"><th{} style="padding-left: {}rem"><span class="o_pivot_caret"></span>{}</th>{}</tr>').format(
            ' o_pivot_total_row' if not header.key else '', _key_json(header.key),
            _header_attrs(header, 'row', state.rows), 0.35 + 1.1 * len(header.key), header.label, join(cells)))
    return lines


def _groupby_menu(model: Any, search_groupbys: list[tuple[str, str]]) -> Markup:
    """The menu a header of the last level opens: the search view's group-bys, then any stored field."""
    intervals = {'year': _("Year"), 'quarter': _("Quarter"), 'month': _("Month"), 'week': _("Week"), 'day': _("Day")}
    items = []
    for spec, label in search_groupbys:
        if not groupable(model, spec):
            continue
        if ':' in spec or model._fields[spec].type not in ('date', 'datetime'):
            items.append(Markup('<li><a class="dropdown-item" href="#" data-groupby="{}">{}</a></li>').format(spec, label))
            continue
        # a date group-by offers its intervals, as Odoo's menu does
        items.append(Markup('<li><h6 class="dropdown-header">{}</h6></li>').format(label))
        items.extend(Markup('<li><a class="dropdown-item ps-4" href="#" data-groupby="{}:{}">{}</a></li>').format(spec, key, name)
                     for key, name in intervals.items())
    fields_choice = sorted(((name, fld.string or name) for name, fld in model._fields.items()
                            if fld.store and fld.type in GROUPABLE and name not in ('id', 'create_uid', 'write_uid')),
                           key=lambda item: item[1])
    options = join(Markup('<option value="{}">{}</option>').format(
        f"{name}:month" if model._fields[name].type in ('date', 'datetime') else name, label) for name, label in fields_choice)
    return Markup(
        '<ul class="dropdown-menu o_pivot_groupby_menu shadow" style="max-height: 60vh; overflow-y: auto">{items}{divider}'
        '<li class="px-3 py-1"><select class="form-select form-select-sm o_pivot_custom_groupby" aria-label="{custom}">'
        '<option value="">{custom}</option>{options}</select></li></ul>').format(
        items=join(items), divider=Markup('<li><hr class="dropdown-divider"></li>') if items else '', custom=_("Add Custom Group"),
        options=options)


def _measure_menu(model: Any, state: State, base: str, params: dict) -> Markup:
    """Measures toggled one by one (at least one stays)."""
    items = []
    for name, label in measures(model):
        chosen = name in state.measures
        toggled = [m for m in state.measures if m != name] if chosen else [*state.measures, name]
        if name == '__count':
            items.append(Markup('<li><hr class="dropdown-divider"></li>'))
        items.append(Markup('<li><a class="dropdown-item o_pivot_measure {}" href="{}" data-measure="{}">{}{}</a></li>').format(
            'active' if chosen else '', url(base, **{**params, 'pivot': state.as_json(measures=toggled or state.measures)}),
            name, Markup('<i class="bi bi-check2 me-1"></i>') if chosen else '', label))
    return Markup('<div class="dropdown"><button class="btn btn-sm btn-primary dropdown-toggle o_pivot_measures_toggle" '
                  'data-bs-toggle="dropdown">{}</button><ul class="dropdown-menu o_pivot_measures_list" style="max-height: 60vh; '
                  'overflow-y: auto">{}</ul></div>').format(_("Measures"), join(items))


def _search_groupbys(env: Any, view: View, ctx: dict) -> list[tuple[str, str]]:
    """The group-by filters of the action's search view."""
    from . import arch as arch_mod
    from . import search
    action = ctx.get('action')
    try:
        search_view = arch_mod.load_view(env, view.model, getattr(action, 'search_view_id', False) or False, 'search')
    except Exception:  # noqa: BLE001 - a model without a readable search view simply offers its fields
        return []
    parsed = search.parse(search_view.root, search_view.fields)
    return [(spec['groupby'], spec['string']) for spec in parsed.filters if spec['groupby']]


def render(view: View, model: Any, domain: list, params: dict, ctx: dict) -> Markup:
    """The pivot table of ``view`` for ``domain`` with its toolbar (measures, flip, expand, download)."""
    state = read_state(view, model, params, ctx.get('context') or {})
    pivot = table(model, domain, state)
    shown = explicit(pivot)
    base = ctx['base']
    measure_count = len(state.measures)
    linking = view.attr('disable_linking') not in ('1', 'True', 'true')
    flip = shown.as_json(rows=shown.cols, cols=shown.rows, row_open=shown.col_open, col_open=shown.row_open, sort=None)
    download = url('/web/client/pivot/xlsx', model=model._name, domain=json.dumps(domain, default=str),
                   pivot=shown.as_json(), title=view.attr('string') or model._description)
    # as Odoo: without data the buttons are disabled and the action's help (or a note) shows
    disabled = '' if pivot.has_data else ' disabled'
    toolbar = Markup(
        '{measures}<div class="btn-group btn-group-sm">'
        '<a class="btn btn-outline-secondary o_pivot_flip_button{disabled}" href="{flip}" title="{flip_label}" aria-label="{flip_label}"><i class="bi bi-arrow-left-right"></i></a>'
        '<a class="btn btn-outline-secondary o_pivot_expand_button{disabled}" href="{expand}" title="{expand_label}" aria-label="{expand_label}"><i class="bi bi-arrows-angle-expand"></i></a>'
        '<a class="btn btn-outline-secondary o_pivot_download{disabled}" href="{download}" title="{download_label}" aria-label="{download_label}"><i class="bi bi-download"></i></a></div>'
    ).format(disabled=disabled, measures=_measure_menu(model, state, base, params),
             flip=url(base, **{**params, 'pivot': flip}), flip_label=_("Flip axis"),
             expand=url(base, **{**params, 'pivot': shown.as_json(row_open=None, col_open=None)}), expand_label=_("Expand all"),
             download=download, download_label=_("Download xlsx"))
    warning = Markup('<div class="alert alert-warning py-1 small mb-2">{}</div>').format(
        _("This table is too large: only its first %(rows)s rows and %(cols)s columns are shown.", rows=ROW_LIMIT, cols=COLUMN_LIMIT)
    ) if pivot.truncated else ''
    if not pivot.has_data:
        help_html = getattr(ctx.get('action'), 'help', '') or ''
        warning += Markup('<div class="o_view_nocontent text-center text-secondary py-4">{}</div>').format(
            Markup(help_html) if help_html else Markup('<p class="fw-semibold mb-0">{}</p>').format(_("No data to display")))
    return Markup(
        '<div class="o_pivot_view o_pivot bg-body rounded border p-2 p-md-3" data-state="{state}">'
        '<div class="d-flex flex-wrap gap-2 mb-2">{toolbar}</div>{warning}'
        '<div class="table-responsive"><table class="table table-sm table-bordered table-hover align-middle mb-0 o_pivot_table">'
        '<thead class="table-light">{head}</thead><tbody>{body}</tbody></table></div>{menu}</div>'
    ).format(state=shown.as_json(), toolbar=toolbar, warning=warning, head=join(_column_heads(pivot, measure_count)),
             body=join(_body(pivot, base, params, linking)), menu=_groupby_menu(model, _search_groupbys(model.env, view, ctx)))


def xlsx(pivot: PivotTable, title: str) -> bytes:
    """The pivot as a spreadsheet laid out as on screen: merged column headers on each level, the
    measures' row, indented row headers, totals in bold."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    # a sheet's name may not hold []:*?/\ and is 31 characters at most
    sheet.title = re.sub(r'[\[\]:*?/\\]', ' ', title or 'Pivot')[:31].strip() or 'Pivot'
    state = pivot.state
    count = len(state.measures)
    height = len(state.cols) + 1
    bold = Font(bold=True)

    def place(header: Header, column: int) -> int:
        depth = len(header.key)
        width = len(header.leaves()) * count
        rows = height - depth if not header.children else 1
        cell = sheet.cell(row=depth + 1, column=column, value=header.label)
        cell.font, cell.alignment = bold, Alignment(horizontal='center')
        if width > 1 or rows > 1:
            sheet.merge_cells(start_row=depth + 1, start_column=column, end_row=depth + rows, end_column=column + width - 1)
        for child in header.children:
            column = place(child, column)
        return column if header.children else column + width
    place(pivot.cols, 2)
    column = 2
    for _column in pivot.columns:
        for measure in state.measures:
            sheet.cell(row=height + 1, column=column, value=pivot.measure_labels[measure]).font = bold
            column += 1
    line = height + 2
    for header in pivot.rows.walk():
        title_cell = sheet.cell(row=line, column=1, value=header.label)
        title_cell.alignment = Alignment(indent=len(header.key))
        if not header.key:
            title_cell.font = bold
        column = 2
        for col_header in pivot.columns:
            for measure in state.measures:
                value = pivot.value(header, col_header, measure)
                cell = sheet.cell(row=line, column=column, value=value)
                if not header.key or not col_header.key:
                    cell.font = bold
                column += 1
        line += 1
    sheet.column_dimensions['A'].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
