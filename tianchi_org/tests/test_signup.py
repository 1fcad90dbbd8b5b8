"""Company sign-up: codes e-mailed through a real SMTP server on
127.0.0.1, every bad input refused with a clear message, rate limits,
expiry, and the new company's HQ head isolated from other companies."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase

from .common import smtp_inbox

MOBILE = '13912345678'
PASSWORD = 'Tianchi2026'


class TestSignup(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.Codes = cls.env['tianchi.signup.code']
        cls.Company = cls.env['res.company']

    def setUp(self):
        super().setUp()
        inbox = smtp_inbox(self.env)
        self.smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)

    def _request(self, mobile=MOBILE, email='boss@example.com', ip='10.0.0.1'):
        self.Codes._tianchi_request_code(mobile, email, ip)
        return self.smtp.last_code()

    def _age_codes(self, mobile=MOBILE, minutes=2):
        # codes are rate-limited by their creation time: move it back
        self.env.flush_all()
        self.env.cr.execute("UPDATE tianchi_signup_code SET create_date = create_date - %s WHERE mobile = %s",
                            (timedelta(minutes=minutes), mobile))
        self.env.invalidate_all()

    def test_sign_up_creates_an_isolated_company_and_its_hq_head(self):
        code = self._request()
        self.assertEqual(self.smtp.recipients[-1], ['boss@example.com'])
        user = self.Company._tianchi_register('天池新公司', '刘总', MOBILE, 'boss@example.com', PASSWORD, code)
        self.assertEqual(user.login, MOBILE)
        self.assertEqual(user.company_id.name, '天池新公司')
        self.assertEqual(user.company_ids, user.company_id)
        self.assertTrue(user.has_group('tianchi_org.tianchi_org_group_hq_head'))
        self.assertEqual(user.employee_ids.department_id.manager_id, user.employee_ids)
        user.with_user(user)._check_credentials({'login': MOBILE, 'password': PASSWORD, 'type': 'password'},
                                {'interactive': True})
        # the HQ head of the new company sees none of another company's memos
        other = self.env['tianchi.org.note'].create({'name': '别家备忘', 'user_id': self.env.user.id,
                                                     'company_id': self.env.company.id})
        mine = self.env['tianchi.org.note'].with_user(user).create({'name': '我的备忘'})
        self.assertEqual(mine.company_id, user.company_id)
        self.assertEqual(self.env['tianchi.org.note'].with_user(user).search([]), mine)
        self.assertNotIn(other, self.env['tianchi.org.note'].with_user(user).search([]))
        self.assertEqual(self.env['res.company'].with_user(user).search([]), user.company_id)
        self.assertFalse(self.env['res.users'].with_user(user).search([('id', '=', self.env.user.id)]))

    def test_code_is_single_use(self):
        code = self._request()
        self.Company._tianchi_register('一次公司', '刘总', MOBILE, 'boss@example.com', PASSWORD, code)
        with self.assertRaisesRegex(UserError, 'already registered'):
            self.Company._tianchi_register('二次公司', '刘总', MOBILE, 'boss@example.com', PASSWORD, code)

    def test_bad_inputs_are_refused(self):
        code = self._request()
        cases = [
            (('', '刘总', MOBILE, PASSWORD, code), 'company name'),
            (('坏公司', '', MOBILE, PASSWORD, code), "administrator's name"),
            (('坏公司', '刘总', '12912345678', PASSWORD, code), 'not a valid mainland'),
            (('坏公司', '刘总', '1391234567', PASSWORD, code), 'not a valid mainland'),
            (('坏公司', '刘总', MOBILE, 'Ab1', code), 'at least 8'),
            (('坏公司', '刘总', MOBILE, 'abcdefghij', code), 'letters and digits'),
            (('坏公司', '刘总', MOBILE, f'a{MOBILE}', code), 'mobile number'),
            (('坏公司', '刘总', MOBILE, PASSWORD, '000000' if code != '000000' else '111111'), 'wrong'),
            (('坏公司', '刘总', '13700000000', PASSWORD, code), 'No verification code'),
        ]
        for (company, admin, mobile, password, given), message in cases:
            with self.subTest(message=message):
                with self.assertRaisesRegex(UserError, message):
                    self.Company._tianchi_register(company, admin, mobile, 'boss@example.com', password, given)
        self.assertFalse(self.Company.search([('name', '=', '坏公司')]))

    def test_taken_number_and_company_name(self):
        self.env['res.users'].create({'name': '已有用户', 'login': '13811112222'})
        with self.assertRaisesRegex(UserError, 'already registered'):
            self.Codes._tianchi_request_code('13811112222', 'a@example.com', '10.0.0.1')
        code = self._request()
        with self.assertRaisesRegex(UserError, 'already registered'):
            self.Company._tianchi_register(self.env.company.name, '刘总', MOBILE, 'a@example.com', PASSWORD, code)

    def test_expired_code(self):
        code = self._request()
        self.Codes.search([('mobile', '=', MOBILE)]).expires_at = fields.Datetime.now() - timedelta(seconds=1)
        with self.assertRaisesRegex(UserError, 'expired'):
            self.Company._tianchi_register('过期公司', '刘总', MOBILE, 'boss@example.com', PASSWORD, code)

    def test_wrong_codes_are_limited(self):
        code = self._request()
        wrong = '000000' if code != '000000' else '111111'
        for _attempt in range(5):
            with self.assertRaisesRegex(UserError, 'wrong'):
                self.Codes._tianchi_verify_code(MOBILE, wrong)
        with self.assertRaisesRegex(UserError, 'Too many wrong'):
            self.Codes._tianchi_verify_code(MOBILE, code)

    def test_rate_limit_per_number(self):
        self._request()
        with self.assertRaisesRegex(UserError, 'wait a minute'):
            self._request()
        for _attempt in range(4):
            self._age_codes()
            self._request()
        self._age_codes()
        with self.assertRaisesRegex(UserError, 'Too many codes'):
            self._request()

    def test_rate_limit_per_address(self):
        for index in range(20):
            self.Codes._tianchi_request_code(f'1370000{index:04d}', 'a@example.com', '10.9.9.9')
        with self.assertRaisesRegex(UserError, 'your network'):
            self.Codes._tianchi_request_code('13600000000', 'a@example.com', '10.9.9.9')
        # another address is not held back
        self.Codes._tianchi_request_code('13600000000', 'a@example.com', '10.9.9.8')

    def test_sms_needs_a_gateway(self):
        with self.assertRaisesRegex(UserError, 'Text messages'):
            self.Codes._tianchi_request_code(MOBILE, '', '10.0.0.1', channel='sms')

    def test_invalid_email_is_refused(self):
        with self.assertRaisesRegex(UserError, 'valid e-mail'):
            self.Codes._tianchi_request_code(MOBILE, 'not-an-address', '10.0.0.1')
