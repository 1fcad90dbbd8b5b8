"""Time off on a schedule (public holidays) or of one resource."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResourceCalendarLeaves(models.Model):
    _name = 'resource.calendar.leaves'
    _description = 'Resource Time Off Detail'
    _order = 'date_from'

    name = fields.Char('Reason')
    company_id = fields.Many2one('res.company', string='Company', readonly=True, store=True,
                                 default=lambda self: self.env.company, compute='_compute_company_id')
    calendar_id = fields.Many2one('resource.calendar', 'Working Hours', index=True,
                                  domain="[('company_id', 'in', [company_id, False])]")
    date_from = fields.Datetime('Start Date', required=True)
    date_to = fields.Datetime('End Date', required=True)
    resource_id = fields.Many2one('resource.resource', 'Resource', index=True,
                                  help="Empty: the time off applies to everyone using the schedule.")
    time_type = fields.Selection([('leave', 'Absence'), ('other', 'Other')], default='leave',
                                 string='Kind of Time Off',
                                 help="Absences are subtracted from the working time.")

    @api.depends('calendar_id')
    def _compute_company_id(self):
        for leave in self:
            leave.company_id = leave.calendar_id.company_id or self.env.company

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for leave in self:
            if leave.date_from and leave.date_to and leave.date_from > leave.date_to:
                raise ValidationError(_("The time off “%s” ends before it starts.", leave.name or leave.id))

    @api.onchange('resource_id')
    def _onchange_resource(self):
        if self.resource_id:
            self.calendar_id = self.resource_id.calendar_id
