"""Users see their attendance state and hours from their employee."""
from __future__ import annotations

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    hours_last_month = fields.Float(related='employee_id.hours_last_month')
    hours_last_month_display = fields.Char(related='employee_id.hours_last_month_display')
    attendance_state = fields.Selection(related='employee_id.attendance_state')
    last_check_in = fields.Datetime(related='employee_id.last_attendance_id.check_in')
    last_check_out = fields.Datetime(related='employee_id.last_attendance_id.check_out')
    total_overtime = fields.Float(related='employee_id.total_overtime')
    attendance_manager_id = fields.Many2one(related='employee_id.attendance_manager_id', readonly=False)
    display_extra_hours = fields.Boolean(related='company_id.hr_attendance_display_overtime')

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ['hours_last_month', 'hours_last_month_display', 'attendance_state',
                                               'last_check_in', 'last_check_out', 'total_overtime',
                                               'attendance_manager_id', 'display_extra_hours']
