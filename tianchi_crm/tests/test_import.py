"""Importing the reference sheets (tests/data, README.md there) into a company without
customers gives exactly the expected customers, errors and duplicates."""

import json

from odoo.addons.tianchi_org.tests.common import TianchiOrgCase
from odoo.tests import tagged
from odoo.tools import file_open

DATA = 'tianchi_crm/tests/data/'


def read_data(name):
    with file_open(DATA + name, 'rb') as handle:
        return handle.read()


class TianchiImportCase(TianchiOrgCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expected = json.loads(read_data('customers_expected.json'))
        cls.Import = cls.env['tianchi.customer.import'].with_user(cls.owner).with_company(cls.company)
        # staff may not create sources or tags: the import uses the existing ones only
        cls.source = cls.env['tianchi.customer.source'].create({'name': '电话营销', 'company_id': cls.company.id})
        cls.tag = cls.env['res.partner.category'].create({'name': '老客户'})

    def import_file(self, name, content=None, **options):
        return self.Import.tianchi_import_file(content if content is not None else read_data(name),
                                               name, **options)

    def customers(self):
        return self.env['res.partner'].search([
            ('company_id', '=', self.company.id), ('tianchi_is_customer', '=', True),
            ('parent_id', '=', False)])


@tagged('post_install', '-at_install')
class TestImportReferenceSheets(TianchiImportCase):

    def check_file(self, name):
        expected = self.expected[name]
        result = self.import_file(name)
        summary = result['summary']
        self.assertNotIn('failed', summary, summary.get('message'))
        self.assertEqual(
            {key: summary[key] for key in ('data_rows', 'created', 'errors', 'duplicates')},
            expected['summary'], name)
        self.assertEqual(len(result['rows']), len(expected['rows']))
        customers = self.customers()
        self.assertEqual(len(customers), expected['summary']['created'])
        by_code = {customer.vat: customer for customer in customers}
        for row, wanted in zip(result['rows'], expected['rows']):
            where = f"{name} row {wanted['row_index']} ({wanted['name']})"
            self.assertEqual(row.result, wanted['result'], where)
            self.assertEqual(sorted(code for code, _message in row.problems), sorted(wanted['problems']), where)
            if wanted['result'] == 'created':
                partner = self.env['res.partner'].browse(row.partner_id)
                self.assertEqual(partner.name, wanted['name'].strip(), where)
                self.assertEqual(partner.user_id, self.owner, where)
                self.assertEqual(partner.company_id, self.company, where)
                if 'normalized_phone' in wanted:
                    self.assertEqual(partner.mobile, wanted['normalized_phone'], where)
                    self.assertEqual(partner.child_ids.mobile, wanted['normalized_phone'], where)
                if 'normalized_province' in wanted:
                    self.assertEqual(partner.region_province_id.name, wanted['normalized_province'], where)
                    self.assertEqual(partner.state_id.name, wanted['normalized_province'], where)
            elif wanted['result'] == 'duplicate':
                original = by_code[wanted['duplicate_of_code']]
                kind, target = row.duplicate_of
                self.assertEqual((kind, target.partner_id), ('new', original.id), where)
        session = result['import']
        self.assertEqual(session.state, 'done')
        self.assertEqual((session.created_count, session.error_count, session.duplicate_count),
                         (expected['summary']['created'], expected['summary']['errors'],
                          expected['summary']['duplicates']))
        return result

    def test_xlsx(self):
        result = self.check_file('customers_xlsx.xlsx')
        # the contact of the first row, with what the sheet says of it
        first = self.env['res.partner'].browse(result['rows'][0].partner_id)
        self.assertEqual(first.vat, '91310115C05DFF7B6P')
        self.assertEqual(first.region_province_id.name, '上海市')
        self.assertEqual(first.region_district_id.name, '浦东新区')
        self.assertEqual(first.city, '上海市')
        self.assertEqual(first.street, '浦东新区盛世路285号')
        self.assertEqual(first.child_ids.name, '周强洋')
        self.assertEqual(first.child_ids.function, '采购经理')
        self.assertEqual(first.child_ids.email, 'contact0@example.cn')
        # and what Odoo keeps in step with its company
        contact = first.child_ids
        for name in ('vat', 'street', 'city', 'state_id', 'country_id', 'region_province_id',
                     'region_city_id', 'region_district_id', 'lang', 'user_id', 'company_id'):
            self.assertEqual(contact[name], first[name], name)
        self.assertEqual(contact.commercial_partner_id, first)
        self.assertEqual(contact.complete_name, f"{first.name}, 周强洋")
        self.assertEqual(first.customer_source_id, self.source)
        self.assertEqual(first.category_id, self.tag)
        self.assertIn("待回访", "".join(result['rows'][0].warnings))
        self.assertEqual(str(first.next_contact_date), '2026-12-17')

    def test_xlsx_messy(self):
        result = self.check_file('customers_xlsx_messy.xlsx')
        self.assertEqual(result['import'].header_row, 2)
        # blank rows are skipped but the sheet's own row numbers are kept
        numbers = [row.number for row in result['rows']]
        self.assertEqual(len(numbers), 60)
        self.assertGreater(numbers[-1], 61)

    def test_xls(self):
        self.check_file('customers.xls')

    def test_csv_gbk(self):
        self.check_file('customers_csv_gbk.csv')

    def test_csv_utf8_bom(self):
        self.check_file('customers_csv_utf8bom.csv')
