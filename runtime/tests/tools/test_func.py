"""Tests of odoo.tools.func descriptors and lazy values."""
from __future__ import annotations

from odoo.tools.func import classproperty, lazy, lazy_classproperty, lazy_property


class Thing:
    computed = 0

    @lazy_property
    def value(self):
        Thing.computed += 1
        return 42

    @classproperty
    def label(cls):
        return cls.__name__.lower()

    @lazy_classproperty
    def once(cls):
        return [cls.__name__]


def test_lazy_property_computes_once_and_resets():
    Thing.computed = 0
    thing = Thing()
    assert (thing.value, thing.value) == (42, 42)
    assert Thing.computed == 1
    lazy_property.reset_all(thing)
    assert thing.value == 42 and Thing.computed == 2


def test_class_properties():
    assert Thing.label == 'thing'
    first = Thing.once
    assert Thing.once is first and Thing.__dict__['once'] is first


def test_lazy_value_is_computed_on_first_use():
    calls = []
    value = lazy(lambda a, b: calls.append(1) or a + b, 'x', 'y')
    assert calls == []
    assert str(value) == 'xy' and value.upper() == 'XY' and value == 'xy'
    assert calls == [1]
