"""Tests of odoo.tools.float_utils against Odoo 18's documented results."""
from __future__ import annotations

import pytest
from odoo.tools import float_compare, float_is_zero, float_repr, float_round, float_split_str
from odoo.tools.float_utils import float_split, json_float_round


@pytest.mark.parametrize('value, digits, expected', [
    (2.675, 2, 2.68), (-2.675, 2, -2.68), (1.005, 2, 1.01), (0.285, 2, 0.29),
    (2.5, 0, 3.0), (-2.5, 0, -3.0), (1.4999999999, 0, 1.0), (0.0, 2, 0.0),
])
def test_round_half_up(value, digits, expected):
    assert float_round(value, precision_digits=digits) == expected


@pytest.mark.parametrize('method, value, expected', [
    ('HALF-DOWN', 2.5, 2.0), ('HALF-DOWN', -2.5, -2.0), ('HALF-DOWN', 2.51, 3.0),
    ('HALF-EVEN', 2.5, 2.0), ('HALF-EVEN', 3.5, 4.0), ('HALF-EVEN', 2.6, 3.0),
    ('UP', 2.1, 3.0), ('UP', -2.1, -3.0), ('UP', 2.0, 2.0),
    ('DOWN', 2.9, 2.0), ('DOWN', -2.9, -2.0),
])
def test_rounding_methods(method, value, expected):
    assert float_round(value, precision_digits=0, rounding_method=method) == expected


def test_precision_rounding():
    assert float_round(1.15, precision_rounding=0.1) == 1.2
    assert float_round(7.3, precision_rounding=0.5) == 7.5
    assert float_round(13, precision_rounding=5) == 15
    assert float_round(0.1 + 0.2, precision_rounding=0.05) == 0.3


def test_precision_arguments_are_checked():
    with pytest.raises(AssertionError, match='exactly one'):
        float_round(1.0)
    with pytest.raises(AssertionError, match='exactly one'):
        float_round(1.0, precision_digits=2, precision_rounding=0.01)
    with pytest.raises(AssertionError, match='positive'):
        float_round(1.0, precision_rounding=-0.01)
    with pytest.raises(ValueError, match='unknown rounding method: SIDEWAYS'):
        float_round(1.0, 2, rounding_method='SIDEWAYS')


def test_compare_and_is_zero():
    assert float_compare(1.004, 1.005, precision_digits=2) == -1
    assert float_compare(1.0049, 1.0, precision_digits=2) == 0
    assert float_compare(0.1 + 0.2, 0.3, precision_digits=10) == 0
    assert float_compare(2, 1, precision_rounding=0.01) == 1
    assert float_is_zero(0.004, precision_digits=2)
    assert not float_is_zero(0.005, precision_digits=2)
    assert float_is_zero(-0.0000001, precision_rounding=0.001)


def test_repr_and_split():
    assert float_repr(1.5, 3) == '1.500'
    assert float_repr(-0.0001, 2) == '0.00'
    assert float_split_str(1.432, 2) == ('1', '43')
    assert float_split_str(1.49, 1) == ('1', '5')
    assert float_split_str(1.12, 0) == ('1', '')
    assert float_split(1.1, 3) == (1, 100)
    assert json_float_round(1 / 3, 2) == 0.33
