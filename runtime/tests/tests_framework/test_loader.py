"""Finding and running addon tests (runtime/odoo/tests/loader.py)."""
from __future__ import annotations

import pytest
from odoo.tests import loader
from odoo.tools import config


@pytest.fixture
def tags(monkeypatch, loading_db):
    monkeypatch.setitem(config.options, 'db_name', loading_db)

    def set_tags(value):
        monkeypatch.setitem(config.options, 'test_tags', value)
    return set_tags


def names(suite) -> list[str]:
    return sorted(f'{type(test).__name__}.{test._testMethodName}' for test in suite)


def test_get_test_modules(loading_db):
    modules = loader.get_test_modules('test_loading_dependent')
    assert sorted(module.__name__.rsplit('.', 1)[1] for module in modules) == ['test_failing', 'test_installed_data']
    assert loader.get_test_modules('test_loading_cycle_a') == []


def test_make_suite_by_position_and_tags(tags):
    tags('/test_loading_dependent')
    assert names(loader.make_suite(['test_loading_dependent'], 'at_install')) == [
        'TestInstalledData.test_data_loaded', 'TestInstalledData.test_form_onchange']
    assert names(loader.make_suite(['test_loading_dependent'], 'post_install')) == [
        'TestAfterInstall.test_registry_loaded']
    tags('failing_on_purpose')
    assert names(loader.make_suite(['test_loading_dependent'], 'at_install')) == ['TestFailing.test_fails']
    tags('/test_loading_dependent:TestInstalledData.test_data_loaded')
    assert names(loader.make_suite(['test_loading_dependent'], 'at_install')) == [
        'TestInstalledData.test_data_loaded']


def test_run_suite_reports(tags):
    from odoo.tests.result import OdooTestResult
    tags('/test_loading_dependent,failing_on_purpose')
    report = OdooTestResult()
    result = loader.run_suite(loader.make_suite(['test_loading_dependent'], 'at_install'), global_report=report)
    assert result.testsRun == 3
    assert len(result.failures) == 1 and 'fails on purpose' in result.failures[0][1]
    report.update(result)     # the caller merges results into its report, as in Odoo
    assert report.testsRun == 3 and len(report.failures) == 1
    assert not report.wasSuccessful()
