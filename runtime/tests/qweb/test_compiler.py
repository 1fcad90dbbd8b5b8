"""The QWeb compiler (runtime/odoo/tools/qweb): every directive, escaping and
errors, on templates given as lxml elements, with a stand-in engine."""
from __future__ import annotations

import logging

import pytest
from lxml import etree
from markupsafe import Markup
from odoo.tools.qweb import QWebException, TemplateCompiler


class Engine:
    """What a compiled template asks of ir.qweb, answered from a dict."""

    def __init__(self, templates: dict | None = None) -> None:
        self.templates = templates or {}
        self.calls: list = []

    def _qweb_call(self, template, values, options, out):
        self.calls.append((template, options))
        TemplateCompiler(template).compile(etree.fromstring(self.templates[template]))(self, values, out)

    def _qweb_has_groups(self, groups):
        return groups == 'base.group_user'

    def _get_field(self, record, field_name, expression, tag, options, values):
        return {'data-f': field_name}, Markup('<b>%s</b>') % record[field_name], False

    def _get_widget(self, value, expression, tag, options, values):
        return {}, f"{options['widget']}:{value}", False


def render(arch: str, values: dict | None = None, engine: Engine | None = None) -> str:
    out: list = []
    TemplateCompiler('test.tpl').compile(etree.fromstring(arch))(engine or Engine(), dict(values or {}), out)
    return ''.join(out)


def test_if_elif_else():
    arch = '<t t-name="x"><a t-if="n == 1">one</a><b t-elif="n == 2">two</b><c t-else="">other</c></t>'
    assert render(arch, {'n': 1}) == '<a>one</a>'
    assert render(arch, {'n': 2}) == '<b>two</b>'
    assert render(arch, {'n': 3}) == '<c>other</c>'


def test_else_without_if_is_refused():
    with pytest.raises(QWebException, match='t-else must follow'):
        render('<div><b t-else="">x</b></div>')


def test_foreach_loop_variables():
    arch = ('<t t-name="x"><t t-foreach="items" t-as="i">'
            '<t t-out="i_index"/>:<t t-out="i"/>:<t t-out="i_size"/>'
            '<t t-if="i_first">F</t><t t-if="i_last">L</t>;</t></t>')
    assert render(arch, {'items': ['a', 'b', 'c']}) == '0:a:3F;1:b:3;2:c:3L;'


def test_foreach_dict_and_number():
    assert render('<t t-name="x"><t t-foreach="d" t-as="k"><t t-out="k"/>=<t t-out="k_value"/>,</t></t>',
                  {'d': {'a': 1, 'b': 2}}) == 'a=1,b=2,'
    assert render('<t t-name="x"><t t-foreach="3" t-as="n"><t t-out="n"/></t></t>') == '012'


def test_set_value_body_and_format():
    arch = ('<t t-name="x"><t t-set="a" t-value="1 + 1"/><t t-set="b">x<i>y</i></t>'
            '<t t-set="c" t-valuef="n-{{a}}"/><t t-out="a"/>|<t t-out="b"/>|<t t-out="c"/></t>')
    assert render(arch) == '2|x<i>y</i>|n-2'


def test_escaping_by_default():
    html = render('<p t-out="v"/>', {'v': '<script>alert(1)</script>'})
    assert html == '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    assert render('<p t-esc="v"/>', {'v': '<b>'}) == '<p>&lt;b&gt;</p>'
    assert render('<p t-out="v"/>', {'v': Markup('<b>ok</b>')}) == '<p><b>ok</b></p>'
    assert render('<p t-att-title="v"/>', {'v': '"><script>'}) == '<p title="&#34;&gt;&lt;script&gt;"></p>'


def test_t_raw_is_escaped_like_t_out_with_a_warning(caplog):
    # Odoo 18 renders t-raw as t-out: raw output of a plain string is refused
    with caplog.at_level(logging.WARNING, logger='odoo.tools.qweb.compiler'):
        assert render('<p t-raw="v"/>', {'v': '<b>'}) == '<p>&lt;b&gt;</p>'
    assert 'Deprecated t-raw' in caplog.text and 'test.tpl' in caplog.text
    assert render('<p t-raw="v"/>', {'v': Markup('<b>ok</b>')}) == '<p><b>ok</b></p>'


def test_out_default_body_and_falsy_values():
    assert render('<t t-name="x"><p t-out="v">default</p></t>', {'v': None}) == '<p>default</p>'
    assert render('<t t-name="x"><p t-out="v">default</p></t>', {'v': 0}) == '<p>0</p>'
    assert render('<t t-name="x"><p t-out="v"/></t>', {'v': False}) == ''


def test_missing_names_are_none_even_in_comprehensions():
    assert render('<t t-name="x"><t t-out="missing is None"/></t>') == 'True'
    assert render('<t t-name="x"><t t-out="[x * k for x in xs]"/></t>', {'xs': [1, 2], 'k': 3}) == '[3, 6]'


