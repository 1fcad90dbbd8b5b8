"""XML and CSV data files (runtime/odoo/tools/convert.py), loaded into a
database with base installed; every test's work is rolled back."""
from __future__ import annotations

import base64
import io

import pytest
from odoo.tools import file_path
from odoo.tools.convert import ParseError, convert_csv_import, convert_xml_import

MODULE = 'c_convert_test'


@pytest.fixture
def env(base_env):
    return base_env


def load_xml(env, text: str, mode: str = 'init', noupdate: bool = False, idref: dict | None = None,
             name: str = 'data/test.xml') -> None:
    stream = io.BytesIO(text.encode())
    stream.name = f'{MODULE}/{name}'
    convert_xml_import(env, MODULE, stream, idref, mode, noupdate)


def ref(env, xmlid: str):
    return env.ref(xmlid if '.' in xmlid else f'{MODULE}.{xmlid}', raise_if_not_found=False)


def test_record_field_kinds(env):
    load_xml(env, """
    <odoo>
        <record id="tag_vip" model="res.partner.category">
            <field name="name">VIP</field>
        </record>
        <record id="partner_a" model="res.partner">
            <field name="name">Partner A</field>
            <field name="is_company" eval="True"/>
            <field name="color" eval="2 + 3"/>
            <field name="employee">False</field>
            <field name="parent_id" ref="base.main_partner"/>
            <field name="category_id" eval="[Command.set([ref('tag_vip')])]"/>
            <field name="partner_latitude" type="float">31.5</field>
            <field name="comment" type="html"><p>Hello <b>world</b></p></field>
        </record>
        <record id="partner_b" model="res.partner">
            <field name="name">Partner B</field>
            <field name="parent_id" model="res.partner" search="[('name', '=', 'Partner A')]"/>
            <field name="category_id" model="res.partner.category" search="[('name', '=', 'VIP')]"/>
        </record>
    </odoo>""")
    partner_a, partner_b, tag = ref(env, 'partner_a'), ref(env, 'partner_b'), ref(env, 'tag_vip')
    assert partner_a.is_company is True
    assert partner_a.color == 5
    assert partner_a.employee is False
    assert partner_a.parent_id == env.ref('base.main_partner')
    assert partner_a.category_id == tag
    assert partner_a.partner_latitude == 31.5
    assert '<b>world</b>' in partner_a.comment
    assert partner_b.parent_id == partner_a
    assert partner_b.category_id == tag


def test_values_from_files_and_typed_values(env):
    load_xml(env, """
    <odoo>
        <record id="partner_img" model="res.partner">
            <field name="name">With image</field>
            <field name="image_1920" type="base64" file="base/static/img/avatar_grey.png"/>
            <field name="color" type="int">4</field>
        </record>
        <function model="res.partner" name="write">
            <value type="list"><value eval="ref('partner_img')"/></value>
            <value eval="{'city': 'Ningbo'}"/>
        </function>
    </odoo>""")
    partner = ref(env, 'partner_img')
    with open(file_path('base/static/img/avatar_grey.png'), 'rb') as f:
        assert f.read(8) == base64.b64decode(partner.image_1920)[:8]
    assert partner.color == 4
    assert partner.city == 'Ningbo'


def test_nested_one2many_records(env):
    load_xml(env, """
    <odoo>
        <record id="company_x" model="res.partner">
            <field name="name">Company X</field>
            <field name="child_ids">
                <record id="contact_x1" model="res.partner"><field name="name">Contact 1</field></record>
            </field>
        </record>
    </odoo>""")
    assert ref(env, 'contact_x1').parent_id == ref(env, 'company_x')


def test_noupdate_and_forcecreate(env):
    data = """
    <odoo>
        <data noupdate="1">
            <record id="partner_kept" model="res.partner"><field name="name">{name}</field></record>
            <record id="partner_optional" model="res.partner" forcecreate="{force}">
                <field name="name">Optional</field>
            </record>
        </data>
        <record id="partner_updated" model="res.partner"><field name="name">{name}</field></record>
    </odoo>"""
    load_xml(env, data.format(name='Original', force='True'))
    ref(env, 'partner_optional').unlink()
    env['ir.model.data'].search([('module', '=', MODULE), ('name', '=', 'partner_optional')]).unlink()
    load_xml(env, data.format(name='Changed', force='False'), mode='update')
    assert ref(env, 'partner_kept').name == 'Original'          # noupdate: left alone
    assert ref(env, 'partner_updated').name == 'Changed'        # updated
    assert not ref(env, 'partner_optional')                     # forcecreate="False": not recreated
    noupdate = env['ir.model.data'].search([('module', '=', MODULE), ('name', '=', 'partner_kept')]).noupdate
    assert noupdate is True


