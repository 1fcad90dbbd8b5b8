"""Shared set-up of the quotation and contract tests: tianchi_org's
organisation and role users (the salesperson also a sales user), a
customer with an e-mail, products in a category tree (without taxes:
Odoo 18 needs a chart of accounts for them), and a quotation builder;
amounts in CNY."""
from odoo.addons.tianchi_org.tests.common import TianchiOrgCase
from odoo.fields import Command

SALESMAN = 'sales_team.group_sale_salesman'


class TianchiQuoteCase(TianchiOrgCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cny = cls.env.ref('base.CNY')
        cny.active = True
        cls.company.write({'currency_id': cny.id, 'country_id': cls.env.ref('base.cn').id})
        cls.cny = cny
        cls.seller = cls.users['sale']
        cls.seller.write({'groups_id': [Command.link(cls.env.ref(SALESMAN).id)], 'email': 'seller@tianchi.example'})
        cls.customer = cls.env['res.partner'].create({
            'name': '苏州恒远机电设备有限公司', 'email': 'buyer@hengyuan.example', 'company_id': cls.company.id,
            'street': '工业园区星湖街 328 号', 'city': '苏州'})
        cls.supplier_a = cls.env['res.partner'].create({'name': '宁波甬达五金制品厂', 'company_id': cls.company.id})
        cls.supplier_b = cls.env['res.partner'].create({'name': '东莞精工电子有限公司', 'company_id': cls.company.id})
        Category = cls.env['product.category']
        cls.categ_equipment = Category.create({'name': '机电设备'})
        cls.categ_motors = Category.create({'name': '电机', 'parent_id': cls.categ_equipment.id})
        cls.categ_service = Category.create({'name': '服务'})
        Product = cls.env['product.product']
        cls.motor = Product.create({'name': '三相异步电机 YE3-132M', 'categ_id': cls.categ_motors.id,
                                    'list_price': 3000.0, 'taxes_id': [Command.clear()]})
        cls.cabinet = Product.create({'name': '配电柜 GGD', 'categ_id': cls.categ_equipment.id,
                                      'list_price': 8000.0, 'taxes_id': [Command.clear()]})
        cls.install = Product.create({'name': '安装调试服务', 'type': 'service', 'categ_id': cls.categ_service.id,
                                      'list_price': 500.0, 'taxes_id': [Command.clear()]})

    @classmethod
    def make_quotation(cls, lines=None, user=None, **values):
        """A quotation of the seller for the customer; ``lines`` are
        (product, quantity, unit price) triples."""
        lines = lines if lines is not None else [(cls.motor, 2, 3000.25), (cls.cabinet, 1, 8000.0)]
        Order = cls.env['sale.order'].with_user(user or cls.seller).with_company(cls.company)
        return Order.create({
            'partner_id': cls.customer.id,
            'company_id': cls.company.id,
            'user_id': (user or cls.seller).id,
            'order_line': [Command.create({'product_id': product.id, 'product_uom_qty': qty, 'price_unit': price})
                           for product, qty, price in lines],
            **values,
        })

    @classmethod
    def supplier_quote(cls, line, supplier, price, state='received', **values):
        return cls.env['tianchi.supplier.quote'].with_user(cls.seller).create({
            'order_id': line.order_id.id, 'order_line_id': line.id, 'supplier_id': supplier.id,
            'price_unit': price, 'currency_id': cls.cny.id, 'state': state, **values})
