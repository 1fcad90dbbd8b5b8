"""System parameters and user-defined defaults (ir.config_parameter, ir.default)."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('at_install', '-post_install')
class TestConfigParameter(TransactionCase):

    def test_defaults_of_new_database(self):
        ICP = self.env['ir.config_parameter'].sudo()
        self.assertRegex(ICP.get_param('database.uuid'), r'^[0-9a-f-]{36}$')
        self.assertTrue(ICP.get_param('database.create_date'))
        self.assertTrue(ICP.get_param('web.base.url').startswith('http'))
        self.assertTrue(ICP.get_param('database.secret'))

    def test_set_get_and_delete(self):
        ICP = self.env['ir.config_parameter']
        self.assertEqual(ICP.get_param('d2.color', 'none'), 'none')
        self.assertFalse(ICP.set_param('d2.color', 'blue'))
        self.assertEqual(ICP.get_param('d2.color'), 'blue')
        self.assertEqual(ICP.set_param('d2.color', 42), 'blue')
        self.assertEqual(ICP.get_param('d2.color'), '42', "values are stored as strings")
        self.assertEqual(ICP.set_param('d2.color', 0), '42')
        self.assertEqual(ICP.get_param('d2.color'), '0', "0 is a value, not a deletion")
        ICP.set_param('d2.color', False)
        self.assertFalse(ICP.get_param('d2.color'))
        self.assertFalse(ICP.search([('key', '=', 'd2.color')]))

    def test_cache_sees_direct_writes(self):
        ICP = self.env['ir.config_parameter']
        ICP.set_param('d2.level', 'one')
        self.assertEqual(ICP.get_param('d2.level'), 'one')
        ICP.search([('key', '=', 'd2.level')]).write({'value': 'two'})
        self.assertEqual(ICP.get_param('d2.level'), 'two')

    def test_users_cannot_read(self):
        user = new_test_user(self.env, login='d2_icp_user', groups='base.group_user')
        with self.assertRaises(AccessError):
            self.env['ir.config_parameter'].with_user(user).get_param('database.secret')

    def test_protected_keys(self):
        param = self.env['ir.config_parameter'].search([('key', '=', 'database.uuid')])
        with self.assertRaises(ValidationError):
            param.unlink()
        with self.assertRaises(ValidationError):
            param.write({'key': 'database.renamed'})


@tagged('at_install', '-post_install')
class TestDefault(TransactionCase):

    def test_set_get_and_default_get(self):
        IrDefault = self.env['ir.default']
        IrDefault.set('res.partner.category', 'color', 7)
        self.assertEqual(IrDefault._get('res.partner.category', 'color'), 7)
        self.assertEqual(self.env['res.partner.category'].default_get(['color'])['color'], 7)
        # a user's own default wins over the shared one
        IrDefault.set('res.partner.category', 'color', 9, user_id=True)
        self.assertEqual(self.env['res.partner.category'].default_get(['color'])['color'], 9)
        IrDefault.discard_values('res.partner.category', 'color', [9])
        self.assertEqual(self.env['res.partner.category'].default_get(['color'])['color'], 7)

    def test_invalid_field_named(self):
        with self.assertRaisesRegex(ValidationError, 'no_such_field'):
            self.env['ir.default'].set('res.partner.category', 'no_such_field', 1)

    def test_language_default_of_new_database(self):
        self.assertEqual(self.env['ir.default']._get('res.partner', 'lang'), 'en_US')
