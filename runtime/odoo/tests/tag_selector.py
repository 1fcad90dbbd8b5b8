"""Selection of tests by tags: Odoo's ``--test-tags`` syntax,
``[-][tag][/module][:class][.method]``, comma-separated."""
from __future__ import annotations

import logging
import re
from typing import Any

_logger = logging.getLogger(__name__)

_SPEC_RE = re.compile(r'''
    ^
    ([+-]?)                      # include (default) or exclude
    (\*|\w*)                     # tag
    (?:/([\w/]*(?:\.py)?))?      # module, or a test file path
    (?::(\w*))?                  # class
    (?:\.(\w*))?                 # method
    (?:\[(.*)\])?                # parameters
    $''', re.VERBOSE)

# (tag, module, class, method, module_path)
Filter = tuple[Any, Any, Any, Any, Any]


class TagsSelector:
    """Parse a tags specification and tell whether a test matches it: a test
    is selected when it matches an included filter and no excluded one."""

    def __init__(self, spec: str | None):
        self.include: set[Filter] = set()
        self.exclude: set[Filter] = set()
        self.parameters: list[tuple[Filter, tuple[str, str]]] = []
        parts = re.split(r',(?![^\[]*\])', spec or '')
        for part in (part.strip() for part in parts):
            if not part:
                continue
            match = _SPEC_RE.match(part)
            if not match:
                _logger.error('Invalid test tag %s', part)
                continue
            sign, tag, module, klass, method, parameters = match.groups()
            include = sign != '-'
            if not tag and include:
                tag = 'standard'  # '/module' means the standard tests of module
            elif not tag or tag == '*':
                tag = None
            module_path = None
            if module and module.endswith('.py'):
                module_path, module = module[:-3].replace('/', '.'), None
            test_filter = (tag, module or None, klass or None, method or None, module_path)
            if parameters:
                self.parameters.append((test_filter, ('+' if include else '-', parameters)))
                include = True
            (self.include if include else self.exclude).add(test_filter)
        if (self.exclude or self.parameters) and not self.include:
            self.include.add(('standard', None, None, None, None))

    @staticmethod
    def _matches(test, test_filter: Filter) -> bool:
        tag, module, klass, method, module_path = test_filter
        tags = test.test_tags | {test.test_module}
        if tag and tag not in tags:
            return False
        if module_path and not type(test).__module__.endswith(module_path):
            return False
        if not module_path and module and module != test.test_module:
            return False
        if klass and klass != test.test_class:
            return False
        return not (method and test._testMethodName and method != test._testMethodName)

    def check(self, test) -> bool:
        """Whether ``test`` (a test case instance) is selected."""
        if not hasattr(test, 'test_tags'):
            return False
        if any(self._matches(test, test_filter) for test_filter in self.exclude):
            return False
        if not any(self._matches(test, test_filter) for test_filter in self.include):
            return False
        test._test_params = [param for test_filter, param in self.parameters if self._matches(test, test_filter)]
        return True
