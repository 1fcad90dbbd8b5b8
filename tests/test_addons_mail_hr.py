"""The Odoo tests of the standard addons mail, resource, hr and hr_attendance,
run the way ``./odoo-bin -i hr_attendance --test-enable`` runs them, in a
throwaway database of the suite's PostgreSQL."""
from __future__ import annotations

import pytest
from odoo.tests.pytest_plugin import run_addon_tests

# every addon's own tests: chatter and SMTP (mail), schedules (resource),
# organisation (hr), attendances and the Odoo 18 field list (hr_attendance)
ADDONS_TESTS = {
    'mail': 30,
    'resource': 10,
    'hr': 10,
    'hr_attendance': 15,
}


@pytest.mark.slow
@pytest.mark.parametrize('with_demo', [False, True], ids=['without-demo', 'with-demo'])
def test_mail_resource_hr_attendance(pg_server: dict, with_demo: bool) -> None:
    report = run_addon_tests(['hr_attendance'], test_tags=','.join(f'/{name}' for name in ADDONS_TESTS),
                             without_demo=not with_demo)
    assert report.testsRun >= sum(ADDONS_TESTS.values()), f"too few tests ran: {report}"
