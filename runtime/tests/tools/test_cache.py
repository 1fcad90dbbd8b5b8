"""Tests of odoo.tools.cache (ormcache) on a minimal registry holding the caches."""
from __future__ import annotations

from odoo.tools.cache import get_cache_key_counter, ormcache, ormcache_context


class Registry:
    """Just what ormcache reads of a registry: its name and its caches."""
    db_name = 'cache_test'

    def __init__(self):
        self._caches = {'default': {}, 'stable': {}}


class Env:
    def __init__(self, context):
        self.context = context


class Model:
    _name = 'test.model'

    def __init__(self, pool, context=None):
        self.pool = pool
        self.env = Env(context or {})
        self.calls = []

    @ormcache('key')
    def compute(self, key, ignored=None):
        self.calls.append(key)
        return key * 2

    @ormcache('a', 'b', cache='stable')
    def pair(self, a, b=0):
        self.calls.append((a, b))
        return a + b

    @ormcache('a', 'b', 'c')
    def keywords(self, a=1, *, b, c=3):
        self.calls.append((a, b, c))
        return a + b + c

    @ormcache('args')
    def starred(self, *args, flag=False):
        self.calls.append(args)
        return len(args)

    @ormcache_context('key', keys=('lang',))
    def labelled(self, key):
        self.calls.append((key, self.env.context.get('lang')))
        return f"{key}:{self.env.context.get('lang')}"


def test_results_are_cached_per_key():
    model = Model(Registry())
    assert model.compute(2) == 4
    assert model.compute(2, ignored='x') == 4
    assert model.compute(3) == 6
    assert model.calls == [2, 3]


def test_named_cache_and_clearing():
    registry = Registry()
    model = Model(registry)
    model.pair(1, b=2)
    model.pair(1, 2)
    assert model.calls == [(1, 2)]
    assert len(registry._caches['stable']) == 1 and not registry._caches['default']
    registry._caches['stable'].clear()
    model.pair(1, 2)
    assert model.calls == [(1, 2), (1, 2)]


def test_context_keys_are_part_of_the_key():
    registry = Registry()
    assert Model(registry, {'lang': 'zh_CN'}).labelled('a') == 'a:zh_CN'
    english = Model(registry, {'lang': 'en_US'})
    assert english.labelled('a') == 'a:en_US'
    assert Model(registry, {'lang': 'zh_CN', 'other': 1}).labelled('a') == 'a:zh_CN'
    assert len(registry._caches['default']) == 2


def test_caches_are_per_registry():
    first, second = Model(Registry()), Model(Registry())
    first.compute(1)
    second.compute(1)
    assert first.calls == [1] and second.calls == [1]


def test_unhashable_arguments_fall_back_to_a_call():
    model = Model(Registry())
    assert model.compute([1]) == [1, 1]
    assert model.compute([1]) == [1, 1]
    assert model.calls == [[1], [1]]


def test_get_cache_key_counter():
    model = Model(Registry())
    model.compute(5)
    cache, key, counter = get_cache_key_counter(model.compute, 5)
    assert cache[key] == 10
    assert counter.miss >= 1


def test_keyword_only_and_variadic_parameters():
    model = Model(Registry())
    assert model.keywords(b=2) == 6
    assert model.keywords(1, b=2, c=3) == 6
    assert model.starred(1, 2) == 2 and model.starred(1, 2, flag=True) == 2
    assert model.calls == [(1, 2, 3), (1, 2)]
