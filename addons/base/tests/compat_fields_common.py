"""Shared check of the standard addons against Odoo 18's field list
(shared/compat/odoo18_fields.json): each addon's test names its modules and
the fields that addons/COMPAT.md lists as not provided."""
import json
import os

from odoo.tests import TransactionCase

COMPAT_FILE = os.path.normpath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'compat', 'odoo18_fields.json'))
COMPAT_DOC = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..', 'COMPAT.md'))


class CompatFieldsCase(TransactionCase):
    """Subclasses set ``compat_modules``, ``compat_not_provided`` and, for
    models whose fields of these modules come from another Odoo addon,
    ``compat_skip_models``."""

    compat_modules: frozenset = frozenset()
    compat_not_provided: frozenset = frozenset()
    compat_skip_models: frozenset = frozenset()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.exists(COMPAT_FILE):
            cls.skipTest(cls, f"{COMPAT_FILE} is not there")
        with open(COMPAT_FILE, encoding='utf-8') as handle:
            cls.compat = json.load(handle)['models']

    def _compat_problems(self):
        """What differs from Odoo 18 for the core fields of ``compat_modules``."""
        problems = []
        for model, spec in self.compat.items():
            if model not in self.env or model in self.compat_skip_models:
                continue
            fields = self.env[model]._fields
            for info in spec['fields']:
                key = (model, info['name'])
                if info['module'] not in self.compat_modules or info['core'] is not True \
                        or key in self.compat_not_provided:
                    continue
                label = '.'.join(key)
                field = fields.get(info['name'])
                if field is None:
                    problems.append(f"{label}: missing")
                    continue
                if field.type != info['type']:
                    problems.append(f"{label}: type {field.type}, Odoo has {info['type']}")
                if info['relation'] and getattr(field, 'comodel_name', None) != info['relation']:
                    problems.append(f"{label}: relation {field.comodel_name}, Odoo has {info['relation']}")
                if bool(field.store) != bool(info['store']):
                    problems.append(f"{label}: stored={field.store}, Odoo has {info['store']}")
                if info['store'] and bool(field.required) != bool(info['required']):
                    problems.append(f"{label}: required={field.required}, Odoo has {info['required']}")
        return problems

    def assertCompatFields(self):
        self.assertFalse(self._compat_problems(), "\n".join(self._compat_problems()))

    def assertNotProvidedDocumented(self):
        with open(COMPAT_DOC, encoding='utf-8') as handle:
            doc = handle.read()
        for _model, name in self.compat_not_provided:
            self.assertIn(name, doc, f"{name} is missing from addons/COMPAT.md")
