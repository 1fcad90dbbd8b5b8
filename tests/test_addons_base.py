"""The Odoo tests of the base addon (partners, companies, users, groups,
currencies, views, security, translations, and the technical ir.* models),
run the way ``./odoo-bin -i base --test-enable`` runs them, in a throwaway
database of the suite's PostgreSQL."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

# base has well over a hundred at_install tests and a dozen post_install ones
MIN_TESTS = 150


@pytest.mark.slow
@pytest.mark.parametrize('with_demo', [False, True], ids=['without-demo', 'with-demo'])
def test_base_addon(pg_server: dict, with_demo: bool) -> None:
    report = run_addon_tests(['base'], test_tags='/base', without_demo=not with_demo)
    assert report.testsRun >= MIN_TESTS, f"too few tests ran: {report}"
