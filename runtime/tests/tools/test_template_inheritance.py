"""View inheritance specs (runtime/odoo/tools/template_inheritance.py)."""
from __future__ import annotations

import pytest
from lxml import etree
from odoo.exceptions import ValidationError
from odoo.tools.template_inheritance import apply_inheritance_specs, locate_node

PARENT = """
<form>
    <sheet>
        <group name="main">
            <field name="name"/>
            <field name="email" invisible="not active"/>
        </group>
        <notebook>
            <page string="Notes" name="notes"><field name="comment"/></page>
        </notebook>
    </sheet>
</form>
"""


def apply(spec: str, parent: str = PARENT) -> etree._Element:
    return apply_inheritance_specs(etree.fromstring(parent), etree.fromstring(spec))


def fields(arch: etree._Element) -> list[str]:
    return [node.get('name') for node in arch.iter('field')]


def test_field_shorthand_after_and_before():
    arch = apply('<data><field name="name" position="after"><field name="phone"/></field>'
                 '<field name="name" position="before"><field name="title"/></field></data>')
    assert fields(arch) == ['title', 'name', 'phone', 'email', 'comment']


def test_xpath_inside_appends_last():
    arch = apply('<xpath expr="//group[@name=\'main\']" position="inside"><field name="city"/></xpath>')
    assert fields(arch) == ['name', 'email', 'city', 'comment']


def test_default_position_is_inside():
    arch = apply('<group name="main"><field name="city"/></group>')
    assert fields(arch) == ['name', 'email', 'city', 'comment']


def test_other_tag_matched_by_attributes():
    arch = apply('<page name="notes" position="attributes"><attribute name="string">Remarks</attribute></page>')
    assert arch.find('.//page').get('string') == 'Remarks'


def test_replace_and_zero_placeholder():
    arch = apply('<field name="email" position="replace"><div class="o_wrap">$0</div></field>')
    wrapper = arch.find('.//div')
    assert wrapper.get('class') == 'o_wrap'
    assert [child.get('name') for child in wrapper] == ['email']
    assert fields(arch) == ['name', 'email', 'comment']


def test_replace_with_nothing_removes():
    arch = apply('<field name="email" position="replace"/>')
    assert fields(arch) == ['name', 'comment']


def test_replace_inner():
    arch = apply('<xpath expr="//page" position="replace" mode="inner"><field name="x"/></xpath>')
    page = arch.find('.//page')
    assert [child.get('name') for child in page] == ['x']
    assert page.get('string') == 'Notes'


def test_replace_root_keeps_template_name():
    parent = '<t t-name="web.layout"><div>old</div></t>'
    arch = apply('<xpath expr="." position="replace"><t><p>new</p></t></xpath>', parent)
    assert arch.get('t-name') == 'web.layout'
    assert etree.tostring(arch, encoding='unicode') == '<t t-name="web.layout"><p>new</p></t>'


def test_attributes_set_and_remove():
    arch = apply('<field name="email" position="attributes">'
                 '<attribute name="invisible"></attribute><attribute name="required">1</attribute></field>')
    email = arch.find(".//field[@name='email']")
    assert 'invisible' not in email.attrib
    assert email.get('required') == '1'


def test_attributes_add_remove_list():
    parent = '<form><div class="a b c"/></form>'
    arch = apply('<div position="attributes"><attribute name="class" add="d" remove="b" separator=" "/></div>'
                 .replace('<div position', '<xpath expr="//div" position').replace('</div>', '</xpath>'), parent)
    assert arch.find('div').get('class') == 'a c d'
    parent = '<form><field name="f" context="x,y"/></form>'
    arch = apply('<field name="f" position="attributes"><attribute name="context" add="z" remove="x"/></field>', parent)
    assert arch.find('field').get('context') == 'y,z'


def test_attributes_python_expression():
    arch = apply('<field name="email" position="attributes">'
                 '<attribute name="invisible" add="not email" separator="or"/></field>')
    assert arch.find(".//field[@name='email']").get('invisible') == '(not active) or (not email)'
    arch = apply('<field name="email" position="attributes">'
                 '<attribute name="invisible" remove="not active" separator="or"/></field>')
    assert 'invisible' not in arch.find(".//field[@name='email']").attrib
    with pytest.raises(ValueError, match='Invalid separator'):
        apply('<field name="email" position="attributes">'
              '<attribute name="invisible" add="x" separator=","/></field>')


def test_move():
    arch = apply('<xpath expr="//notebook" position="before">'
                 '<field name="email" position="move"/></xpath>')
    sheet = arch.find('sheet')
    assert [child.tag for child in sheet] == ['group', 'field', 'notebook']
    assert fields(arch) == ['name', 'email', 'comment']


def test_data_wrapper_applies_all_specs_in_order():
    arch = apply('<data><field name="name" position="after"><field name="a"/></field>'
                 '<field name="a" position="after"><field name="b"/></field></data>')
    assert fields(arch) == ['name', 'a', 'b', 'email', 'comment']


def test_unlocatable_spec_names_it():
    with pytest.raises(ValueError, match=r'<field name="nope">.*cannot be located'):
        apply('<field name="nope" position="after"><field name="x"/></field>')
    with pytest.raises(ValueError, match='cannot be located'):
        apply('<xpath expr="//page[@name=\'other\']" position="inside"/>')


def test_invalid_position_and_mode():
    with pytest.raises(ValueError, match="'sideways'"):
        apply('<field name="name" position="sideways"/>')
    with pytest.raises(ValueError, match="'middle'"):
        apply('<field name="name" position="replace" mode="middle"/>')


def test_invalid_xpath():
    with pytest.raises(ValidationError, match='xpath'):
        apply('<xpath expr="//[" position="inside"/>')


def test_locate_node_first_match():
    arch = etree.fromstring(PARENT)
    assert locate_node(arch, etree.fromstring('<field name="comment"/>')).getparent().tag == 'page'
    assert locate_node(arch, etree.fromstring('<xpath expr="//field"/>')).get('name') == 'name'
    assert locate_node(arch, etree.fromstring('<page name="nope"/>')) is None


def test_whitespace_keeps_indentation():
    parent = '<form>\n    <field name="a"/>\n</form>'
    arch = apply('<field name="a" position="after">\n    <field name="b"/>\n</field>', parent)
    assert etree.tostring(arch, encoding='unicode') == '<form>\n    <field name="a"/>\n    <field name="b"/>\n</form>'


def test_pre_locate_called_for_each_spec():
    seen = []
    apply_inheritance_specs(etree.fromstring(PARENT),
                            etree.fromstring('<data><field name="name" position="after"><field name="x"/></field></data>'),
                            pre_locate=seen.append)
    assert [spec.get('name') for spec in seen] == ['name']
