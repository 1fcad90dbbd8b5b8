"""Views: inheritance combined into the final arch, field validation,
get_view / get_views and the default views."""
from lxml import etree
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('at_install', '-post_install')
class TestViews(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.View = cls.env['ir.ui.view']
        cls.base_view = cls.View.create({
            'name': 'd2.category.form',
            'model': 'res.partner.category',
            'arch': '<form><sheet><group><field name="name"/></group></sheet></form>',
        })

    def test_type_and_mode_inferred(self):
        self.assertEqual(self.base_view.type, 'form')
        self.assertEqual(self.base_view.mode, 'primary')
        child = self.View.create({
            'name': 'd2.category.form.inherit', 'model': 'res.partner.category',
            'inherit_id': self.base_view.id,
            'arch': '<field name="name" position="after"><field name="color"/></field>',
        })
        self.assertEqual((child.type, child.mode), ('form', 'extension'))

    def test_extensions_combined_in_order(self):
        self.View.create({
            'name': 'd2 first', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
            'priority': 10,
            'arch': '<xpath expr="//field[@name=\'name\']" position="after"><field name="color"/></xpath>',
        })
        self.View.create({
            'name': 'd2 second', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
            'priority': 20,
            'arch': '<field name="color" position="after"><field name="active"/></field>',
        })
        self.View.create({
            'name': 'd2 zeroth', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
            'priority': 5,
            'arch': '<field name="name" position="before"><field name="parent_id"/></field>',
        })
        arch = self.base_view._get_combined_arch()
        self.assertEqual([node.get('name') for node in arch.iter('field')], ['parent_id', 'name', 'color', 'active'])

    def test_primary_child_is_a_separate_view(self):
        primary = self.View.create({
            'name': 'd2 primary', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
            'mode': 'primary',
            'arch': '<field name="name" position="before"><field name="parent_id"/></field>',
        })
        self.assertEqual([n.get('name') for n in self.base_view._get_combined_arch().iter('field')], ['name'])
        self.assertEqual([n.get('name') for n in primary._get_combined_arch().iter('field')], ['parent_id', 'name'])

    def test_unknown_field_refused_naming_view_and_field(self):
        with self.assertRaises(ValidationError) as caught:
            self.View.create({
                'name': 'd2.broken.view', 'model': 'res.partner.category',
                'arch': '<form><field name="no_such_field"/></form>',
            })
        message = str(caught.exception)
        self.assertIn('d2.broken.view', message)
        self.assertIn('no_such_field', message)
        self.assertIn('res.partner.category', message)

    def test_unknown_field_in_extension_refused(self):
        with self.assertRaisesRegex(ValidationError, 'colour'):
            self.View.create({
                'name': 'd2 bad extension', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
                'arch': '<field name="name" position="after"><field name="colour"/></field>',
            })

    def test_subview_fields_checked_on_comodel(self):
        self.View.create({
            'name': 'd2 partner sub', 'model': 'res.partner',
            'arch': '<form><field name="child_ids"><list><field name="email"/></list></field></form>',
        })
        with self.assertRaisesRegex(ValidationError, 'no_child_field'):
            self.View.create({
                'name': 'd2 partner bad sub', 'model': 'res.partner',
                'arch': '<form><field name="child_ids"><list><field name="no_child_field"/></list></field></form>',
            })

    def test_get_view_returns_arch_and_fields(self):
        result = self.env['res.partner.category'].get_view(self.base_view.id, 'form')
        self.assertEqual(result['id'], self.base_view.id)
        self.assertEqual(result['model'], 'res.partner.category')
        self.assertIn('name', result['models']['res.partner.category'])
        self.assertEqual(etree.fromstring(result['arch']).tag, 'form')

    def test_get_views_describes_fields(self):
        result = self.env['res.partner.category'].get_views([(self.base_view.id, 'form'), (False, 'list')])
        self.assertEqual(set(result['views']), {'form', 'list'})
        fields_info = result['models']['res.partner.category']['fields']
        self.assertEqual(fields_info['name']['type'], 'char')

    def test_default_views_generated(self):
        Model = self.env['ir.sequence.date_range']
        self.assertFalse(self.View.default_view('ir.sequence.date_range', 'form'))
        form = etree.fromstring(Model.get_view(view_type='form')['arch'])
        self.assertEqual(form.tag, 'form')
        self.assertIn('date_from', [n.get('name') for n in form.iter('field')])
        search = etree.fromstring(Model.get_view(view_type='search')['arch'])
        self.assertEqual(search.tag, 'search')

    def _fields_named(self, view_type, arch, name):
        view = self.View.create({'name': f'd2 {view_type}', 'model': 'res.partner.category', 'arch': arch})
        arch = etree.fromstring(self.env['res.partner.category'].get_view(view.id, view_type)['arch'])
        return [node for node in arch.iter('field') if node.get('name') == name]

    def test_fields_read_by_expressions_are_added(self):
        added = self._fields_named('form', '<form><field name="name" invisible="not active"/></form>', 'active')
        self.assertEqual([node.get('invisible') for node in added], ['True'])

    def test_fields_read_by_list_decorations_are_added(self):
        added = self._fields_named('list', '<list decoration-muted="not active"><field name="name"/></list>', 'active')
        self.assertEqual([node.get('column_invisible') for node in added], ['True'])

    def test_groups_hide_nodes(self):
        view = self.View.create({
            'name': 'd2 groups', 'model': 'res.partner.category',
            'arch': '<form><field name="name"/><field name="color" groups="base.group_system"/></form>',
        })
        user = new_test_user(self.env, login='d2_view_user', groups='base.group_user')
        as_user = self.env['res.partner.category'].with_user(user).get_view(view.id, 'form')
        names = [n.get('name') for n in etree.fromstring(as_user['arch']).iter('field')]
        self.assertNotIn('color', names)
        as_admin = self.env['res.partner.category'].get_view(view.id, 'form')
        self.assertIn('color', [n.get('name') for n in etree.fromstring(as_admin['arch']).iter('field')])

    def test_fields_of_other_groups_removed(self):
        view = self.View.create({
            'name': 'd2 server action', 'model': 'ir.actions.server',
            'arch': '<form><field name="name"/><field name="code"/></form>',
        })
        user = new_test_user(self.env, login='d2_code_reader', groups='base.group_user,base.group_erp_manager')
        self.env['ir.model.access'].create({
            'name': 'd2 read server actions', 'model_id': self.env['ir.model']._get_id('ir.actions.server'),
            'group_id': self.env.ref('base.group_user').id, 'perm_read': True,
        })
        arch = self.env['ir.actions.server'].with_user(user).get_view(view.id, 'form')['arch']
        names = [n.get('name') for n in etree.fromstring(arch).iter('field')]
        self.assertIn('name', names)
        self.assertNotIn('code', names, "code is for base.group_system only")

    def test_operations_refused_are_marked(self):
        user = new_test_user(self.env, login='d2_readonly', groups='base.group_user')
        arch = self.env['res.partner.category'].with_user(user).get_view(self.base_view.id, 'form')['arch']
        root = etree.fromstring(arch)
        self.assertEqual((root.get('create'), root.get('edit'), root.get('delete')), ('False', 'False', 'False'))

    def test_view_ref_in_context(self):
        self.env['ir.model.data']._update_xmlids([{'xml_id': 'test_d2.category_form', 'record': self.base_view}])
        self.View.create({'name': 'd2 preferred', 'model': 'res.partner.category', 'priority': 1,
                          'arch': '<form><field name="color"/></form>'})
        plain = self.env['res.partner.category'].get_view(view_type='form')
        self.assertNotEqual(plain['id'], self.base_view.id, "the lowest priority wins without a ref")
        chosen = self.env['res.partner.category'].with_context(
            form_view_ref='test_d2.category_form').get_view(view_type='form')
        self.assertEqual(chosen['id'], self.base_view.id)

    def test_recursive_inheritance_refused(self):
        child = self.View.create({
            'name': 'd2 child', 'model': 'res.partner.category', 'inherit_id': self.base_view.id,
            'arch': '<field name="name" position="after"/>',
        })
        with self.assertRaises(ValidationError):
            self.base_view.write({'inherit_id': child.id})

    def test_templates_found_by_key_and_xmlid(self):
        template = self.View.create({
            'name': 'd2 template', 'type': 'qweb', 'key': 'test_d2.hello',
            'arch': '<t t-name="test_d2.hello"><p>你好</p></t>',
        })
        self.env['ir.model.data']._update_xmlids([{'xml_id': 'test_d2.hello_view', 'record': template}])
        self.assertEqual(self.View._get_view_id('test_d2.hello'), template.id)
        self.assertEqual(self.View._get('test_d2.hello_view'), template)
        self.assertIn('你好', self.View._read_template(template.id))
        with self.assertRaises(ValueError):
            self.View._get_view_id('nodot')

    def test_button_must_name_a_public_method(self):
        self.View.create({
            'name': 'd2 good button', 'model': 'ir.cron',
            'arch': '<form><button name="method_direct_trigger" type="object"/><field name="name"/></form>',
        })
        for method in ('no_such_method', '_try_lock'):
            with self.assertRaisesRegex(ValidationError, method):
                self.View.create({
                    'name': 'd2 bad button', 'model': 'ir.cron',
                    'arch': f'<form><button name="{method}" type="object"/></form>',
                })
