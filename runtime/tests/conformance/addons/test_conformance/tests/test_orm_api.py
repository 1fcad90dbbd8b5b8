from odoo.exceptions import UserError, ValidationError

from .common import ConformanceCase


class TestOrmApi(ConformanceCase):
    def test_child_of_and_commercial_partner(self):
        company = self.env["res.partner"].create({"name": "深圳海螺科技", "is_company": True})
        contact = self.env["res.partner"].create({"name": "王伟", "parent_id": company.id})
        found = self.env["res.partner"].search([("id", "child_of", company.id)])
        self.assertEqual(found, company | contact)
        self.assertEqual(contact.commercial_partner_id, company)
        self.assertEqual(contact.display_name, "深圳海螺科技, 王伟")

    def test_inherits_delegation(self):
        self.assertEqual(self.user.partner_id.name, self.user.name)
        self.user.name = "李娜"
        self.assertEqual(self.user.partner_id.name, "李娜")

    def test_search_operators_and_read_group(self):
        self._order([("a", 1, 10.0)], state="confirmed")
        self._order([("b", 1, 30.0)], state="confirmed")
        self._order([("c", 1, 5.0)])
        Order = self.env["conformance.order"]
        domain = [("partner_id", "=", self.partner.id)]
        groups = Order.read_group(domain, ["amount_total:sum"], ["state"])
        totals = {group["state"]: group["amount_total"] for group in groups}
        self.assertEqual(totals, {"confirmed": 40.0, "draft": 5.0})
        self.assertEqual(Order.search_count(domain + [("line_ids.product_name", "in", ["a", "b"])]), 2)
        self.assertEqual(Order.search_count(domain + ["!", ("state", "=", "draft")]), 2)
        self.assertEqual(Order.search_count(domain + [("partner_id.name", "ilike", "天池")]), 3)

    def test_mapped_filtered_sorted(self):
        orders = self._order([("a", 1, 10.0)]) | self._order([("b", 2, 10.0)])
        self.assertEqual(sorted(orders.mapped("line_ids.product_name")), ["a", "b"])
        self.assertEqual(orders.filtered(lambda o: o.amount_total > 15).amount_total, 20.0)
        self.assertEqual(orders.sorted("amount_total", reverse=True).mapped("amount_total"), [20.0, 10.0])

    def test_company_check(self):
        other_company = self.env["res.company"].create({"name": "分公司"})
        partner = self.env["res.partner"].create({"name": "分公司客户", "company_id": other_company.id})
        with self.assertRaises(UserError):
            self._order(partner_id=partner.id)

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            self.env["conformance.order"].create({"partner_id": self.partner.id, "no_such_field": 1})
        with self.assertRaises(ValueError):
            self.env["conformance.order"].search([("state", "no-op", "x")])
        with self.assertRaises(ValidationError):
            self.partner.write({"parent_id": self.partner.id})
