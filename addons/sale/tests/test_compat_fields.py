"""The models of uom, product, account (taxes), sales_team and sale have Odoo 18's
core fields (names, types, relations, storage), except those addons/COMPAT.md
lists as not provided."""
import json
import os

from odoo.tests import TransactionCase, tagged

HERE = os.path.dirname(__file__)
COMPAT_FILE = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', 'shared', 'compat', 'odoo18_fields.json'))
COMPAT_DOC = os.path.normpath(os.path.join(HERE, '..', '..', 'COMPAT.md'))
MODULES = {'uom', 'product', 'account', 'sales_team', 'sale'}
# (model, field) listed in addons/COMPAT.md as not provided
NOT_PROVIDED = {
    ('product.template', 'pricelist_item_count'), ('product.product', 'pricelist_item_count'),
    ('product.template', 'product_document_count'), ('product.product', 'product_document_count'),
    ('crm.team', 'dashboard_graph_data'), ('account.tax', 'repartition_lines_str'),
}


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
            if model not in self.env:
                continue
            fields = self.env[model]._fields
            for info in spec['fields']:
                if info['module'] not in MODULES or info['core'] is not True or (model, info['name']) in NOT_PROVIDED:
                    continue
                field = fields.get(info['name'])
                label = f"{model}.{info['name']}"
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
        self.assertFalse(problems, "\n".join(problems))

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
        with open(COMPAT_DOC, encoding='utf-8') as handle:
            doc = handle.read()
        for _model, name in NOT_PROVIDED:
            self.assertIn(name, doc, f"{name} is missing from addons/COMPAT.md")

    def test_orders_and_tables_as_in_odoo(self):
        for model in ('uom.uom', 'product.category', 'product.template', 'product.product', 'product.tag',
                      'account.tax', 'crm.team', 'crm.team.member', 'sale.order', 'sale.order.line'):
            self.assertEqual(self.env[model]._order.replace(' ', '').lower(),
                             self.compat[model]['order'].replace(' ', '').lower(), model)
            self.assertEqual(self.env[model]._table, self.compat[model]['table'], model)
