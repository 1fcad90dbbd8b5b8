"""Users choose how chatter notifications reach them."""
from __future__ import annotations

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    notification_type = fields.Selection(
        [('email', 'Handle by Emails'), ('inbox', 'Handle in Odoo')], 'Notification',
        required=True, default='email', compute='_compute_notification_type', store=True, readonly=False,
        help="Where chatter notifications go:\n- Handle by Emails: to your e-mail address\n"
             "- Handle in Odoo: to your inbox in the application")

    _sql_constraints = [
        ('notification_type', "CHECK (notification_type = 'email' OR NOT share)",
         "Only internal users can receive their notifications in the application."),
    ]

    @api.depends('share')
    def _compute_notification_type(self):
        # portal and public users have no inbox
        for user in self:
            if user.share or not user.notification_type:
                user.notification_type = 'email'

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ['notification_type']

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ['notification_type']
