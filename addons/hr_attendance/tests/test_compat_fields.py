"""The models of mail, resource, hr and hr_attendance have Odoo 18's core
fields (names, types, relations, storage), except those addons/COMPAT.md
lists as not provided."""
from odoo.addons.base.tests.compat_fields_common import CompatFieldsCase
from odoo.tests import tagged


@tagged('at_install', '-post_install')
class TestCompatFields(CompatFieldsCase):
    compat_modules = frozenset({'mail', 'resource', 'hr', 'hr_attendance'})
    # (model, field) listed in addons/COMPAT.md as not provided
    compat_not_provided = frozenset({
        ('res.company', 'bounce_email'), ('res.company', 'bounce_formatted'), ('res.company', 'catchall_email'),
        ('res.company', 'catchall_formatted'), ('res.company', 'default_from_email'),
        ('hr.employee', 'im_status'), ('hr.employee', 'last_activity'), ('hr.employee', 'last_activity_time'),
        ('res.users', 'last_activity'), ('res.users', 'last_activity_time'), ('hr.department', 'plans_count'),
    })
    # models whose fields of these modules come from another addon in Odoo 18
    compat_skip_models = frozenset({'res.partner.bank', 'crm.team'})

    def test_core_fields_exist_as_in_odoo(self):
        self.assertCompatFields()

    def test_fields_get_describes_them(self):
        described = self.env['hr.attendance'].fields_get(['check_in', 'employee_id', 'in_latitude'])
        self.assertEqual(described['employee_id']['relation'], 'hr.employee')
        self.assertTrue(described['check_in']['required'])
        self.assertEqual(described['in_latitude']['type'], 'float')

    def test_employee_properties_as_in_odoo(self):
        described = self.env['hr.employee'].fields_get(['employee_properties'])['employee_properties']
        self.assertEqual(described['type'], 'properties')
        self.assertEqual((described['definition_record'], described['definition_record_field']),
                         ('company_id', 'employee_properties_definition'))
        self.assertEqual(self.env['res.company']._fields['employee_properties_definition'].type,
                         'properties_definition')

    def test_not_provided_fields_are_documented(self):
        self.assertNotProvidedDocumented()

    def test_orders_as_in_odoo(self):
        for model in ('hr.department', 'hr.employee', 'hr.job', 'hr.attendance', 'mail.message',
                      'mail.activity', 'mail.activity.type', 'resource.calendar'):
            self.assertEqual(self.env[model]._order.replace(' ', '').lower(),
                             self.compat[model]['order'].replace(' ', '').lower(), model)
