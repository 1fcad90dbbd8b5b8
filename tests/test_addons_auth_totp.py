"""The tests of the runtime's auth_totp addon (RFC 6238 codes, turning the
second factor on and off, the login's code step over HTTP), in a
throwaway database of the suite's PostgreSQL."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

MIN_TESTS = 8


@pytest.mark.slow
def test_auth_totp_addon(pg_server: dict) -> None:
    report = run_addon_tests(['auth_totp'], test_tags='/auth_totp')
    assert report.testsRun >= MIN_TESTS, f"too few tests ran: {report}"
