"""The business models of base have the fields Odoo 18 has (names, types,
relations, required-ness), as listed in shared/compat/odoo18_fields.json."""
import json
import os

from odoo.tests import TransactionCase, tagged

COMPAT_FILE = os.path.normpath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'compat', 'odoo18_fields.json'))
MODELS = (
    'res.partner', 'res.partner.category', 'res.partner.industry', 'res.partner.title',
    'res.partner.bank', 'res.company', 'res.users', 'res.groups', 'res.country',
    'res.country.state', 'res.currency',
)
# computed fields listed in addons/COMPAT.md as not provided
NOT_PROVIDED = {('res.company', 'uninstalled_l10n_module_ids'), ('res.users', 'user_group_warning')}


@tagged('at_install', '-post_install')
class TestCompatFields(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.exists(COMPAT_FILE):
            cls.skipTest(cls, f"{COMPAT_FILE} is not there")
        with open(COMPAT_FILE, encoding='utf-8') as handle:
            cls.compat = json.load(handle)['models']

    def _expected(self, model):
        for spec in self.compat[model]['fields']:
            if spec['module'] == 'base' and spec['core'] is True and (model, spec['name']) not in NOT_PROVIDED:
                yield spec

    def test_fields_match_odoo(self):
        problems = []
        for model in MODELS:
            fields = self.env[model]._fields
            for spec in self._expected(model):
                name = spec['name']
                field = fields.get(name)
                if field is None:
                    problems.append(f"{model}.{name}: missing")
                    continue
                if field.type != spec['type']:
                    problems.append(f"{model}.{name}: type {field.type}, Odoo has {spec['type']}")
                if spec['relation'] and getattr(field, 'comodel_name', None) != spec['relation']:
                    problems.append(f"{model}.{name}: relation {field.comodel_name}, Odoo has {spec['relation']}")
                if spec['store'] and bool(field.required) != bool(spec['required']):
                    problems.append(f"{model}.{name}: required={field.required}, Odoo has {spec['required']}")
                if spec['store'] and not field.store:
                    problems.append(f"{model}.{name}: not stored, Odoo stores it")
        self.assertFalse(problems, "\n".join(problems))

    def test_model_orders(self):
        for model in MODELS:
            self.assertEqual(self.env[model]._order, self.compat[model]['order'], model)
