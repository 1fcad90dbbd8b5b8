"""Transfer (转交): a department head or the HQ head gives owned records to
another person; each record's chatter says who, from whom, to whom."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class TianchiTransfer(models.TransientModel):
    _name = 'tianchi.transfer'
    _description = 'Transfer Records'

    res_model = fields.Char(string='Model', required=True)
    res_ids = fields.Json(string='Records', required=True)
    user_id = fields.Many2one(
        'res.users', string='New Owner', required=True,
        domain="[('share', '=', False), ('company_ids', 'in', allowed_company_ids)]")
    reason = fields.Char(string='Reason')

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get('active_model') and 'res_model' in fields_list:
            values.setdefault('res_model', context['active_model'])
        if context.get('active_ids') and 'res_ids' in fields_list:
            values.setdefault('res_ids', list(context['active_ids']))
        return values

    def action_transfer(self):
        self.ensure_one()
        if self.res_model not in self.env or not hasattr(self.env[self.res_model], '_tianchi_transfer'):
            raise UserError(_("Records of %s have no owner and cannot be transferred.", self.res_model))
        records = self.env[self.res_model].browse(self.res_ids or []).exists()
        if not records:
            raise UserError(_("There is nothing to transfer."))
        records._tianchi_transfer(self.user_id, self.reason or '')
        return {'type': 'ir.actions.act_window_close'}
