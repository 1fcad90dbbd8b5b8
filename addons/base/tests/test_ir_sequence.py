"""Sequences: placeholders, padding, steps, date ranges, both implementations."""
import threading
from datetime import date

import psycopg2
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestSequence(TransactionCase):

    def _sequence(self, **values):
        base = {'name': 'd2 sequence', 'code': 'd2.test', 'padding': 5}
        base.update(values)
        return self.env['ir.sequence'].create(base)

    def test_standard_prefix_padding_and_step(self):
        seq = self._sequence(prefix='SO/%(year)s/', number_increment=2, number_next=7)
        with_date = seq.with_context(ir_sequence_date='2026-03-15')
        self.assertEqual(with_date.next_by_id(), 'SO/2026/00007')
        self.assertEqual(with_date.next_by_id(), 'SO/2026/00009')
        self.assertEqual(seq.number_next_actual, 11)

    def test_all_date_placeholders(self):
        seq = self._sequence(prefix='%(y)s%(month)s%(day)s-', suffix='-%(doy)s', padding=3)
        self.assertEqual(seq.with_context(ir_sequence_date='2026-02-05')._next(), '260205-001-036')

    def test_next_by_code(self):
        self._sequence(prefix='INV')
        self.assertEqual(self.env['ir.sequence'].next_by_code('d2.test'), 'INV00001')
        self.assertFalse(self.env['ir.sequence'].next_by_code('d2.unknown.code'))

    def test_no_gap(self):
        seq = self._sequence(implementation='no_gap', prefix='NG', number_next=41)
        self.assertEqual(seq._next(), 'NG00041')
        self.assertEqual(seq._next(), 'NG00042')
        seq.invalidate_recordset()
        self.assertEqual(seq.number_next, 43)

    def test_switch_implementation_keeps_numbering(self):
        seq = self._sequence(implementation='no_gap', number_next=10)
        seq._next()
        seq.invalidate_recordset()
        seq.write({'implementation': 'standard'})
        self.assertEqual(seq._next(), '00011')
        seq.write({'number_next': 100})
        self.assertEqual(seq._next(), '00100')

    def test_date_ranges(self):
        seq = self._sequence(prefix='%(range_year)s-', use_date_range=True, padding=2)
        self.assertEqual(seq._next(sequence_date=date(2025, 6, 1)), '2025-01')
        self.assertEqual(seq._next(sequence_date=date(2025, 7, 1)), '2025-02')
        self.assertEqual(seq._next(sequence_date=date(2026, 1, 1)), '2026-01')
        ranges = seq.date_range_ids.sorted('date_from')
        self.assertEqual([(r.date_from, r.date_to) for r in ranges],
                         [(date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 12, 31))])

    def test_bad_prefix_names_sequence(self):
        seq = self._sequence(prefix='%(century)s', name='d2 broken')
        with self.assertRaisesRegex(UserError, 'd2 broken'):
            seq._next()

    def test_zero_step_refused(self):
        with self.assertRaises(UserError):
            self._sequence(number_increment=0)


@tagged('post_install', '-at_install')
class TestSequenceConcurrency(TransactionCase):
    """Two transactions numbering with the same no_gap sequence: the second
    waits for the first, then fails to serialize and is retried (as every
    request is), so no number is skipped or given twice."""

    def test_no_gap_waits_and_never_repeats(self):
        with self.registry.cursor() as setup_cr:
            seq = self.env(cr=setup_cr)['ir.sequence'].create(
                {'name': 'd2 concurrent', 'implementation': 'no_gap', 'prefix': 'C', 'padding': 3})
            setup_cr.commit()
        outcome = {}
        try:
            with self.registry.cursor() as first_cr, self.registry.cursor() as second_cr:
                outcome['first'] = seq.with_env(self.env(cr=first_cr))._next()

                def second():
                    try:
                        outcome['second'] = seq.with_env(self.env(cr=second_cr))._next()
                    except psycopg2.errors.SerializationFailure:
                        outcome['second'] = 'retry'
                    second_cr.rollback()

                waiting = threading.Thread(target=second)
                waiting.start()
                waiting.join(timeout=1.0)
                self.assertTrue(waiting.is_alive(), "the second transaction waits for the row lock")
                first_cr.commit()
                waiting.join(timeout=10.0)
                self.assertFalse(waiting.is_alive())
            self.assertEqual(outcome, {'first': 'C001', 'second': 'retry'})
            with self.registry.cursor() as retry_cr:
                self.assertEqual(seq.with_env(self.env(cr=retry_cr))._next(), 'C002')
                retry_cr.commit()
        finally:
            with self.registry.cursor() as cleanup_cr:
                cleanup_cr.execute("DELETE FROM ir_sequence WHERE id = %s", [seq.id])
                cleanup_cr.commit()
