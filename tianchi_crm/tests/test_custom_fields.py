"""Custom fields of customers, contacts and products: each type becomes an
Odoo custom field shown by the generated views at once, holds values, is
renamed, archived and removed; bad configurations are refused with
nothing left behind; only the database administrator configures them
(not a company's HQ head: the columns are shared by every company)."""
from lxml import etree
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged('post_install', '-at_install')
class TianchiCustomFieldCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.hq_head = new_test_user(cls.env, login='tc_cf_hq_head', groups='tianchi_org.tianchi_org_group_hq_head')
        cls.admin = new_test_user(cls.env, login='tc_cf_admin', groups='base.group_user,base.group_system')
        cls.staff = new_test_user(cls.env, login='tc_cf_staff', groups='base.group_user')
        cls.customer_target = cls.env.ref('tianchi_crm.tianchi_custom_field_target_customer')
        cls.contact_target = cls.env.ref('tianchi_crm.tianchi_custom_field_target_contact')
        cls.product_target = cls.env.ref('tianchi_crm.tianchi_custom_field_target_product')

    def setUp(self):
        # custom fields change the registry: set it up again from the
        # database once the test is rolled back, as Odoo's own tests do
        self.addCleanup(self.registry.reset_changes)
        super().setUp()

    def add_field(self, label, field_type, target=None, **values):
        return self.env['tianchi.custom.field'].with_user(self.admin).create({
            'name': label, 'field_type': field_type,
            'target_id': (target or self.customer_target).id, **values})

    def arch(self, xmlid, view_type, model='res.partner'):
        view = self.env.ref(xmlid)
        return etree.fromstring(self.env[model].get_view(view.id, view_type)['arch'])


