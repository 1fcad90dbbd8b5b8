"""Activity views (of ``mail``): the records of the action that have open
activities, one row each, against the activity types of the model, one
column each; a cell shows how many activities of that type the record has
and the nearest deadline, coloured by the most urgent state (overdue,
today, planned), and opens the record, whose chatter lists them."""
from __future__ import annotations

from typing import Any

from odoo import _

from .html import Markup, join

RECORD_LIMIT = 80
URGENCY = {'overdue': 0, 'today': 1, 'planned': 2}
TONES = {'overdue': 'o_activity_overdue text-bg-danger', 'today': 'o_activity_today text-bg-warning',
         'planned': 'o_activity_planned text-bg-success'}


def render(env: Any, model_name: str, domain: list, ctx: dict) -> Markup:
    model = env[model_name].with_context(**ctx['context'])
    base = ctx['base']
    if 'activity_ids' not in model._fields or 'mail.activity' not in env:
        return Markup('<div class="alert alert-info">{}</div>').format(_("These records have no activities."))
    records = model.search([*domain, ('activity_ids', '!=', False)], limit=RECORD_LIMIT)
    activities = env['mail.activity'].search([('res_model', '=', model_name), ('res_id', 'in', records.ids)])
    types = env['mail.activity.type'].search(['|', ('res_model', '=', False), ('res_model', '=', model_name)])
    types |= activities.activity_type_id
    grid: dict[tuple[int, int], list] = {}
    for activity in activities:
        grid.setdefault((activity.res_id, activity.activity_type_id.id), []).append(activity)
    columns = [(kind.id, kind.name) for kind in types if any(key[1] == kind.id for key in grid)]
    if any(not key[1] for key in grid):
        columns.append((False, _("Other")))        # activities without a type
    if not columns:
        columns = [(kind.id, kind.name) for kind in types]
    head = join(Markup('<th class="text-center text-nowrap">{}</th>').format(label) for _kind, label in columns)
    rows = []
    for record in records:
        cells = []
        for kind, _label in columns:
            found = grid.get((record.id, kind), [])
            if not found:
                cells.append(Markup('<td></td>'))
                continue
            state = min((activity.state for activity in found if activity.state in URGENCY), key=URGENCY.get, default='planned')
            deadline = min(activity.date_deadline for activity in found)
            cells.append(Markup(
                '<td class="text-center"><a class="badge o_activity_cell {tone} text-decoration-none" href="{base}/{rid}" title="{summary}">'
                '{deadline}{count}</a></td>').format(
                tone=TONES[state], base=base, rid=record.id, deadline=deadline.strftime('%m-%d'),
                summary='; '.join(filter(None, (activity.summary or activity.activity_type_id.name for activity in found))),
                count=Markup(' <span class="badge text-bg-light ms-1">{}</span>').format(len(found)) if len(found) > 1 else ''))
        rows.append(Markup('<tr class="o_activity_record"><th class="fw-normal text-nowrap"><a class="text-reset" href="{}/{}">{}</a></th>{}</tr>').format(
            base, record.id, record.display_name, join(cells)))
    if not rows:
        return Markup('<div class="o_view_nocontent text-center text-secondary py-5"><i class="bi bi-clock fs-1 d-block mb-2"></i>{}</div>').format(
            _("No activity planned on these records."))
    legend = join(Markup('<span class="badge {}">{}</span>').format(TONES[state], label)
                  for state, label in (('overdue', _("Overdue")), ('today', _("Today")), ('planned', _("Planned"))))
    return Markup(
        '<div class="o_activity_view bg-body rounded border p-2 p-md-3"><div class="d-flex gap-1 mb-2 small">{legend}</div>'
        '<div class="table-responsive"><table class="table table-sm table-bordered align-middle mb-0 o_activity_table">'
        '<thead class="table-light"><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table></div></div>'
    ).format(legend=legend, head=head, rows=join(rows))
