"""The Odoo tests of the sales stack (uom, product, account's taxes, sales_team
and sale), run the way ``./odoo-bin -i sale --test-enable`` runs them, in a
throwaway database of the suite's PostgreSQL."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

ADDONS = ['uom', 'product', 'account', 'sales_team', 'sale']
# each addon brings several test classes; fewer tests means an addon's tests did not load
MIN_TESTS = 45


@pytest.mark.slow
@pytest.mark.parametrize('with_demo', [False, True], ids=['without-demo', 'with-demo'])
def test_sale_addons(pg_server: dict, with_demo: bool) -> None:
    tags = ','.join(f'/{addon}' for addon in ADDONS)
    report = run_addon_tests(['sale'], test_tags=tags, without_demo=not with_demo)
    assert report.testsRun >= MIN_TESTS, f"too few tests ran: {report}"
