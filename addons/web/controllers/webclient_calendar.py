"""``/web/client/calendar/move``: an event of a calendar dropped on another
day — its start moves to that day (same time of day) and its end by as
much, through ``write`` (so the user's rights and the model's checks apply)."""
from __future__ import annotations

import datetime

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..client import arch as arch_mod
from ..client.calendar_view import local_day
from .webclient_records import fragment, user_error


class WebClientCalendar(http.Controller):

    @http.route('/web/client/calendar/move', type='http', auth='user', methods=['POST'])
    def move(self, model: str, id: str, date: str, view_id: str = '', **kw):
        env = request.env
        if model not in env or not id.isdigit():
            return fragment(_("Unknown model %s.", model), status=404)
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            return fragment(_("Invalid date %s.", date), status=400)
        view = arch_mod.load_view(env, model, int(view_id) if view_id.isdigit() else False, 'calendar')
        start_name = view.attr('date_start')
        stop_name = view.attr('date_stop')
        try:
            with env.cr.savepoint():
                record = env[model].browse(int(id)).exists()
                if not record or start_name not in record._fields:
                    raise UserError(_("Record %(id)s of %(model)s does not exist.", id=id, model=model))
                delta = day - local_day(env, record[start_name])
                values = {start_name: record[start_name] + delta}
                if stop_name and stop_name in record._fields and record[stop_name]:
                    values[stop_name] = record[stop_name] + delta
                record.write(values)
                env.flush_all()
        except (UserError, ValidationError, AccessError, MissingError) as exc:
            return user_error(exc)
        return fragment('')
