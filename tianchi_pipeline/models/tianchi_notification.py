"""One way to tell people about a record, whatever the channel. Callers use
``_tianchi_notify(users, subject, body, record, event)``; every method named
``_tianchi_notify_channel_<name>`` on this model is a channel and receives
the same call. This addon brings the in-app channel (a message on the record
addressed to the users) and e-mail; tianchi_wechat adds ``wechat`` the same
way, by inheriting this model."""
import logging

from markupsafe import Markup, escape

from odoo import api, models

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
        """A message on the record addressed to the users, seen in its chatter."""
        if 'message_ids' not in record._fields:
            return False
        content = Markup('<p><b>%s</b></p><p>%s</p>') % (subject, escape(body).replace('\n', Markup('<br/>')))
        message = record.sudo()._message_log(body=content, partner_ids=users.partner_id.ids)
        return message.id

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
