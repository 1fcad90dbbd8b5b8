from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger
from psycopg2 import IntegrityError

from .common import ConformanceCase


class TestComputed(ConformanceCase):
    def test_stored_total_follows_lines(self):
        order = self._order([("茶叶", 2, 50.0), ("茶具", 1, 120.0)])
        self.assertEqual(order.amount_total, 220.0)
        order.line_ids[0].quantity = 3
        self.assertEqual(order.amount_total, 270.0)
        order.write({"line_ids": [Command.create({"product_name": "礼盒", "price_unit": 30.0})]})
        self.assertEqual(order.amount_total, 300.0)
        order.line_ids.filtered(lambda line: line.product_name == "茶具").unlink()
        self.assertEqual(order.amount_total, 180.0)
        self.env.flush_all()
        found = self.env["conformance.order"].search([("amount_total", "=", 180.0), ("id", "=", order.id)])
        self.assertEqual(found, order)

    def test_stored_total_is_in_database(self):
        order = self._order([("茶叶", 4, 25.0)])
        self.env.flush_all()
        self.env.cr.execute("SELECT amount_total FROM conformance_order WHERE id = %s", [order.id])
        self.assertEqual(self.env.cr.fetchone()[0], 100.0)

    def test_related_fields(self):
        order = self._order([("茶叶", 1, 10.0)])
        self.assertEqual(order.partner_city, "上海")
        self.partner.city = "杭州"
        self.assertEqual(order.partner_city, "杭州")
        self.assertEqual(order.line_ids.order_partner_id, self.partner)
        other = self.env["res.partner"].create({"name": "杭州客户"})
        order.partner_id = other
        self.assertEqual(order.line_ids.order_partner_id, other)

    def test_non_stored_compute_and_mixin(self):
        order = self._order([("茶叶", 1, 10.0), ("茶具", 1, 10.0)], code="A01")
        self.assertEqual(order.line_count, 2)
        self.assertEqual(order.display_code, "[A01]")
        self.assertEqual(self.partner.conformance_order_count, 1)

    def test_python_constraint(self):
        with self.assertRaises(ValidationError):
            self._order([("茶叶", 0, 10.0)])
        order = self._order([("茶叶", 1, 10.0)])
        with self.assertRaises(ValidationError):
            order.line_ids.quantity = -1

    def test_sql_constraint(self):
        order = self._order()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._order(name=order.name)
            self.env.flush_all()

    def test_sequence_numbers(self):
        first, second = self._order(), self._order()
        self.assertRegex(first.name, r"^CO/\d{4}/\d{4}$")
        self.assertEqual(int(second.name[-4:]), int(first.name[-4:]) + 1)

    def test_copy_and_cascade(self):
        order = self._order([("茶叶", 2, 5.0)], code="X")
        duplicate = order.copy()
        self.assertNotEqual(duplicate.name, order.name)
        self.assertFalse(duplicate.code)
        self.assertEqual(duplicate.amount_total, 10.0)
        lines = duplicate.line_ids
        duplicate.unlink()
        self.assertFalse(lines.exists())
