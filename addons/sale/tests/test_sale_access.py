"""Own documents versus all documents."""
from odoo.exceptions import AccessError

from .common import SaleCommon


class TestSaleAccess(SaleCommon):

    def test_salesperson_sees_own_and_unassigned_orders(self):
        mine = self.make_quotation(user=self.seller)
        theirs = self.make_quotation(user=self.other_seller)
        unassigned = self.make_quotation(user=self.manager, user_id=False)
        visible = self.env['sale.order'].with_user(self.seller).search([('id', 'in', (mine | theirs | unassigned).ids)])
        self.assertEqual(visible, mine | unassigned)
        with self.assertRaises(AccessError):
            theirs.with_user(self.seller).read(['name'])

    def test_manager_sees_everything(self):
        orders = self.make_quotation(user=self.seller) | self.make_quotation(user=self.other_seller)
        self.assertEqual(self.env['sale.order'].with_user(self.manager).search([('id', 'in', orders.ids)]), orders)

    def test_salesperson_cannot_delete(self):
        order = self.make_quotation(user=self.seller)
        with self.assertRaises(AccessError):
            order.with_user(self.seller).unlink()

    def test_internal_user_without_sales_rights(self):
        plain = self.env['res.users'].create({'name': '普通员工', 'login': 'plain_sale',
                                              'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        with self.assertRaises(AccessError):
            self.env['sale.order'].with_user(plain).search([])