def test_context_and_auto_sequence(env):
    load_xml(env, """
    <odoo auto_sequence="1">
        <record id="tag_one" model="res.partner.category" context="{'default_color': 7}">
            <field name="name">One</field>
        </record>
    </odoo>""")
    assert ref(env, 'tag_one').color == 7


def test_function_and_delete(env):
    load_xml(env, """
    <odoo>
        <record id="partner_f" model="res.partner"><field name="name">Before</field></record>
        <function model="res.partner" name="write" eval="[[ref('partner_f')], {'name': 'After'}]"/>
        <function model="res.partner" name="write">
            <value eval="[ref('partner_f')]"/>
            <value eval="{'city': 'Hangzhou'}"/>
        </function>
        <record id="partner_gone" model="res.partner"><field name="name">Gone</field></record>
        <record id="partner_gone2" model="res.partner"><field name="name">Gone too</field></record>
        <delete model="res.partner" id="partner_gone"/>
        <delete model="res.partner" search="[('name', '=', 'Gone too')]"/>
    </odoo>""")
    partner = ref(env, 'partner_f')
    assert (partner.name, partner.city) == ('After', 'Hangzhou')
    assert not env['res.partner'].search([('name', 'in', ['Gone', 'Gone too'])])


def test_menuitems_and_templates(env):
    load_xml(env, """
    <odoo>
        <record id="action_partners" model="ir.actions.act_window">
            <field name="name">Partners</field>
            <field name="res_model">res.partner</field>
        </record>
        <menuitem id="menu_root" name="Root" sequence="3" web_icon="base,static/description/icon.png">
            <menuitem id="menu_child" action="action_partners" groups="base.group_user"/>
        </menuitem>
        <menuitem id="menu_other" name="Other" parent="menu_root"/>
        <template id="page"><div class="page">Hi</div></template>
        <template id="page_more" inherit_id="page" priority="20">
            <xpath expr="//div" position="inside"><span>more</span></xpath>
        </template>
        <template id="page_copy" inherit_id="page" primary="True">
            <xpath expr="//div" position="attributes"><attribute name="class">copy</attribute></xpath>
        </template>
    </odoo>""")
    root, child, other = ref(env, 'menu_root'), ref(env, 'menu_child'), ref(env, 'menu_other')
    assert root.sequence == 3 and not root.parent_id
    assert child.parent_id == root and other.parent_id == root
    assert child.name == 'Partners'
    assert child.action == ref(env, 'action_partners')
    assert env.ref('base.group_user') in child.groups_id
    page, more, copy = ref(env, 'page'), ref(env, 'page_more'), ref(env, 'page_copy')
    assert (page.type, page.key, page.mode) == ('qweb', f'{MODULE}.page', 'primary')
    assert f't-name="{MODULE}.page"' in page.arch
    assert more.inherit_id == page and more.priority == 20 and more.mode == 'extension'
    assert copy.mode == 'primary'


def test_xml_arch_substitutes_ids(env):
    load_xml(env, """
    <odoo>
        <record id="partner_s" model="res.partner"><field name="name">S</field></record>
        <record id="view_s" model="ir.ui.view">
            <field name="name">c.convert.view</field>
            <field name="model">res.partner</field>
            <field name="arch" type="xml">
                <form><field name="name"/><field name="ref" placeholder="%(partner_s)d"/></form>
            </field>
        </record>
    </odoo>""")
    assert f'placeholder="{ref(env, "partner_s").id}"' in ref(env, 'view_s').arch


@pytest.mark.parametrize(('body', 'expected'), [
    ('<record id="bad_model" model="no.such.model"><field name="name">x</field></record>',
     "no.such.model"),
    ('<record id="bad_field" model="res.partner"><field name="no_such_field">x</field></record>',
     "no_such_field"),
    ('<record id="bad_ref" model="res.partner"><field name="name">x</field>'
     '<field name="parent_id" ref="no_such_record"/></record>',
     "no_such_record"),
    ('<record id="bad_eval" model="res.partner"><field name="color" eval="1/0"/></record>',
     "ZeroDivisionError"),
])
def test_errors_name_file_line_and_record(env, body, expected):
    with pytest.raises(ParseError) as info:
        load_xml(env, f"<odoo>\n\n{body}\n</odoo>", name='data/broken.xml')
    message = str(info.value)
    assert f'{MODULE}/data/broken.xml:3' in message
    assert expected in message
    xml_id = body.split('id="')[1].split('"')[0]
    assert f'{MODULE}.{xml_id}' in message


