"""The second login step by e-mail: codes derived per 10 minutes, voided by
a new password, sent to a real SMTP server, and the session opened only
after the code."""
import re
from unittest.mock import patch

from odoo.exceptions import AccessDenied
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import smtp_inbox

STEP = 600


@tagged('post_install', '-at_install')
class TestLoginCode(HttpCase):

    def setUp(self):
        super().setUp()
        self.user = new_test_user(self.env, login='code_user', groups='base.group_user', password='CodeUser2026',
                                  email='code_user@example.com')
        self.user.tianchi_mail_otp = True
        self.env.flush_all()

    def test_codes_follow_the_clock_and_the_password(self):
        with patch('time.time', return_value=STEP * 1000 + 5):
            code = self.user._tianchi_login_code()
            self.user._tianchi_check_login_code(code)
        # still good during the next step, not after
        with patch('time.time', return_value=STEP * 1001 + 5):
            self.user._tianchi_check_login_code(code)
        with patch('time.time', return_value=STEP * 1002 + 5), self.assertRaises(AccessDenied):
            self.user._tianchi_check_login_code(code)
        with patch('time.time', return_value=STEP * 1000 + 5):
            self.user.password = 'Changed2026'
            self.env.flush_all()
            with self.assertRaises(AccessDenied):
                self.user._tianchi_check_login_code(code)

    def test_mfa_type_needs_the_switch_and_an_address(self):
        self.assertEqual(self.user._mfa_type(), 'tianchi_mail')
        self.assertEqual(self.user._mfa_url(), '/tianchi/login/code')
        self.user.email = False
        self.assertIsNone(self.user._mfa_url())
        self.user.email = 'code_user@example.com'
        self.user.with_user(self.user).write({'tianchi_mail_otp': False})
        self.assertIsNone(self.user._mfa_type())

    def _uid(self):
        try:
            return self.make_jsonrpc_request('/web/session/get_session_info').get('uid')
        except JsonRpcException:
            return None

    def test_login_with_an_emailed_code(self):
        inbox = smtp_inbox(self.env)
        smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)
        self.env.flush_all()
        page = self.url_open('/web/login')
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.url_open('/web/login', data={'login': 'code_user', 'password': 'CodeUser2026',
                                                   'csrf_token': csrf}, allow_redirects=False)
        self.assertIn('/tianchi/login/code', answer.headers.get('Location', ''))
        page = self.url_open('/tianchi/login/code')
        self.assertEqual(smtp.recipients[-1], ['code_user@example.com'])
        self.assertFalse(self._uid())
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        code = smtp.last_code()
        wrong = '000000' if code != '000000' else '111111'
        refused = self.url_open('/tianchi/login/code', data={'code': wrong, 'csrf_token': csrf})
        self.assertIn('alert-danger', refused.text)
        self.assertFalse(self._uid())
        done = self.url_open('/tianchi/login/code', data={'code': code, 'csrf_token': csrf}, allow_redirects=False)
        self.assertIn(done.status_code, (302, 303))
        self.assertEqual(self._uid(), self.user.id)
