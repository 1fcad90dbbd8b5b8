"""Contract approval cannot be skipped: the status moves only through the
action methods, approver roles are the HQ head's, a contract without roles
is submitted only by the HQ head, and what went to approval stays as it
was approved. Each refusal changes nothing."""
from lxml import etree
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase

FINANCE = 'tianchi_org.tianchi_org_group_finance'
HQ_HEAD = 'tianchi_org.tianchi_org_group_hq_head'


@tagged('at_install', '-post_install')
class TestContractGuard(TianchiQuoteCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env['tianchi.contract.template'].create({
            'name': '审批合同', 'company_id': cls.company.id, 'duration_months': 12,
            'approval_group_ids': [(6, 0, [cls.env.ref(HQ_HEAD).id])],
            'body': '<div><p t-out="object.partner_id.name"/></div>'})

    def _contract(self, **values):
        contract = self.env['tianchi.contract'].with_user(self.seller).create({
            'company_id': self.company.id, 'user_id': self.seller.id, 'partner_id': self.customer.id,
            'currency_id': self.cny.id, 'amount_total': 1000.0, 'template_id': self.template.id,
            'approval_group_ids': [(6, 0, self.template.approval_group_ids.ids)], **values})
        contract.action_render_body()
        return contract

    def test_owner_cannot_set_the_status(self):
        Contract = self.env['tianchi.contract'].with_user(self.seller)
        before = Contract.search_count([])
        with self.assertRaises(AccessError):
            self._contract(state='valid')
        self.assertEqual(Contract.search_count([]), before)
        contract = self._contract()
        for state in ('valid', 'approved', 'to_approve'):
            with self.assertRaises(AccessError):
                contract.with_user(self.seller).write({'state': state})
            self.assertEqual(contract.state, 'draft')

    def test_only_hq_head_changes_approver_roles(self):
        contract = self._contract()
        with self.assertRaises(AccessError):
            contract.with_user(self.seller).write({'approval_group_ids': [(5, 0, 0)]})
        self.assertEqual(contract.approval_group_ids, self.env.ref(HQ_HEAD))
        with self.assertRaises(AccessError):
            self._contract(approval_group_ids=[(6, 0, [self.env.ref(FINANCE).id])])
        contract.with_user(self.users['hq_head']).write({'approval_group_ids': [(4, self.env.ref(FINANCE).id)]})
        self.assertEqual(len(contract.approval_group_ids), 2)
        # the form says so: read-only roles for everyone but the HQ head
        for user, editable in ((self.seller, False), (self.users['hq_head'], True)):
            arch = self.env['tianchi.contract'].with_user(user).get_views([(False, 'form')])['views']['form']['arch']
            [node] = etree.fromstring(arch).xpath("//field[@name='approval_group_ids']")
            self.assertEqual(node.get('readonly') not in ('1', 'True'), editable, user.name)

    def test_submit_without_roles_needs_the_hq_head(self):
        contract = self._contract()
        contract.with_user(self.users['hq_head']).write({'approval_group_ids': [(5, 0, 0)]})
        with self.assertRaises(UserError):
            contract.with_user(self.seller).action_submit()
        self.assertEqual(contract.state, 'draft')
        contract.with_user(self.users['hq_head']).action_submit()
        self.assertEqual(contract.state, 'approved')

    def test_submitted_contract_is_frozen(self):
        contract = self._contract()
        contract.with_user(self.seller).action_submit()
        self.assertEqual(contract.state, 'to_approve')
        contract.with_user(self.users['hq_head']).action_approve()
        self.assertEqual(contract.state, 'approved')
        other = self.env['res.partner'].create({'name': '无锡新华电缆有限公司', 'company_id': self.company.id})
        for vals in ({'amount_total': 1.0}, {'body': '<p>改过的合同</p>'}, {'partner_id': other.id},
                     {'template_id': False}):
            with self.assertRaises(UserError):
                contract.with_user(self.seller).write(vals)
        self.assertEqual((contract.amount_total, contract.partner_id), (1000.0, self.customer))
        self.assertIn(self.customer.name, str(contract.body))
        # what is done after approval still works: signed copy, validation
        contract.with_user(self.seller).write({'signed_copy': 'JVBERi0xLjQ=', 'signed_copy_filename': 'a.pdf'})
        contract.with_user(self.seller).write({'start_date': '2026-01-01', 'end_date': '2026-12-31'})
        contract.with_user(self.seller).action_validate()
        self.assertEqual(contract.state, 'valid')

    def test_outsider_cannot_move_the_status_through_actions(self):
        contract = self._contract()
        with self.assertRaises(AccessError):
            contract.with_user(self.users['marketing']).action_cancel()
        self.assertEqual(contract.state, 'draft')
