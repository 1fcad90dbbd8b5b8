"""The chatter under a form of a ``mail.thread`` model: the record's
messages (newest first, with tracked changes), a box to send a message or
log a note, the followers, and the planned activities (mark done, schedule
one) — all posted to ``/web/client/chatter/*``."""
from __future__ import annotations

from typing import Any

from odoo import _

from .fields_html import local_datetime
from .html import Markup, join

MESSAGE_LIMIT = 30


def _message(env: Any, message: Any) -> Markup:
    author = message.author_id.display_name or message.email_from or _("System")
    when = local_datetime(env, message.date).strftime('%Y-%m-%d %H:%M') if message.date else ''
    tracking = join(Markup('<div class="small text-secondary o_tracking"><i class="bi bi-arrow-right-short"></i>{}: {} → {}</div>').format(
        value.field_id.field_description, value._format_display_value(value.field_id.ttype, new=False)[0] or '',
        value._format_display_value(value.field_id.ttype, new=True)[0] or '')
        for value in message.sudo().tracking_value_ids if value.field_id)
    note = bool(message.subtype_id.internal)
    badge = Markup(' <span class="badge text-bg-warning-subtle text-warning-emphasis">{}</span>').format(_("Note")) if note else ''
    return Markup(
        '<div class="o_message d-flex gap-2 py-2 border-bottom"><div class="o_avatar rounded-circle bg-secondary-subtle d-flex align-items-center '
        'justify-content-center flex-shrink-0" style="width:2.2rem;height:2.2rem">{initial}</div><div class="flex-grow-1 min-w-0">'
        '<div><strong>{author}</strong> <span class="small text-secondary">{when}</span>{badge}</div>'
        '<div class="o_message_body text-break">{body}</div>{tracking}</div></div>'
    ).format(initial=author[:1], author=author, when=when, badge=badge, body=Markup(message.body or ''), tracking=tracking)


def _activities(record: Any, hidden: Markup) -> Markup:
    if 'activity_ids' not in record._fields:
        return Markup('')
    rows = join(Markup(
        '<li class="list-group-item d-flex align-items-center gap-2 o_activity"><i class="bi bi-clock text-{color}"></i>'
        '<div class="flex-grow-1"><strong>{kind}</strong> {summary}<div class="small text-secondary">{due} · {user}</div></div>'
        '<form method="post" action="/web/client/chatter/activity_done">{hidden}<input type="hidden" name="activity_id" value="{aid}">'
        '<button class="btn btn-sm btn-outline-success">{done}</button></form></li>'
    ).format(color={'overdue': 'danger', 'today': 'warning'}.get(activity.state, 'success'),
             kind=activity.activity_type_id.display_name or _("To-Do"), summary=activity.summary or '',
             due=activity.date_deadline, user=activity.user_id.display_name, hidden=hidden, aid=activity.id, done=_("Mark Done"))
        for activity in record.activity_ids)
    return Markup(
        '<div class="o_chatter_activities mb-3"><h6 class="text-secondary">{title}</h6><ul class="list-group mb-2">{rows}</ul>'
        '<form class="d-flex gap-1 flex-wrap" method="post" action="/web/client/chatter/activity_schedule">{hidden}'
        '<input class="form-control form-control-sm w-auto flex-grow-1" name="summary" required placeholder="{summary}">'
        '<input class="form-control form-control-sm w-auto" type="date" name="date_deadline" required>'
        '<button class="btn btn-sm btn-outline-secondary"><i class="bi bi-calendar-plus"></i> {schedule}</button></form></div>'
    ).format(title=_("Planned Activities"), rows=rows, hidden=hidden, summary=_("Summary"), schedule=_("Schedule"))


def render(env: Any, record: Any, csrf_token: str, back: str) -> Markup:
    """The chatter of ``record``; forms post back and return to ``back``."""
    hidden = join(Markup('<input type="hidden" name="{}" value="{}">').format(key, value) for key, value in (
        ('csrf_token', csrf_token), ('model', record._name), ('res_id', record.id), ('back', back)))
    messages = env['mail.message'].search([('model', '=', record._name), ('res_id', '=', record.id)],
                                          order='date desc, id desc', limit=MESSAGE_LIMIT)
    followers = record.message_follower_ids if 'message_follower_ids' in record._fields else []
    follower_list = join(Markup('<li class="list-inline-item badge text-bg-light border">{}</li>').format(f.partner_id.display_name)
                         for f in followers)
    is_follower = env.user.partner_id in (followers.mapped('partner_id') if followers else env['res.partner'])
    follow = Markup(
        '<form method="post" action="/web/client/chatter/follow" class="d-inline">{}<input type="hidden" name="follow" value="{}">'
        '<button class="btn btn-sm btn-link">{}</button></form>').format(hidden, '0' if is_follower else '1',
                                                                        _("Unfollow") if is_follower else _("Follow"))
    return Markup(
        '<section class="o_chatter card shadow-sm mx-auto mx-2 mb-4 p-3" id="o_chatter">'
        '<form method="post" action="/web/client/chatter/post" class="mb-3">{hidden}'
        '<ul class="nav nav-pills nav-sm mb-2 gap-1"><li><input type="radio" class="btn-check" name="kind" value="note" id="o_kind_note" checked>'
        '<label class="btn btn-sm btn-outline-secondary" for="o_kind_note">{log}</label></li>'
        '<li><input type="radio" class="btn-check" name="kind" value="comment" id="o_kind_comment">'
        '<label class="btn btn-sm btn-outline-secondary" for="o_kind_comment">{send}</label></li></ul>'
        '<textarea class="form-control mb-2" name="body" rows="2" required placeholder="{placeholder}"></textarea>'
        '<button class="btn btn-sm btn-primary o_chatter_post">{post}</button></form>'
        '{activities}'
        '<div class="d-flex align-items-center justify-content-between"><h6 class="text-secondary mb-0">{followers_title} ({count})</h6>{follow}</div>'
        '<ul class="list-inline mb-3">{follower_list}</ul>'
        '<div class="o_thread">{messages}</div></section>'
    ).format(hidden=hidden, log=_("Log note"), send=_("Send message"), placeholder=_("Write something..."), post=_("Post"),
             activities=_activities(record, hidden), followers_title=_("Followers"), count=len(followers), follow=follow,
             follower_list=follower_list, messages=join(_message(env, message) for message in messages))
