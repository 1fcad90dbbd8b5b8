"""Company settings of attendances: kiosk, extra hours and their tolerance,
automatic check-out."""
from __future__ import annotations

import uuid

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    overtime_company_threshold = fields.Integer(string='Tolerance Time In Favor Of Company', default=0)
    overtime_employee_threshold = fields.Integer(string='Tolerance Time In Favor Of Employee', default=0)
    hr_attendance_display_overtime = fields.Boolean(string='Display Extra Hours')
    attendance_kiosk_mode = fields.Selection(
        [('barcode', 'Barcode / RFID'), ('barcode_manual', 'Barcode / RFID and Manual Selection'),
         ('manual', 'Manual Selection')],
        string='Attendance Mode', default='barcode_manual')
    attendance_barcode_source = fields.Selection(
        [('scanner', 'Scanner'), ('front', 'Front Camera'), ('back', 'Back Camera')],
        string='Barcode Source', default='front')
    attendance_kiosk_delay = fields.Integer(default=10)
    attendance_kiosk_key = fields.Char(default=lambda self: uuid.uuid4().hex, copy=False,
                                       groups='hr_attendance.group_hr_attendance_manager')
    attendance_kiosk_url = fields.Char(compute='_compute_attendance_kiosk_url')
    attendance_kiosk_use_pin = fields.Boolean(string='Employee PIN Identification')
    attendance_from_systray = fields.Boolean(string='Attendance From Systray', default=True)
    attendance_overtime_validation = fields.Selection(
        [('no_validation', 'Automatically Approved'), ('by_manager', 'Approved by Manager')],
        string='Extra Hours Validation', default='no_validation')
    auto_check_out = fields.Boolean(string='Automatic Check Out', default=False)
    auto_check_out_tolerance = fields.Float(default=2)
    absence_management = fields.Boolean(string='Absence Management', default=False)

    @api.depends('attendance_kiosk_key')
    def _compute_attendance_kiosk_url(self):
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url', '')
        for company in self:
            company.attendance_kiosk_url = f"{base_url.rstrip('/')}/hr_attendance/{company.sudo().attendance_kiosk_key}"

    def _regenerate_attendance_kiosk_key(self):
        for company in self:
            company.attendance_kiosk_key = uuid.uuid4().hex
