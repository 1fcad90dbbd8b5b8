"""Quotations: numbering, amounts, states, lines."""
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import mute_logger
from psycopg2 import IntegrityError

from .common import SaleCommon


class TestSaleOrder(SaleCommon):

    def test_name_from_sequence(self):
        first = self.make_quotation()
        second = self.make_quotation()
        self.assertRegex(first.name, r'^S\d{5}$')
        self.assertEqual(int(second.name[1:]), int(first.name[1:]) + 1)

    def test_line_defaults_from_product(self):
        order = self.make_quotation()
        desk_line, service_line = order.order_line
        self.assertEqual(desk_line.price_unit, 1000.0)
        self.assertEqual(desk_line.tax_id, self.vat13)
        self.assertEqual(desk_line.product_uom, self.env.ref('uom.product_uom_unit'))
        self.assertEqual(desk_line.name, '办公桌')
        self.assertEqual(service_line.product_uom, self.env.ref('uom.product_uom_hour'))
        self.assertEqual(order.user_id, self.seller)
        self.assertEqual(order.partner_invoice_id, self.customer)
        self.assertEqual(order.partner_shipping_id, self.customer)

    def test_amounts(self):
        order = self.make_quotation()
        desk_line, service_line = order.order_line
        self.assertEqual((desk_line.price_subtotal, desk_line.price_tax, desk_line.price_total), (2000.0, 260.0, 2260.0))
        self.assertEqual((service_line.price_subtotal, service_line.price_tax), (1350.0, 81.0))
        self.assertEqual(order.amount_untaxed, 3350.0)
        self.assertEqual(order.amount_tax, 341.0)
        self.assertEqual(order.amount_total, 3691.0)
        desk_line.discount = 10
        self.assertEqual(desk_line.price_subtotal, 1800.0)
        self.assertEqual(order.amount_total, round(1800 * 1.13 + 1350 * 1.06, 2))

    def test_price_in_line_unit(self):
        order = self.make_quotation(lines=[{'product_id': self.desk.id, 'product_uom_qty': 1,
                                            'product_uom': self.env.ref('uom.product_uom_dozen').id}])
        self.assertEqual(order.order_line.price_unit, 12000.0)

    def test_negative_quantity_is_accepted_as_in_odoo(self):
        order = self.make_quotation(lines=[{'product_id': self.desk.id, 'product_uom_qty': -2}])
        self.assertEqual(order.order_line.price_subtotal, -2000.0)
        self.assertEqual(order.amount_tax, -260.0)
        self.assertEqual(order.amount_total, -2260.0)
        order.action_confirm()
        self.assertEqual(order.order_line.qty_to_invoice, -2.0)

    def test_sections_and_notes(self):
        order = self.make_quotation()
        order.order_line = [Command.create({'display_type': 'line_section', 'name': '家具'}),
                            Command.create({'display_type': 'line_note', 'name': '送货上门'})]
        section = order.order_line.filtered(lambda sol: sol.display_type == 'line_section')
        self.assertEqual((section.product_uom_qty, section.price_subtotal), (0.0, 0.0))
        self.assertEqual(order.amount_untaxed, 3350.0)
        order.action_confirm()
        self.assertEqual(order.state, 'sale')

    def test_confirm_sent_cancel_draft(self):
        order = self.make_quotation()
        self.assertEqual(order.state, 'draft')
        order.action_quotation_sent()
        self.assertEqual(order.state, 'sent')
        self.assertIn(self.customer, order.message_partner_ids)
        order.action_confirm()
        self.assertEqual(order.state, 'sale')
        self.assertEqual(order.invoice_status, 'to invoice')
        self.assertEqual(order.order_line.mapped('qty_to_invoice'), [2.0, 3.0])
        with self.assertRaises(UserError):
            order.action_confirm()
        order.action_cancel()
        self.assertEqual(order.state, 'cancel')
        order.action_draft()
        self.assertEqual(order.state, 'draft')

    def test_locked_order(self):
        order = self.make_quotation(user=self.manager)
        order.action_confirm()
        order.with_user(self.manager).action_lock()
        with self.assertRaises(UserError):
            order.order_line[0].product_uom_qty = 5
        with self.assertRaises(UserError):
            order.action_cancel()
        order.with_user(self.manager).action_unlock()
        order.order_line[0].product_uom_qty = 5
        self.assertEqual(order.order_line[0].price_subtotal, 5000.0)

    def test_confirmed_lines_cannot_be_deleted(self):
        order = self.make_quotation()
        order.action_confirm()
        with self.assertRaises(UserError):
            order.order_line[0].unlink()
        with self.assertRaises(UserError):
            order.with_user(self.manager).unlink()

    def test_note_line_cannot_carry_a_product(self):
        order = self.make_quotation()
        with self.assertRaises(IntegrityError), self.env.cr.savepoint(), mute_logger('odoo.sql_db'):
            self.env['sale.order.line'].create({
                'order_id': order.id, 'display_type': 'line_note', 'name': '备注', 'product_id': self.desk.id})

    def test_quotation_send_opens_composer_with_template(self):
        order = self.make_quotation()
        action = order.action_quotation_send()
        self.assertEqual(action['res_model'], 'mail.compose.message')
        self.assertEqual(action['context']['default_template_id'], self.env.ref('sale.email_template_edi_sale').id)
        self.assertTrue(action['context']['mark_so_as_sent'])
        order.with_context(mark_so_as_sent=True).message_post(body='报价单已发送')
        self.assertEqual(order.state, 'sent')

    def test_team_from_salesperson(self):
        team = self.env['crm.team'].create({'name': '测试组', 'member_ids': [Command.link(self.seller.id)]})
        order = self.make_quotation()
        self.assertEqual(order.team_id, team)

    def test_partner_and_team_counters(self):
        order = self.make_quotation()
        order.action_confirm()
        self.make_quotation()
        self.assertEqual(self.customer.with_user(self.manager).sale_order_count, 2)
        self.assertEqual(self.desk.with_user(self.manager).sales_count, 2.0)
