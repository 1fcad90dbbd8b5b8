from odoo.tests import Form

from .common import ConformanceCase


class TestForm(ConformanceCase):
    def test_onchange_and_lines(self):
        with Form(self.env["conformance.order"]) as form:
            form.partner_id = self.partner
            self.assertEqual(form.delivery_note, "Deliver to 上海")
            with form.line_ids.new() as line:
                line.product_name = "茶叶"
                line.quantity = 3
                line.price_unit = 20
            with form.line_ids.new() as line:
                line.product_name = "茶具"
                line.price_unit = 40
            self.assertEqual(form.amount_total, 100)
        order = form.record
        self.assertEqual(len(order.line_ids), 2)
        self.assertEqual(order.amount_total, 100)
        self.assertTrue(order.name.startswith("CO/"))
