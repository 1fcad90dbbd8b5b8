"""Grouped lists loaded as Odoo's are: the first level of groups (a page
of them) drawn with the page, each with its count and totals; a group's
content — its sub-groups, or its records a page at a time — is asked for
(``/web/client/list_group``) only when the group is opened, so a list
grouped on several levels costs one ``read_group`` until the user looks
inside (htmx requests: a first-level body asks when Bootstrap shows it,
``static/src/list_groups.js`` places the rows of sub-groups and pages)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from odoo import _

from . import list_view
from .arch import View
from .html import Markup, join, url

GROUP_LIMIT = 80        # groups shown per level, as Odoo's grouped lists
LOAD_URL = '/web/client/list_group'


@dataclass
class Listing:
    """What every group of one list shares: its model, arch, columns, order and page size."""
    model: Any
    view: View
    ctx: dict                   # base URL, context, action, optional columns
    cols: list
    order: str | None
    limit: int

    @property
    def specs(self) -> list[str]:
        return [f"{c.name}:{c.aggregate}" for c in self.cols if c.aggregate and c.info.get('store', True)]

    @property
    def extra_cell(self) -> Markup:
        return Markup('<td></td>') if list_view.has_extra_cell(self.view) else Markup('')

    @property
    def width(self) -> int:
        """Columns of a row after the selection box."""
        return len(self.cols) + (1 if list_view.has_extra_cell(self.view) else 0)

    def totals(self, group: dict) -> Markup:
        if not self.cols:
            return Markup('')
        return list_view._totals_row(self.cols[1:], group, self.model.env.company.currency_id) + self.extra_cell

    def load_url(self, domain: list, groupby: list[str], level: int, path: str, offset: int = 0) -> str:
        """Where the content of one group is asked for."""
        action = self.ctx.get('action')
        return url(LOAD_URL, model=self.view.model, view_id=self.view.view_id or None,
                   action=getattr(action, 'id', None) or self.ctx.get('action_id') or None,
                   action_key=getattr(action, 'key', None) or self.ctx.get('action_key') or None,
                   base=self.ctx['base'], domain=json.dumps(domain, default=str), groupby=groupby, level=level, group=path,
                   order=self.order, optional=self.ctx.get('optional') or None, offset=offset or None, limit=self.limit)


def _groups(listing: Listing, domain: list, spec: str) -> tuple[list[dict], str, dict]:
    name = spec.split(':')[0]
    groups = listing.model.read_group(domain, listing.specs, [spec], lazy=True, orderby=listing.order or '')
    return groups, name, listing.model.fields_get([name])[name]


def _size(group: dict, name: str) -> int:
    return group.get(f"{name}_count") or group.get('__count', 0)


def top_groups(model: Any, view: View, domain: list, groupby: list[str], params: dict, ctx: dict, cols: list,
               order: str | None, limit: int) -> tuple[list[Markup], int, Markup]:
    """The first level of a grouped list: ``(bodies, records counted, pager of the groups)``; each
    group's body stays empty until the group is opened."""
    listing = Listing(model=model, view=view, ctx=ctx, cols=cols, order=order, limit=limit)
    groups, name, info = _groups(listing, domain, groupby[0])
    offset = int(params.get('offset') or 0) if str(params.get('offset') or '').isdigit() else 0
    bodies, count = [], 0
    for index, group in enumerate(groups[offset:offset + GROUP_LIMIT], start=offset):
        size = _size(group, name)
        count += size
        bodies.append(Markup(
            '<tbody class="o_group_header"><tr class="table-light" data-bs-toggle="collapse" data-bs-target="#o_group_{i}" '
            'role="button" aria-expanded="false"><th colspan="2" class="text-nowrap"><i class="bi bi-chevron-right o_group_caret"></i> '
            '{label} <span class="text-secondary">({size})</span></th>{totals}</tr></tbody>'
            '<tbody class="collapse o_group_body" id="o_group_{i}" data-path="g{i}" data-load-url="{load}" hx-get="{load}" '
            'hx-trigger="show.bs.collapse once" hx-swap="innerHTML"></tbody>'
        ).format(i=index, label=list_view._group_label(groupby[0], info, group), size=size, totals=listing.totals(group),
                 load=listing.load_url(group.get('__domain', domain), groupby[1:], 1, f"g{index}")))
    if len(groups) > GROUP_LIMIT:
        pager = list_view._pager(ctx['base'], params, offset, GROUP_LIMIT, len(groups))
    else:
        pager = Markup('<span class="text-secondary small">{}</span>').format(_("%s groups", len(groups)))
    return bodies, count, pager


