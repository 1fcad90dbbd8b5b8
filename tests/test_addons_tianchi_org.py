"""The tests of the tianchi_org addon (roles, department heads, the owner
visibility matrix, transfers, company sign-up), run the way
``./odoo-bin -i tianchi_org --test-enable`` runs them, in a throwaway
database of the suite's PostgreSQL."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

# roles, heads and moves, the matrix, transfers and sign-up
MIN_TESTS = 50


@pytest.mark.slow
@pytest.mark.parametrize('with_demo', [False, True], ids=['without-demo', 'with-demo'])
def test_tianchi_org_addon(pg_server: dict, with_demo: bool) -> None:
    report = run_addon_tests(['tianchi_org'], test_tags='/tianchi_org', without_demo=not with_demo)
    assert report.testsRun >= MIN_TESTS, f"too few tests ran: {report}"
