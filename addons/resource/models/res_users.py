"""Users are resources: their schedule comes from their resource."""
from __future__ import annotations

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    resource_ids = fields.One2many('resource.resource', 'user_id', 'Resources')
    resource_calendar_id = fields.Many2one('resource.calendar', 'Default Working Hours',
                                           related='resource_ids.calendar_id', readonly=False)

    def write(self, vals):
        result = super().write(vals)
        # a user's resources follow their name and time zone
        changes = {}
        if 'name' in vals:
            changes['name'] = vals['name']
        if vals.get('tz'):
            changes['tz'] = vals['tz']
        if changes:
            self.resource_ids.write(changes)
        return result