class TestCustomFields(TianchiCustomFieldCase):

    def test_each_type_on_customers(self):
        options = [Command.create({'name': '华东'}), Command.create({'name': '华南'})]
        added = {
            'char': self.add_field('Project Code', 'char', required=True),
            'text': self.add_field('Background', 'text'),
            'integer': self.add_field('Headcount', 'integer'),
            'float': self.add_field('Win Rate', 'float'),
            'monetary': self.add_field('Budget', 'monetary'),
            'date': self.add_field('Signing Date', 'date'),
            'datetime': self.add_field('Last Visit', 'datetime'),
            'boolean': self.add_field('Key Account', 'boolean'),
            'selection': self.add_field('Sales Region', 'selection', option_ids=options),
            'tags': self.add_field('Interests', 'tags', option_ids=[
                Command.create({'name': '云服务'}), Command.create({'name': '硬件'})]),
            'many2one': self.add_field('Main Product', 'many2one',
                                       link_model_id=self.env['ir.model']._get('product.template').id),
        }
        described = self.env['res.partner'].fields_get(attributes=['string', 'type', 'selection', 'relation'])
        names = {kind: custom.field_id.name for kind, custom in added.items()}
        for kind, name in names.items():
            self.assertTrue(name.startswith('x_'), name)
            self.assertEqual(described[name]['string'], added[kind].name)
        self.assertEqual(described[names['tags']]['type'], 'many2many')
        self.assertEqual(described[names['many2one']]['relation'], 'product.template')
        self.assertEqual([label for _value, label in described[names['selection']]['selection']], ['华东', '华南'])

        list_arch = self.arch('tianchi_crm.tianchi_customer_view_tree', 'list')
        form_arch = self.arch('tianchi_crm.tianchi_customer_view_form', 'form')
        search_arch = self.arch('tianchi_crm.tianchi_customer_view_search', 'search')
        for name in names.values():
            self.assertTrue(list_arch.xpath(f"/list/field[@name='{name}']"), name)
            self.assertTrue(form_arch.xpath(f"//group[@name='tianchi_custom_fields']//field[@name='{name}']"), name)
            self.assertTrue(search_arch.xpath(f"/search/field[@name='{name}']"), name)
        self.assertEqual(form_arch.xpath(f"//field[@name='{names['char']}']")[0].get('required'), 'True')
        self.assertEqual(list_arch.xpath(f"//field[@name='{names['tags']}']")[0].get('widget'), 'many2many_tags')
        self.assertTrue(search_arch.xpath(f"//filter[@name='group_by_{names['selection']}']"))

        # values are set, read and searched like any other field's
        region = added['selection'].option_ids.sorted()[1]
        interest = added['tags'].option_ids[:1]
        product = self.env['product.template'].create({'name': '天池云主机'})
        customer = self.env['res.partner'].create({
            'name': '杭州自定义字段科技有限公司', 'tianchi_is_customer': True, 'is_company': True,
            names['char']: 'P-001', names['integer']: 42, names['monetary']: 1000.5,
            names['date']: '2026-05-01', names['boolean']: True, names['selection']: region.value,
            names['tags']: [Command.set(interest.ids)], names['many2one']: product.id})
        customer.invalidate_recordset()
        self.assertEqual(customer[names['char']], 'P-001')
        self.assertEqual(customer[names['integer']], 42)
        self.assertEqual(customer[names['selection']], region.value)
        self.assertEqual(customer[names['tags']], interest)
        self.assertEqual(customer[names['many2one']], product)
        Partner = self.env['res.partner']
        self.assertEqual(Partner.search([(names['tags'], 'in', interest.ids)]), customer)
        self.assertEqual(Partner.search([(names['char'], '=', 'P-001')]), customer)

    def test_contacts_and_products(self):
        contact_field = self.add_field('WeChat', 'char', target=self.contact_target)
        product_field = self.add_field('Shelf Life (days)', 'integer', target=self.product_target)
        form_arch = self.arch('tianchi_crm.tianchi_customer_view_form', 'form')
        self.assertTrue(form_arch.xpath(
            f"//field[@name='child_ids']/list/field[@name='{contact_field.field_name}']"))
        # a contact field is no customer field
        self.assertFalse(form_arch.xpath("//group[@name='tianchi_custom_fields']"))
        product_list = self.arch('product.product_template_tree_view', 'list', 'product.template')
        product_form = self.arch('product.product_template_form_view', 'form', 'product.template')
        self.assertTrue(product_list.xpath(f"/list/field[@name='{product_field.field_name}']"))
        self.assertTrue(product_form.xpath(f"//field[@name='{product_field.field_name}']"))
        product = self.env['product.template'].create({'name': '茶叶', product_field.field_name: 365})
        self.assertEqual(product[product_field.field_name], 365)
        # product variants delegate to their template: they have it too
        self.assertEqual(product.product_variant_id[product_field.field_name], 365)

    def test_rename_archive_and_remove(self):
        custom = self.add_field('Contract No', 'char')
        name = custom.field_name
        custom.name = 'Contract Number'
        self.assertEqual(self.env['res.partner'].fields_get([name], ['string'])[name]['string'], 'Contract Number')
        custom.active = False
        self.assertFalse(self.arch('tianchi_crm.tianchi_customer_view_tree', 'list').xpath(
            f"//field[@name='{name}']"))
        self.assertIn(name, self.env['res.partner']._fields, "archived: the values stay")
        custom.active = True
        custom.show_in_list = False
        self.assertFalse(self.arch('tianchi_crm.tianchi_customer_view_tree', 'list').xpath(
            f"//field[@name='{name}']"))
        self.assertTrue(self.arch('tianchi_crm.tianchi_customer_view_form', 'form').xpath(
            f"//field[@name='{name}']"))
        custom.unlink()
        self.assertNotIn(name, self.env['res.partner']._fields)
        self.assertNotIn(name, self.env['res.partner'].fields_get())
        self.assertFalse(self.env['ir.model.fields'].search([('name', '=', name)]))
        self.assertFalse(self.arch('tianchi_crm.tianchi_customer_view_form', 'form').xpath(
            f"//field[@name='{name}']"))

    def test_tracking(self):
        custom = self.add_field('Tracked Budget Owner', 'char', tracking=True)
        self.assertTrue(self.env['res.partner']._fields[custom.field_name].tracking)
        custom.tracking = False
        self.assertFalse(getattr(self.env['res.partner']._fields[custom.field_name], 'tracking', None))

    def test_choice_options_follow(self):
        custom = self.add_field('Stage', 'selection', option_ids=[Command.create({'name': 'Open'})])
        selection = self.env['res.partner']._fields[custom.field_name].selection
        self.assertEqual([label for _value, label in selection], ['Open'])
        custom.write({'option_ids': [Command.create({'name': 'Closed', 'sequence': 20})]})
        custom.option_ids.filtered(lambda o: o.name == 'Open').name = 'Opened'
        selection = self.env['res.partner']._fields[custom.field_name].selection
        self.assertEqual([label for _value, label in selection], ['Opened', 'Closed'])

    def test_columns_renamed_hidden_and_ordered(self):
        fields_ = self.env['ir.model.fields']
        Column = self.env['tianchi.custom.field.column'].with_user(self.admin)
        Column.create([
            {'target_id': self.customer_target.id, 'field_id': fields_._get('res.partner', 'phone').id,
             'sequence': 1, 'label': 'Telephone'},
            {'target_id': self.customer_target.id, 'field_id': fields_._get('res.partner', 'name').id,
             'sequence': 2},
            {'target_id': self.customer_target.id, 'field_id': fields_._get('res.partner', 'vat').id,
             'sequence': 3, 'visible': False},
            {'target_id': self.customer_target.id, 'field_id': fields_._get('res.partner', 'website').id,
             'sequence': 4, 'label': 'Site'},
        ])
        arch = self.arch('tianchi_crm.tianchi_customer_view_tree', 'list')
        names = [node.get('name') for node in arch.xpath('/list/field')]
        self.assertLess(names.index('phone'), names.index('name'))
        self.assertLess(names.index('name'), names.index('vat'))
        self.assertLess(names.index('vat'), names.index('website'))
        phone = arch.xpath("/list/field[@name='phone']")[0]
        self.assertEqual(phone.get('string'), 'Telephone')
        self.assertEqual(arch.xpath("/list/field[@name='vat']")[0].get('column_invisible'), 'True')
        self.assertEqual(arch.xpath("/list/field[@name='website']")[0].get('string'), 'Site')
        # the label goes to the form too
        form = self.arch('tianchi_crm.tianchi_customer_view_form', 'form')
        self.assertEqual(form.xpath("//sheet//field[@name='phone'][not(ancestor::field)]")[0].get('string'),
                         'Telephone')
        # loading the current columns adds the others, after the configured ones
        self.customer_target.with_user(self.admin).action_load_columns()
        configured = self.customer_target.column_ids.field_id.mapped('name')
        self.assertIn('email', configured)
        self.assertEqual(len(configured), len(set(configured)))

    def test_upgrade_rebuilds_views(self):
        custom = self.add_field('Dock', 'char')
        generated = self.customer_target.generated_list_view_id
        generated.sudo().arch_db = '<data><xpath expr="/list" position="inside"><field name="name"/></xpath></data>'
        self.env['tianchi.custom.field.target']._regenerate_all_views()
        self.assertIn(custom.field_name, self.customer_target.generated_list_view_id.arch_db)

    def test_object_renamed(self):
        self.customer_target.with_user(self.admin).name = '项目跟踪表'
        self.assertEqual(self.env.ref('tianchi_crm.tianchi_customer_action').name, '项目跟踪表')
        self.assertEqual(self.env.ref('tianchi_crm.tianchi_customer_menu').name, '项目跟踪表')

    def test_bad_configurations_leave_nothing(self):
        before = self.env['ir.model.fields'].search_count([('state', '=', 'manual')])
        bad = [
            ('  ', 'char', {}),
            ('Email', 'char', {}),
            ('Tianchi Stage', 'selection', {}),
            ('Tags of mine', 'tags', {'option_ids': [Command.create({'name': ' '})]}),
            ('Linked', 'many2one', {}),
        ]
        for label, field_type, values in bad:
            with self.subTest(label=label), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.add_field(label, field_type, **values)
        self.add_field('Tianchi Code', 'char')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.add_field('tianchi code', 'integer', target=self.contact_target)
        self.assertEqual(self.env['ir.model.fields'].search_count([('state', '=', 'manual')]), before + 1)
        custom = self.env['tianchi.custom.field'].search([('name', '=', 'Tianchi Code')])
        with self.assertRaises(ValidationError):
            custom.with_user(self.admin).field_type = 'integer'

    def test_only_database_administrators(self):
        """A company's HQ head administers one company; a custom field or a
        renamed object changes every company of the database."""
        custom = self.add_field('Shared Column', 'char')
        action = self.env.ref('tianchi_crm.tianchi_customer_action')
        action_name = action.name
        for user in (self.staff, self.hq_head):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    self.env['tianchi.custom.field'].with_user(user).create({
                        'name': 'Nope', 'field_type': 'char', 'target_id': self.customer_target.id})
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    self.customer_target.with_user(user).name = 'Renamed By One Tenant'
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    custom.with_user(user).name = 'Renamed'
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    custom.with_user(user).unlink()
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    self.env['tianchi.custom.field.column'].with_user(user).create({
                        'target_id': self.customer_target.id,
                        'field_id': custom.field_id.id})
        self.assertTrue(custom.exists())
        self.assertEqual(custom.name, 'Shared Column')
        self.assertEqual(action.name, action_name)
        self.assertIn(custom.field_name, self.env['res.partner']._fields)

    def test_refusal_is_translated_outside_requests(self):
        """The refusal is translated through the environment's language, also
        in crons and shells where no request carries one."""
        from odoo.addons.tianchi_crm.models.tianchi_custom_field import check_custom_field_admin
        with self.assertNoLogs('odoo.tools.translate', 'WARNING'), self.assertRaises(AccessError) as refused:
            check_custom_field_admin(self.env(user=self.staff))
        self.assertIn('tc_cf_staff', str(refused.exception))

    def test_administrators_configure_custom_fields(self):
        admin = self.env.ref('base.user_admin')
        custom = self.env['tianchi.custom.field'].with_user(admin).create({
            'name': 'Admin Field', 'field_type': 'char', 'target_id': self.customer_target.id})
        self.assertTrue(custom.field_id)
        # everyone reads the options of a tags field (the customers show them)
        tags = self.add_field('Hobbies', 'tags', option_ids=[Command.create({'name': '围棋'})])
        self.assertEqual(tags.option_ids.with_user(self.staff).read(['name'])[0]['name'], '围棋')
