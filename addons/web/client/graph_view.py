"""Graph and pivot views: aggregates from ``read_group`` over the fields the
arch marks ``type="row"`` / ``type="col"`` / ``type="measure"``; the graph
is drawn by Chart.js (bar, line, pie) from a JSON description; the pivot
table is drawn by :mod:`.pivot_view`. Each bar, point or slice links to the
list of the records behind it (as Odoo's graph opens them on a click): the
list URL carries the group's own condition as ``domain=``, the search
filters stay as they were."""
from __future__ import annotations

import json
from typing import Any

from odoo import _

from . import fields_html
from .arch import View
from .html import Markup, join, url

PALETTE = ['#714b67', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22']


def _layout(view: View, model: Any, params: dict) -> tuple[list[str], list[str], str]:
    rows, cols, measure = [], [], ''
    for node in view.root.iter('field'):
        name = node.get('name')
        if name not in model._fields or node.get('invisible') in ('1', 'True'):
            continue
        kind = node.get('type')
        interval = node.get('interval')
        spec = f"{name}:{interval}" if interval else name
        if kind == 'measure' and not measure:
            measure = name
        elif kind == 'col':
            cols.append(spec)
        elif kind in ('row', None) and model._fields[name].type not in fields_html.NUMERIC:
            rows.append(spec)
    if params.get('groupby'):
        rows = [g for g in params['groupby'] if g.split(':')[0] in model._fields and model._fields[g.split(':')[0]].store]
    if params.get('pivot_col') is not None:
        cols = [params['pivot_col']] if _groupable(model, params['pivot_col']) else []
    measure = params.get('measure') if params.get('measure') in model._fields else measure
    return rows or [], cols, measure or '__count'


def _groupable(model: Any, spec: str) -> bool:
    field = model._fields.get(spec.split(':')[0])
    return bool(field and field.store and field.type in ('many2one', 'selection', 'boolean', 'char', 'date', 'datetime', 'integer'))


def _label(model: Any, spec: str, group: dict) -> str:
    name = spec.split(':')[0]
    value = group.get(spec, group.get(name))
    if isinstance(value, (list, tuple)):
        value = value[1]
    field = model._fields[name]
    if field.type == 'selection':
        value = dict(model.fields_get([name])[name].get('selection') or []).get(value, value)
    return _("None") if value in (False, None, '') else str(value)


def _group_condition(model: Any, specs: list[str], group: dict) -> list:
    """The domain selecting the records of ``group`` among those grouped (read_group's ``__domain``
    less the domain searched, which the list applies again from its own filters)."""
    condition = []
    for spec in specs:
        name = spec.split(':')[0]
        value = group.get(spec, group.get(name))
        if model._fields[name].type in ('date', 'datetime'):
            bounds = (group.get('__range') or {}).get(spec)
            condition += [(name, '>=', bounds['from']), (name, '<', bounds['to'])] if bounds else [(name, '=', False)]
        elif isinstance(value, (list, tuple)):
            condition.append((name, '=', value[0]))
        else:
            condition.append((name, '=', value))
    return condition


def _list_url(base: str, params: dict, condition: list) -> str:
    """The list of the records behind one value of the chart."""
    kept = {key: value for key, value in params.items()
            if key not in ('groupby', 'chart', 'measure', 'pivot_col', 'offset', 'domain', 'view_type')}
    return url(base, **kept, view_type='list', domain=json.dumps(condition, default=str))


def _value(group: dict, measure: str) -> float:
    if measure == '__count':
        return group.get('__count', 0)
    return group.get(measure) or 0


def _measures(model: Any) -> list[tuple[str, str]]:
    return [('__count', _("Count"))] + [(name, field.string) for name, field in model._fields.items()
                                         if field.type in fields_html.NUMERIC and field.store and name not in ('id', 'sequence')]


def _measure_menu(base: str, params: dict, model: Any, measure: str) -> Markup:
    return Markup('<div class="dropdown"><button class="btn btn-sm btn-outline-secondary dropdown-toggle" data-bs-toggle="dropdown">{}</button>'
                  '<ul class="dropdown-menu">{}</ul></div>').format(_("Measures"), join(
        Markup('<li><a class="dropdown-item {}" href="{}">{}</a></li>').format(
            'active' if name == measure else '', url(base, **{**params, 'measure': name}), label) for name, label in _measures(model)))


def _group_lines(model: Any, domain: list, measure: str, groupby: list[str]) -> list[dict]:
    fields_spec = [f"{measure}:sum"] if measure != '__count' else []
    return model.read_group(domain, fields_spec, groupby, lazy=False)


def render(env: Any, view: View, domain: list, params: dict, ctx: dict) -> Markup:
    model = env[view.model].with_context(**ctx['context'])
    rows, cols, measure = _layout(view, model, params)
    base = ctx['base']
    if ctx['params'].get('view_type') == 'pivot' or view.view_type == 'pivot':
        from .pivot_view import render as render_pivot
        return render_pivot(view, model, domain, params, ctx)
    chart_type = params.get('chart') or view.attr('type', 'bar')
    if chart_type not in ('bar', 'line', 'pie'):
        chart_type = 'bar'
    measure_label = dict(_measures(model)).get(measure, measure)
    datasets, labels, links = [], [], []
    if rows:
        row_spec = rows[0]
        if cols or len(rows) > 1:
            series_spec = cols[0] if cols else rows[1]
            groups = _group_lines(model, domain, measure, [row_spec, series_spec])
            labels = list(dict.fromkeys(_label(model, row_spec, g) for g in groups))
            series = list(dict.fromkeys(_label(model, series_spec, g) for g in groups))
            for index, name in enumerate(series):
                data = [0] * len(labels)
                targets = [None] * len(labels)
                for group in groups:
                    if _label(model, series_spec, group) == name:
                        position = labels.index(_label(model, row_spec, group))
                        data[position] += _value(group, measure)
                        targets[position] = _list_url(base, params, _group_condition(model, [row_spec, series_spec], group))
                datasets.append({'label': name, 'data': data, 'backgroundColor': PALETTE[index % len(PALETTE)],
                                 'borderColor': PALETTE[index % len(PALETTE)]})
                links.append(targets)
        else:
            groups = _group_lines(model, domain, measure, [row_spec])
            order = (view.attr('order') or '').lower()
            if order in ('asc', 'desc') and chart_type != 'pie':
                # ranked bars (the arch's order="desc"), as Odoo sorts groups by their value
                groups.sort(key=lambda g: _value(g, measure), reverse=order == 'desc')
            labels = [_label(model, row_spec, g) for g in groups]
            colours = [PALETTE[i % len(PALETTE)] for i in range(len(labels))] if chart_type == 'pie' else PALETTE[0]
            datasets.append({'label': measure_label, 'data': [_value(g, measure) for g in groups],
                             'backgroundColor': colours, 'borderColor': PALETTE[0]})
            links.append([_list_url(base, params, _group_condition(model, [row_spec], g)) for g in groups])
    else:
        total = _group_lines(model, domain, measure, [])
        labels = [_("Total")]
        datasets.append({'label': measure_label, 'data': [_value(total[0], measure) if total else 0], 'backgroundColor': PALETTE[0]})
        links.append([_list_url(base, params, [])])
    spec = {'type': chart_type, 'data': {'labels': labels, 'datasets': datasets},
            'options': {'responsive': True, 'maintainAspectRatio': False, 'animation': {'duration': 250},
                        'plugins': {'legend': {'position': 'bottom'}}}}
    switch = join(Markup('<a class="btn btn-sm btn-outline-secondary o_graph_{} {}" href="{}" title="{}"><i class="bi {}"></i></a>').format(
        kind, 'active' if kind == chart_type else '', url(base, **{**params, 'chart': kind}), label, icon)
        for kind, label, icon in (('bar', _("Bar Chart"), 'bi-bar-chart'), ('line', _("Line Chart"), 'bi-graph-up'),
                                  ('pie', _("Pie Chart"), 'bi-pie-chart')))
    return Markup(
        '<div class="o_graph_view bg-body rounded border p-2 p-md-3"><div class="d-flex flex-wrap gap-2 mb-2">{measures}'
        '<div class="btn-group">{switch}</div></div>'
        '<div class="o_graph_container" style="position:relative;height:min(60vh,420px)"><canvas class="o_graph_canvas" data-chart="{spec}" '
        'data-links="{links}" role="img" aria-label="{title}"></canvas></div></div>'
    ).format(measures=_measure_menu(base, params, model, measure), switch=switch, spec=json.dumps(spec),
             links=json.dumps(links), title=measure_label)
