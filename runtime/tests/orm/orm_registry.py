"""Test helper: a registry holding only the given test model classes, on a
throwaway database, used as superuser (no ``base`` addon involved)."""
from __future__ import annotations

from collections.abc import Iterable

from odoo import SUPERUSER_ID, api
from odoo.orm.registry import Registry


def make_env(cr, classes: Iterable[type], context: dict | None = None) -> api.Environment:
    """Build the classes into a fresh registry of ``cr``'s database, create
    their tables, and return a superuser environment on ``cr``."""
    Registry.delete(cr.dbname)
    registry = Registry.new_empty(cr.dbname)
    names = registry.load_classes(cr, classes)
    registry.setup_models(cr)
    registry.init_models(cr, names, {'module': 'test_orm'})
    registry.loaded = registry.ready = True
    cr.transaction = None
    return api.Environment(cr, SUPERUSER_ID, context or {})


class QueryCounter:
    """Count the statements a cursor executes (``with QueryCounter(cr) as qc``)."""

    def __init__(self, cr) -> None:
        self.cr = cr
        self.count = 0
        self.queries: list[str] = []

    def __enter__(self) -> QueryCounter:
        original = self.cr.execute
        counter = self

        def execute(query, params=None, log_exceptions=True):
            counter.count += 1
            counter.queries.append(str(query)[:200])
            return original(query, params, log_exceptions)

        self._original = original
        self.cr.execute = execute
        return self

    def __exit__(self, *exc) -> None:
        del self.cr.execute
