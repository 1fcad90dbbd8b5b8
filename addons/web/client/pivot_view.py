"""Pivot views: a measure aggregated (``read_group``) over row groupings on
several levels — each header opens and closes the levels under it, a menu
adds a level — and one column grouping, with row and column totals, axes
that flip, and the same table downloadable as xlsx."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from odoo import _

from . import fields_html
from .html import Markup, join, url

ROW_LIMIT = 500


@dataclass
class PivotTable:
    measure_label: str
    columns: list[str]                                   # labels of the column grouping ([] without one)
    rows: list[tuple[int, str, str, str, list, float]] = field(default_factory=list)   # (level, path, parent, label, cells, total)
    column_totals: list = field(default_factory=list)
    grand_total: float = 0
    integer: bool = False


def table(model: Any, domain: list, rows: list[str], cols: list[str], measure: str) -> PivotTable:
    """The figures of the pivot: one line per group of each row level (in tree order)."""
    from .graph_view import _group_lines, _label, _measures, _value
    col_spec = cols[0] if cols else None
    extra = [col_spec] if col_spec else []
    result = PivotTable(measure_label=dict(_measures(model)).get(measure, measure), columns=[],
                        integer=measure == '__count' or model._fields[measure].type == 'integer')
    totals = _group_lines(model, domain, measure, extra)
    if col_spec:
        result.columns = list(dict.fromkeys(_label(model, col_spec, group) for group in totals))
        by_column = {}
        for group in totals:
            key = _label(model, col_spec, group)
            by_column[key] = by_column.get(key, 0) + _value(group, measure)
        result.column_totals = [by_column.get(label, 0) for label in result.columns]
        result.grand_total = sum(result.column_totals)
    else:
        result.grand_total = sum(_value(group, measure) for group in totals)
    levels: list[dict] = []
    for depth in range(1, len(rows) + 1):
        specs = rows[:depth]
        figures: dict[tuple, dict] = {}
        for group in _group_lines(model, domain, measure, specs + extra):
            key = tuple(_label(model, spec, group) for spec in specs)
            column = _label(model, col_spec, group) if col_spec else ''
            cells = figures.setdefault(key, {})
            cells[column] = cells.get(column, 0) + _value(group, measure)
        levels.append(figures)

    def walk(prefix: tuple, depth: int, parent: str) -> None:
        if depth > len(levels):
            return
        children = [key for key in levels[depth - 1] if key[:-1] == prefix]
        for index, key in enumerate(children):
            if len(result.rows) >= ROW_LIMIT:
                return
            path = f"{parent}-{index}" if parent else f"p{index}"
            cells = levels[depth - 1][key]
            values = [cells.get(label, 0) for label in result.columns]
            total = sum(values) if result.columns else cells.get('', 0)
            result.rows.append((depth, path, parent, key[-1], values, total))
            walk(key, depth + 1, path)
    walk((), 1, '')
    return result


def _number(pivot: PivotTable, value: float) -> str:
    return fields_html.format_number(value, 'integer' if pivot.integer else 'float')


def _row_menu(base: str, params: dict, model: Any, rows: list[str]) -> Markup:
    """The dropdown adding a row level (or removing the last one)."""
    choices = [(name, f.string) for name, f in model._fields.items()
               if f.store and f.type in ('many2one', 'selection', 'boolean', 'char', 'date', 'datetime')
               and name not in rows and name not in ('create_uid', 'write_uid', 'create_date', 'write_date')]
    items = [Markup('<li><a class="dropdown-item o_pivot_expand" href="{}">{}</a></li>').format(
        url(base, **{**params, 'groupby': [*rows, name]}), label) for name, label in choices[:40]]
    if len(rows) > 1:
        items.insert(0, Markup('<li><a class="dropdown-item o_pivot_collapse" href="{}"><i class="bi bi-dash-lg me-1"></i>{}</a></li>'
                               '<li><hr class="dropdown-divider"></li>').format(
            url(base, **{**params, 'groupby': rows[:-1]}), _("Remove the last level")))
    return Markup('<div class="dropdown"><button class="btn btn-sm btn-outline-secondary dropdown-toggle o_pivot_row_menu" data-bs-toggle="dropdown">'
                  '<i class="bi bi-list-nested me-1"></i>{}</button><ul class="dropdown-menu o_pivot_row_choices" style="max-height: 60vh; overflow-y: auto">{}</ul></div>').format(
        _("Rows"), join(items))


def render(model: Any, domain: list, rows: list[str], cols: list[str], measure: str, base: str, params: dict) -> Markup:
    from .graph_view import _column_menu, _measure_menu
    pivot = table(model, domain, rows, cols, measure)
    head = join(Markup('<th class="text-end">{}</th>').format(label) for label in pivot.columns)
    body = []
    for level, path, parent, label, values, total in pivot.rows:
        has_children = level < len(rows)
        caret = Markup('<i class="bi bi-chevron-right o_group_caret"></i> ') if has_children else ''
        body.append(Markup(
            '<tr class="o_pivot_row {klass}" data-path="{path}"{parent}{expanded}><th class="fw-normal text-nowrap" style="padding-left: {indent}rem">{caret}{label}</th>'
            '{cells}<td class="text-end fw-semibold">{total}</td></tr>').format(
            klass='o_group_subheader' if has_children else '', path=path,
            parent=Markup(' data-parent="{}"').format(parent) if parent else '',
            expanded=Markup(' aria-expanded="true" role="button"') if has_children else '', indent=0.25 + 1.0 * (level - 1),
            caret=caret, label=label, cells=join(Markup('<td class="text-end">{}</td>').format(_number(pivot, v)) for v in values),
            total=_number(pivot, total)))
    if not pivot.rows:
        body.append(Markup('<tr><th class="fw-normal">{}</th>{}<td class="text-end fw-semibold">{}</td></tr>').format(
            _("Total"), join(Markup('<td class="text-end">{}</td>').format(_number(pivot, v)) for v in pivot.column_totals),
            _number(pivot, pivot.grand_total)))
    flip = url(base, **{**params, 'groupby': [cols[0]], 'pivot_col': rows[0]}) if rows and cols else None
    download = url('/web/client/pivot/xlsx', model=model._name, domain=json.dumps(domain), rows=rows, col=cols[0] if cols else '',
                   measure=measure)
    toolbar = Markup(
        '{measures}{rows}{columns}<a class="btn btn-sm btn-outline-secondary o_pivot_flip {disabled}" href="{flip}" title="{flip_label}">'
        '<i class="bi bi-arrow-left-right"></i><span class="d-none d-md-inline ms-1">{flip_label}</span></a>'
        '<a class="btn btn-sm btn-outline-secondary o_pivot_download" href="{download}" title="{download_label}">'
        '<i class="bi bi-download"></i><span class="d-none d-md-inline ms-1">{download_label}</span></a>').format(
        measures=_measure_menu(base, params, model, measure), rows=_row_menu(base, params, model, rows),
        columns=_column_menu(base, params, model, cols), flip=flip or '#', disabled='' if flip else 'disabled', flip_label=_("Flip axes"),
        download=download, download_label=_("Download xlsx"))
    return Markup(
        '<div class="o_pivot_view bg-body rounded border p-2 p-md-3"><div class="d-flex flex-wrap gap-2 mb-2">{toolbar}</div>'
        '<div class="table-responsive"><table class="table table-sm table-bordered table-hover align-middle mb-0 o_pivot_table">'
        '<thead class="table-light"><tr><th>{measure}</th>{head}<th class="text-end">{total}</th></tr></thead><tbody>{body}</tbody>'
        '<tfoot class="table-light"><tr><th>{total}</th>{col_totals}<th class="text-end">{grand}</th></tr></tfoot></table></div></div>'
    ).format(toolbar=toolbar, measure=pivot.measure_label, head=head, total=_("Total"), body=join(body),
             col_totals=join(Markup('<th class="text-end">{}</th>').format(_number(pivot, v)) for v in pivot.column_totals),
             grand=_number(pivot, pivot.grand_total))


def xlsx(pivot: PivotTable, title: str) -> bytes:
    """The pivot as a spreadsheet: indented row headers, the columns, the totals."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or 'Pivot'
    sheet.append([pivot.measure_label, *pivot.columns, _("Total")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for level, _path, _parent, label, values, total in pivot.rows:
        sheet.append([label, *values, total])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(indent=level - 1)
    sheet.append([_("Total"), *pivot.column_totals, pivot.grand_total])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
