"""Import options and failure modes: dry run, duplicate handling against existing
customers, column mapping, custom fields, bad files, the error sheet, cancel and
failure leaving nothing behind."""

import base64
import gc
import io
from unittest.mock import patch

from odoo.addons.tianchi_crm.models import tianchi_customer_import, tianchi_customer_import_write
from odoo.addons.tianchi_crm.tests.test_import import TianchiImportCase, read_data
from odoo.exceptions import UserError
from odoo.tests import tagged

HEADER = "客户名称,统一社会信用代码,省份,城市,区县,联系人,职位,手机,邮箱\n"
GOOD_CODE = '91310115C05DFF7B6P'          # 上海天成科技有限公司 in the reference sheets


def csv_bytes(*lines, header=HEADER):
    return (header + "".join(line + "\n" for line in lines)).encode('utf-8')


@tagged('post_install', '-at_install')
class TestImportOptions(TianchiImportCase):

    def test_dry_run_writes_nothing(self):
        expected = self.expected['customers_xlsx.xlsx']['summary']
        result = self.import_file('customers_xlsx.xlsx', dry_run=True)
        summary = result['summary']
        self.assertTrue(summary['dry_run'])
        self.assertEqual((summary['created'], summary['errors'], summary['duplicates']),
                         (expected['created'], expected['errors'], expected['duplicates']))
        self.assertFalse(self.customers())
        self.assertFalse(self.env['res.partner'].search([('name', '=', '周强洋')]))
        self.assertIn("nothing saved", result['import'].message)

    def existing(self, **values):
        return self.env['res.partner'].create({
            'name': '上海天成科技有限公司', 'is_company': True, 'tianchi_is_customer': True,
            'vat': GOOD_CODE, 'company_id': self.company.id, 'user_id': self.owner.id, **values})

    def test_duplicate_of_existing_customer_skipped(self):
        customer = self.existing(mobile='15874526859')
        content = csv_bytes(f"上海天成科技有限公司,{GOOD_CODE},上海,上海市,浦东新区,周强洋,采购经理,15874526859,a@example.cn",
                            "上海天成科技,,上海,,,,,15874526859,",
                            "上海天成科技有限公司,,,,,,,,")
        result = self.import_file('dup.csv', content)
        self.assertEqual([row.result for row in result['rows']], ['duplicate'] * 3)
        # found by code, then by mobile (no code, other name), then by name
        self.assertEqual([row.duplicate_of for row in result['rows']], [('db', customer.id)] * 3)
        self.assertEqual(self.customers(), customer)
        self.assertFalse(customer.child_ids)

    def test_duplicate_updates_existing_customer(self):
        other_user = self.users['sale']
        customer = self.existing(user_id=other_user.id)
        content = csv_bytes(f"上海天成科技有限公司,{GOOD_CODE},上海,上海市,浦东新区,周强洋,采购经理,15874526859,a@example.cn")
        result = self.Import.with_user(self.users['hq_head']).tianchi_import_file(
            content, 'dup.csv', duplicate_mode='update')
        self.assertEqual(result['summary']['updated'], 1)
        self.assertEqual(customer.mobile, '15874526859')
        self.assertEqual(customer.region_district_id.name, '浦东新区')
        self.assertEqual(customer.user_id, other_user, "an update keeps the owner")
        self.assertEqual(customer.child_ids.name, '周强洋')

    def test_duplicate_created_anyway(self):
        content = csv_bytes("杭州恒通建材有限公司,,浙江,杭州,西湖区,,,,",
                            "杭州恒通建材有限公司,,浙江,杭州,西湖区,,,,")
        result = self.import_file('twice.csv', content, duplicate_mode='create')
        self.assertEqual(result['summary']['created'], 2)
        self.assertEqual(len(self.customers()), 2)
        result = self.import_file('twice.csv', content)
        self.assertEqual(result['summary']['duplicates'], 2)

    def test_row_refused_by_the_model_fails_alone(self):
        """A row the sheet checks let through but the customer's constraints
        refuse (here: a credit code another new customer holds, with duplicates
        created anyway) is an error; the rows around it are created, each with
        its contact."""
        content = csv_bytes(f"上海天成科技有限公司,{GOOD_CODE},上海,上海市,浦东新区,周强洋,采购经理,15874526859,",
                            f"上海天成贸易有限公司,{GOOD_CODE},上海,上海市,浦东新区,李娜,经理,13912345678,",
                            "杭州恒通建材有限公司,,浙江,杭州,西湖区,王芳,财务,13800571234,")
        result = self.import_file('same_code.csv', content, duplicate_mode='create')
        self.assertEqual([row.result for row in result['rows']], ['created', 'error', 'created'])
        self.assertIn(GOOD_CODE, " ".join(message for _code, message in result['rows'][1].problems))
        customers = self.customers()
        self.assertEqual(sorted(customers.mapped('name')), ['上海天成科技有限公司', '杭州恒通建材有限公司'])
        self.assertEqual(sorted(customers.child_ids.mapped('name')), ['周强洋', '王芳'])
        self.assertFalse(self.env['res.partner'].search([('name', '=', '上海天成贸易有限公司')]))
        self.assertFalse(self.env['res.partner'].search([('name', '=', '李娜'), ('mobile', '=', '13912345678')]))

    def test_mapping_synonyms_owner_and_regions(self):
        header = "Customer Name;手机（必填）;E-mail;所在省份;区县;负责人;备注\n"
        content = csv_bytes(f"  深圳鸿运物流有限公司 ;138 0013 8000;Li@Example.CN;广东;南山区;{self.users['sale'].login};重点客户",
                            "深圳华信建材有限公司;13800138001;;广东;南山;nobody;",
                            "深圳恒通科技有限公司;13800138002;;广东;火星区;;",
                            header=header)
        # naming another owner takes a head's rights (staff create their own customers only)
        result = self.Import.with_user(self.users['hq_head']).tianchi_import_file(content, 'mapped.csv')
        first, second, third = result['rows']
        self.assertEqual(first.result, 'created', first.problems)
        partner = self.env['res.partner'].browse(first.partner_id)
        self.assertEqual((partner.name, partner.mobile, partner.email),
                         ('深圳鸿运物流有限公司', '13800138000', 'Li@example.cn'))
        self.assertIn('重点客户', partner.comment)
        self.assertEqual(partner.region_city_id.name, '深圳市')
        self.assertEqual(partner.user_id, self.users['sale'])
        self.assertEqual([code for code, _message in second.problems], ['owner'])
        self.assertEqual([code for code, _message in third.problems], ['district'])
        self.assertIn('火星区', third.problems[0][1])

    def test_adjusted_mapping(self):
        content = csv_bytes("南京万达贸易有限公司,,江苏,南京,鼓楼区,,,12345,")
        session = self.Import.create({'file': base64.b64encode(content), 'filename': 'adjust.csv'})
        session.action_parse()
        self.assertEqual(session.header_row, 1)
        mobile = session.column_ids.filtered(lambda column: column.header == '手机')
        self.assertEqual(mobile.target, 'mobile')
        self.assertIn('南京万达贸易有限公司', session.preview_html)
        mobile.target = False
        result = session._tianchi_import()
        self.assertEqual(result['summary']['created'], 1)
        self.assertFalse(self.customers().mobile)
        session.column_ids.filtered(lambda column: column.header == '客户名称').target = False
        with self.assertRaises(UserError):
            session._tianchi_import()

    def test_bad_files(self):
        cases = [
            ('customers.pdf', b'%PDF-1.4', "not a spreadsheet"),
            ('empty.csv', b'', "is empty"),
            ('fake.xlsx', csv_bytes("a,b"), "does not contain what its extension says"),
            ('noheader.csv', "这是一份说明\n没有表头\n".encode(), "No header row"),
            ('broken.xlsx', b'PK\x03\x04garbage', "cannot be read"),
        ]
        for name, content, message in cases:
            with self.subTest(name=name), self.assertRaises(UserError) as caught:
                self.import_file(name, content)
            self.assertIn(message, str(caught.exception))
        with patch.object(tianchi_customer_import, 'MAX_FILE_BYTES', 10), \
                self.assertRaises(UserError) as caught:
            self.import_file('big.csv', csv_bytes("一家公司,,,,,,,,"))
        self.assertIn("too large", str(caught.exception))
        self.assertFalse(self.customers())

    def test_error_sheet(self):
        from openpyxl import load_workbook

        result = self.import_file('customers_xlsx_messy.xlsx')
        session = result['import']
        self.assertTrue(session.error_filename.endswith('.xlsx'))
        book = load_workbook(io.BytesIO(base64.b64decode(session.error_file)), read_only=True)
        lines = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(lines[0][:4], ("Row", "Result", "Reasons", "公司名称"))
        reported = {row.number: row for row in result['rows'] if row.result in ('error', 'duplicate')}
        listed = {line[0]: line for line in lines[1:] if line[1] != "Imported, with remarks"}
        self.assertEqual(set(listed), set(reported))
        for number, line in listed.items():
            row = reported[number]
            self.assertEqual(line[3], row.values[0].strip() if row.values[0] else None)
            for _code, message in row.problems:
                self.assertIn(message, line[2])
            if row.result == 'duplicate':
                self.assertIn("Same customer as row", line[2])

    def assertCollectorRestored(self, enabled):
        # the import collects garbage per chunk and freezes what survives one
        self.assertEqual(gc.isenabled(), enabled)
        self.assertEqual(gc.get_freeze_count(), 0)

    def test_cancel_leaves_nothing(self):
        enabled = gc.isenabled()
        with patch.object(tianchi_customer_import_write, 'CHUNK_SIZE', 10), \
                patch.object(type(self.Import), '_tianchi_cancel_requested', lambda self: True):
            result = self.import_file('customers_xlsx.xlsx')
        self.assertCollectorRestored(enabled)
        session = result['import']
        self.assertEqual(session.state, 'cancelled')
        self.assertTrue(result['summary']['cancelled'])
        self.assertEqual(session.created_count, 0)
        self.assertFalse(self.customers())
        self.assertFalse(self.env['res.partner'].search([('name', '=', '周强洋')]))

    def test_failure_leaves_nothing(self):
        original = type(self.Import)._tianchi_create
        calls = []

        def failing(self, rows):
            calls.append(len(rows))
            if len(calls) == 2:
                raise UserError("disk full")
            return original(self, rows)

        enabled = gc.isenabled()
        with patch.object(tianchi_customer_import_write, 'CHUNK_SIZE', 10), \
                patch.object(type(self.Import), '_tianchi_create', failing):
            result = self.import_file('customers_xlsx.xlsx')
        self.assertCollectorRestored(enabled)
        self.assertEqual(result['import'].state, 'failed')
        self.assertIn("disk full", result['import'].message)
        self.assertGreater(calls[0], 0)
        self.assertFalse(self.customers())

    def test_reference_file_twice(self):
        self.import_file('customers_csv_utf8bom.csv')
        second = self.import_file('customers_csv_utf8bom.csv', read_data('customers_csv_utf8bom.csv'))
        summary = self.expected['customers_csv_utf8bom.csv']['summary']
        self.assertEqual(second['summary']['created'], 0)
        self.assertEqual(second['summary']['duplicates'], summary['created'] + summary['duplicates'])
        self.assertEqual(len(self.customers()), summary['created'])
