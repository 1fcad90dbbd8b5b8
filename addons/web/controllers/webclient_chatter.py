"""The chatter's posts: a message or an internal note on a record, follow /
unfollow, mark an activity done, schedule an activity. Each returns to the
record's page; access rights are those of the user on the record."""
from __future__ import annotations

from typing import Any

from markupsafe import escape
from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from ..client.html import url


def _thread(model: str, res_id: str) -> Any:
    env = request.env
    if model not in env or 'message_ids' not in env[model]._fields or not str(res_id).isdigit():
        raise UserError(_("%s has no chatter.", model))
    record = env[model].browse(int(res_id)).exists()
    if not record:
        raise UserError(_("Record %(id)s of %(model)s does not exist.", id=res_id, model=model))
    record.check_access('read')
    return record


def _back(back: str, error: str = '') -> Any:
    target = back if back.startswith('/') else '/odoo'
    return request.redirect(url(target, error=error) + '#o_chatter' if error else f"{target}#o_chatter")


class WebClientChatter(http.Controller):

    def _do(self, back: str, operation) -> Any:
        try:
            with request.env.cr.savepoint():
                operation()
                request.env.flush_all()
        except (UserError, ValidationError, AccessError) as exc:
            return _back(back, exc.args[0])
        return _back(back)

    @http.route('/web/client/chatter/post', type='http', auth='user', methods=['POST'])
    def post(self, model: str, res_id: str, body: str = '', kind: str = 'note', back: str = '/odoo', **kw):
        def operation():
            record = _thread(model, res_id)
            if not body.strip():
                raise UserError(_("The message is empty."))
            html = escape(body.strip()).replace('\n', '<br>')
            subtype = 'mail.mt_note' if kind == 'note' else 'mail.mt_comment'
            record.message_post(body=html, message_type='comment', subtype_xmlid=subtype)
        return self._do(back, operation)

    @http.route('/web/client/chatter/follow', type='http', auth='user', methods=['POST'])
    def follow(self, model: str, res_id: str, follow: str = '1', back: str = '/odoo', **kw):
        def operation():
            record = _thread(model, res_id)
            partner = request.env.user.partner_id
            if follow == '1':
                record.message_subscribe(partner_ids=partner.ids)
            else:
                record.message_unsubscribe(partner_ids=partner.ids)
        return self._do(back, operation)

    @http.route('/web/client/chatter/activity_done', type='http', auth='user', methods=['POST'])
    def activity_done(self, model: str, res_id: str, activity_id: str = '', back: str = '/odoo', **kw):
        def operation():
            record = _thread(model, res_id)
            activity = record.activity_ids.filtered(lambda act: str(act.id) == activity_id)
            if not activity:
                raise UserError(_("No such activity on this record."))
            activity.action_feedback()
        return self._do(back, operation)

    @http.route('/web/client/chatter/activity_schedule', type='http', auth='user', methods=['POST'])
    def activity_schedule(self, model: str, res_id: str, summary: str = '', date_deadline: str = '',
                          back: str = '/odoo', **kw):
        def operation():
            record = _thread(model, res_id)
            record.activity_schedule('mail.mail_activity_data_todo', date_deadline=date_deadline or None,
                                     summary=summary, user_id=request.env.uid)
        return self._do(back, operation)
