"""Checks of the pure helpers: credit code checksums, contact value normalisation,
sheet reading and header mapping."""

import datetime
import io

from odoo.addons.tianchi_crm.tools.contact_values import (
    is_valid_email,
    normalize_email,
    normalize_mobile,
)
from odoo.addons.tianchi_crm.tools.credit_code import (
    credit_code_check_char,
    is_valid_credit_code,
    normalize_credit_code,
    organization_code_check_char,
)
from odoo.addons.tianchi_crm.tools.import_headers import HeaderMatcher, find_header
from odoo.addons.tianchi_crm.tools.import_reader import SheetError, estimate_rows, read_rows
from odoo.addons.tianchi_crm.tools.row_facts import row_facts
from odoo.addons.tianchi_crm.tools.sheet_process import CHILD_MIN_BYTES, sheet_rows
from odoo.tests import BaseCase

VALID_CODE = "91310115C05DFF7B6P"


class TestCreditCode(BaseCase):
    def test_valid_code(self):
        self.assertTrue(is_valid_credit_code(VALID_CODE))
        self.assertTrue(is_valid_credit_code("9144010655H9C85H29"))

    def test_final_check_character(self):
        self.assertEqual(credit_code_check_char(VALID_CODE[:17]), "P")
        for wrong in "0123456789ABCDEFGHJKLMNQRTUWXY":
            self.assertFalse(is_valid_credit_code(VALID_CODE[:17] + wrong), wrong)

    def test_check_character_zero(self):
        # A sum divisible by 31 gives check character "0", not "31" or "Y".
        for region in range(100000, 100400):
            body = f"91{region}C05DFF7B"
            code17 = body + organization_code_check_char(body[8:16])
            if credit_code_check_char(code17) == "0":
                self.assertTrue(is_valid_credit_code(code17 + "0"))
                break
        else:
            self.fail("no code with check character 0 among the regions tried")

    def test_organisation_code_check(self):
        # GB 11714 example: D2143569 has check character X (10).
        self.assertEqual(organization_code_check_char("D2143569"), "X")
        # Changing the organisation code's check character while keeping the
        # final character consistent must still fail.
        body = VALID_CODE[:16] + ("7" if VALID_CODE[16] != "7" else "8")
        code = body + credit_code_check_char(body)
        self.assertFalse(is_valid_credit_code(code))

    def test_shape(self):
        self.assertFalse(is_valid_credit_code(""))
        self.assertFalse(is_valid_credit_code(None))
        self.assertFalse(is_valid_credit_code(VALID_CODE[:17]))
        self.assertFalse(is_valid_credit_code(VALID_CODE + "0"))
        self.assertFalse(is_valid_credit_code(VALID_CODE.lower()))
        # Region code must be digits; forbidden letters are refused.
        body = "9131A115C05DFF7B6"
        self.assertFalse(is_valid_credit_code(body + credit_code_check_char(body)))
        self.assertFalse(is_valid_credit_code("I" + VALID_CODE[1:]))

    def test_normalize(self):
        self.assertEqual(normalize_credit_code(" 91310115c05dff7b6p "), VALID_CODE)
        self.assertEqual(normalize_credit_code("９１３１０１１５Ｃ０５ＤＦＦ７Ｂ６Ｐ"), VALID_CODE)
        self.assertEqual(normalize_credit_code("913101-15C05 DFF7B6P"), VALID_CODE)
        self.assertEqual(normalize_credit_code(None), "")
        self.assertEqual(normalize_credit_code(False), "")


class TestContactValues(BaseCase):
    def test_mobile_normalised(self):
        self.assertEqual(normalize_mobile("+86 138-0013-8000"), "13800138000")
        self.assertEqual(normalize_mobile("0086 13800138000"), "13800138000")
        self.assertEqual(normalize_mobile("8613800138000"), "13800138000")
        self.assertEqual(normalize_mobile("１９６７４８４７８８４"), "19674847884")
        self.assertEqual(normalize_mobile(" 138 0013 8000 "), "13800138000")
        self.assertEqual(normalize_mobile(13800138000), "13800138000")
        self.assertEqual(normalize_mobile(13800138000.0), "13800138000")

    def test_mobile_refused(self):
        for value in ("145370388", "12800138000", "1380013800a", "+1 13800138000",
                      "023-6666-8888", "138001380001", "", None, False):
            self.assertIsNone(normalize_mobile(value), value)

    def test_email(self):
        self.assertTrue(is_valid_email("contact0@example.cn"))
        self.assertTrue(is_valid_email("li.na+crm@mail.example.com.cn"))
        for value in ("not-an-email", "a@b", "a b@example.cn", "@example.cn",
                      "a@@example.cn", "a@example..cn", "", None):
            self.assertFalse(is_valid_email(value), value)
        self.assertEqual(normalize_email(" Li@Example.CN "), "Li@example.cn")
        self.assertEqual(normalize_email("ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ"), "li@example.cn")


