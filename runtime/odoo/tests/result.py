"""Test results: a ``unittest.TestResult`` that logs each failure with the
test's name, counts them, and adds itself to a registry-wide report (which
decides the exit status of ``odoo-bin --test-enable``)."""
from __future__ import annotations

import logging
import time
import unittest

_logger = logging.getLogger(__name__)


class OdooTestResult(unittest.TestResult):
    """Results of test runs; with ``global_report`` every outcome is also
    recorded there."""

    def __init__(self, stream=None, descriptions=None, verbosity=None, global_report: OdooTestResult | None = None):
        super().__init__(stream, descriptions, verbosity)
        self.global_report = global_report
        self.time_start: float | None = None

    @property
    def failures_count(self) -> int:
        return len(self.failures)

    @property
    def errors_count(self) -> int:
        return len(self.errors)

    def update(self, other: OdooTestResult) -> None:
        """Add the outcomes of ``other`` to this result."""
        self.failures.extend(other.failures)
        self.errors.extend(other.errors)
        self.skipped.extend(other.skipped)
        self.testsRun += other.testsRun
        self.expectedFailures.extend(other.expectedFailures)
        self.unexpectedSuccesses.extend(other.unexpectedSuccesses)

    def startTest(self, test) -> None:
        super().startTest(test)
        self.time_start = time.time()
        _logger.info('Starting %s ...', _name(test))
        if self.global_report is not None:
            self.global_report.testsRun += 1

    def stopTest(self, test) -> None:
        super().stopTest(test)
        if self.time_start is not None:
            _logger.debug('%s took %.2fs', _name(test), time.time() - self.time_start)

    def addError(self, test, err) -> None:
        super().addError(test, err)
        _logger.error('ERROR: %s\n%s', _name(test), self.errors[-1][1])
        if self.global_report is not None:
            self.global_report.errors.append(self.errors[-1])

    def addFailure(self, test, err) -> None:
        super().addFailure(test, err)
        _logger.error('FAIL: %s\n%s', _name(test), self.failures[-1][1])
        if self.global_report is not None:
            self.global_report.failures.append(self.failures[-1])

    def addSubTest(self, test, subtest, err) -> None:
        if err is not None:
            if issubclass(err[0], test.failureException):
                self.addFailure(subtest, err)
            else:
                self.addError(subtest, err)

    def addSkip(self, test, reason: str) -> None:
        super().addSkip(test, reason)
        _logger.info('skipped %s: %s', _name(test), reason)
        if self.global_report is not None:
            self.global_report.skipped.append(self.skipped[-1])

    def addUnexpectedSuccess(self, test) -> None:
        super().addUnexpectedSuccess(test)
        _logger.error('unexpected success for %s', _name(test))
        if self.global_report is not None:
            self.global_report.unexpectedSuccesses.append(test)

    def __str__(self) -> str:
        return (f'{self.failures_count} failed, {self.errors_count} error(s) of {self.testsRun} tests')


def _name(test) -> str:
    method = getattr(test, '_testMethodName', None)
    if method is None:
        return str(test)
    module = getattr(test, 'test_module', type(test).__module__)
    return f'{module}: {type(test).__name__}.{method}'
