"""HttpCase (runtime/odoo/tests/common.py): requests served on the test's transaction."""
from __future__ import annotations

import unittest

from odoo.httpd.databases import forget_listing
from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException
from odoo.tools import config


def run(case) -> unittest.TestResult:
    result = unittest.TestResult()
    unittest.TestLoader().loadTestsFromTestCase(case).run(result)
    return result


def test_requests_see_the_test_data(base_db, monkeypatch):
    # the server must let the test database through (other suites filter databases)
    monkeypatch.setitem(config.options, 'dbfilter', '')
    monkeypatch.setitem(config.options, 'db_name', base_db)
    forget_listing()
    class Case(HttpCase):
        def test_jsonrpc_sees_uncommitted_partner(self):
            partner = self.env['res.partner'].create({'name': 'c_http_partner'})
            self.env.flush_all()
            self.authenticate('admin', 'admin')
            rows = self.make_jsonrpc_request('/web/dataset/call_kw/res.partner/search_read', {
                'model': 'res.partner', 'method': 'search_read',
                'args': [[('name', '=', 'c_http_partner')]], 'kwargs': {'fields': ['name']}})
            self.assertEqual(rows, [{'id': partner.id, 'name': 'c_http_partner'}])

        def test_wrong_password(self):
            with self.assertRaises(JsonRpcException):
                self.authenticate('admin', 'wrong')

        def test_url_open(self):
            response = self.url_open('/web/webclient/version_info', data='{}',
                                     headers={'Content-Type': 'application/json'})
            self.assertEqual(response.status_code, 200)

    result = run(Case)
    problems = [trace for _test, trace in result.failures + result.errors]
    assert result.testsRun == 3 and not problems, problems
