"""Tests of odoo.tools.translate: PO files, _() and _lt, XML terms, TranslationImporter."""
from __future__ import annotations

import textwrap

import pytest
from markupsafe import Markup
from odoo.tools import translate
from odoo.tools.translate import (
    LazyTranslate,
    PoFileReader,
    _,
    _lt,
    code_translations,
    get_translation,
    html_translate,
    xml_translate,
)

PO = textwrap.dedent('''\
    # Translation of Odoo Server.
    msgid ""
    msgstr ""
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Language: zh_CN\\n"

    #. module: demo_i18n
    #. odoo-python
    #: code:addons/demo_i18n/models/order.py:0
    #, python-format
    msgid "Order %s was taken by %s"
    msgstr "订单 %s 已被 %s 抢单"

    #. module: demo_i18n
    #. odoo-python
    #: code:addons/demo_i18n/models/order.py:0
    msgid "Hello %(name)s"
    msgstr "你好 %(name)s"

    #. module: demo_i18n
    #. odoo-python
    #: code:addons/demo_i18n/models/order.py:0
    msgid "Broken %s"
    msgstr "坏的 %s %s"

    #. module: demo_i18n
    #. odoo-javascript
    #: code:addons/demo_i18n/static/src/x.js:0
    msgid "Only in JS"
    msgstr "仅 JS"

    #. module: demo_i18n
    #: model:res.partner,name:demo_i18n.partner_acme
    #: model:res.partner.category,name:demo_i18n.tag_vip
    msgid "Acme"
    msgstr "顶点公司"

    #. module: demo_i18n
    #: model_terms:ir.ui.view,arch_db:demo_i18n.view_form
    msgid "Hello <b>world</b>"
    msgstr "你好 <b>世界</b>"
    ''')


@pytest.fixture
def addon(tmp_path, monkeypatch):
    """An addon ``demo_i18n`` on the addons path, with i18n/zh_CN.po."""
    i18n = tmp_path / 'demo_i18n' / 'i18n'
    i18n.mkdir(parents=True)
    (i18n / 'zh_CN.po').write_text(PO, encoding='utf-8')
    (i18n / 'zh.po').write_text(PO.replace('"仅 JS"', '"仅 JS"').replace('"你好 %(name)s"', '"您好 %(name)s"')
                                .replace('"订单 %s 已被 %s 抢单"', '"基础 %s %s"'), encoding='utf-8')
    monkeypatch.setitem(translate.file_path.__globals__['config'].options, 'addons_path', str(tmp_path))
    code_translations.python_translations.clear()
    code_translations.web_translations.clear()
    yield tmp_path / 'demo_i18n'
    code_translations.python_translations.clear()
    code_translations.web_translations.clear()


def test_po_reader_rows(addon):
    rows = list(PoFileReader(str(addon / 'i18n' / 'zh_CN.po')))
    code = [r for r in rows if r['type'] == 'code']
    assert code[0] == {'type': 'code', 'name': 'addons/demo_i18n/models/order.py', 'src': 'Order %s was taken by %s',
                       'value': '订单 %s 已被 %s 抢单', 'comments': 'odoo-python', 'res_id': 0, 'module': 'demo_i18n'}
    models = [(r['type'], r['imd_model'], r['name'], r['imd_name'], r['module'], r['value'])
              for r in rows if r['type'] != 'code']
    assert models == [
        ('model', 'res.partner', 'res.partner,name', 'partner_acme', 'demo_i18n', '顶点公司'),
        ('model', 'res.partner.category', 'res.partner.category,name', 'tag_vip', 'demo_i18n', '顶点公司'),
        ('model_terms', 'ir.ui.view', 'ir.ui.view,arch_db', 'view_form', 'demo_i18n', '你好 <b>世界</b>'),
    ]


def test_malformed_po_is_named(tmp_path):
    bad = tmp_path / 'bad.po'
    bad.write_text('msgid "a"\nmsgstr "b"\nthis is not PO\n')
    with pytest.raises(ValueError, match='bad.po'):
        PoFileReader(str(bad))


