"""Logging in with a second factor over HTTP: password, then the code
page, then the session; a remembered browser skips the code."""
import re

from odoo.addons.auth_totp.models import totp as otp
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException


@tagged('post_install', '-at_install')
class TestTotpLogin(HttpCase):

    def setUp(self):
        super().setUp()
        self.user = new_test_user(self.env, login='totp_web', groups='base.group_user', password='totp_web_pw1')
        self.user.sudo().totp_secret = otp.new_secret()
        self.key = otp.decode_secret(self.user.sudo().totp_secret)
        self.env.flush_all()

    def _password_step(self):
        page = self.url_open('/web/login')
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open('/web/login', data={
            'login': 'totp_web', 'password': 'totp_web_pw1', 'csrf_token': csrf}, allow_redirects=False)

    def _code_step(self, code, remember=False):
        page = self.url_open('/web/login/totp')
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {'totp_token': str(code).zfill(6), 'csrf_token': csrf}
        if remember:
            data['remember'] = '1'
        return self.url_open('/web/login/totp', data=data, allow_redirects=False)

    def _uid(self):
        try:
            return self.make_jsonrpc_request('/web/session/get_session_info').get('uid')
        except JsonRpcException:
            # no full session yet: the server answers "Session expired"
            return None

    def test_password_then_code(self):
        answer = self._password_step()
        self.assertIn(answer.status_code, (302, 303))
        self.assertIn('/web/login/totp', answer.headers['Location'])
        self.assertFalse(self._uid())
        wrong = self._code_step((otp.totp(self.key) + 1) % 10 ** 6)
        self.assertEqual(wrong.status_code, 200)
        self.assertIn('alert-danger', wrong.text)
        self.assertFalse(self._uid())
        done = self._code_step(otp.totp(self.key))
        self.assertIn(done.status_code, (302, 303))
        self.assertEqual(self._uid(), self.user.id)

    def test_remembered_browser_skips_the_code(self):
        self._password_step()
        self._code_step(otp.totp(self.key), remember=True)
        self.assertTrue(self.opener.cookies.get('td_id'))
        self.env.invalidate_all()
        self.assertEqual(len(self.user.sudo().totp_trusted_device_ids), 1)
        self.url_open('/web/session/logout')
        self._password_step()
        skipped = self.url_open('/web/login/totp', allow_redirects=False)
        self.assertIn(skipped.status_code, (302, 303))
        self.assertEqual(self._uid(), self.user.id)
