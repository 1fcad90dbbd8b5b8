"""Verification codes of the company sign-up: issued per mobile number,
sent through a code sender, kept hashed, expiring, limited in attempts,
and rate-limited per number and per client address."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

MOBILE_PATTERN = re.compile(r'1[3-9]\d{9}')
CODE_LIFETIME = timedelta(minutes=10)
RESEND_DELAY = timedelta(seconds=60)
MAX_CODES_PER_MOBILE_PER_HOUR = 5
MAX_CODES_PER_IP_PER_HOUR = 20
MAX_ATTEMPTS = 5


class TianchiSignupCode(models.Model):
    _name = 'tianchi.signup.code'
    _description = 'Sign-up Verification Code'
    _order = 'create_date desc, id desc'

    mobile = fields.Char(required=True, index=True)
    email = fields.Char()
    ip_address = fields.Char(string='IP Address', index=True)
    code_hash = fields.Char(required=True)
    expires_at = fields.Datetime(required=True)
    attempts = fields.Integer(default=0)
    used = fields.Boolean(default=False)

    @api.model
    def _tianchi_check_mobile(self, mobile: str) -> str:
        mobile = (mobile or '').strip()
        if not MOBILE_PATTERN.fullmatch(mobile):
            raise UserError(_("The mobile number %s is not a valid mainland China mobile number "
                              "(11 digits starting with 13 to 19).", mobile or _('(empty)')))
        if self.env['res.users'].sudo().with_context(active_test=False).search_count(
                [('login', '=', mobile)], limit=1):
            raise UserError(_("The mobile number %s is already registered: sign in instead.", mobile))
        return mobile

    @api.model
    def _tianchi_hash(self, mobile: str, code: str) -> str:
        secret = self.env['ir.config_parameter'].sudo().get_param('database.secret') or ''
        return hmac.new(secret.encode(), f'{mobile}:{code}'.encode(), hashlib.sha256).hexdigest()

    @api.model
    def _tianchi_request_code(self, mobile: str, email: str, ip_address: str, channel: str = 'email') -> None:
        """Issue a code for ``mobile`` and send it to ``email`` (or by SMS to the number)."""
        mobile = self._tianchi_check_mobile(mobile)
        target = mobile if channel == 'sms' else (email or '').strip()
        if channel == 'email' and not re.fullmatch(r'[^@\s]+@[^@\s]+\.[^@\s]+', target):
            raise UserError(_("Please enter a valid e-mail address to receive the code."))
        now = fields.Datetime.now()
        codes = self.sudo()
        last = codes.search([('mobile', '=', mobile)], limit=1)
        if last and last.create_date and last.create_date > now - RESEND_DELAY:
            raise UserError(_("A code was just sent to %s: please wait a minute before asking again.",
                              mobile))
        hour_ago = now - timedelta(hours=1)
        if codes.search_count([('mobile', '=', mobile), ('create_date', '>', hour_ago)]) \
                >= MAX_CODES_PER_MOBILE_PER_HOUR:
            raise UserError(_("Too many codes were requested for %s: please try again in an hour.",
                              mobile))
        if ip_address and codes.search_count([('ip_address', '=', ip_address),
                                              ('create_date', '>', hour_ago)]) >= MAX_CODES_PER_IP_PER_HOUR:
            raise UserError(_("Too many sign-up attempts from your network: please try again later."))
        code = f'{secrets.randbelow(10 ** 6):06d}'
        codes.search([('mobile', '=', mobile), ('used', '=', False)]).write({'used': True})
        codes.create({
            'mobile': mobile, 'email': email, 'ip_address': ip_address,
            'code_hash': self._tianchi_hash(mobile, code), 'expires_at': now + CODE_LIFETIME,
        })
        self.env['tianchi.code.sender']._send_code(channel, target, code, _('company sign-up'))

    @api.model
    def _tianchi_verify_code(self, mobile: str, code: str) -> None:
        """Accept the last code issued for ``mobile`` once; count wrong tries."""
        record = self.sudo().search([('mobile', '=', mobile), ('used', '=', False)], limit=1)
        if not record:
            raise UserError(_("No verification code was sent to %s: ask for a code first.", mobile))
        if record.expires_at < fields.Datetime.now():
            raise UserError(_("The verification code has expired: ask for a new one."))
        if record.attempts >= MAX_ATTEMPTS:
            raise UserError(_("Too many wrong codes: ask for a new one."))
        if not hmac.compare_digest(record.code_hash, self._tianchi_hash(mobile, (code or '').strip())):
            record.attempts += 1
            raise UserError(_("The verification code is wrong."))
        record.used = True

    @api.autovacuum
    def _gc_expired_codes(self):
        self.sudo().search([('expires_at', '<', fields.Datetime.now() - timedelta(days=1))]).unlink()
