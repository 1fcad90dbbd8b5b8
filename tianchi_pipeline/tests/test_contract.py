"""Contracts from confirmed, sent quotations: numbering per company,
the text from the company's QWeb template (escaped), the approval by each
chosen role, the PDF, and refusals that change nothing."""
import shutil
import subprocess
from datetime import date

from odoo.addons.tianchi_org.tests.common import smtp_inbox
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase

FINANCE = 'tianchi_org.tianchi_org_group_finance'
HQ_HEAD = 'tianchi_org.tianchi_org_group_hq_head'


@tagged('at_install', '-post_install')
class TestContract(TianchiQuoteCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env['tianchi.contract.template'].create({
            'name': '测试销售合同', 'company_id': cls.company.id, 'duration_months': 12, 'reminder_days': 15,
            'approval_group_ids': [(6, 0, [cls.env.ref(FINANCE).id, cls.env.ref(HQ_HEAD).id])],
            'body': '<div><h2>销售合同</h2><p>乙方: <t t-out="object.partner_id.name"/></p>'
                    '<t t-foreach="object.order_id.order_line" t-as="line"><p t-out="line.name"/></t>'
                    '<p>金额 <t t-out="format_amount(object.amount_total, object.currency_id)"/>'
                    ' 大写 <t t-out="object.amount_words"/></p></div>',
        })

    def setUp(self):
        super().setUp()
        inbox = smtp_inbox(self.env)
        self.smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)

    def _sent_and_confirmed(self, send=False, **values):
        """A confirmed order whose quotation went out as V1; ``send`` really
        e-mails it, else the revision is recorded without printing (faster)."""
        order = self.make_quotation(**values)
        if send:
            order.with_user(self.seller).action_tianchi_send_quotation()
        else:
            self.env['tianchi.quote.revision'].create({'order_id': order.id, 'number': 1})
        order.with_user(self.seller).action_confirm()
        return order

    def _contract(self, order=None):
        order = order or self._sent_and_confirmed()
        action = order.with_user(self.seller).action_tianchi_create_contract()
        return self.env['tianchi.contract'].browse(action['res_id'])

    def test_contract_from_confirmed_order(self):
        order = self._sent_and_confirmed(send=True)
        self.assertEqual(order.quote_revision, 'V1')
        contract = self._contract(order)
        today = date.today()
        self.assertRegex(contract.name, rf'^HT{today:%Y%m}-\d{{4}}$')
        self.assertEqual((contract.order_id, contract.partner_id, contract.user_id, contract.company_id),
                         (order, self.customer, self.seller, self.company))
        self.assertAlmostEqual(contract.amount_total, 14000.5)
        self.assertEqual(contract.amount_words, '壹万肆仟元伍角')
        self.assertEqual(contract.state, 'draft')
        self.assertEqual(contract.template_id, self.template)
        self.assertEqual(contract.approval_group_ids, self.template.approval_group_ids)
        self.assertEqual(contract.start_date, today)
        self.assertEqual(contract.end_date.year, today.year + 1)
        self.assertEqual(contract.reminder_days, 15)
        body = str(contract.body)
        self.assertIn('乙方: 苏州恒远机电设备有限公司', body)
        self.assertIn('配电柜 GGD', body)
        self.assertIn('壹万肆仟元伍角', body)
        self.assertIn('14,000.50', body)
        self.assertEqual(order.tianchi_contract_count, 1)
        # the seller sees their contract; another salesperson does not
        self.assertEqual(self.env['tianchi.contract'].with_user(self.seller).search([]), contract)
        self.assertFalse(self.env['tianchi.contract'].with_user(self.users['marketing']).search([]))

    def test_numbers_follow_each_company_sequence(self):
        first, second = self._contract(), self._contract()
        prefix = first.name[:-4]
        self.assertEqual(int(second.name[-4:]), int(first.name[-4:]) + 1)
        self.assertEqual(second.name[:-4], prefix)
        # the company edits its own rule; other companies keep theirs
        sequence = self.env['tianchi.contract']._contract_sequence(self.company)
        self.assertEqual(sequence.company_id, self.company)
        sequence.prefix = 'TC-HT%(year)s-'
        third = self._contract()
        self.assertRegex(third.name, rf'^TC-HT{date.today():%Y}-\d{{4}}$')
        other = self.env['res.company'].create({'name': '别家公司'})
        self.assertTrue(self.env['tianchi.contract']._next_number(other).startswith('HT'))

    def test_template_values_are_escaped(self):
        self.customer.name = '恒远<b onclick="x()">机电</b>'
        contract = self._contract()
        body = str(contract.body)
        self.assertIn('恒远&lt;b onclick=', body)
        self.assertIn('&gt;机电&lt;/b&gt;', body)
        self.assertNotIn('<b onclick', body)

    def test_refusals_leave_nothing_behind(self):
        draft = self.make_quotation()
        with self.assertRaisesRegex(UserError, 'not a confirmed order'):
            draft.with_user(self.seller).action_tianchi_create_contract()
        confirmed_unsent = self.make_quotation()
        confirmed_unsent.action_confirm()
        with self.assertRaisesRegex(UserError, 'never sent'):
            confirmed_unsent.with_user(self.seller).action_tianchi_create_contract()
        self.assertFalse(self.env['tianchi.contract'].search([('order_id', 'in', (draft | confirmed_unsent).ids)]))
        self.assertFalse(self.env['ir.sequence'].search([('code', '=', 'tianchi.contract'),
                                                          ('company_id', '=', self.company.id)]))

    def test_every_chosen_role_approves_before_valid(self):
        contract = self._contract()
        finance, hq_head, outsider = self.users['finance'], self.users['hq_head'], self.users['tech']
        with self.assertRaisesRegex(UserError, 'not waiting for approval'):
            contract.with_user(finance).action_approve()
        with self.assertRaisesRegex(UserError, 'must be approved'):
            contract.with_user(self.seller).action_validate()
        contract.with_user(self.seller).action_submit()
        self.assertEqual(contract.state, 'to_approve')
        self.assertEqual(contract.pending_group_ids, contract.approval_group_ids)
        # approvers are told, and see the contract they approve
        self.assertIn(finance, contract.activity_ids.user_id)
        self.assertEqual(self.env['tianchi.contract'].with_user(finance).search([]), contract)
        with self.assertRaises(AccessError):
            contract.with_user(outsider).action_approve()
        with self.assertRaises(AccessError):
            contract.with_user(self.seller).action_approve()
        contract.with_user(finance).action_approve(comment='价格已核')
        self.assertEqual(contract.state, 'to_approve')
        self.assertEqual(contract.pending_group_ids, self.env.ref(HQ_HEAD))
        # finance's to-do is done; the HQ head (of both roles) still has one
        self.assertEqual(contract.activity_ids.user_id, hq_head)
        # one role approves once: finance cannot approve again
        with self.assertRaises(AccessError):
            contract.with_user(finance).action_approve()
        contract.with_user(hq_head).action_approve()
        self.assertEqual(contract.state, 'approved')
        self.assertFalse(contract.activity_ids)
        log = contract.approval_ids.sorted('id')
        self.assertEqual(log.mapped('user_id'), finance | hq_head)
        self.assertEqual(log.mapped('decision'), ['approved', 'approved'])
        self.assertEqual(log[0].comment, '价格已核')
        contract.with_user(self.seller).write({'signed_copy': 'JVBERi0xLjQ=', 'signed_copy_filename': '合同签回.pdf'})
        contract.with_user(self.seller).action_validate()
        self.assertEqual(contract.state, 'valid')

    def test_rejection_sends_back_to_draft_and_resubmission_starts_afresh(self):
        contract = self._contract()
        contract.with_user(self.seller).action_submit()
        contract.with_user(self.users['finance']).action_approve()
        contract.with_user(self.users['hq_head']).action_reject(comment='付款条件需修改')
        self.assertEqual(contract.state, 'draft')
        self.assertEqual(contract.approval_ids.filtered(lambda a: a.decision == 'rejected').comment, '付款条件需修改')
        contract.with_user(self.seller).action_submit()
        self.assertEqual(contract.pending_group_ids, contract.approval_group_ids)
        self.assertEqual(len(contract.approval_ids), 2)

    def test_contract_without_approver_roles_is_approved_on_submit_by_hq_head(self):
        contract = self._contract()
        contract.approval_group_ids = False
        with self.assertRaises(UserError):
            contract.with_user(self.seller).action_submit()
        self.assertEqual(contract.state, 'draft')
        contract.with_user(self.users['hq_head']).action_submit()
        self.assertEqual(contract.state, 'approved')

    def test_contract_pdf_holds_amount_in_figures_and_words(self):
        contract = self._contract()
        content, kind = self.env['ir.actions.report']._render_qweb_pdf(
            'tianchi_pipeline.action_report_tianchi_contract', contract.ids)
        if kind == 'pdf':
            if not shutil.which('pdftotext'):
                self.skipTest("pdftotext (poppler-utils) is not installed")
            text = subprocess.run(['pdftotext', '-layout', '-', '-'], input=content, capture_output=True,
                                  check=True).stdout.decode()
        else:
            text = content.decode() if isinstance(content, bytes) else str(content)
        self.assertIn(contract.name, text)
        self.assertIn('14,000.50', text)
        self.assertIn('壹万肆仟元伍角', text)
        self.assertIn('苏州恒远机电设备有限公司', text)
        action = contract.with_user(self.seller).action_tianchi_print_contract()
        self.assertEqual(action['report_name'], 'tianchi_pipeline.report_tianchi_contract')

    def test_default_template_renders_a_full_contract(self):
        self.template.active = False
        contract = self._contract()
        self.assertEqual(contract.template_id, self.env.ref('tianchi_pipeline.tianchi_contract_template_default'))
        body = str(contract.body)
        for text in ('销售合同', '甲方（卖方）', self.company.name, '乙方（买方）', '苏州恒远机电设备有限公司',
                     '三相异步电机 YE3-132M', '壹万肆仟元伍角', '授权代表'):
            self.assertIn(text, body)

    def test_hq_head_edits_templates_others_only_use_them(self):
        Template = self.env['tianchi.contract.template']
        edited = Template.with_user(self.users['hq_head']).create({
            'name': '框架合同', 'company_id': self.company.id,
            'body': '<div><t t-foreach="object.order_id.order_line" t-as="line"><p t-out="line.name"/></t></div>'})
        self.assertEqual(edited.company_id, self.company)
        with self.assertRaises(AccessError):
            Template.with_user(self.seller).create({'name': '销售自拟合同', 'body': '<p>x</p>'})
        with self.assertRaises(AccessError):
            self.template.with_user(self.seller).write({'body': '<p t-out="object.env.user.password"/>'})
        # the shared default template is used by every company: one company's HQ head cannot change it
        shared = self.env.ref('tianchi_pipeline.tianchi_contract_template_default')
        with self.assertRaises(AccessError):
            shared.with_user(self.users['hq_head']).write({'body': '<p>改掉所有公司的合同</p>'})
        self.assertNotIn('改掉', shared.body)

    def test_hq_head_changes_the_numbering_of_their_company_only(self):
        hq_head = self.users['hq_head']
        Numbering = self.env['tianchi.contract.numbering'].with_user(hq_head).with_company(self.company)
        wizard = Numbering.create({'prefix': 'HD-%(year)s-', 'padding': 3, 'number_next': 7})
        self.assertEqual(wizard.company_id, self.company)
        wizard.action_apply()
        self.assertEqual(self._contract().name, f'HD-{date.today():%Y}-007')
        own = self.env['tianchi.contract']._contract_sequence(self.company)
        self.assertEqual((own.code, own.company_id), ('tianchi.contract', self.company))
        # the form opens on the current values
        defaults = Numbering.default_get(['prefix', 'number_next'])
        self.assertEqual((defaults['prefix'], defaults['number_next']), ('HD-%(year)s-', 8))
        # no direct access to ir.sequence: moving one's sequence to another company is refused
        other = self.env['res.company'].create({'name': '别家公司'})
        with self.assertRaises(AccessError):
            own.with_user(hq_head).write({'company_id': other.id, 'code': 'sale.order'})
        with self.assertRaises(AccessError):
            self.env['ir.sequence'].with_user(hq_head).create({'name': '订单', 'code': 'sale.order',
                                                               'company_id': self.company.id})
        self.assertEqual((own.code, own.company_id), ('tianchi.contract', self.company))
        # nor through the form for a company they do not work in, and not for other roles
        with self.assertRaises(AccessError):
            Numbering.create({'company_id': other.id, 'prefix': 'X-'}).action_apply()
        with self.assertRaises(AccessError):
            self.env['tianchi.contract.numbering'].with_user(self.seller).create({'prefix': 'Y-'}).action_apply()
        other_sequence = self.env['tianchi.contract']._contract_sequence(other)
        self.assertNotEqual(other_sequence.prefix, 'X-')
        self.assertEqual(own.prefix, 'HD-%(year)s-')
