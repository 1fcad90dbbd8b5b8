"""``resource.mixin``: records backed by a resource (employees...), getting
its company, schedule and time zone."""
from __future__ import annotations

from odoo import api, fields, models


class ResourceMixin(models.AbstractModel):
    _name = 'resource.mixin'
    _description = 'Resource Mixin'

    resource_id = fields.Many2one('resource.resource', 'Resource', auto_join=True, index=True,
                                  ondelete='restrict', required=True)
    company_id = fields.Many2one('res.company', 'Company', default=lambda self: self.env.company, index=True,
                                 related='resource_id.company_id', precompute=True, store=True, readonly=False)
    resource_calendar_id = fields.Many2one('resource.calendar', 'Working Hours',
                                           default=lambda self: self.env.company.resource_calendar_id, index=True,
                                           related='resource_id.calendar_id', store=True, readonly=False)
    tz = fields.Selection(string='Timezone', related='resource_id.tz', readonly=False,
                          help="Time zone of the record's working hours.")

    @api.model_create_multi
    def create(self, vals_list):
        calendar_ids = {vals['resource_calendar_id'] for vals in vals_list if vals.get('resource_calendar_id')}
        zones = {cal.id: cal.tz for cal in self.env['resource.calendar'].browse(calendar_ids)}
        missing = [vals for vals in vals_list if not vals.get('resource_id')]
        if missing:
            resources = self.env['resource.resource'].create([
                self._prepare_resource_values(vals, vals.pop('tz', False) or zones.get(vals.get('resource_calendar_id')))
                for vals in missing
            ])
            for vals, resource in zip(missing, resources):
                vals['resource_id'] = resource.id
        return super(ResourceMixin, self.with_context(check_idempotence=True)).create(vals_list)

    def _prepare_resource_values(self, vals, tz):
        """Values of the resource created for a record created with ``vals``."""
        resource_vals = {'name': vals.get(self._rec_name)}
        if tz:
            resource_vals['tz'] = tz
        company_id = vals.get('company_id', self.env.company.id)
        if company_id:
            resource_vals['company_id'] = company_id
        if vals.get('resource_calendar_id'):
            resource_vals['calendar_id'] = vals['resource_calendar_id']
        return resource_vals

    def copy_data(self, default=None):
        default = dict(default or {})
        values_list = super().copy_data(default=default)
        if 'resource_id' in default:
            return values_list
        for record, values in zip(self, values_list):
            copy = record.resource_id.copy({'name': values.get(self._rec_name) or record.resource_id.name})
            values['resource_id'] = copy.id
            values['company_id'] = copy.company_id.id
            values['resource_calendar_id'] = copy.calendar_id.id
        return values_list

    def _get_work_days_data_batch(self, from_datetime, to_datetime, compute_leaves=True, calendar=None,
                                  domain=None):
        """{record id: {'days', 'hours'}} worked between two datetimes."""
        result = {}
        for record in self:
            schedule = calendar or record.resource_calendar_id or record.company_id.resource_calendar_id
            if not schedule:
                result[record.id] = {'days': 0, 'hours': 0}
                continue
            result[record.id] = schedule.with_context(tz=record.tz)._get_work_duration_data(
                from_datetime, to_datetime, compute_leaves=compute_leaves, domain=domain)
        return result
