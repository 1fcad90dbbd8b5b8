"""The calendar's posts: ``/web/client/calendar/move``, an event dropped on
another day (same time of day) or, on the hour grid, at another time — its
end moves by as much — or stretched to another end (``date_stop``, else
``date_delay`` hours); ``/web/client/calendar/quick_create``, the "New
Event" dialog's record (its name and the slot's dates). Both go through
``write`` / ``create`` so the user's rights and the model's checks apply."""
from __future__ import annotations

import datetime
import json

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..client import arch as arch_mod
from ..client.calendar_view import Mapping, local_day
from .webclient_records import fragment, user_error


class WebClientCalendar(http.Controller):

    @http.route('/web/client/calendar/move', type='http', auth='user', methods=['POST'])
    def move(self, model: str, id: str, date: str, view_id: str = '', start: str = '', end: str = '', **kw):
        env = request.env
        if model not in env or not id.isdigit():
            return fragment(_("Unknown model %s.", model), status=404)
        try:
            day = datetime.date.fromisoformat(date)
            moment = fields.Datetime.to_datetime(start) if start else None
            finish = fields.Datetime.to_datetime(end) if end else None
        except ValueError:
            return fragment(_("Invalid date %s.", start or end or date), status=400)
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'calendar')
        start_name = view.attr('date_start')
        stop_name = view.attr('date_stop')
        if finish is not None:
            return self._resize(env, model, id, Mapping.of(view, env[model]), finish)
        try:
            with env.cr.savepoint():
                record = env[model].browse(int(id)).exists()
                if not record or start_name not in record._fields:
                    raise UserError(_("Record %(id)s of %(model)s does not exist.", id=id, model=model))
                if moment is not None and isinstance(record[start_name], datetime.datetime):
                    delta = moment - record[start_name]
                else:
                    delta = day - local_day(env, record[start_name])
                values = {start_name: record[start_name] + delta}
                if stop_name and stop_name in record._fields and record[stop_name]:
                    values[stop_name] = record[stop_name] + delta
                record.write(values)
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError) as exc:
            return user_error(exc)
        return fragment('')

    def _resize(self, env, model: str, id: str, mapping: Mapping, finish: datetime.datetime):
        """An event of the hour grid given a new end: its stop, or its duration in hours."""
        try:
            with env.cr.savepoint():
                record = env[model].browse(int(id)).exists()
                begin = record[mapping.start] if record and mapping.start in record._fields else None
                if not isinstance(begin, datetime.datetime) or finish <= begin:
                    raise UserError(_("%(record)s cannot end at %(end)s.", record=record.display_name or id, end=finish))
                if mapping.stop:
                    record.write({mapping.stop: finish})
                elif mapping.delay:
                    record.write({mapping.delay: (finish - begin).total_seconds() / 3600})
                else:
                    raise UserError(_("The events of %s have no end to change.", model))
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError) as exc:
            return user_error(exc)
        return fragment('')

    @http.route('/web/client/calendar/quick_create', type='http', auth='user', methods=['POST'])
    def quick_create(self, model: str, name: str, values: str = '{}', view_id: str = '', **kw):
        env = request.env
        if model not in env:
            return fragment(_("Unknown model %s.", model), status=404)
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'calendar')
        mapping = Mapping.of(view, env[model])
        try:
            posted = json.loads(values)
            if not isinstance(posted, dict):
                raise ValueError(values)
        except ValueError:
            return fragment(_("Invalid values: %s", values), status=400)
        # only the fields the calendar maps, whatever else the page sent
        allowed = {mapping.start, mapping.stop, mapping.delay, mapping.all_day} - {None}
        record_values = {key: value for key, value in posted.items() if key in allowed}
        if mapping.name not in env[model]._fields:
            return fragment(_("%(model)s has no field %(field)s to name a new event.", model=model, field=mapping.name), status=400)
        record_values[mapping.name] = name
        try:
            with env.cr.savepoint():
                record = env[model].create(record_values)
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError, ValueError) as exc:
            return user_error(exc)
        return fragment(str(record.id))
