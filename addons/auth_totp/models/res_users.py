"""Users with a second factor: the TOTP secret (kept in a column the ORM
never exposes), whether it is on, trusted devices, and the checks the
login and the settings run."""
from __future__ import annotations

import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request

from . import totp as otp

_logger = logging.getLogger(__name__)

# reloading the web client shows the preferences with the new state
RELOAD_CLIENT = {'type': 'ir.actions.client', 'tag': 'reload'}


class ResUsers(models.Model):
    _inherit = 'res.users'

    # '.' is a group nobody has: the secret is reached through sudo() only
    totp_secret = fields.Char(copy=False, groups='.', compute='_compute_totp_secret',
                              inverse='_inverse_totp_secret')
    totp_enabled = fields.Boolean(string='Two-factor authentication', compute='_compute_totp_enabled',
                                  search='_search_totp_enabled')
    totp_trusted_device_ids = fields.One2many('auth_totp.device', 'user_id', string='Trusted Devices')

    def init(self):
        super().init()
        self.env.cr.execute("ALTER TABLE res_users ADD COLUMN IF NOT EXISTS totp_secret varchar")

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ['totp_enabled', 'totp_trusted_device_ids']

    def _compute_totp_secret(self):
        self.env.cr.execute("SELECT id, totp_secret FROM res_users WHERE id IN %s", [tuple(self.ids) or (0,)])
        secrets = dict(self.env.cr.fetchall())
        for user in self:
            user.totp_secret = secrets.get(user.id) or False

    def _inverse_totp_secret(self):
        for user in self:
            self.env.cr.execute("UPDATE res_users SET totp_secret = %s WHERE id = %s",
                                [user.totp_secret or None, user.id])
        # session tokens include the secret: sessions end when it changes
        self.env.registry.clear_cache()

    @api.depends('totp_secret')
    def _compute_totp_enabled(self):
        for user, privileged in zip(self, self.sudo()):
            user.totp_enabled = bool(privileged.totp_secret)

    def _search_totp_enabled(self, operator, value):
        if operator not in ('=', '!='):
            raise UserError(_("Two-factor authentication can only be searched with = or !=."))
        self.env.cr.execute("SELECT id FROM res_users WHERE totp_secret IS NOT NULL AND totp_secret != ''")
        enabled = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', enabled)]

    def _mfa_type(self):
        found = super()._mfa_type()
        if found is None and self.totp_enabled:
            return 'totp'
        return found

    def _mfa_url(self):
        found = super()._mfa_url()
        if found is None and self._mfa_type() == 'totp':
            return '/web/login/totp'
        return found

    def _should_alert_new_device(self):
        if request and self._mfa_type():
            key = request.httprequest.cookies.get('td_id')
            known = key and self.env['auth_totp.device']._check_credentials_for_uid(
                scope='browser', key=key, uid=self.id)
            return not known
        return super()._should_alert_new_device()

    def _rpc_api_keys_only(self):
        self.ensure_one()
        # a password alone must not open RPC to an account that has a second factor
        if self.totp_enabled:
            return True
        return super()._rpc_api_keys_only()

    def _get_session_token_fields(self):
        return super()._get_session_token_fields() | {'totp_secret'}

    def _totp_check(self, code: int) -> None:
        """Accept ``code`` for this user's secret, or raise AccessDenied."""
        secret = self.sudo().totp_secret
        if not secret or otp.match(otp.decode_secret(secret), code) is None:
            _logger.info("2FA check failed for %r", self.sudo().login)
            raise AccessDenied(_("Verification failed, please double-check the 6-digit code"))
        _logger.info("2FA check passed for %r", self.sudo().login)

    def _totp_try_setting(self, secret: str, code: int) -> bool:
        """Turn two-factor on with ``secret`` when ``code`` proves the app has
        it; only users themselves, and only when it is off."""
        for_oneself = self == self.env.user
        if not for_oneself or self.totp_enabled:
            return False
        cleaned = ''.join((secret or '').split()).upper()
        if otp.match(otp.decode_secret(cleaned), code) is None:
            return False
        self.sudo().totp_secret = cleaned
        if request and request.session.uid == self.id:
            self.env.flush_all()
            # keep the current session alive although the token's inputs changed
            request.session.session_token = self.env.user._compute_session_token(request.session.sid)
        _logger.info("2FA enabled for %r", self.login)
        return True

    def action_totp_disable(self):
        allowed = self.env.su or self == self.env.user or self.env.user._is_admin()
        if not allowed:
            raise AccessDenied(_("Only administrators may turn off the two-factor authentication "
                                 "of other users."))
        self.revoke_all_devices()
        self.sudo().totp_secret = False
        _logger.info("2FA disabled for %s by %r", self.mapped('login'), self.env.user.login)
        return dict(RELOAD_CLIENT)

    def action_totp_enable_wizard(self):
        if self.env.user != self:
            raise UserError(_("Two-factor authentication can only be enabled for yourself"))
        if self.totp_enabled:
            raise UserError(_("Two-factor authentication already enabled"))
        wizard = self.env['auth_totp.wizard'].create({'user_id': self.id, 'secret': otp.new_secret()})
        return {
            'type': 'ir.actions.act_window',
            'target': 'new',
            'res_model': 'auth_totp.wizard',
            'name': _("Two-Factor Authentication Activation"),
            'res_id': wizard.id,
            'views': [(False, 'form')],
        }

    def revoke_all_devices(self):
        self._revoke_all_devices()

    def _revoke_all_devices(self):
        self.sudo().totp_trusted_device_ids.remove()
