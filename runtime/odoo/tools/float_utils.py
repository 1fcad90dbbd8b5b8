"""Float rounding and comparison at a given precision, as Odoo 18 does them.

Values are rounded after scaling to "units of precision", tolerating the last
bits of IEEE-754 error (a relative epsilon of 2**-50), so that 2.675 rounds to
2.68 HALF-UP although its binary value is slightly below.
"""
from __future__ import annotations

import builtins
import math
from decimal import Decimal

__all__ = ['float_compare', 'float_invert', 'float_is_zero', 'float_repr', 'float_round',
           'float_split', 'float_split_str', 'json_float_round']

ROUNDING_METHODS = ('HALF-UP', 'HALF-DOWN', 'HALF-EVEN', 'UP', 'DOWN')


def _precision(precision_digits: int | None, precision_rounding: float | None) -> float:
    """The rounding unit for exactly one of ``precision_digits`` / ``precision_rounding``."""
    if precision_rounding is not None and precision_digits is None:
        if not precision_rounding > 0:
            raise AssertionError(f"precision_rounding must be positive, got {precision_rounding}")
        return precision_rounding
    if precision_digits is not None and precision_rounding is None:
        if not (float(precision_digits).is_integer() and precision_digits >= 0):
            raise AssertionError(f"precision_digits must be a non-negative integer, got {precision_digits}")
        return 10 ** -precision_digits
    raise AssertionError("exactly one of precision_digits and precision_rounding must be specified")


def _round_half_away(value: float) -> float:
    """Round to the nearest integer, ties away from zero (Python rounds ties to even)."""
    return math.copysign(math.floor(abs(value) + 0.5), value)


def float_invert(value: float) -> float:
    """``1 / value`` computed so that decimal units (0.01, 0.05...) invert exactly."""
    inverted = 1 / Decimal(repr(value))
    return float(inverted)


def float_round(value: float, precision_digits: int | None = None,
                precision_rounding: float | None = None, rounding_method: str = 'HALF-UP') -> float:
    """Round ``value`` to ``precision_digits`` decimals or to a multiple of ``precision_rounding``.

    ``rounding_method``: 'HALF-UP' (ties away from zero), 'HALF-DOWN' (ties
    towards zero), 'HALF-EVEN', 'UP' (away from zero), 'DOWN' (towards zero).
    """
    if rounding_method not in ROUNDING_METHODS:
        raise ValueError(f"unknown rounding method: {rounding_method}")
    unit = _precision(precision_digits, precision_rounding)
    if unit == 0 or value == 0:
        return 0.0
    # Dividing by 0.01 is less exact than multiplying by 100: scale by the inverse.
    if unit < 1:
        factor = float_invert(unit)
        scaled = value * factor
    else:
        factor = None
        scaled = value / unit
    epsilon = 2 ** (math.log2(abs(scaled)) - 50)
    if rounding_method == 'HALF-UP':
        result = _round_half_away(scaled + math.copysign(epsilon, scaled))
    elif rounding_method == 'HALF-DOWN':
        result = _round_half_away(scaled - math.copysign(epsilon, scaled))
    elif rounding_method == 'HALF-EVEN':
        floor = math.floor(scaled)
        if abs(0.5 - abs(scaled - floor)) < epsilon:
            result = floor + (floor % 2)
        else:
            result = builtins.round(scaled)
    elif rounding_method == 'UP':
        result = math.trunc(scaled + math.copysign(1 - epsilon, scaled))
    else:
        result = math.trunc(scaled + math.copysign(epsilon, scaled))
    return result / factor if factor is not None else result * unit


def float_is_zero(value: float, precision_digits: int | None = None,
                  precision_rounding: float | None = None) -> bool:
    """Whether ``value`` rounds to zero at the given precision."""
    epsilon = _precision(precision_digits, precision_rounding)
    return value == 0.0 or abs(float_round(value, precision_rounding=epsilon)) < epsilon


def float_compare(value1: float, value2: float, precision_digits: int | None = None,
                  precision_rounding: float | None = None) -> int:
    """-1, 0 or 1 as ``value1`` is lower, equal or greater than ``value2`` at the precision.

    Both values are rounded first, so that 1.004 and 1.005 differ at 2 digits
    (1.00 vs 1.01) although their difference rounds to zero.
    """
    unit = _precision(precision_digits, precision_rounding)
    value1 = float_round(value1, precision_rounding=unit)
    value2 = float_round(value2, precision_rounding=unit)
    delta = value1 - value2
    if float_is_zero(delta, precision_rounding=unit):
        return 0
    return -1 if delta < 0.0 else 1


def float_repr(value: float, precision_digits: int) -> str:
    """``value`` as text with exactly ``precision_digits`` decimals (no rounding logic)."""
    if float_is_zero(value, precision_digits=precision_digits):
        value = 0.0
    return f"{value:.{precision_digits}f}"


def float_split_str(value: float, precision_digits: int) -> tuple[str, str]:
    """Units and decimals of the rounded ``value``: (1.432, 2) -> ('1', '43')."""
    text = float_repr(float_round(value, precision_digits=precision_digits), precision_digits)
    if not precision_digits:
        return text, ''
    units, decimals = text.split('.')
    return units, decimals


def float_split(value: float, precision_digits: int) -> tuple[int, int]:
    """As :func:`float_split_str`, as integers."""
    units, decimals = float_split_str(value, precision_digits)
    return int(units), int(decimals) if decimals else 0


def json_float_round(value: float, precision_digits: int, rounding_method: str = 'HALF-UP') -> float:
    """A rounded float whose ``repr`` has at most ``precision_digits`` decimals (for JSON)."""
    rounded = float_round(value, precision_digits=precision_digits, rounding_method=rounding_method)
    return float(float_repr(rounded, precision_digits))
