"""Tests of odoo.tools.date_utils."""
from __future__ import annotations

from datetime import date, datetime

import pytest
import pytz
from dateutil.relativedelta import relativedelta
from odoo.tools import date_utils


def test_start_and_end_of_periods():
    d = date(2024, 2, 15)
    assert date_utils.start_of(d, 'year') == date(2024, 1, 1)
    assert date_utils.end_of(d, 'month') == date(2024, 2, 29)
    assert date_utils.start_of(d, 'quarter') == date(2024, 1, 1)
    assert date_utils.end_of(d, 'quarter') == date(2024, 3, 31)
    assert date_utils.start_of(d, 'week') == date(2024, 2, 12)
    assert date_utils.end_of(d, 'week') == date(2024, 2, 18)
    dt = datetime(2024, 5, 15, 13, 45, 10)
    assert date_utils.start_of(dt, 'hour') == datetime(2024, 5, 15, 13, 0)
    assert date_utils.end_of(dt, 'day') == datetime(2024, 5, 15, 23, 59, 59, 999999)
    with pytest.raises(ValueError, match='Granularity'):
        date_utils.start_of(d, 'hour')


def test_fiscal_year():
    assert date_utils.get_fiscal_year(date(2023, 6, 1)) == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_utils.get_fiscal_year(date(2024, 2, 10), day=31, month=3) == (date(2023, 4, 1), date(2024, 3, 31))
    assert date_utils.get_fiscal_year(date(2024, 3, 1), day=28, month=2) == (date(2024, 3, 1), date(2025, 2, 28))


def test_add_subtract_and_range():
    assert date_utils.add(date(2024, 1, 31), months=1) == date(2024, 2, 29)
    assert date_utils.subtract(date(2024, 3, 1), days=1) == date(2024, 2, 29)
    days = list(date_utils.date_range(date(2024, 1, 1), date(2024, 1, 3), relativedelta(days=1)))
    assert days == [date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3)]
    tz = pytz.timezone('Asia/Shanghai')
    aware = list(date_utils.date_range(tz.localize(datetime(2024, 1, 1)), tz.localize(datetime(2024, 3, 1))))
    assert len(aware) == 3 and all(value.tzinfo is not None for value in aware)
    with pytest.raises(ValueError, match='start > end'):
        list(date_utils.date_range(date(2024, 2, 1), date(2024, 1, 1)))
