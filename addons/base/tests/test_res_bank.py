"""Banks and partner bank accounts."""
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestBankAccounts(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.env['res.bank'].create({'name': '测试银行', 'bic': 'TESTCNBJ'})
        cls.holder = cls.env['res.partner'].create({'name': '开户公司', 'is_company': True})
        cls.account = cls.env['res.partner.bank'].create({
            'acc_number': '6222 0202-0000 1234',
            'partner_id': cls.holder.id,
            'bank_id': cls.bank.id,
        })

    def test_sanitized_number_and_names(self):
        self.assertEqual(self.account.sanitized_acc_number, '6222020200001234')
        self.assertEqual(self.account.acc_holder_name, '开户公司')
        self.assertEqual(self.account.display_name, '6222 0202-0000 1234 - 测试银行')
        self.assertEqual(self.bank.display_name, '测试银行 - TESTCNBJ')
        self.assertEqual(self.holder.bank_ids, self.account)

    def test_search_ignores_separators(self):
        found = self.env['res.partner.bank'].search([('acc_number', '=', '6222020200001234')])
        self.assertEqual(found, self.account)
        found = self.env['res.partner.bank'].search([('acc_number', 'in', ['6222-0202-0000-1234'])])
        self.assertEqual(found, self.account)

    def test_bank_found_by_bic_prefix(self):
        found = self.env['res.bank'].search([('display_name', 'ilike', 'TESTCN')])
        self.assertEqual(found, self.bank)

    def test_unlink_archives(self):
        self.account.unlink()
        self.assertTrue(self.account.exists())
        self.assertFalse(self.account.active)
