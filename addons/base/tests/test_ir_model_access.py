"""Access rights: group-based, cached, with errors naming model, operation and user."""
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('at_install', '-post_install')
class TestModelAccess(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login='d2_acl_user', groups='base.group_user', name='张三')
        cls.Access = cls.env['ir.model.access']

    def test_user_reads_partners_but_not_sequences_config(self):
        Access = self.Access.with_user(self.user)
        self.assertTrue(Access.check('res.partner', 'read'))
        self.assertTrue(Access.check('ir.sequence', 'read'))
        self.assertFalse(Access.check('ir.sequence', 'write', raise_exception=False))
        self.assertFalse(Access.check('ir.config_parameter', 'read', raise_exception=False))

    def test_error_names_model_operation_and_user(self):
        with self.assertRaises(AccessError) as caught:
            self.Access.with_user(self.user).check('ir.config_parameter', 'write')
        message = str(caught.exception)
        self.assertIn('ir.config_parameter', message)
        self.assertIn("You are not allowed to modify", message)
        self.assertIn('张三', message)
        self.assertIn('write', message)

    def test_superuser_and_sudo_bypass(self):
        self.assertTrue(self.Access.check('ir.config_parameter', 'unlink'))
        self.assertTrue(self.Access.with_user(self.user).sudo().check('ir.config_parameter', 'unlink'))

    def test_granting_a_group_takes_effect(self):
        group = self.env['res.groups'].create({'name': 'D2 parameter readers'})
        self.Access.create({
            'name': 'd2 read parameters',
            'model_id': self.env['ir.model']._get_id('ir.config_parameter'),
            'group_id': group.id,
            'perm_read': True,
        })
        Access = self.Access.with_user(self.user)
        self.assertFalse(Access.check('ir.config_parameter', 'read', raise_exception=False))
        self.user.write({'groups_id': [(4, group.id)]})
        self.assertTrue(Access.check('ir.config_parameter', 'read'))
        self.assertIn('D2 parameter readers', ' '.join(self.Access.group_names_with_access('ir.config_parameter', 'read')))

    def test_invalid_mode_refused(self):
        with self.assertRaises(ValueError):
            self.Access.with_user(self.user)._get_allowed_models('destroy')
