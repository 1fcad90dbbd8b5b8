"""Record rules: global rules ANDed, group rules ORed, evaluated per user."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('at_install', '-post_install')
class TestRecordRules(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login='d2_rule_user', groups='base.group_user', name='李四')
        cls.model_id = cls.env['ir.model']._get_id('res.partner.category')
        Category = cls.env['res.partner.category']
        cls.red = Category.create({'name': 'red', 'color': 1})
        cls.blue = Category.create({'name': 'blue', 'color': 2})
        cls.green = Category.create({'name': 'green', 'color': 3})
        cls.group_a = cls.env['res.groups'].create({'name': 'D2 rule group A'})
        cls.group_b = cls.env['res.groups'].create({'name': 'D2 rule group B'})
        cls.user.write({'groups_id': [(4, cls.group_a.id), (4, cls.group_b.id)]})

    def _rule(self, domain, groups=None, **perms):
        values = {'name': f'd2 {domain}', 'model_id': self.model_id, 'domain_force': domain}
        if groups:
            values['groups'] = [(6, 0, groups.ids)]
        values.update(perms)
        return self.env['ir.rule'].create(values)

    def _visible(self):
        ids = (self.red | self.blue | self.green).ids
        return self.env['res.partner.category'].with_user(self.user).search([('id', 'in', ids)])

    def test_global_rules_are_anded(self):
        self._rule("[('color', 'in', [1, 2])]")
        self._rule("[('color', 'in', [2, 3])]")
        self.assertEqual(self._visible(), self.blue)

    def test_group_rules_are_ored(self):
        self._rule("[('color', '=', 1)]", groups=self.group_a)
        self._rule("[('color', '=', 3)]", groups=self.group_b)
        self.assertEqual(self._visible(), self.red | self.green)

    def test_rules_of_other_groups_do_not_apply(self):
        other = self.env['res.groups'].create({'name': 'D2 not mine'})
        self._rule("[('color', '=', 1)]", groups=other)
        self.assertEqual(self._visible(), self.red | self.blue | self.green)

    def test_domain_uses_user_and_companies(self):
        domain = self.env['ir.rule']._compute_domain('res.partner.category')
        self._rule("[('name', '!=', user.name), ('id', 'not in', company_ids)]")
        self.env.registry.clear_cache()
        computed = self.env['ir.rule'].with_user(self.user)._compute_domain('res.partner.category', 'read')
        self.assertIn(('name', '!=', '李四'), computed)
        self.assertNotEqual(domain, computed)

    def test_superuser_has_no_domain(self):
        self._rule("[('color', '=', 1)]")
        self.assertFalse(self.env['ir.rule']._compute_domain('res.partner.category', 'read'))

    def test_write_rule_error_names_user_and_operation(self):
        self.env['ir.model.access'].create({
            'name': 'd2 categories write', 'model_id': self.model_id, 'group_id': self.group_a.id,
            'perm_read': True, 'perm_write': True,
        })
        self._rule("[('color', '=', 1)]", perm_read=False, perm_create=False, perm_unlink=False)
        self.red.with_user(self.user).write({'name': 'crimson'})
        with self.assertRaises(AccessError) as caught:
            self.blue.with_user(self.user).write({'name': 'navy'})
        message = str(caught.exception)
        self.assertIn('李四', message)
        self.assertIn('write', message)
        self.assertIn('res.partner.category', message)

    def test_invalid_domain_refused(self):
        with self.assertRaises(ValidationError):
            self._rule("[('no_such_field', '=', 1)]")

    def test_rules_on_rules_refused(self):
        with self.assertRaises(ValidationError):
            self.env['ir.rule'].create({'name': 'meta', 'model_id': self.env['ir.model']._get_id('ir.rule')})
