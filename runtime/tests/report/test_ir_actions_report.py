"""Reports end to end (addons/base/models/ir_actions_report.py, ir_qweb*.py,
web's layouts): the fixture addon test_report_j installed into a copy of the
session's database, its order printed to HTML and, through Chromium, to a PDF
read back with pdftotext."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile

import pytest
from odoo.tools.qweb import QWebException

REPORT = 'test_report_j.action_report_order'

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which('pdftotext'), reason="poppler-utils (pdftotext) is not installed"),
]


def make_order(env, lines: int = 3):
    return env['test.report.order'].create({
        'name': 'SO001 人民币',
        'customer': '杭州西湖<script>alert(1)</script>',
        'note': '第一行\n第二行',
        'line_ids': [(0, 0, {'name': f'商品{i} 人民币', 'quantity': i, 'price': 1234.5})
                     for i in range(1, lines + 1)],
    })


def pdf_text(pdf: bytes) -> tuple[str, int]:
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(['pdftotext', '-layout', file.name, '-'], capture_output=True, check=True).stdout
        info = subprocess.run(['pdfinfo', file.name], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r'Pages:\s+(\d+)', info).group(1))
    return text.decode(), pages


def test_html_report_escapes_and_formats_in_chinese(env):
    order = make_order(env)
    html, kind = env['ir.actions.report']._render_qweb_html(REPORT, order.ids)
    html = html.decode()
    assert kind == 'html'
    assert html.lstrip().startswith('<!DOCTYPE html>')
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in html and '<script>alert' not in html
    assert '第一行<br/>' in html
    # monetary: the yuan sign before the amount, grouped thousands
    assert '¥\N{NO-BREAK SPACE}<span class="oe_currency_value">3,703.50</span>' in html
    assert 'class="header' in html and 'class="article' in html and 'class="footer' in html
    assert 'data:image/png;base64,' in html


def test_two_page_pdf_with_header_and_page_numbers(env):
    order = make_order(env, lines=45)
    pdf, kind = env['ir.actions.report']._render_qweb_pdf(REPORT, order.ids)
    assert kind == 'pdf' and pdf.startswith(b'%PDF')
    text, pages = pdf_text(pdf)
    assert pages == 2
    # Chinese exactly as entered: Kangxi radicals (⼈⺠) would betray a font fault
    assert '人民币' in text and '⼈' not in text and '⺠' not in text
    assert 'SO001 人民币' in text and '商品45 人民币' in text
    assert text.count('天池科技有限公司') >= 2, "the company header is on each page"
    numbers = re.findall(r'第\s*(\d+)\s*/\s*(\d+)\s*页', text)
    assert numbers == [('1', '2'), ('2', '2')]
    # the /report/barcode image URL was drawn in place (no server to ask)
    assert b'/report/barcode' not in pdf


def test_print_report_name_and_action(env):
    order = make_order(env)
    report = env.ref(REPORT)
    assert report._get_report_filename(order) == '报价单 - SO001 人民币'
    action = report.report_action(order)
    assert action['type'] == 'ir.actions.report'
    assert action['report_name'] == 'test_report_j.report_order'
    assert action['context']['active_ids'] == order.ids
    assert report.binding_model_id.model == 'test.report.order'


def test_attachment_saved_and_reused(env):
    order = make_order(env)
    report = env.ref(REPORT)
    report.write({'attachment': "'order-%s.pdf' % object.id", 'attachment_use': True})
    first, _kind = env['ir.actions.report']._render_qweb_pdf(REPORT, order.ids)
    attachment = env['ir.attachment'].search([('res_model', '=', 'test.report.order'), ('res_id', '=', order.id)])
    assert attachment.name == f'order-{order.id}.pdf'
    order.name = 'changed'
    again, _kind = env['ir.actions.report']._render_qweb_pdf(REPORT, order.ids)
    assert again == first


def test_field_converters_in_zh_cn(env):
    order = make_order(env)
    order.write({'quantity': 1234567, 'ratio': 3.14159, 'kind': 'contract',
                 'date_order': '2026-03-05', 'signed_at': '2026-03-05 02:30:00'})
    arch = ('<t t-name="x"><i t-field="o.quantity"/>|<i t-field="o.ratio"/>|<i t-field="o.kind"/>|'
            '<i t-field="o.date_order"/>|<i t-field="o.signed_at"/>|<i t-field="o.company_id"/>|'
            '<i t-field="o.customer"/>|<i t-out="2.5" t-options-widget="\'float\'" t-options-precision="2"/></t>')
    from lxml import etree
    html = str(env['ir.qweb']._render(etree.fromstring(arch), {'o': order}))
    lang = env['res.lang']._lang_get('zh_CN')
    parts = re.findall(r'<i[^>]*>(.*?)</i>', html)
    assert parts[0] == '1,234,567'
    assert parts[1] == '3.142'
    assert parts[2] == env['test.report.order']._fields['kind']._description_selection(env)[1][1]
    assert parts[3] == order.date_order.strftime(lang.date_format)
    # stored in UTC, shown in Asia/Shanghai (+8)
    assert '10时30分' in parts[4]
    assert parts[5] == '天池科技有限公司'
    assert parts[6] == '杭州西湖&lt;script&gt;alert(1)&lt;/script&gt;'
    assert parts[7] == '2.50'


def test_template_inheritance_and_errors(env):
    View = env['ir.ui.view']
    parent = View.create({'name': 'j.parent', 'type': 'qweb', 'key': 'test_report_j.parent',
                          'arch': '<t t-name="test_report_j.parent"><div class="a"><p>base</p></div></t>'})
    View.create({'name': 'j.child', 'type': 'qweb', 'inherit_id': parent.id, 'mode': 'extension',
                 'arch': '<xpath expr="//p" position="after"><p t-out="word"/></xpath>'})
    assert str(env['ir.qweb']._render('test_report_j.parent', {'word': '继承'})) == \
        '<div class="a"><p>base</p><p>继承</p></div>'
    View.create({'name': 'j.broken', 'type': 'qweb', 'key': 'test_report_j.broken',
                 'arch': '<t t-name="test_report_j.broken">\n<div>\n<span t-out="1 / 0"/></div></t>'})
    with pytest.raises(QWebException) as info:
        env['ir.qweb']._render('test_report_j.broken', {})
    assert info.value.name == 'test_report_j.broken' and info.value.line == 3
    with pytest.raises(QWebException, match='Template not found'):
        env['ir.qweb']._render('test_report_j.nowhere', {})


def test_barcode_is_a_png_qr_code(env):
    png = env['ir.actions.report'].barcode('QR', '天池 SO001', width=120, height=120)
    assert png.startswith(b'\x89PNG')
    with pytest.raises(ValueError, match='Code128'):
        env['ir.actions.report'].barcode('Code128', 'x')


def test_report_model_values_and_contact_widget(env):
    partner = env['res.partner'].create({'name': '王小明', 'city': '杭州', 'street': '文三路 1 号',
                                         'phone': '138-0000-0000'})
    order = make_order(env)
    order.partner_id = partner
    html, kind = env['ir.actions.report']._render('test_report_j.action_report_summary', order.ids,
                                                   data={'title': '本月汇总'})
    html = html.decode()
    assert kind == 'html'
    assert '<h2>本月汇总</h2>' in html
    assert '<span class="oe_currency_value">7,407.00</span>' in html
    assert '王小明' in html and '文三路 1 号' in html and '138-0000-0000' in html
    # the internal layout's running header holds page numbers for the PDF engine
    assert '<span class="page"></span>' in html


def test_attachments_of_several_records_are_merged(env):
    first, second = make_order(env), make_order(env)
    second.name = 'SO002 第二单'
    report = env.ref(REPORT)
    report.write({'attachment': "'order-%s.pdf' % object.id", 'attachment_use': False})
    pdf, _kind = env['ir.actions.report']._render_qweb_pdf(REPORT, [first.id, second.id])
    text, pages = pdf_text(pdf)
    assert pages == 2
    assert 'SO001 人民币' in text and 'SO002 第二单' in text
    names = env['ir.attachment'].search([('res_model', '=', 'test.report.order')]).mapped('name')
    assert sorted(names) == sorted([f'order-{first.id}.pdf', f'order-{second.id}.pdf'])


def test_paper_format_of_the_report(env):
    order = make_order(env)
    report = env.ref(REPORT)
    report.paperformat_id = env['report.paperformat'].create({
        'name': 'A5 landscape', 'format': 'A5', 'orientation': 'Landscape',
        'margin_top': 30, 'margin_bottom': 15, 'margin_left': 10, 'margin_right': 10})
    pdf, _kind = env['ir.actions.report']._render_qweb_pdf(REPORT, order.ids)
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(['pdfinfo', file.name], capture_output=True, check=True).stdout.decode()
    width, height = map(float, re.search(r'Page size:\s+([\d.]+) x ([\d.]+)', info).groups())
    assert abs(width - 595.3) < 2 and abs(height - 419.5) < 2, (width, height)


def test_inline_template_text_is_refused(env):
    with pytest.raises(ValueError, match='lxml elements'):
        env['ir.qweb']._render('<p t-out="1"/>', {})


def test_time_duration_and_image_url_widgets(env):
    from lxml import etree
    arch = ('<t t-name="x"><i t-out="13.5" t-options-widget="\'time\'"/>|'
            '<i t-out="1.5" t-options-widget="\'duration\'"/>|'
            '<i t-out="\'/a.png\'" t-options-widget="\'image_url\'"/>|'
            '<i t-out="1.5" t-options-widget="\'float_time\'"/></t>')
    html = str(env['ir.qweb'].with_context(lang='en_US')._render(etree.fromstring(arch), {}))
    # as in Odoo, a widget's node tells its type and expression
    assert '<i data-oe-type="time" data-oe-expression="13.5">' in html
    assert re.findall(r'<i [^>]*>(.*?)</i>', html) == [
        '1:30\N{NARROW NO-BREAK SPACE}PM', '1 hour 30 minutes', '<img src="/a.png"/>', '01:30']
    with pytest.raises(QWebException, match='past the end of the day'):
        env['ir.qweb']._render(etree.fromstring('<t t-name="x"><i t-out="25" t-options-widget="\'time\'"/></t>'), {})
