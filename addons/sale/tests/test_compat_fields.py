"""The models of uom, product, account (taxes), sales_team and sale have Odoo 18's
core fields (names, types, relations, storage), except those addons/COMPAT.md
lists as not provided."""
from odoo.addons.base.tests.compat_fields_common import CompatFieldsCase
from odoo.tests import tagged


@tagged('at_install', '-post_install')
class TestCompatFields(CompatFieldsCase):
    compat_modules = frozenset({'uom', 'product', 'account', 'sales_team', 'sale'})
    # (model, field) listed in addons/COMPAT.md as not provided
    compat_not_provided = frozenset({
        ('product.template', 'pricelist_item_count'), ('product.product', 'pricelist_item_count'),
        ('product.template', 'product_document_count'), ('product.product', 'product_document_count'),
        ('crm.team', 'dashboard_graph_data'), ('account.tax', 'repartition_lines_str'),
    })

    def test_core_fields_exist_as_in_odoo(self):
        self.assertCompatFields()

    def test_product_properties_as_in_odoo(self):
        category = self.env['product.category'].create({'name': 'Chairs', 'product_properties_definition': [
            {'name': 'legs', 'string': 'Legs', 'type': 'integer'}]})
        template = self.env['product.template'].create({
            'name': 'Chair', 'categ_id': category.id, 'product_properties': {'legs': 4}})
        for record in (template, template.product_variant_id):
            [legs] = record.read(['product_properties'])[0]['product_properties']
            self.assertEqual((legs['name'], legs['value']), ('legs', 4), record)
        described = self.env['product.template'].fields_get(['product_properties'])['product_properties']
        self.assertEqual((described['definition_record'], described['definition_record_field']),
                         ('categ_id', 'product_properties_definition'))
        self.assertEqual(template.copy().product_properties, {'legs': 4})

    def test_not_provided_fields_are_documented(self):
        self.assertNotProvidedDocumented()

    def test_orders_and_tables_as_in_odoo(self):
        for model in ('uom.uom', 'product.category', 'product.template', 'product.product', 'product.tag',
                      'account.tax', 'crm.team', 'crm.team.member', 'sale.order', 'sale.order.line'):
            self.assertEqual(self.env[model]._order.replace(' ', '').lower(),
                             self.compat[model]['order'].replace(' ', '').lower(), model)
            self.assertEqual(self.env[model]._table, self.compat[model]['table'], model)
