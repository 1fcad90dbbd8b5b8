from odoo.tests import TransactionCase, new_test_user


class ConformanceCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "上海天池贸易有限公司", "city": "上海"})
        cls.user = new_test_user(cls.env, login="conf_user", groups="base.group_user")
        cls.other_user = new_test_user(cls.env, login="conf_other", groups="base.group_user")

    def _order(self, lines=(), **vals):
        vals.setdefault("partner_id", self.partner.id)
        vals["line_ids"] = [
            (0, 0, {"product_name": name, "quantity": qty, "price_unit": price})
            for name, qty, price in lines
        ]
        return self.env["conformance.order"].create(vals)
