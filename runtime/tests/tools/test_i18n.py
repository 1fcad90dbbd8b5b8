"""Tests of odoo.tools.i18n."""
from __future__ import annotations

from odoo.tools import format_list


def test_format_list_per_language():
    assert format_list(None, ['a', 'b', 'c'], lang_code='en_US') == 'a, b, and c'
    assert format_list(None, ['甲', '乙', '丙'], lang_code='zh_CN') == '甲、乙和丙'
    assert format_list(None, ['a', 'b'], style='or', lang_code='en_US') == 'a or b'
