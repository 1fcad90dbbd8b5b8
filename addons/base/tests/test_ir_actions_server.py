"""Server actions run by a user who may not read them (the Action menu's
bound actions): run with the user's rights on the records, refused when
the action's groups leave the user out."""
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('at_install', '-post_install')
class TestServerActionRun(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login='act_run_user', groups='base.group_user,base.group_partner_manager')
        cls.partner = cls.env['res.partner'].create({'name': '杭州西湖茶庄'})
        cls.action = cls.env['ir.actions.server'].create({
            'name': 'Tag the partner',
            'model_id': cls.env.ref('base.model_res_partner').id,
            'state': 'code',
            'code': "records.write({'ref': 'HZ-001'})",
        })

    def _run_as_user(self):
        context = {'active_model': 'res.partner', 'active_id': self.partner.id, 'active_ids': self.partner.ids}
        return self.action.with_user(self.user).with_context(**context).run()

    def test_user_runs_an_action_they_cannot_read(self):
        self.assertFalse(self.env['ir.actions.server'].with_user(self.user).has_access('read'))
        self._run_as_user()
        self.assertEqual(self.partner.ref, 'HZ-001')

    def test_groups_of_the_action_refuse_other_users(self):
        self.action.groups_id = self.env.ref('base.group_system')
        with self.assertRaises(AccessError):
            self._run_as_user()
        self.assertFalse(self.partner.ref)