def test_get_translation(addon):
    assert get_translation('demo_i18n', 'zh_CN', 'Order %s was taken by %s', ('S01', '张三')) == '订单 S01 已被 张三 抢单'
    assert get_translation('demo_i18n', 'zh_CN', 'Hello %(name)s', {'name': '李四'}) == '你好 李四'
    assert get_translation('demo_i18n', 'en_US', 'Hello %(name)s', {'name': 'Li'}) == 'Hello Li'
    assert get_translation('demo_i18n', 'zh_CN', 'Untranslated %s', ('x',)) == 'Untranslated x'
    # the specific file wins over the base language file
    assert get_translation('demo_i18n', 'zh_TW', 'Hello %(name)s', {'name': 'x'}) == '您好 x'
    # only odoo-python entries serve _()
    assert get_translation('demo_i18n', 'zh_CN', 'Only in JS', ()) == 'Only in JS'


def test_bad_translation_falls_back_to_source(addon, caplog):
    assert get_translation('demo_i18n', 'zh_CN', 'Broken %s', ('x',)) == 'Broken x'
    assert 'Bad translation' in caplog.text


def test_markup_arguments_escape_the_translation(addon):
    result = get_translation('demo_i18n', 'zh_CN', 'Hello %(name)s', {'name': Markup('<b>A&B</b>')})
    assert isinstance(result, Markup) and result == Markup('你好 <b>A&B</b>')


class FakeEnv:
    registry = None
    cr = None
    uid = None

    def __init__(self, lang):
        self.lang = lang


class FakeRecord:
    def __init__(self, lang):
        self.env = FakeEnv(lang)


def _addon_function(source: str):
    """A function compiled as if it lived in odoo.addons.demo_i18n.models.order."""
    scope = {'__name__': 'odoo.addons.demo_i18n.models.order', '_': _, '_lt': _lt, 'LazyTranslate': LazyTranslate}
    exec(textwrap.dedent(source), scope)
    return scope


def test_underscore_uses_caller_module_and_env_lang(addon):
    scope = _addon_function('''
        def take(self, order, user):
            return _("Order %s was taken by %s", order, user)
        def greet(self, name):
            return _("Hello %(name)s", name=name)
        def with_context(context):
            return _("Hello %(name)s", name="C")
        def with_env(env):
            return _("Hello %(name)s", name="E")
    ''')
    assert scope['take'](FakeRecord('zh_CN'), 'S02', '王五') == '订单 S02 已被 王五 抢单'
    assert scope['take'](FakeRecord('en_US'), 'S02', 'Wang') == 'Order S02 was taken by Wang'
    assert scope['greet'](FakeRecord('zh_CN'), 'Z') == '你好 Z'
    assert scope['with_context']({'lang': 'zh_CN'}) == '你好 C'


def test_underscore_ignores_a_local_env_as_odoo(addon, caplog):
    """Odoo 18 looks at ``self``, ``context``, ``kwargs``, the request and
    the frame's cr and user, never at a local ``env``: such a call is not
    translated and warns; a record without language only says so in debug."""
    scope = _addon_function('''
        def with_env(env):
            return _("Hello %(name)s", name="E")
        def with_record(self):
            return _("Hello %(name)s", name="R")
    ''')
    with caplog.at_level('DEBUG', logger='odoo.tools.translate'):
        assert scope['with_env'](FakeEnv('zh_CN')) == 'Hello E'
        assert [r.levelname for r in caplog.records] == ['WARNING']
        assert 'no translation language detected' in caplog.records[0].getMessage()
        caplog.clear()
        assert scope['with_record'](FakeRecord(None)) == 'Hello R'
        assert [r.levelname for r in caplog.records] == ['DEBUG']


def test_underscore_rejects_mixed_arguments():
    with pytest.raises(TypeError):
        _("x %s %(a)s", 1, a=2)


def test_lazy_translations(addon):
    scope = _addon_function('''
        DIRECT = _lt("Hello %(name)s", name="D")
        _lt = LazyTranslate(__name__)
        LABEL = _lt("Hello %(name)s", name="L")
        def render(self):
            return str(LABEL)
        def render_direct(self):
            return str(DIRECT)
    ''')
    assert scope['render'](FakeRecord('zh_CN')) == '你好 L'
    assert scope['render'](FakeRecord('en_US')) == 'Hello L'
    assert scope['render_direct'](FakeRecord('zh_CN')) == '你好 D'
    assert scope['LABEL']._translate('zh_CN') == '你好 L'
    with pytest.raises(NotImplementedError):
        hash(scope['LABEL'])


