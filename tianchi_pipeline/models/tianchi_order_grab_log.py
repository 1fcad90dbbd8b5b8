"""The audit trail of grab-order: to whom each order was announced, who
tried to grab it and when, who won and who lost, releases and expiries."""
from odoo import fields, models

GRAB_EVENTS = [
    ('announced', 'Announced'),
    ('attempt', 'Refused Attempt'),
    ('won', 'Won'),
    ('lost', 'Lost'),
    ('released', 'Released'),
    ('expired', 'Expired'),
]


class TianchiOrderGrabLog(models.Model):
    _name = 'tianchi.order.grab.log'
    _description = 'Grab-Order Log'
    _order = 'date desc, id desc'
    _rec_name = 'event'

    order_id = fields.Many2one('sale.order', string='Order', required=True, index=True, ondelete='cascade')
    stage_id = fields.Many2one('tianchi.order.stage', string='Stage', ondelete='set null')
    company_id = fields.Many2one('res.company', string='Company', index=True)
    event = fields.Selection(GRAB_EVENTS, string='Event', required=True, index=True)
    user_id = fields.Many2one('res.users', string='User', index=True, ondelete='set null',
                              help="Who tried, won, lost or released; empty for the system.")
    recipient_count = fields.Integer(string='People Told')
    date = fields.Datetime(string='Date', required=True, default=fields.Datetime.now, index=True)
    detail = fields.Text(string='Detail')
