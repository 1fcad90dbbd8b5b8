"""Test results: a ``unittest.TestResult`` that logs each outcome with the
test's module, class and method, and can be merged into a registry-wide
report (``registry._assertion_report``, which decides the exit status of
``odoo-bin --test-enable``) with ``report.update(result)``."""
from __future__ import annotations

import logging
import time
import unittest

_logger = logging.getLogger(__name__)


class OdooTestResult(unittest.TestResult):
    """Outcomes of test runs. ``global_report`` is the report the caller will
    merge this result into; a stop requested on it stops this run too."""

    def __init__(self, stream=None, descriptions=None, verbosity=None, global_report: OdooTestResult | None = None):
        super().__init__(stream, descriptions, verbosity)
        self.global_report = global_report
        self.shouldStop = bool(global_report and global_report.shouldStop)
        self._started: float | None = None

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
        self.expectedFailures.extend(other.expectedFailures)
        self.unexpectedSuccesses.extend(other.unexpectedSuccesses)
        self.testsRun += other.testsRun

    def startTest(self, test) -> None:
        super().startTest(test)
        self._started = time.time()
        _logger.info('Starting %s ...', _name(test))

    def stopTest(self, test) -> None:
        super().stopTest(test)
        if self._started is not None:
            _logger.debug('%s took %.2fs', _name(test), time.time() - self._started)

    def addError(self, test, err) -> None:
        super().addError(test, err)
        _logger.error('ERROR: %s\n%s', _name(test), self.errors[-1][1])

    def addFailure(self, test, err) -> None:
        super().addFailure(test, err)
        _logger.error('FAIL: %s\n%s', _name(test), self.failures[-1][1])

    def addSubTest(self, test, subtest, err) -> None:
        if err is None:
            return
        if issubclass(err[0], test.failureException):
            self.addFailure(subtest, err)
        else:
            self.addError(subtest, err)

    def addSkip(self, test, reason: str) -> None:
        super().addSkip(test, reason)
        _logger.info('skipped %s: %s', _name(test), reason)

    def addUnexpectedSuccess(self, test) -> None:
        super().addUnexpectedSuccess(test)
        _logger.error('unexpected success for %s', _name(test))

    def __repr__(self) -> str:
        return f'<OdooTestResult run={self.testsRun} errors={self.errors_count} failures={self.failures_count}>'

    def __str__(self) -> str:
        return f'{self.failures_count} failed, {self.errors_count} error(s) of {self.testsRun} tests'


def _name(test) -> str:
    method = getattr(test, '_testMethodName', None)
    if method is None:
        return str(test)
    module = getattr(test, 'test_module', type(test).__module__)
    return f'{module}: {type(test).__name__}.{method}'
