"""The settings wizard of base."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import new_test_user


@tagged('at_install', '-post_install')
class TestSettings(TransactionCase):

    def test_only_administrators_save_settings(self):
        employee = new_test_user(self.env, login='settings.employee', groups='base.group_user')
        settings = self.env['res.config.settings'].with_user(employee).sudo().create({})
        with self.assertRaises(AccessError):
            settings.with_user(employee).execute()
        admin_settings = self.env['res.config.settings'].with_user(self.env.ref('base.user_admin')).create({})
        self.assertEqual(admin_settings.execute(), {'type': 'ir.actions.client', 'tag': 'reload'})

    def test_classified_fields_and_copy(self):
        kinds = self.env['res.config.settings']._get_classified_fields()
        self.assertEqual(set(kinds), {'default', 'group', 'module', 'config', 'other'})
        settings = self.env['res.config.settings'].create({})
        with self.assertRaises(UserError):
            settings.copy()

    def test_settings_action_and_view(self):
        action = self.env.ref('base.res_config_setting_act_window')
        self.assertEqual(action.res_model, 'res.config.settings')
        view = self.env.ref('base.res_config_settings_view_form')
        arch = self.env['res.config.settings'].get_view(view.id, 'form')['arch']
        self.assertIn('oe_form_configuration', arch)