def content(listing: Listing, domain: list, groupby: list[str], level: int, path: str, offset: int = 0) -> Markup:
    """The rows of one opened group: its sub-groups (closed, each loading its own content when opened),
    else a page of its records with the group's pager when it holds more."""
    if groupby:
        groups, name, info = _groups(listing, domain, groupby[0])
        rows = []
        for index, group in enumerate(groups[offset:offset + GROUP_LIMIT], start=offset):
            child = f"{path}-{index}"
            rows.append(Markup(
                '<tr class="o_group_header o_group_subheader table-light" data-path="{path}" data-parent="{parent}" data-load-url="{load}" '
                'role="button" aria-expanded="false"><th colspan="2" class="text-nowrap" style="padding-left: {indent}rem">'
                '<i class="bi bi-chevron-right o_group_caret"></i> {label} <span class="text-secondary">({size})</span></th>{totals}</tr>'
            ).format(path=child, parent=path, load=listing.load_url(group.get('__domain', domain), groupby[1:], level + 1, child),
                     indent=0.5 + level, label=list_view._group_label(groupby[0], info, group), size=_size(group, name),
                     totals=listing.totals(group)))
        if len(groups) > GROUP_LIMIT:
            rows.append(_pager_row(listing, domain, groupby, level, path, offset, GROUP_LIMIT, len(groups)))
        return join(rows)
    records = listing.model.search(domain, order=listing.order, offset=offset, limit=listing.limit)
    # rows of a first-level group live in its own body: they need no parent to be shown
    parent = path if level > 1 else None
    rows = [list_view.row(record, listing.cols, listing.view, listing.ctx, parent=parent) for record in records]
    total = listing.model.search_count(domain) if offset or len(records) >= listing.limit else len(records)
    if total > len(records):
        rows.append(_pager_row(listing, domain, groupby, level, path, offset, listing.limit, total))
    return join(rows)


def _pager_row(listing: Listing, domain: list, groupby: list[str], level: int, path: str, offset: int, limit: int,
               total: int) -> Markup:
    """The pager of a large group: which of its records (or sub-groups) are shown, the previous and next pages."""
    last = min(offset + limit, total)

    def button(target: int | None, icon: str, label: str) -> Markup:
        load = listing.load_url(domain, groupby, level, path, target) if target is not None else None
        return Markup('<button type="button" class="btn btn-sm btn-light py-0 {}"{} aria-label="{}"><i class="bi {}"></i></button>').format(
            '' if load else 'disabled', Markup(' data-load-url="{}"').format(load) if load else '', label, icon)
    return Markup(
        '<tr class="o_group_pager" data-parent="{path}"><td></td><td colspan="{width}" class="small text-secondary" style="padding-left: {indent}rem">'
        '<span class="o_group_pager_value me-1">{first}-{last} / {total}</span>{prev}{next}</td></tr>'
    ).format(path=path, width=listing.width, indent=0.5 + level, first=offset + 1, last=last, total=total,
             prev=button(max(offset - limit, 0) if offset else None, 'bi-chevron-left', _("Previous")),
             next=button(offset + limit if last < total else None, 'bi-chevron-right', _("Next")))