def test_attributes():
    arch = '<a href="/x" t-att-class="cls" t-attf-title="n{{n}}" t-att="{\'data-a\': 1}" t-att-hidden="False"/>'
    assert render(arch, {'cls': 'c', 'n': 5}) == '<a href="/x" class="c" title="n5" data-a="1"></a>'
    assert render('<img t-att-src="s"/>', {'s': 'p.png'}) == '<img src="p.png"/>'


def test_call_with_body_as_zero_and_values_copy():
    engine = Engine({'a.frame': '<t t-name="a.frame"><div><t t-out="0"/>|<t t-out="inner"/></div>'
                                '<t t-set="leak" t-value="1"/></t>'})
    arch = ('<t t-name="x"><t t-call="a.frame"><t t-set="inner" t-value="\'in\'"/><b t-out="v"/></t>'
            '<t t-out="leak">no leak</t></t>')
    assert render(arch, {'v': '<x>'}, engine) == '<div><b>&lt;x&gt;</b>|in</div>no leak'


def test_call_format_lang_and_options():
    engine = Engine({'a.b2': '<t t-name="a.b2">ok</t>'})
    arch = '<t t-name="x"><t t-call="a.{{name}}" t-lang="\'zh_CN\'" t-options="{\'k\': 1}"/></t>'
    assert render(arch, {'name': 'b2'}, engine) == 'ok'
    assert engine.calls == [('a.b2', {'k': 1, 'lang': 'zh_CN'})]


def test_field_and_widget_go_through_the_engine():
    class Record(dict):
        pass
    html = render('<span t-field="r.name"/>', {'r': Record(name='<n>')})
    assert html == '<span data-f="name"><b>&lt;n&gt;</b></span>'
    assert render('<span t-out="3" t-options-widget="\'float\'"/>') == '<span>float:3</span>'


def test_groups():
    assert render('<t t-name="x"><b groups="base.group_user">u</b><i groups="base.group_system">s</i></t>') == '<b>u</b>'


def test_translation_and_tag_attributes_are_not_output():
    assert render('<p t-translation="off">x</p>') == '<p>x</p>'


def test_errors_name_template_and_line():
    arch = '<t t-name="x">\n<div>\n<p t-out="1 / zero"/>\n</div></t>'
    with pytest.raises(QWebException) as info:
        render(arch, {'zero': 0})
    error = info.value
    assert error.name == 'test.tpl' and error.line == 3
    assert 'ZeroDivisionError' in str(error) and 'line 3' in str(error)


def test_unsafe_expressions_are_refused_at_compile_time():
    with pytest.raises(QWebException, match='__class__'):
        render('<p t-out="v.__class__"/>', {'v': 1})
    with pytest.raises(QWebException, match='import'):
        render('<p t-out="__import__(\'os\')"/>')


def test_static_text_is_output_as_parsed():
    # as in Odoo: the template's own text is trusted (doctype, CSS quotes)
    assert render('<t t-name="x">&lt;!DOCTYPE html&gt;<style>a { font-family: "X"; }</style></t>') == \
        '<!DOCTYPE html><style>a { font-family: "X"; }</style>'


def test_whitespace_of_conditionals_as_in_odoo():
    arch = ('<t t-name="x">\n'
            '  <ul>\n'
            '    <li t-if="True">a</li>\n'
            '    <li t-if="False">b</li>\n'
            '    <t t-if="True">\n'
            '      c\n'
            '    </t>\n'
            '    <t t-set="v" t-value="1"/>\n'
            '    <li t-if="False">d</li>\n'
            '    <li t-else="">e</li>\n'
            '  </ul>\n'
            '</t>')
    # the indentation before a hidden element goes with it; a <t> on its own
    # line brings its own; t-set leaves none; the template's end is trimmed
    assert render(arch) == ('\n  <ul>\n    <li>a</li>\n      c\n    <li>e</li>\n  </ul>')


def test_whitespace_of_loops_and_calls_as_in_odoo():
    engine = Engine({'a.item': '<t t-name="a.item">\n    <b t-out="i"/>\n  </t>'})
    arch = ('<t t-name="x"><p>\n'
            '  <t t-foreach="[1, 2]" t-as="i">\n'
            '    <t t-call="a.item"/>\n'
            '  </t>\n'
            '</p></t>')
    assert render(arch, engine=engine) == '<p>\n    <b>1</b>\n    <b>2</b>\n</p>'


def test_unknown_directives_are_warned_about_and_not_output(caplog):
    with caplog.at_level('WARNING', logger='odoo.tools.qweb.compiler'):
        assert render('<p t-frobnicate="1" t-att-id="\'a\'">x</p>') == '<p id="a">x</p>'
    assert 't-frobnicate' in caplog.text and 'test.tpl' in caplog.text


def test_namespaces_are_written_back():
    arch = ('<t t-name="x"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<use xlink:href="#a" t-att-width="w"/></svg></t>')
    assert render(arch, {'w': 3}) == ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                      '<use xlink:href="#a" width="3"></use></svg>')
