"""Order types and stages as a company designs them: stage order, effective
staff from users and whole departments, the board's columns, the first
stage as default, and bad settings refused."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TianchiPipelineCase


@tagged('at_install')
class TestStageDesign(TianchiPipelineCase):

    def test_stages_in_sequence(self):
        self.assertEqual(self.order_type.stage_ids.mapped('name'), ['线索确认', '抢单', '报价', '回款', '完成'])

    def test_effective_staff_includes_sub_departments(self):
        # 销售中心 is staff: its own people and those of 华南大区 below it, not 总部's
        staff = self.stage_grab.effective_user_ids
        self.assertIn(self.sale_a, staff)
        self.assertIn(self.sale_b, staff)
        self.assertIn(self.sale_c, staff)
        self.assertIn(self.head, staff)
        self.assertNotIn(self.outsider, staff)
        self.assertNotIn(self.finance, staff)
        self.assertEqual(self.stage_payment.effective_user_ids, self.finance)

    def test_effective_staff_search(self):
        Stage = self.env['tianchi.order.stage']
        self.assertEqual(Stage.search([('order_type_id', '=', self.order_type.id),
                                       ('effective_user_ids', 'in', [self.sale_a.id])]), self.stage_grab)
        self.assertEqual(Stage.search([('order_type_id', '=', self.order_type.id),
                                       ('effective_user_ids', 'in', [self.finance.id])]), self.stage_payment)
        # moving the person out of the department takes them off the staff at once
        self.employee_of(self.sale_a).department_id = self.dep_finance
        self.assertFalse(Stage.search([('order_type_id', '=', self.order_type.id),
                                       ('effective_user_ids', 'in', [self.sale_a.id])]))

    def test_new_order_starts_in_first_stage(self):
        order = self.env['sale.order'].with_company(self.company).create({
            'partner_id': self.customer.id, 'company_id': self.company.id, 'order_type_id': self.order_type.id})
        self.assertEqual(order.stage_id, self.stage_lead)
        self.assertTrue(order.stage_date)
        self.assertEqual(order.stage_history_ids.stage_id, self.stage_lead)

    def test_stage_without_type_takes_the_stage_type(self):
        order = self.env['sale.order'].with_company(self.company).create({
            'partner_id': self.customer.id, 'company_id': self.company.id, 'stage_id': self.stage_quote.id})
        self.assertEqual(order.order_type_id, self.order_type)

    def test_board_shows_every_stage_of_the_type(self):
        self._order(self.stage_quote, owner=self.sale_a)
        groups = self.env['sale.order'].with_context(default_order_type_id=self.order_type.id).read_group(
            [('order_type_id', '=', self.order_type.id)], ['stage_id'], ['stage_id'])
        self.assertEqual([group['stage_id'][0] for group in groups], self.order_type.stage_ids.ids)

    def test_stage_of_another_type_refused(self):
        other = self.env['tianchi.order.type'].create({'name': '项目实施型', 'company_id': self.company.id})
        foreign = self.env['tianchi.order.stage'].create({'name': '立项', 'order_type_id': other.id})
        order = self._order(self.stage_lead)
        with self.assertRaisesRegex(UserError, '立项'):
            order.write({'stage_id': foreign.id})
        self.assertEqual(order.stage_id, self.stage_lead)

    def test_changing_type_moves_to_its_first_stage(self):
        other = self.env['tianchi.order.type'].create({'name': '项目实施型', 'company_id': self.company.id})
        first = self.env['tianchi.order.stage'].create({'name': '立项', 'order_type_id': other.id})
        order = self._order(self.stage_lead)
        order.order_type_id = other
        self.assertEqual(order.stage_id, first)

    def test_negative_sla_refused(self):
        with self.assertRaisesRegex(ValidationError, '报价'):
            self.stage_quote.sla_hours = -1
