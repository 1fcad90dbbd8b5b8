"""Search views: the filters, group-bys and searchable fields of a
``<search>`` arch, the domain and grouping chosen in the page's query
parameters, and the search panel (facets, filter and group-by menus,
saved favourites)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from odoo import _
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from .actions import eval_context
from .html import Markup, join, url


@dataclass
class SearchArch:
    filters: list = field(default_factory=list)     # [{name, string, domain, group, groupby}]
    fields: list = field(default_factory=list)      # [{name, string, filter_domain, operator}]


def parse(root: Any, fields_info: dict) -> SearchArch:
    """The filters (grouped between separators) and fields of a search arch."""
    arch = SearchArch()
    group = 0

    def walk(node: Any) -> None:
        nonlocal group
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == 'separator':
                group += 1
            elif child.tag == 'filter' and child.get('name') and child.get('invisible') not in ('1', 'True'):
                context = child.get('context') or ''
                groupby = None
                if 'group_by' in context:
                    try:
                        groupby = safe_eval(context, {'context_today': lambda: None}).get('group_by')
                    except Exception:  # noqa: BLE001 - a filter we cannot read is simply not offered
                        groupby = None
                arch.filters.append({'name': child.get('name'), 'string': child.get('string') or child.get('name'),
                                     'domain': child.get('domain') or '[]', 'group': group,
                                     'groupby': groupby[0] if isinstance(groupby, list) and groupby else groupby,
                                     'date': child.get('date')})
            elif child.tag == 'field' and child.get('name') in fields_info:
                info = fields_info[child.get('name')]
                arch.fields.append({'name': child.get('name'), 'string': child.get('string') or info.get('string'),
                                    'filter_domain': child.get('filter_domain'), 'operator': child.get('operator'),
                                    'type': info.get('type')})
            elif child.tag == 'group':
                group += 1
                walk(child)
                group += 1
            else:
                walk(child)
    walk(root)
    return arch


def _field_domain(env: Any, spec: dict, value: str) -> list:
    if spec['filter_domain']:
        scope = eval_context(env, {'self': value, 'raw_value': value})
        return safe_eval(spec['filter_domain'], scope)
    if spec['type'] in ('integer', 'float', 'monetary'):
        try:
            return [(spec['name'], '=', float(value))]
        except ValueError:
            return [('id', '=', 0)]    # a number field searched with text matches nothing
    if spec['type'] in ('selection', 'boolean'):
        return [(spec['name'], '=', value)]
    return [(spec['name'], spec['operator'] or 'ilike', value)]


def _or(domains: list[list]) -> list:
    return expression.OR(domains)


def domain_and_groupby(env: Any, arch: SearchArch, params: dict, favourite: dict | None = None) -> tuple[list, list]:
    """The domain and group-by fields chosen in ``params`` (``filter``, ``groupby``, ``search_<field>``)."""
    parts = []
    chosen = set(params.get('filter', []))
    by_group: dict[int, list] = {}
    groupby = list(params.get('groupby', []))
    for spec in arch.filters:
        if spec['name'] not in chosen:
            continue
        if spec['groupby']:
            if spec['groupby'] not in groupby:
                groupby.append(spec['groupby'])
            continue
        by_group.setdefault(spec['group'], []).append(safe_eval(spec['domain'], eval_context(env)))
    for domains in by_group.values():
        parts.append(_or(domains))
    for spec in arch.fields:
        values = params.get(f"search_{spec['name']}", [])
        if values:
            parts.append(_or([_field_domain(env, spec, value) for value in values]))
    if favourite:
        parts.append(favourite['domain'])
        groupby += [g for g in favourite.get('groupby', []) if g not in groupby]
    return expression.AND(parts) if parts else [], groupby


def panel(arch: SearchArch, params: dict, base: str, favourites: list, groupable: list[tuple[str, str]],
          hidden: dict) -> Markup:
    """The search bar: facets of what is chosen, a text box searching the fields, and the filter menu."""
    chosen = set(params.get('filter', []))
    facets = []
    for spec in arch.filters:
        if spec['name'] in chosen:
            rest = {**params, 'filter': [f for f in params.get('filter', []) if f != spec['name']], 'offset': None}
            icon = 'bi-list-nested' if spec['groupby'] else 'bi-funnel'
            facets.append((icon, spec['string'], url(base, **rest)))
    for spec in arch.fields:
        for value in params.get(f"search_{spec['name']}", []):
            rest = {**params, f"search_{spec['name']}": [v for v in params[f"search_{spec['name']}"] if v != value], 'offset': None}
            facets.append(('bi-search', f"{spec['string']}: {value}", url(base, **rest)))
    for name in params.get('groupby', []):
        label = dict(groupable).get(name, name)
        rest = {**params, 'groupby': [g for g in params['groupby'] if g != name], 'offset': None}
        facets.append(('bi-list-nested', label, url(base, **rest)))
    if params.get('favorite'):
        name = next((fav['name'] for fav in favourites if str(fav['id']) == str(params['favorite'])), None)
        if name:
            facets.append(('bi-star-fill', name, url(base, **{**params, 'favorite': None, 'offset': None})))
    facet_html = join(Markup('<span class="badge text-bg-secondary o_facet d-inline-flex align-items-center gap-1 me-1">'
                             '<i class="bi {}"></i>{}<a href="{}" class="text-white ms-1" aria-label="{}"><i class="bi bi-x"></i></a></span>').format(
        icon, label, href, _("Remove")) for icon, label, href in facets)
    keep = join(Markup('<input type="hidden" name="{}" value="{}">').format(key, value)
                for key, values in params.items() if key not in ('offset',)
                for value in (values if isinstance(values, list) else [values]) if value)
    field_choice = join(Markup('<option value="{}">{}</option>').format(spec['name'], _("Search %s", spec['string']))
                        for spec in arch.fields)
    filters = []
    last_group = None
    for spec in arch.filters:
        if spec['groupby']:
            continue
        if last_group is not None and spec['group'] != last_group:
            filters.append(Markup('<li><hr class="dropdown-divider"></li>'))
        last_group = spec['group']
        toggled = [f for f in params.get('filter', []) if f != spec['name']] if spec['name'] in chosen \
            else [*params.get('filter', []), spec['name']]
        filters.append(Markup('<li><a class="dropdown-item {}" href="{}">{}{}</a></li>').format(
            'active' if spec['name'] in chosen else '', url(base, **{**params, 'filter': toggled, 'offset': None}),
            Markup('<i class="bi bi-check2 me-1"></i>') if spec['name'] in chosen else '', spec['string']))
    groups = [Markup('<li><a class="dropdown-item" href="{}">{}</a></li>').format(
        url(base, **{**params, 'groupby': [*params.get('groupby', []), name], 'offset': None}), label)
        for name, label in groupable if name not in params.get('groupby', [])]
    favs = [Markup('<li><a class="dropdown-item" href="{}"><i class="bi bi-star-fill text-warning me-1"></i>{}</a></li>').format(
        url(base, favorite=fav['id']), fav['name']) for fav in favourites]
    save_fav = Markup(
        '<li><hr class="dropdown-divider"></li><li><form class="px-3 py-1" method="post" action="/web/client/filter/save">{}'
        '<div class="input-group input-group-sm"><input class="form-control" name="name" required placeholder="{}">'
        '<button class="btn btn-primary">{}</button></div></form></li>').format(
        join(Markup('<input type="hidden" name="{}" value="{}">').format(k, v) for k, v in hidden.items()),
        _("Name of the favourite"), _("Save"))
    return Markup(
        '<div class="o_searchview"><div class="d-flex gap-1">'
        '<form class="flex-grow-1 min-w-0" method="get" action="{base}">{keep}'
        '<div class="input-group input-group-sm flex-nowrap"><span class="input-group-text bg-body"><i class="bi bi-search"></i></span>'
        '<select class="form-select flex-grow-0 w-auto d-none d-sm-block" name="search_field" aria-label="{field_label}">{field_choice}</select>'
        '<input class="form-control o_searchview_input" name="search_text" placeholder="{placeholder}" aria-label="{placeholder}">'
        '</div></form>'
        '<div class="dropdown"><button class="btn btn-sm btn-outline-secondary dropdown-toggle o_filter_toggle" type="button" data-bs-toggle="dropdown" '
        'data-bs-auto-close="outside" aria-label="{filters_label}"><i class="bi bi-funnel"></i></button>'
        '<div class="dropdown-menu dropdown-menu-end o_filter_menu p-0"><div class="d-flex flex-column flex-md-row">'
        '<ul class="list-unstyled py-2 mb-0"><li><h6 class="dropdown-header"><i class="bi bi-funnel-fill text-primary"></i> {filters_label}</h6></li>{filters}</ul>'
        '<ul class="list-unstyled py-2 mb-0 border-start"><li><h6 class="dropdown-header"><i class="bi bi-list-nested text-success"></i> {group_label}</h6></li>{groups}</ul>'
        '<ul class="list-unstyled py-2 mb-0 border-start"><li><h6 class="dropdown-header"><i class="bi bi-star-fill text-warning"></i> {fav_label}</h6></li>{favs}{save_fav}</ul>'
        '</div></div></div></div><div class="o_facets mt-1">{facets}</div></div>'
    ).format(base=base, keep=keep, field_label=_("Field"), field_choice=field_choice, placeholder=_("Search..."),
             filters_label=_("Filters"), filters=join(filters), group_label=_("Group By"), groups=join(groups),
             fav_label=_("Favorites"), favs=join(favs), save_fav=save_fav, facets=facet_html)


def groupable_fields(model: Any, arch: SearchArch) -> list[tuple[str, str]]:
    """``(field, label)`` of the group-by choices: the arch's group-by filters, then stored relational/selection fields."""
    seen = {}
    for spec in arch.filters:
        if spec['groupby']:
            seen[spec['groupby']] = spec['string']
    for name, fld in model._fields.items():
        if len(seen) >= 12:
            break
        if fld.store and fld.type in ('many2one', 'selection') and name not in seen and not name.startswith(('create_', 'write_')):
            seen[name] = fld.string
    return list(seen.items())

