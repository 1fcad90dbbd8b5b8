"""The import page: preview of the mapping, a run with its outcome and progress,
the error sheet download, and no access to another user's import."""

import base64
import json
import re

from odoo.addons.tianchi_crm.tests.test_import import read_data
from odoo.tests import HttpCase, new_test_user, tagged


@tagged('post_install', '-at_install')
class TestImportPage(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login='tc_import_page', groups='base.group_user',
                                 password='tc_import_page_pw')
        cls.import_session = cls.env['tianchi.customer.import'].with_user(cls.user).create({
            'file': base64.b64encode(read_data('customers_csv_gbk.csv')),
            'filename': 'customers_csv_gbk.csv',
        })

    def test_run_from_the_page(self):
        self.authenticate('tc_import_page', 'tc_import_page_pw')
        base = f'/tianchi_crm/import/{self.import_session.id}'
        page = self.url_open(base)
        self.assertEqual(page.status_code, 200)
        self.assertIn('customers_csv_gbk.csv', page.text)
        self.assertIn('统一社会信用代码', page.text)
        token = re.search(r'data-csrf="([^"]+)"', page.text).group(1)
        outcome = json.loads(self.url_open(base + '/start', data={'csrf_token': token}).text)
        expected = json.loads(read_data('customers_expected.json'))['customers_csv_gbk.csv']['summary']
        self.assertEqual((outcome['state'], outcome['created'], outcome['errors'], outcome['duplicates']),
                         ('done', expected['created'], expected['errors'], expected['duplicates']))
        self.assertTrue(outcome['error_sheet'])
        sheet = self.url_open(base + '/errors')
        self.assertEqual(sheet.status_code, 200)
        self.assertTrue(sheet.content.startswith(b'PK'))
        progress = json.loads(self.url_open(base + '/progress').text)
        self.assertIn('progress', progress)

    def test_other_users_import_is_not_found(self):
        new_test_user(self.env, login='tc_import_other', groups='base.group_user', password='tc_import_other_pw')
        self.authenticate('tc_import_other', 'tc_import_other_pw')
        self.assertEqual(self.url_open(f'/tianchi_crm/import/{self.import_session.id}').status_code, 404)
