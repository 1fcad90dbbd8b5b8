"""Turning two-factor authentication on: show the secret (as text and as
an otpauth:// address for a QR code) and check a first code from the app."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AuthTotpWizard(models.TransientModel):
    _name = 'auth_totp.wizard'
    _description = '2-Factor Setup Wizard'

    user_id = fields.Many2one('res.users', required=True, readonly=True)
    secret = fields.Char(required=True, readonly=True)
    url = fields.Char(store=True, readonly=True, compute='_compute_url')
    code = fields.Char(string='Verification Code', size=7)

    @api.depends('user_id.login', 'user_id.company_id.display_name', 'secret')
    def _compute_url(self):
        issuer_setting = self.env['ir.config_parameter'].sudo().get_param('auth_totp.issuer')
        for wizard in self:
            issuer = issuer_setting or wizard.user_id.company_id.display_name or ''
            label = quote(f'{issuer}:{wizard.user_id.login}')
            wizard.url = f'otpauth://totp/{label}?' + urlencode({'secret': wizard.secret, 'issuer': issuer})

    def enable(self):
        self.ensure_one()
        try:
            code = int(''.join((self.code or '').split()))
        except ValueError as error:
            raise UserError(_("The verification code should only contain numbers")) from error
        if not self.user_id._totp_try_setting(self.secret, code):
            raise UserError(_("Verification failed, please double-check the 6-digit code"))
        self.unlink()
        return {'type': 'ir.actions.client', 'tag': 'reload'}
