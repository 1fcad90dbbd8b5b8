"""Modules as records: the list of addons, states marked by the buttons,
dependencies, and the loading of their translations."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged('post_install', '-at_install')
class TestModules(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Module = cls.env['ir.module.module']
        cls.base = cls.Module.search([('name', '=', 'base')])

    def _fake(self, name, depends=(), state='uninstalled', auto_install=False):
        module = self.Module.create({'name': name, 'state': state, 'shortdesc': name,
                                     'auto_install': auto_install})
        module._update_dependencies(list(depends), auto_install and list(depends))
        return module

    def test_base_installed(self):
        self.assertEqual(self.base.state, 'installed')
        self.assertTrue(self.base.latest_version)
        self.assertEqual(self.Module._get('base'), self.base)
        self.assertIn('base', self.Module._installed())

    def test_update_list_is_stable(self):
        self.Module.update_list()
        _updated, added = self.Module.update_list()
        self.assertEqual(added, 0)
        self.assertEqual(self.base.category_id.name, 'Hidden')

    def test_install_marks_dependencies(self):
        lower = self._fake('d2_lower', ['base'])
        upper = self._fake('d2_upper', ['d2_lower'])
        upper.button_install()
        self.assertEqual((lower.state, upper.state), ('to install', 'to install'))
        self.assertEqual(upper.dependencies_id.depend_id, lower)
        self.assertEqual(upper.dependencies_id.state, 'to install')

    def test_auto_install_follows(self):
        lower = self._fake('d2_feature', ['base'])
        glue = self._fake('d2_glue', ['d2_feature'], auto_install=True)
        lower.button_install()
        self.assertEqual(glue.state, 'to install')

    def test_missing_dependency_named(self):
        broken = self._fake('d2_broken', ['d2_nowhere'])
        with self.assertRaisesRegex(UserError, 'd2_nowhere'):
            broken.button_install()

    def test_uninstall_marks_dependents(self):
        lower = self._fake('d2_installed_lower', ['base'], state='installed')
        upper = self._fake('d2_installed_upper', ['d2_installed_lower'], state='installed')
        lower.button_uninstall()
        self.assertEqual((lower.state, upper.state), ('to remove', 'to remove'))
        lower.button_uninstall_cancel()
        self.assertEqual(lower.state, 'installed')

    def test_base_cannot_be_uninstalled(self):
        with self.assertRaises(UserError):
            self.base.button_uninstall()

    def test_downstream_dependencies(self):
        lower = self._fake('d2_ds_lower', ['base'], state='installed')
        upper = self._fake('d2_ds_upper', ['d2_ds_lower'], state='installed')
        self.assertEqual(lower.downstream_dependencies(), upper)


@tagged('post_install', '-at_install')
class TestModuleTerms(TransactionCase):

    def test_load_chinese_terms(self):
        self.env['res.lang']._activate_lang('zh_CN')
        self.env['ir.module.module']._load_module_terms(['base'], ['zh_CN'], overwrite=True)
        menu = self.env.ref('base.menu_administration').with_context(lang='zh_CN')
        self.assertEqual(menu.name, '设置')

    def test_field_labels_translated(self):
        self.env['res.lang']._activate_lang('zh_CN')
        self.env['ir.module.module']._load_module_terms(['base'], ['zh_CN'], overwrite=True)
        labels = self.env['ir.model.fields'].with_context(lang='zh_CN').get_field_string('ir.sequence')
        self.assertEqual(labels['prefix'], '前缀')
        english = self.env['ir.model.fields'].with_context(lang='en_US').get_field_string('ir.sequence')
        self.assertEqual(english['prefix'], 'Prefix')
