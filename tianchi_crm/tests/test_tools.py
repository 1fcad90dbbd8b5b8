"""Checks of the pure helpers: credit code checksums and contact value normalisation."""

from odoo.tests import BaseCase

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
