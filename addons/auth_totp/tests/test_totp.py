"""TOTP codes (RFC 6238's test vectors) and turning the second factor on
and off on a user."""
import base64

from odoo.addons.auth_totp.models import totp as otp
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import TransactionCase, new_test_user

RFC_KEY = b'12345678901234567890'


class TestTotp(TransactionCase):

    def test_rfc6238_vectors(self):
        # SHA-1 vectors of RFC 6238 appendix B, last six digits
        for moment, code in ((59, 287082), (1111111109, 81804), (1111111111, 50471),
                             (1234567890, 5924), (2000000000, 279037)):
            self.assertEqual(otp.totp(RFC_KEY, at=moment), code, moment)

    def test_match_tolerates_one_step_of_drift(self):
        code = otp.totp(RFC_KEY, at=1000 * 30)
        self.assertEqual(otp.match(RFC_KEY, code, at=1000 * 30 + 29), 1000)
        self.assertEqual(otp.match(RFC_KEY, code, at=1001 * 30), 1000)
        self.assertIsNone(otp.match(RFC_KEY, code, at=1003 * 30))

    def test_secrets_decode_with_spaces_and_lowercase(self):
        secret = base64.b32encode(RFC_KEY).decode()
        spaced = ' '.join(secret[i:i + 4] for i in range(0, len(secret), 4)).lower()
        self.assertEqual(otp.decode_secret(spaced), RFC_KEY)

    def test_enable_check_disable(self):
        user = new_test_user(self.env, login='totp_user', groups='base.group_user')
        self.assertFalse(user.totp_enabled)
        self.assertIsNone(user._mfa_type())
        action = user.with_user(user).action_totp_enable_wizard()
        wizard = self.env['auth_totp.wizard'].with_user(user).browse(action['res_id'])
        self.assertTrue(wizard.url.startswith('otpauth://totp/'))
        self.assertIn(wizard.secret, wizard.url)
        wizard.code = '000000' if otp.totp(otp.decode_secret(wizard.secret)) != 0 else '111111'
        with self.assertRaises(UserError):
            wizard.enable()
        wizard.code = str(otp.totp(otp.decode_secret(wizard.secret))).zfill(6)
        wizard.enable()
        self.assertTrue(user.totp_enabled)
        self.assertEqual(user._mfa_type(), 'totp')
        self.assertEqual(user._mfa_url(), '/web/login/totp')
        self.assertTrue(user._rpc_api_keys_only())
        self.assertIn(user, self.env['res.users'].search([('totp_enabled', '=', True)]))
        key = otp.decode_secret(user.sudo().totp_secret)
        user._totp_check(otp.totp(key))
        with self.assertRaises(AccessDenied):
            user._totp_check((otp.totp(key) + 1) % 10 ** 6)
        user.with_user(user).action_totp_disable()
        self.assertFalse(user.totp_enabled)
        self.assertNotIn(user, self.env['res.users'].search([('totp_enabled', '=', True)]))

    def test_secret_is_hidden_from_everyone_without_sudo(self):
        user = new_test_user(self.env, login='totp_hidden', groups='base.group_user')
        user.sudo().totp_secret = otp.new_secret()
        admin = new_test_user(self.env, login='totp_admin', groups='base.group_system')
        with self.assertRaises(AccessError):
            user.with_user(admin).read(['totp_secret'])
        self.assertTrue(user.with_user(admin).totp_enabled)

    def test_only_admins_disable_for_others(self):
        user = new_test_user(self.env, login='totp_victim', groups='base.group_user')
        other = new_test_user(self.env, login='totp_other', groups='base.group_user')
        user.sudo().totp_secret = otp.new_secret()
        with self.assertRaises(AccessDenied):
            user.with_user(other).action_totp_disable()
        self.assertTrue(user.totp_enabled)
        with self.assertRaises(UserError):
            user.with_user(other).action_totp_enable_wizard()