def test_xml_translate_terms_and_translation():
    arch = ('<form string="Partner"><sheet><field name="name" placeholder="Name"/>'
            '<div class="o_row">Hello <b>world</b> today</div><p> </p><span t-esc="x"/></sheet></form>')
    terms = []
    xml_translate(terms.append, arch)
    assert sorted(terms) == ['Hello <b>world</b> today', 'Name', 'Partner']
    table = {'Partner': '伙伴', 'Name': '名称', 'Hello <b>world</b> today': '你好 <b>世界</b> 今天'}
    assert xml_translate(table.get, arch) == (
        '<form string="伙伴"><sheet><field name="name" placeholder="名称"/>'
        '<div class="o_row">你好 <b>世界</b> 今天</div><p> </p><span t-esc="x"/></sheet></form>')


def test_xml_translate_refuses_block_elements_in_translation():
    arch = '<div><p>Hello <b>x</b></p></div>'
    assert xml_translate({'Hello <b>x</b>': '<div>evil</div>'}.get, arch) == arch


def test_html_translate():
    html = '<p>Hi <i>there</i></p><div>Block</div>'
    assert html_translate({'Hi <i>there</i>': '嗨 <i>你</i>', 'Block': '块'}.get, html) == '<p>嗨 <i>你</i></p><div>块</div>'


def test_translation_importer_writes_model_and_terms(base_db, addon):
    """PO ``model:`` entries land in the jsonb of translate=True fields, ``model_terms:``
    in xml_translate fields; existing translations are kept unless overwrite."""
    from odoo import api
    from odoo.modules.registry import Registry
    from odoo.tools.translate import TranslationImporter
    registry = Registry(base_db)
    with registry.cursor() as cr:
        env = api.Environment(cr, 1, {})
        env['res.lang']._activate_lang('zh_CN')
        category = env['res.partner.category'].create({'name': 'Acme'})
        view = env['ir.ui.view'].create({'name': 'demo', 'type': 'form', 'model': 'res.partner',
                                         'arch': '<form><div>Hello <b>world</b></div></form>'})
        env['ir.model.data'].create([
            {'module': 'demo_i18n', 'name': 'tag_vip', 'model': 'res.partner.category', 'res_id': category.id},
            {'module': 'demo_i18n', 'name': 'view_form', 'model': 'ir.ui.view', 'res_id': view.id},
        ])
        env.flush_all()
        importer = TranslationImporter(cr, verbose=False)
        importer.load_file(str(addon / 'i18n' / 'zh_CN.po'), 'zh_CN')
        importer.save(overwrite=False)
        cr.execute("SELECT name FROM res_partner_category WHERE id = %s", (category.id,))
        assert cr.fetchone()[0] == {'en_US': 'Acme', 'zh_CN': '顶点公司'}
        cr.execute("SELECT arch_db->>'zh_CN' FROM ir_ui_view WHERE id = %s", (view.id,))
        assert '你好 <b>世界</b>' in cr.fetchone()[0]
        assert category.with_context(lang='zh_CN').name == '顶点公司'
        # an existing translation is kept without overwrite, replaced with it
        cr.execute("UPDATE res_partner_category SET name = name || '{\"zh_CN\": \"人工\"}' WHERE id = %s", (category.id,))
        importer.load_file(str(addon / 'i18n' / 'zh_CN.po'), 'zh_CN')
        importer.save(overwrite=False)
        cr.execute("SELECT name->>'zh_CN' FROM res_partner_category WHERE id = %s", (category.id,))
        assert cr.fetchone()[0] == '人工'
        importer.load_file(str(addon / 'i18n' / 'zh_CN.po'), 'zh_CN')
        importer.save(overwrite=True)
        cr.execute("SELECT name->>'zh_CN' FROM res_partner_category WHERE id = %s", (category.id,))
        assert cr.fetchone()[0] == '顶点公司'
        cr.rollback()


def test_code_occurrence_without_line_number_is_refused(tmp_path):
    # Odoo 18 cannot load such a file (it reads the line number as an int)
    po = tmp_path / 'zh_CN.po'
    po.write_text('#. module: demo\n#: code:addons/demo/models/x.py\nmsgid "Hello"\nmsgstr "你好"\n',
                  encoding='utf-8')
    with pytest.raises(ValueError, match=r"code occurrence 'code:addons/demo/models/x.py' has no line number"):
        list(PoFileReader(str(po)))
