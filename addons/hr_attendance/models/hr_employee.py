"""Employees check in and out; their presence, last attendance and hours
today or this month come from their attendances."""
from __future__ import annotations

import pytz
from dateutil.relativedelta import relativedelta
from odoo import _, api, exceptions, fields, models

OFFICERS = 'hr_attendance.group_hr_attendance_officer,hr.group_hr_user'


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    attendance_manager_id = fields.Many2one(
        'res.users', store=True, readonly=False,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        groups='hr_attendance.group_hr_attendance_officer',
        help="This user manages the employee's attendances in the Attendances application.")
    attendance_ids = fields.One2many('hr.attendance', 'employee_id', groups=OFFICERS)
    last_attendance_id = fields.Many2one('hr.attendance', compute='_compute_last_attendance_id', store=True,
                                         groups=OFFICERS)
    last_check_in = fields.Datetime(related='last_attendance_id.check_in', store=True, groups=OFFICERS,
                                    tracking=False)
    last_check_out = fields.Datetime(related='last_attendance_id.check_out', store=True, groups=OFFICERS,
                                     tracking=False)
    attendance_state = fields.Selection(string='Attendance Status', compute='_compute_attendance_state',
                                        selection=[('checked_out', "Checked out"), ('checked_in', "Checked in")],
                                        groups=OFFICERS)
    hours_last_month = fields.Float(compute='_compute_hours_last_month', groups=OFFICERS)
    hours_today = fields.Float(compute='_compute_hours_today', groups=OFFICERS)
    hours_previously_today = fields.Float(compute='_compute_hours_today', groups=OFFICERS)
    last_attendance_worked_hours = fields.Float(compute='_compute_hours_today', groups=OFFICERS)
    hours_last_month_display = fields.Char(compute='_compute_hours_last_month', groups='hr.group_hr_user')
    total_overtime = fields.Float(compute='_compute_total_overtime', compute_sudo=True, groups=OFFICERS)

    @api.depends('attendance_ids')
    def _compute_last_attendance_id(self):
        Attendance = self.env['hr.attendance']
        for emp in self:
            emp.last_attendance_id = Attendance.search([('employee_id', '=', emp.id)], order='check_in desc', limit=1)

    @api.depends('last_attendance_id.check_in', 'last_attendance_id.check_out', 'last_attendance_id')
    def _compute_attendance_state(self):
        for emp in self:
            last = emp.last_attendance_id.sudo()
            emp.attendance_state = 'checked_in' if last and not last.check_out else 'checked_out'

    @api.depends('attendance_ids.overtime_status', 'attendance_ids.validated_overtime_hours')
    def _compute_total_overtime(self):
        approved = dict(self.env['hr.attendance']._read_group(
            [('overtime_status', '=', 'approved'), ('employee_id', 'in', self.ids)],
            ['employee_id'], ['validated_overtime_hours:sum']))
        for emp in self:
            emp.total_overtime = approved.get(emp, 0.0)

    def _local_now(self):
        now = fields.Datetime.now()
        return now, pytz.utc.localize(now).astimezone(pytz.timezone(self._get_tz()))

    def _compute_hours_last_month(self):
        # the hours of the attendances closed since the first day of this month
        for emp in self:
            now, local_now = emp._local_now()
            month_start = local_now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
            month_start_utc = month_start.astimezone(pytz.utc).replace(tzinfo=None)
            closed = self.env['hr.attendance'].sudo().search([
                ('employee_id', '=', emp.id), ('check_in', '>=', month_start_utc),
                ('check_out', '!=', False), ('check_out', '<=', now)])
            emp.hours_last_month = round(sum(closed.mapped('worked_hours')), 2)
            emp.hours_last_month_display = f'{emp.hours_last_month:g}'

    def _compute_hours_today(self):
        # hours since local midnight, the open attendance counting until now
        for emp in self:
            now, local_now = emp._local_now()
            day_start = (local_now + relativedelta(hour=0, minute=0, second=0, microsecond=0))
            day_start_utc = day_start.astimezone(pytz.utc).replace(tzinfo=None)
            today = self.env['hr.attendance'].sudo().search([
                ('employee_id', '=', emp.id), ('check_in', '<=', now),
                '|', ('check_out', '>=', day_start_utc), ('check_out', '=', False),
            ], order='check_in asc')
            spans = [((att.check_out or now) - max(att.check_in, day_start_utc)).total_seconds() / 3600.0
                     for att in today]
            emp.hours_today = sum(spans)
            emp.last_attendance_worked_hours = spans[-1] if spans else 0.0
            emp.hours_previously_today = sum(spans[:-1])

    def _compute_presence_state(self):
        super()._compute_presence_state()
        # when the company follows attendances, checked-in employees are present
        for emp in self.filtered(lambda e: e.active and e.company_id.hr_presence_control_attendance):
            emp.hr_presence_state = 'present' if emp.sudo().attendance_state == 'checked_in' else 'absent'

    @api.model_create_multi
    def create(self, vals_list):
        officers = self.env.ref('hr_attendance.group_hr_attendance_officer', raise_if_not_found=False)
        managers = [vals['attendance_manager_id'] for vals in vals_list if vals.get('attendance_manager_id')]
        if officers and managers:
            officers.sudo().write({'users': [fields.Command.link(uid) for uid in managers]})
        return super().create(vals_list)

    def write(self, vals):
        if vals.get('attendance_manager_id'):
            officers = self.env.ref('hr_attendance.group_hr_attendance_officer', raise_if_not_found=False)
            manager = self.env['res.users'].browse(vals['attendance_manager_id'])
            if officers and not manager.has_group('hr_attendance.group_hr_attendance_officer'):
                manager.sudo().write({'groups_id': [fields.Command.link(officers.id)]})
        return super().write(vals)

    def _attendance_action_change(self, geo_information=None):
        """Check the employee in (a new attendance) or out (closing the open
        one); ``geo_information`` fills the in_*/out_* fields (latitude,
        longitude, ip_address, browser, city, country_name, mode)."""
        self.ensure_one()
        moment = fields.Datetime.now()
        extra = geo_information or {}
        if self.attendance_state != 'checked_in':
            values = {'employee_id': self.id, 'check_in': moment}
            values.update({f'in_{key}': value for key, value in extra.items()})
            return self.env['hr.attendance'].create(values)
        open_attendance = self.env['hr.attendance'].search(
            [('employee_id', '=', self.id), ('check_out', '=', False)], limit=1)
        if not open_attendance:
            raise exceptions.UserError(_(
                "Cannot perform check out on %(empl_name)s, could not find corresponding check in. "
                "Your attendances have probably been modified manually by human resources.",
                empl_name=self.sudo().name))
        values = {'check_out': moment}
        values.update({f'out_{key}': value for key, value in extra.items()})
        open_attendance.write(values)
        return open_attendance

    def action_open_last_month_attendances(self):
        self.ensure_one()
        month_start = fields.Datetime.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        return {
            'type': 'ir.actions.act_window',
            'name': _("Attendances This Month"),
            'res_model': 'hr.attendance',
            'view_mode': 'list',
            'context': {'create': 0},
            'domain': [('employee_id', '=', self.id), ('check_in', '>=', month_start)],
        }
