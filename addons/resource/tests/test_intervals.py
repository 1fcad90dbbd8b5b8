"""Interval sets: merging, intersection, difference, totals."""
import datetime

from odoo.addons.resource.models.utils import Intervals, float_to_time, sum_intervals
from odoo.tests import BaseCase, tagged


def at(hour, minute=0):
    return datetime.datetime(2024, 3, 4, hour, minute)


@tagged('at_install', '-post_install')
class TestIntervals(BaseCase):

    def test_overlapping_and_touching_intervals_merge(self):
        merged = Intervals([(at(8), at(10), None), (at(9), at(12), None), (at(12), at(13), None),
                            (at(14), at(15), None)])
        self.assertEqual([(a, b) for a, b, _m in merged], [(at(8), at(13)), (at(14), at(15))])

    def test_and_or_sub(self):
        day = Intervals([(at(8), at(12), None), (at(13), at(17), None)])
        meeting = Intervals([(at(11), at(14), None)])
        self.assertEqual([(a, b) for a, b, _m in day & meeting], [(at(11), at(12)), (at(13), at(14))])
        self.assertEqual([(a, b) for a, b, _m in day - meeting], [(at(8), at(11)), (at(14), at(17))])
        self.assertEqual([(a, b) for a, b, _m in day | meeting], [(at(8), at(17))])
        self.assertEqual(sum_intervals(day - meeting), 6.0)
        self.assertFalse(Intervals([(at(9), at(8), None)]), "an empty or reversed interval is dropped")

    def test_float_to_time(self):
        self.assertEqual(float_to_time(8.5), datetime.time(8, 30))
        self.assertEqual(float_to_time(17.75), datetime.time(17, 45))
        self.assertEqual(float_to_time(24.0), datetime.time.max)
