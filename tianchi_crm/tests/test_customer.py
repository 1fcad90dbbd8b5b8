"""The customer file on res.partner: defaults of a new customer, the
unified social credit code checks, the owner's department, the deletion
guard, and the views the other parts of tianchi_crm extend."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .common import TianchiCrmCase, make_credit_code


class TestCustomer(TianchiCrmCase):

    def test_new_customer_defaults(self):
        Partner = self.env['res.partner'].with_user(self.users['sale']).with_company(self.company)
        customer = Partner.create({'name': '苏州园林设计院', 'is_company': True, 'tianchi_is_customer': True})
        self.assertEqual(customer.user_id, self.users['sale'])
        self.assertEqual(customer.customer_status, 'potential')
        self.assertEqual(customer.company_id, self.company)
        self.assertEqual(customer.owner_department_id, self.dep_tech)
        contact = Partner.create({'name': '周工', 'parent_id': customer.id})
        self.assertTrue(contact.tianchi_is_customer)
        self.assertEqual(contact.user_id, self.users['sale'])
        self.assertFalse(contact.customer_status)

    def test_form_of_the_customer_action(self):
        action = self.env['ir.actions.act_window']._for_xml_id('tianchi_crm.tianchi_customer_action')
        context = dict(action['context'] if isinstance(action['context'], dict) else {},
                       default_tianchi_is_customer=1, default_is_company=1)
        Partner = self.env['res.partner'].with_user(self.users['sale']).with_company(self.company)
        with Form(Partner.with_context(**context), view='tianchi_crm.tianchi_customer_view_form') as form:
            form.name = '无锡太湖纺织有限公司'
            form.vat = make_credit_code(11, '320200').lower()
        customer = form.save()
        self.assertTrue(customer.tianchi_is_customer)
        self.assertEqual(customer.customer_status, 'potential')
        self.assertEqual(customer.vat, make_credit_code(11, '320200'))
        self.assertEqual(customer.user_id, self.users['sale'])

    def test_plain_partners_are_not_customers(self):
        partner = self.env['res.partner'].create({'name': '普通联系人'})
        self.assertFalse(partner.tianchi_is_customer)
        self.assertFalse(partner.customer_status)
        self.assertFalse(partner.user_id)

    def test_invalid_credit_code_is_refused_naming_partner_and_code(self):
        with self.assertRaises(ValidationError) as caught:
            self.customer_of(self.owner, '错误代码公司', vat='91330106MA27XXXX00')
        self.assertIn('错误代码公司', str(caught.exception))
        self.assertIn('91330106MA27XXXX00', str(caught.exception))
        # inline editing goes through the same check
        with self.assertRaises(ValidationError):
            self.customer.with_user(self.owner).write({'vat': '123456789012345678'})

    def test_credit_code_is_normalised(self):
        code = make_credit_code(21)
        customer = self.customer_of(self.owner, '规范化公司', vat=f' {code[:6]} {code[6:].lower()} ')
        self.assertEqual(customer.vat, code)

    def test_foreign_customer_keeps_its_tax_id(self):
        germany = self.env.ref('base.de')
        customer = self.customer_of(self.owner, 'Müller GmbH', country_id=germany.id, vat='DE123456789')
        self.assertEqual(customer.vat, 'DE123456789')

    def test_duplicate_credit_code_is_refused_in_the_same_company(self):
        with self.assertRaises(ValidationError) as caught:
            self.customer_of(self.users['sale'], '重复代码公司', vat=self.customer.vat)
        self.assertIn(self.customer.name, str(caught.exception))
        other = self.env['res.company'].create({'name': '另一家公司'})
        twin = self.env['res.partner'].create({
            'name': '同代码客户', 'is_company': True, 'tianchi_is_customer': True,
            'company_id': other.id, 'vat': self.customer.vat})
        self.assertEqual(twin.vat, self.customer.vat)
        with self.assertRaises(ValidationError):
            twin.write({'company_id': self.company.id})

    def test_duplicate_credit_code_within_one_batch(self):
        code = make_credit_code(41)
        with self.assertRaises(ValidationError):
            self.env['res.partner'].with_company(self.company).create([
                {'name': f'批量客户{index}', 'is_company': True, 'tianchi_is_customer': True,
                 'company_id': self.company.id, 'vat': code} for index in range(2)])

    def test_duplicate_credit_code_is_refused_when_written_unless_archived(self):
        other = self.customer_of(self.owner, '改代码公司', vat=make_credit_code(42))
        with self.assertRaises(ValidationError) as caught:
            other.write({'vat': self.customer.vat})
        self.assertIn(self.customer.name, str(caught.exception))
        self.customer.active = False
        other.write({'vat': self.customer.vat})
        self.assertEqual(other.vat, self.customer.vat)

    def test_contacts_share_the_credit_code_without_conflict(self):
        contact = self.Partner.create({'name': '赵会计', 'parent_id': self.customer.id})
        self.assertEqual(contact.vat, self.customer.vat)

    def test_only_hq_head_deletes_customers(self):
        manager = self.users['department_head']
        with self.assertRaises(AccessError):
            self.customer.with_user(manager).unlink()
        with self.assertRaises(AccessError):
            self.contact.with_user(self.owner).unlink()
        plain = self.env['res.partner'].create({'name': '可删除的联系人'})
        plain.with_user(self.users['hq_head']).unlink()
        self.contact.with_user(self.users['hq_head']).unlink()
        self.customer.with_user(self.users['hq_head']).unlink()
        self.assertFalse(self.customer.exists())

    def test_client_context_does_not_skip_the_owner_guard(self):
        """A collaborator (who may write the customer) cannot take it, nor its
        owner give it away, by sending a context key from the client."""
        collaborator = self.users['tech']
        self.customer.collaborator_ids = collaborator
        forged = {'tianchi_transfer': True}
        with self.assertRaises(AccessError):
            self.customer.with_user(collaborator).with_context(**forged).write({'user_id': collaborator.id})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.owner).with_context(**forged).write({'user_id': collaborator.id})
        self.assertEqual(self.customer.user_id, self.owner)
        # the collaborator still edits the customer otherwise
        self.customer.with_user(collaborator).with_context(**forged).write({'phone': '0571-87001234'})

    def test_shared_sources_are_read_only_to_companies(self):
        """Sources without a company serve every company of the database: one
        company's HQ head reads them but cannot rename or delete them, and
        keeps its own sources to itself."""
        Source = self.env['tianchi.customer.source']
        hq_head = self.users['hq_head']
        shared = self.env.ref('tianchi_crm.tianchi_customer_source_online')
        self.assertFalse(shared.company_id)
        as_head = Source.with_user(hq_head).with_company(self.company)
        self.assertIn(shared, as_head.search([]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            shared.with_user(hq_head).write({'name': 'Renamed By One Tenant'})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            shared.with_user(hq_head).unlink()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            as_head.create({'name': '共享来源', 'company_id': False})
        own = as_head.create({'name': '抖音直播'})
        self.assertEqual(own.company_id, self.company)
        own.write({'name': '抖音直播间'})
        other_company = self.env['res.company'].create({'name': '苏州另一家公司'})
        foreign = Source.create({'name': '地推', 'company_id': other_company.id})
        self.assertNotIn(foreign, as_head.search([]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            foreign.with_user(hq_head).write({'name': '改名'})
        self.assertEqual(shared.name, 'Online Promotion')
        admin = self.env.ref('base.user_admin')
        shared.with_user(admin).write({'name': 'Online Marketing'})
        self.assertEqual(shared.name, 'Online Marketing')

    def test_owner_department_follows_the_owner(self):
        self.assertEqual(self.customer.owner_department_id, self.dep_south)
        self.customer.user_id = self.users['department_head']
        self.assertEqual(self.customer.owner_department_id, self.dep_sales)
        self.assertEqual(self.contact.owner_department_id, self.dep_sales)

    def test_my_department_filter(self):
        Partner = self.env['res.partner'].with_user(self.users['department_head'])
        found = Partner.search([('tianchi_in_my_department', '=', True), ('tianchi_is_customer', '=', True)])
        self.assertIn(self.customer, found)
        self.assertNotIn(self.pool_customer, found)
        mine = self.env['res.partner'].with_user(self.users['sale']).search(
            [('tianchi_in_my_department', '=', True), ('id', 'in', [self.customer.id])])
        self.assertFalse(mine)

    def test_customer_views_render(self):
        Partner = self.env['res.partner']
        for xmlid, kind in (('tianchi_customer_view_tree', 'list'), ('tianchi_customer_view_form', 'form'),
                            ('tianchi_customer_view_kanban', 'kanban'), ('tianchi_customer_view_search', 'search')):
            view = self.env.ref(f'tianchi_crm.{xmlid}')
            arch = Partner.get_view(view.id, kind)['arch']
            self.assertIn('customer_status' if kind != 'search' else 'my_customers', arch)
        form = Partner.get_view(self.env.ref('tianchi_crm.tianchi_customer_view_form').id, 'form')['arch']
        self.assertIn('name="contacts"', form)
