"""Signalling between server processes through PostgreSQL sequences."""
from __future__ import annotations

import pytest
from odoo.modules.registry import Registry
from odoo.service import signaling


@pytest.fixture
def signalled(http_db):
    signaling.enable(True)
    signaling._seen.pop(http_db, None)
    try:
        yield Registry(http_db)
    finally:
        signaling.enable(False)
        signaling._seen.pop(http_db, None)


def _bump(registry, sequence):
    # what another process does after committing a change
    with registry.cursor() as cr:
        cr.execute(f"SELECT nextval('{sequence}')")


def test_disabled_in_a_single_process(http_db):
    registry = Registry(http_db)
    registry.clear_cache()
    signaling.signal(registry)
    assert not registry.cache_invalidated
    with registry.cursor() as cr:
        assert signaling.check(registry, cr) is registry


def test_cache_cleared_by_another_process_clears_ours(signalled):
    registry = signalled
    signaling.setup(registry)
    registry._caches['default']['marker'] = 'stale'
    with registry.cursor() as cr:
        assert signaling.check(registry, cr) is registry
    assert registry._caches['default'].get('marker') == 'stale'
    _bump(registry, signaling.CACHE_SEQUENCE)
    with registry.cursor() as cr:
        assert signaling.check(registry, cr) is registry
    assert 'marker' not in registry._caches['default']
    assert not registry.cache_invalidated


def test_our_cache_clearing_is_told_and_not_replayed(signalled):
    registry = signalled
    signaling.setup(registry)
    before = signaling._seen[registry.db_name]
    registry.clear_cache()
    signaling.signal(registry)
    after = signaling._seen[registry.db_name]
    assert after[1] == before[1] + 1 and after[0] == before[0]
    assert not registry.cache_invalidated
    registry._caches['default']['marker'] = 'fresh'
    with registry.cursor() as cr:
        signaling.check(registry, cr)
    assert registry._caches['default'].get('marker') == 'fresh'


def test_models_changed_elsewhere_reload_the_registry(signalled):
    registry = signalled
    signaling.setup(registry)
    _bump(registry, signaling.REGISTRY_SEQUENCE)
    with registry.cursor() as cr:
        reloaded = signaling.check(registry, cr)
    assert reloaded is not registry
    assert Registry(registry.db_name) is reloaded
    assert 'res.partner' in reloaded
