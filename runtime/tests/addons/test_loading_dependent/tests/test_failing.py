from odoo.tests import TransactionCase, tagged


@tagged('-standard', 'failing_on_purpose')
class TestFailing(TransactionCase):
    """Selected only with --test-tags failing_on_purpose: checks that a
    failing test makes the run fail."""

    def test_fails(self):
        self.assertEqual(1, 2, "this test fails on purpose")
