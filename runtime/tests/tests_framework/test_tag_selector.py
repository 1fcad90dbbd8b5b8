"""Test selection by tags (runtime/odoo/tests/tag_selector.py)."""
from __future__ import annotations

import unittest

import pytest
from odoo.tests.tag_selector import TagsSelector


def make_test(tags, module='sale', klass='TestOrder', method='test_confirm', file_module=None):
    test_class = type(klass, (unittest.TestCase,), {method: lambda self: None})
    test_class.__module__ = file_module or f'odoo.addons.{module}.tests.test_order'
    test_class.test_tags = set(tags)
    test_class.test_module = module
    test_class.test_class = klass
    return test_class(method)


STANDARD = {'standard', 'at_install'}


@pytest.mark.parametrize(('spec', 'tags', 'expected'), [
    ('', STANDARD, False),
    ('standard', STANDARD, True),
    ('+standard', STANDARD, True),
    ('at_install', STANDARD, True),
    ('post_install', STANDARD, False),
    ('-standard', STANDARD, False),
    ('-at_install', STANDARD, False),
    ('standard,-at_install', STANDARD, False),
    ('/sale', STANDARD, True),
    ('/purchase', STANDARD, False),
    ('/sale', {'at_install'}, False),   # '/module' means its standard tests
    ('*/sale', {'at_install'}, True),
    ('/sale:TestOrder', STANDARD, True),
    ('/sale:TestOther', STANDARD, False),
    ('/sale:TestOrder.test_confirm', STANDARD, True),
    ('/sale:TestOrder.test_cancel', STANDARD, False),
    ('/sale.test_confirm', STANDARD, True),
    (':TestOrder', STANDARD, True),
    ('standard,-/sale', STANDARD, False),
    ('-/sale:TestOrder.test_confirm', STANDARD, False),
    ('-/purchase', STANDARD, True),     # only exclusions: standard tests included
    ('slow', STANDARD | {'slow'}, True),
    ('standard,-slow', STANDARD | {'slow'}, False),
])
def test_check(spec, tags, expected):
    assert TagsSelector(spec).check(make_test(tags)) is expected


def test_file_path_filter():
    test = make_test(STANDARD, file_module='odoo.addons.sale.tests.test_order')
    assert TagsSelector('/sale/tests/test_order.py').check(test)
    assert not TagsSelector('/sale/tests/test_other.py').check(test)


def test_object_without_tags_is_never_selected():
    class Plain(unittest.TestCase):
        def test_x(self):
            pass
    assert not TagsSelector('standard').check(Plain('test_x'))


def test_parameters_do_not_split_on_commas():
    selector = TagsSelector('/sale[a,b],-/purchase')
    assert selector.include == {('standard', 'sale', None, None, None)}
    assert selector.exclude == {(None, 'purchase', None, None, None)}
    test = make_test(STANDARD)
    assert selector.check(test)
    assert test._test_params == [('+', 'a,b')]
