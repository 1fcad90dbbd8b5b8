"""Sales users, a customer, taxed products and a quotation builder for the sale tests."""
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class SaleCommon(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.manager = new_test_user(cls.env, login='sale_manager', groups='sales_team.group_sale_manager',
                                    name='销售总监', email='manager@example.com')
        cls.seller = new_test_user(cls.env, login='sale_seller', groups='sales_team.group_sale_salesman',
                                   name='销售员甲', email='seller@example.com')
        cls.other_seller = new_test_user(cls.env, login='sale_seller2', groups='sales_team.group_sale_salesman',
                                         name='销售员乙')
        cls.customer = cls.env['res.partner'].create({'name': '苏州工业园区某某公司', 'email': 'buyer@example.com'})
        cls.vat13 = cls.env['account.tax'].create({'name': '增值税 13% (测试)', 'amount': 13})
        cls.vat6 = cls.env['account.tax'].create({'name': '增值税 6% (测试)', 'amount': 6})
        Product = cls.env['product.product']
        cls.desk = Product.create({'name': '办公桌', 'list_price': 1000.0, 'taxes_id': [Command.set(cls.vat13.ids)]})
        cls.service = Product.create({'name': '服务器维护服务', 'type': 'service', 'list_price': 450.0,
                                      'uom_id': cls.env.ref('uom.product_uom_hour').id,
                                      'uom_po_id': cls.env.ref('uom.product_uom_hour').id,
                                      'taxes_id': [Command.set(cls.vat6.ids)]})

    @classmethod
    def make_quotation(cls, user=None, lines=None, **values):
        Order = cls.env['sale.order'].with_user(user or cls.seller)
        return Order.create({
            'partner_id': cls.customer.id,
            'order_line': [Command.create(line) for line in (lines or [
                {'product_id': cls.desk.id, 'product_uom_qty': 2},
                {'product_id': cls.service.id, 'product_uom_qty': 3},
            ])],
            **values,
        })