def test_view_naming_an_unknown_field_fails_with_file_and_line(env):
    with pytest.raises(ParseError) as info:
        load_xml(env, """<odoo>
        <record id="view_bad" model="ir.ui.view">
            <field name="name">c.convert.bad</field>
            <field name="model">res.partner</field>
            <field name="arch" type="xml"><form><field name="no_such_partner_field"/></form></field>
        </record>
    </odoo>""", name='views/bad_views.xml')
    message = str(info.value)
    assert f'{MODULE}/views/bad_views.xml:2' in message
    assert f'{MODULE}.view_bad' in message
    assert 'no_such_partner_field' in message


def test_invalid_xml_and_root(env):
    with pytest.raises(ParseError, match='broken.xml'):
        load_xml(env, "<odoo><record></odoo>", name='data/broken.xml')
    with pytest.raises(ParseError, match='root element'):
        load_xml(env, "<openerpp/>")


def test_csv_import(env):
    content = (
        b"id,name,parent_id:id,color\n"
        b"tag_parent,Parent,,1\n"
        b"tag_child,Child,tag_parent,2\n"
        b"\n"
    )
    convert_csv_import(env, MODULE, f'{MODULE}/data/res.partner.category.csv', content, mode='init')
    parent, child = ref(env, 'tag_parent'), ref(env, 'tag_child')
    assert (parent.name, parent.color) == ('Parent', 1)
    assert child.parent_id == parent and child.color == 2


def test_csv_many2many_and_booleans(env):
    convert_csv_import(env, MODULE, f'{MODULE}/res.partner.category.csv',
                       b"id,name\ntag_a,A\ntag_b,B\n", mode='init')
    content = (
        "id,name,category_id/id,is_company,employee\n"
        f"csv_partner,CSV partner,\"{MODULE}.tag_a,tag_b\",1,False\n"
    ).encode()
    convert_csv_import(env, MODULE, f'{MODULE}/res.partner.csv', content, mode='init')
    partner = ref(env, 'csv_partner')
    assert partner.category_id == ref(env, 'tag_a') | ref(env, 'tag_b')
    assert partner.is_company is True and partner.employee is False


def test_csv_repeated_id_logs_an_error_and_keeps_one_record(env, caplog):
    """As Odoo 18: the install goes on, the log says the id is repeated, and
    the later row's values land on the one record the id names (no record
    without id left behind with the earlier row's values)."""
    content = (
        b"id,name,color\n"
        b"tag_twice,First,1\n"
        b"tag_other,Other,3\n"
        b"tag_twice,Second,2\n"
    )
    with caplog.at_level('ERROR', logger='odoo.tools.convert'):
        convert_csv_import(env, MODULE, f'{MODULE}/res.partner.category.csv', content, mode='init')
    tag = ref(env, 'tag_twice')
    assert (tag.name, tag.color) == ('Second', 2)
    assert not env['res.partner.category'].search([('name', '=', 'First')])
    assert ref(env, 'tag_other').name == 'Other'
    errors = [record.getMessage() for record in caplog.records if record.levelname == 'ERROR']
    assert len(errors) == 1
    assert 'res.partner.category.csv' in errors[0] and f'{MODULE}.tag_twice' in errors[0]


def test_csv_errors_name_file_and_line(env):
    content = b"id,name,parent_id:id\ntag_ok,OK,\ntag_ko,KO,no_such_tag\n"
    with pytest.raises(ParseError) as info:
        convert_csv_import(env, MODULE, f'{MODULE}/res.partner.category.csv', content, mode='init')
    assert 'res.partner.category.csv:3' in str(info.value)
    assert 'no_such_tag' in str(info.value)
    with pytest.raises(ParseError, match="no field 'nope'"):
        convert_csv_import(env, MODULE, f'{MODULE}/res.partner.category.csv', b"id,nope\nx,1\n", mode='init')
    with pytest.raises(ParseError, match="unknown model 'no.such.model'"):
        convert_csv_import(env, MODULE, f'{MODULE}/no.such.model.csv', b"id,name\nx,1\n", mode='init')
