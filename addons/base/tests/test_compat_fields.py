"""The business models of base have the fields Odoo 18 has (names, types,
relations, required-ness), as listed in shared/compat/odoo18_fields.json."""
from odoo.tests import tagged

from .compat_fields_common import CompatFieldsCase

MODELS = (
    'res.partner', 'res.partner.category', 'res.partner.industry', 'res.partner.title',
    'res.partner.bank', 'res.company', 'res.users', 'res.groups', 'res.country',
    'res.country.state', 'res.currency',
)


@tagged('at_install', '-post_install')
class TestCompatFields(CompatFieldsCase):
    compat_modules = frozenset({'base'})
    # computed fields listed in addons/COMPAT.md as not provided
    compat_not_provided = frozenset({('res.company', 'uninstalled_l10n_module_ids'),
                                     ('res.users', 'user_group_warning')})

    def test_fields_match_odoo(self):
        self.assertCompatFields()

    def test_not_provided_fields_are_documented(self):
        self.assertNotProvidedDocumented()

    def test_model_orders(self):
        for model in MODELS:
            self.assertEqual(self.env[model]._order, self.compat[model]['order'], model)
