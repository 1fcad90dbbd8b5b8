"""Fixture meetings: a start, an end and an all-day flag, for the calendar's hour grid."""
from odoo import fields, models


class TestWebMeeting(models.Model):
    _name = 'test_web_l.meeting'
    _description = 'Meeting'
    _order = 'start, id'

    name = fields.Char(required=True)
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)
    allday = fields.Boolean(string='All Day')
    user_id = fields.Many2one('res.users', string='Organizer', default=lambda self: self.env.user)
    location = fields.Char()
