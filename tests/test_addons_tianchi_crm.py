"""The tests of the tianchi_crm addon, run the way
``./odoo-bin -i tianchi_crm --test-enable`` runs them, in a throwaway
database of the suite's PostgreSQL, with and without demo data."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

MIN_TESTS = 130


@pytest.mark.slow
@pytest.mark.parametrize('with_demo', [False, True], ids=['without-demo', 'with-demo'])
def test_tianchi_crm_addon(pg_server: dict, with_demo: bool) -> None:
    report = run_addon_tests(['tianchi_crm'], test_tags='/tianchi_crm', without_demo=not with_demo)
    assert report.testsRun >= MIN_TESTS, f"too few tests ran: {report}"
