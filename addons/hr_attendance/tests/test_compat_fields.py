"""The models of mail, resource, hr and hr_attendance have Odoo 18's core
fields (names, types, relations, storage), except those addons/COMPAT.md
lists as not provided."""
import json
import os

from odoo.tests import TransactionCase, tagged

HERE = os.path.dirname(__file__)
COMPAT_FILE = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', 'shared', 'compat', 'odoo18_fields.json'))
COMPAT_DOC = os.path.normpath(os.path.join(HERE, '..', '..', 'COMPAT.md'))
MODULES = {'mail', 'resource', 'hr', 'hr_attendance'}
# (model, field) listed in addons/COMPAT.md as not provided
NOT_PROVIDED = {
    ('res.company', 'bounce_email'), ('res.company', 'bounce_formatted'), ('res.company', 'catchall_email'),
    ('res.company', 'catchall_formatted'), ('res.company', 'default_from_email'),
    ('hr.employee', 'im_status'), ('hr.employee', 'last_activity'), ('hr.employee', 'last_activity_time'),
    ('res.users', 'last_activity'), ('res.users', 'last_activity_time'), ('hr.department', 'plans_count'),
}
# models whose mail fields come from another addon in Odoo 18 (account; crm makes
# crm.team a mail.alias.mixin, giving it the alias_* fields)
OTHER_ADDONS = {'res.partner.bank', 'crm.team'}


@tagged('at_install', '-post_install')
class TestCompatFields(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.exists(COMPAT_FILE):
            cls.skipTest(cls, f"{COMPAT_FILE} is not there")
        with open(COMPAT_FILE, encoding='utf-8') as handle:
            cls.compat = json.load(handle)['models']

    def test_core_fields_exist_as_in_odoo(self):
        problems = []
        for model, spec in self.compat.items():
            if model not in self.env or model in OTHER_ADDONS:
                continue
            fields = self.env[model]._fields
            for info in spec['fields']:
                if info['module'] not in MODULES or info['core'] is not True:
                    continue
                name = info['name']
                if (model, name) in NOT_PROVIDED:
                    continue
                field = fields.get(name)
                if field is None:
                    problems.append(f"{model}.{name}: missing")
                    continue
                if field.type != info['type']:
                    problems.append(f"{model}.{name}: type {field.type}, Odoo has {info['type']}")
                if info['relation'] and getattr(field, 'comodel_name', None) != info['relation']:
                    problems.append(f"{model}.{name}: relation {field.comodel_name}, Odoo has {info['relation']}")
                if info['store'] and not field.store:
                    problems.append(f"{model}.{name}: not stored, Odoo stores it")
                if info['store'] and bool(field.required) != bool(info['required']):
                    problems.append(f"{model}.{name}: required={field.required}, Odoo has {info['required']}")
        self.assertFalse(problems, "\n".join(problems))

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
        with open(COMPAT_DOC, encoding='utf-8') as handle:
            doc = handle.read()
        for _model, name in NOT_PROVIDED:
            self.assertIn(name, doc, f"{name} is missing from addons/COMPAT.md")

    def test_orders_as_in_odoo(self):
        for model in ('hr.department', 'hr.employee', 'hr.job', 'hr.attendance', 'mail.message',
                      'mail.activity', 'mail.activity.type', 'resource.calendar'):
            self.assertEqual(self.env[model]._order.replace(' ', '').lower(),
                             self.compat[model]['order'].replace(' ', '').lower(), model)
