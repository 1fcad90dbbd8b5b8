"""Languages: English active, Chinese ready to activate, cached data, formats."""
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged('at_install', '-post_install')
class TestLang(TransactionCase):

    def test_english_active_chinese_available(self):
        Lang = self.env['res.lang']
        self.assertIn('en_US', dict(Lang.get_installed()))
        chinese = Lang.with_context(active_test=False).search([('code', '=', 'zh_CN')])
        self.assertEqual(chinese.date_format, '%Y年%m月%d日')
        self.assertEqual(chinese, self.env.ref('base.lang_zh_CN'))

    def test_activate_updates_cache(self):
        Lang = self.env['res.lang']
        Lang.with_context(active_test=False).search([('code', '=', 'zh_CN')]).active = False
        self.assertFalse(Lang._lang_get('zh_CN'))
        Lang._activate_lang('zh_CN')
        self.assertEqual(Lang._lang_get('zh_CN').code, 'zh_CN')
        self.assertEqual(Lang._get_code('zh_CN'), 'zh_CN')
        self.assertIn(('zh_CN', 'Chinese (Simplified) / 简体中文'), Lang.get_installed())
        data = Lang._get_data(code='zh_CN')
        self.assertEqual(data.short_time_format, '%H时%M分')

    def test_unknown_language_data_is_empty(self):
        data = self.env['res.lang']._get_data(code='xx_XX')
        self.assertFalse(data)
        self.assertFalse(data.code)

    def test_format_groups_digits(self):
        english = self.env.ref('base.lang_en')
        self.assertEqual(english.format('%.2f', 1234567.891, grouping=True), '1,234,567.89')
        self.assertEqual(english.format('%d', -1234567, grouping=True), '-1,234,567')
        self.assertEqual(english.format('%.1f', 12.34), '12.3')

    def test_code_cannot_change(self):
        with self.assertRaises(UserError):
            self.env.ref('base.lang_zh_CN').write({'code': 'zh_TW'})

    def test_english_cannot_be_deleted(self):
        with self.assertRaises(UserError):
            self.env.ref('base.lang_en').unlink()
