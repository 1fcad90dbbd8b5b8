"""Amounts in Chinese capital numerals (大写金额)."""
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools.amount_cn import amount_to_chinese


@tagged('at_install', '-post_install')
class TestAmountToChinese(BaseCase):

    def test_yuan_jiao_fen(self):
        self.assertEqual(amount_to_chinese(12345.67), '壹万贰仟叁佰肆拾伍元陆角柒分')
        self.assertEqual(amount_to_chinese(1.5), '壹元伍角')
        self.assertEqual(amount_to_chinese(8.09), '捌元零玖分')
        self.assertEqual(amount_to_chinese(100.05), '壹佰元零伍分')

    def test_whole_amounts_end_with_zheng(self):
        self.assertEqual(amount_to_chinese(10), '壹拾元整')
        self.assertEqual(amount_to_chinese(Decimal('3000.00')), '叁仟元整')
        self.assertEqual(amount_to_chinese(100000000), '壹亿元整')
        self.assertEqual(amount_to_chinese('20000'), '贰万元整')

    def test_zeros_inside(self):
        self.assertEqual(amount_to_chinese(1005), '壹仟零伍元整')
        self.assertEqual(amount_to_chinese(1050), '壹仟零伍拾元整')
        self.assertEqual(amount_to_chinese(10100), '壹万零壹佰元整')
        self.assertEqual(amount_to_chinese(100010), '壹拾万零壹拾元整')
        self.assertEqual(amount_to_chinese(1000000001), '壹拾亿零壹元整')
        self.assertEqual(amount_to_chinese(100000005), '壹亿零伍元整')
        self.assertEqual(amount_to_chinese(110000), '壹拾壹万元整')
        self.assertEqual(amount_to_chinese(30000080.2), '叁仟万零捌拾元贰角')
        self.assertEqual(amount_to_chinese(100001000), '壹亿零壹仟元整')
        # 亿 sits above 万: one 亿 however large the number
        self.assertEqual(amount_to_chinese(10 ** 12), '壹万亿元整')
        self.assertEqual(amount_to_chinese(10 ** 12 + 10 ** 8), '壹万零壹亿元整')

    def test_below_one_yuan(self):
        self.assertEqual(amount_to_chinese(0.05), '伍分')
        self.assertEqual(amount_to_chinese(0.5), '伍角')
        self.assertEqual(amount_to_chinese(0.25), '贰角伍分')
        self.assertEqual(amount_to_chinese(0), '零元整')

    def test_rounded_half_up_to_the_fen(self):
        self.assertEqual(amount_to_chinese(0.005), '壹分')
        self.assertEqual(amount_to_chinese(2.675), '贰元陆角捌分')
        self.assertEqual(amount_to_chinese(9.999), '壹拾元整')

    def test_refused_amounts(self):
        for amount in (-1, -0.01, Decimal('-100'), 10 ** 16, 'abc', float('nan'), float('inf'), None):
            with self.subTest(amount=amount), self.assertRaises(ValueError):
                amount_to_chinese(amount)
        # the largest amount still written
        self.assertEqual(amount_to_chinese(9999999999999999), '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿'
                                                              '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整')
