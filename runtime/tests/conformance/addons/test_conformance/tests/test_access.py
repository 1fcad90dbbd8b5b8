from odoo.exceptions import AccessError, UserError

from .common import ConformanceCase


class TestAccess(ConformanceCase):
    def test_user_creates_but_cannot_delete(self):
        order = self.env["conformance.order"].with_user(self.user).create({"partner_id": self.partner.id})
        self.assertEqual(order.user_id, self.user)
        with self.assertRaises(AccessError):
            order.unlink()

    def test_record_rule_limits_to_own_orders(self):
        mine = self._order(user_id=self.user.id)
        theirs = self._order(user_id=self.other_user.id)
        Order = self.env["conformance.order"].with_user(self.user)
        self.assertEqual(Order.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user).read(["name"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.user).write({"delivery_note": "x"})

    def test_sudo_bypasses_rules(self):
        theirs = self._order(user_id=self.other_user.id)
        self.assertEqual(theirs.with_user(self.user).sudo().name, theirs.name)

    def test_ondelete_guard(self):
        order = self._order(state="done")
        with self.assertRaises(UserError):
            order.unlink()
