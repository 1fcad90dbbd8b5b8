"""Marks the activities the in-app notification channel schedules with the
event they announce, so that a second announcement of the same event
refreshes the user's activity instead of stacking a new one, and so that
the announcement can be withdrawn once it no longer applies (an order
grabbed by someone)."""
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = 'mail.activity'

    tianchi_notify_event = fields.Char(
        string='Notification Event', readonly=True, index='btree_not_null',
        help="Set on the activities of Tianchi notifications: what they announce (e.g. grab_announced).")
