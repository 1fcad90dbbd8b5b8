"""The sign-up page end to end over HTTP: the form and its CSRF token, the
code e-mailed through a real SMTP server, refusals shown on the page, and
the new HQ head signed in."""
import re

from odoo.tests import HttpCase, tagged

from .common import smtp_inbox

MOBILE = '13698765432'
PASSWORD = 'Tianchi2026'


@tagged('post_install', '-at_install')
class TestSignupPage(HttpCase):

    def setUp(self):
        super().setUp()
        inbox = smtp_inbox(self.env)
        self.smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def _form(self, **values):
        page = self.url_open('/tianchi/signup')
        self.assertEqual(page.status_code, 200)
        return dict({'csrf_token': self._csrf(page.text), 'company_name': '网页注册公司', 'admin_name': '钱总',
                     'mobile': MOBILE, 'email': 'qian@example.com'}, **values)

    def test_page_to_signed_in_hq_head(self):
        page = self.url_open('/tianchi/signup')
        self.assertIn('注册企业账号', page.text)
        sent = self.url_open('/tianchi/signup/code', data=self._form())
        self.assertEqual(sent.status_code, 200)
        self.assertEqual(self.smtp.recipients[-1], ['qian@example.com'])
        code = self.smtp.last_code()
        done = self.url_open('/tianchi/signup', data=self._form(
            code=code, password=PASSWORD, confirm_password=PASSWORD), allow_redirects=False)
        self.assertIn(done.status_code, (302, 303), done.text[:500])
        user = self.env['res.users'].search([('login', '=', MOBILE)])
        self.assertEqual(user.company_id.name, '网页注册公司')
        info = self.make_jsonrpc_request('/web/session/get_session_info')
        self.assertEqual(info['uid'], user.id)

    def test_refusals_are_shown_on_the_page(self):
        refused = self.url_open('/tianchi/signup/code', data=self._form(mobile='12345'))
        self.assertIn('12345', refused.text)
        self.assertIn('alert-danger', refused.text)
        self.assertFalse(self.smtp.messages)
        differ = self.url_open('/tianchi/signup', data=self._form(
            code='123456', password=PASSWORD, confirm_password=PASSWORD + 'x'))
        self.assertIn('alert-danger', differ.text)
        self.assertFalse(self.env['res.users'].search([('login', '=', MOBILE)]))

    def test_post_without_csrf_token_is_refused(self):
        form = self._form()
        del form['csrf_token']
        refused = self.url_open('/tianchi/signup/code', data=form)
        self.assertEqual(refused.status_code, 400)
        self.assertFalse(self.smtp.messages)

    def test_refusals_are_in_chinese(self):
        self.env['res.lang']._activate_lang('zh_CN')
        refused = self.url_open('/tianchi/signup/code', data=self._form(mobile='12345'))
        self.assertIn('不是有效的中国大陆手机号', refused.text)
        weak = self.url_open('/tianchi/signup', data=self._form(code='123456', password='abc', confirm_password='abc'))
        self.assertIn('密码至少需要 8 个字符', weak.text)
