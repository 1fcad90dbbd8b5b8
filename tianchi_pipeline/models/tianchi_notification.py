"""One way to tell people about a record, whatever the channel. Callers use
``_tianchi_notify(users, subject, body, record, event)``; every method named
``_tianchi_notify_channel_<name>`` on this model is a channel and receives
the same call. This addon brings the in-app channel (a to-do activity on the
record for each user, shown in their activity menu) and e-mail;
tianchi_wechat adds ``wechat`` the same way, by inheriting this model."""
import logging

from markupsafe import Markup, escape
from odoo import api, fields, models

_logger = logging.getLogger(__name__)

CHANNEL_PREFIX = '_tianchi_notify_channel_'


class TianchiNotification(models.AbstractModel):
    _name = 'tianchi.notification'
    _description = 'Tianchi Notification'

    @api.model
    def _tianchi_notify_channels(self) -> list[str]:
        """Names of the channels installed, in a stable order."""
        return sorted(name[len(CHANNEL_PREFIX):] for name in dir(type(self)) if name.startswith(CHANNEL_PREFIX))

    @api.model
    def _tianchi_notify(self, users, subject: str, body: str, record, event: str) -> dict:
        """Tell ``users`` about ``record`` on every channel; ``event`` names
        what happened (e.g. ``grab_announced``, ``stage_entered``) so that a
        channel may choose its template. Returns {channel: result}. One
        failing channel does not stop the others."""
        users = users.filtered(lambda user: user.active and not user.share)
        results = {}
        if not users:
            return results
        for channel in self._tianchi_notify_channels():
            method = getattr(self, CHANNEL_PREFIX + channel)
            try:
                with self.env.cr.savepoint():
                    results[channel] = method(users, subject, body, record, event)
            except Exception:
                # a broken gateway must not cost the business operation that triggered it
                _logger.exception("Tianchi notification channel %s failed for %s", channel, record)
                results[channel] = False
        return results

    @api.model
    def _tianchi_notify_channel_inapp(self, users, subject, body, record, event):
        """A to-do activity on the record for each user. A user who still has
        the activity of an earlier announcement of the same event on the
        record gets it refreshed rather than a second one. Returns the
        activity ids."""
        if 'activity_ids' not in record._fields:
            return False
        note = Markup('<p>%s</p>') % escape(body).replace('\n', Markup('<br/>'))
        today = fields.Date.context_today(self)
        # the e-mail channel already mails the users: no "assigned to you" mail on top
        document = record.sudo().with_context(mail_activity_quick_update=True)
        earlier = self._tianchi_notify_activities(record, event).filtered(lambda act: act.user_id in users)
        earlier.write({'summary': subject, 'note': note, 'date_deadline': today})
        activities = earlier
        for user in users - earlier.user_id:
            # False when the context skips activity automation (imports)
            activities |= document.activity_schedule(
                'mail.mail_activity_data_todo', date_deadline=today, summary=subject, note=note,
                user_id=user.id, tianchi_notify_event=event) or activities.browse()
        return activities.ids

    @api.model
    def _tianchi_notify_activities(self, record, event):
        """The open in-app activities announcing ``event`` on ``record``
        (one or several records of a model)."""
        return self.env['mail.activity'].sudo().with_context(mail_activity_quick_update=True).search([
            ('res_model', '=', record._name), ('res_id', 'in', record.ids), ('tianchi_notify_event', '=', event)])

    @api.model
    def _tianchi_notify_withdraw(self, record, event):
        """Remove the in-app activities of an announcement that no longer
        applies; returns the users who had one."""
        activities = self._tianchi_notify_activities(record, event)
        users = activities.user_id
        activities.unlink()
        return users

    @api.model
    def _tianchi_notify_channel_email(self, users, subject, body, record, event):
        """One e-mail per user with an address, queued for the mail cron."""
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url') or ''
        link = f"{base_url}/odoo/{record._name}/{record.id}" if base_url else ''
        html = Markup('<p>%s</p>') % escape(body).replace('\n', Markup('<br/>'))
        if link:
            html += Markup('<p><a href="%s">%s</a></p>') % (link, record.display_name)
        company = getattr(record, 'company_id', False) or self.env.company
        email_from = company.partner_id.email_formatted or self.env.user.email_formatted
        values = [{
            'subject': subject,
            'body_html': html,
            'email_to': user.email_formatted,
            'email_from': email_from,
            'model': record._name,
            'res_id': record.id,
            'auto_delete': True,
        } for user in users if user.email]
        mails = self.env['mail.mail'].sudo().create(values)
        return mails.ids