class TestSheetHelpers(BaseCase):
    def test_header_mapping(self):
        matcher = HeaderMatcher({'项目阶段': 'x_project_stage'})
        headers = ('客户类型', '公司名称*', 'Unified Social Credit Code', '所在省份', 'E-mail',
                   '手机（必填）', '项目阶段', '客户名称', 'Remarks')
        self.assertEqual(matcher.map_headers(headers), [
            None, 'name', 'credit_code', 'province', 'email', 'mobile', 'x_project_stage', None, 'comment'])

    def test_find_header_below_title(self):
        matcher = HeaderMatcher()
        rows = [(1, ('2026年客户名单', None, None)), (3, ('序号', '客户名称', '手机')), (4, (1, '某公司', '138'))]
        self.assertEqual(find_header(rows, matcher), (1, [None, 'name', 'mobile']))
        self.assertIsNone(find_header([(1, ('名单',)), (2, ('手机', '邮箱'))], matcher))

    def test_csv_encodings_and_delimiters(self):
        text = "客户名称;手机\n杭州某公司;13800138000\n"
        for content in (text.encode('gbk'), b'\xef\xbb\xbf' + text.encode('utf-8'), text.encode('utf-8')):
            rows = list(read_rows('list.csv', content))
            self.assertEqual(rows, [(1, ('客户名称', '手机')), (2, ('杭州某公司', '13800138000'))])
        self.assertEqual(estimate_rows('list.csv', text.encode()), 3)

    def test_refused_files(self):
        for name, content, code in (('a.doc', b'x', 'wrong_type'), ('a.csv', b'', 'empty'),
                                    ('a.xls', b'PK\x03\x04', 'wrong_content'), ('a.csv', b'\x00\x01', 'wrong_content')):
            with self.subTest(name=name, code=code), self.assertRaises(SheetError) as caught:
                list(read_rows(name, content))
            self.assertEqual(caught.exception.code, code)


class TestRowFacts(BaseCase):
    def test_values_normalised(self):
        columns = {0: 'name', 1: 'credit_code', 2: 'mobile', 3: 'email', 4: 'phone', 5: 'next_contact_date'}
        facts = row_facts(("  杭州　某某   公司 ", "91310115-c05dff7b6p", "+86 138-0013-8000", " Li@Example.CN ",
                           "0571-8888 8888", "2027/5/12"), columns)
        self.assertEqual(facts, {
            'cells': {'name': "  杭州　某某   公司 ", 'credit_code': "91310115-c05dff7b6p", 'mobile': "+86 138-0013-8000",
                      'email': " Li@Example.CN ", 'phone': "0571-8888 8888", 'next_contact_date': "2027/5/12"},
            'name': "杭州 某某 公司", 'credit_code': ("91310115C05DFF7B6P", True), 'mobile': "13800138000",
            'email': ("Li@example.cn", True), 'phone': ("0571-8888 8888", True),
            'next_contact_date': datetime.date(2027, 5, 12)})
        facts = row_facts((None, "91310115C05DFF7B6Q", "12345", "nobody", "call me", "2027-13-01"), columns)
        self.assertEqual(facts.pop('cells'), {'credit_code': "91310115C05DFF7B6Q", 'mobile': "12345",
                                              'email': "nobody", 'phone': "call me", 'next_contact_date': "2027-13-01"})
        self.assertEqual(facts, {'name': "", 'credit_code': ("91310115C05DFF7B6Q", False), 'mobile': None,
                                 'email': ("nobody", False), 'phone': ("call me", False), 'next_contact_date': None})


class TestSheetProcess(BaseCase):
    """Big sheets are parsed by a child process; what comes back must be what reading in process gives."""

    def _big_xlsx(self, rows):
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("客户名单")
        sheet.append(["客户名称", "手机", "下次联系日期", "金额"])
        for index in range(rows):
            sheet.append([f"  杭州第{index}号贸易有限公司 ", f"138{index:08d}", datetime.datetime(2027, 1, 1 + index % 28),
                          index * 1.5 if index % 3 else None])
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    def test_child_reads_like_the_process(self):
        content = self._big_xlsx(30000)
        self.assertGreaterEqual(len(content), CHILD_MIN_BYTES, "the sheet must be big enough for a child")
        self.assertEqual(list(sheet_rows('big.xlsx', content)), list(read_rows('big.xlsx', content)))

    def test_child_works_out_the_facts(self):
        content = self._big_xlsx(30000)
        columns = {0: 'name', 1: 'mobile', 2: 'next_contact_date'}
        rows = list(sheet_rows('big.xlsx', content, columns))
        expected = [(number, values, row_facts(values, columns)) for number, values in read_rows('big.xlsx', content)]
        self.assertEqual(rows, expected)
        self.assertEqual(rows[5][2].pop('cells'), dict(zip(columns.values(), rows[5][1])))
        self.assertEqual(rows[5][2], {'name': '杭州第4号贸易有限公司', 'mobile': '13800000004',
                                      'next_contact_date': datetime.date(2027, 1, 5)})

    def test_child_errors_and_early_stop(self):
        with self.assertRaises(SheetError) as caught:
            list(sheet_rows('big.xlsx', b'PK\x03\x04' + b'\x00' * CHILD_MIN_BYTES))
        self.assertEqual(caught.exception.code, 'unreadable')
        rows = sheet_rows('big.xlsx', self._big_xlsx(30000))
        self.assertEqual(next(rows), (1, ('客户名称', '手机', '下次联系日期', '金额')))
        rows.close()  # the child is stopped and the temporary file removed; nothing hangs
