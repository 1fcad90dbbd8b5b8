"""Resources: people (linked to a user) or things that a schedule applies to."""
from __future__ import annotations

from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get


class ResourceResource(models.Model):
    _name = 'resource.resource'
    _description = 'Resources'
    _order = 'name'

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if not values.get('calendar_id') and values.get('company_id'):
            company = self.env['res.company'].browse(values['company_id'])
            values['calendar_id'] = company.resource_calendar_id.id
        return values

    name = fields.Char(required=True)
    active = fields.Boolean('Active', default=True,
                            help="Archived resources are no longer scheduled.")
    company_id = fields.Many2one('res.company', string='Company', default=lambda self: self.env.company)
    resource_type = fields.Selection([('user', 'Human'), ('material', 'Material')], string='Type',
                                     default='user', required=True)
    user_id = fields.Many2one('res.users', string='User', help="User the resource stands for.")
    share = fields.Boolean(related='user_id.share')
    email = fields.Char(related='user_id.email')
    phone = fields.Char(related='user_id.phone')
    time_efficiency = fields.Float('Efficiency Factor', default=100, required=True,
                                   help="Percentage of the normal speed; 50 takes twice as long.")
    calendar_id = fields.Many2one('resource.calendar', string='Working Time',
                                  default=lambda self: self.env.company.resource_calendar_id,
                                  domain="[('company_id', '=', company_id)]",
                                  help="Schedule of the resource; none means flexible hours.")
    tz = fields.Selection(_tz_get, string='Timezone', required=True,
                          default=lambda self: self._context.get('tz') or self.env.user.tz
                          or self.env.company.resource_calendar_id.tz or 'UTC')

    _sql_constraints = [
        ('check_time_efficiency', 'CHECK(time_efficiency>0)', 'The efficiency factor must be positive.'),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get('tz') and vals.get('calendar_id'):
                # a resource lives in its schedule's time zone unless told otherwise
                vals['tz'] = self.env['resource.calendar'].browse(vals['calendar_id']).tz
        return super().create(vals_list)

    def copy_data(self, default=None):
        values_list = super().copy_data(default=default)
        for resource, values in zip(self, values_list):
            values.setdefault('name', f'{resource.name} (copy)')
        return values_list

    @api.onchange('company_id')
    def _onchange_company_id(self):
        if self.company_id:
            self.calendar_id = self.company_id.resource_calendar_id.id

    @api.onchange('user_id')
    def _onchange_user_id(self):
        if self.user_id:
            self.tz = self.user_id.tz

    def _get_calendars_validity_within_period(self, start, end, default_company=None):
        """{resource id: {calendar: Intervals}}: the schedule of each resource
        over the period (a single one here)."""
        from .utils import Intervals, make_aware
        start, _revert = make_aware(start)
        end, _revert = make_aware(end)
        company = default_company or self.env.company
        result = {}
        for resource in self or [self.env['resource.resource']]:
            calendar = resource.calendar_id or resource.company_id.resource_calendar_id or company.resource_calendar_id
            result[resource.id] = {calendar: Intervals([(start, end, self.env['resource.calendar.attendance'])])}
        return result
