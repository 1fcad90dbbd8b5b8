"""The report routes of web (addons/web/controllers/report.py) served over
HTTP on 127.0.0.1 by the runtime's WSGI application: PDF, HTML, barcode, and
their answers to bad input."""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import odoo
import pytest
from odoo.tools import config

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which('pdftotext'), reason="poppler-utils (pdftotext) is not installed"),
]


@pytest.fixture(scope='module')
def served(registry):
    """(base URL, id of an order committed in the served database)."""
    from odoo.http import root
    from odoo.httpd.databases import forget_listing
    from werkzeug.serving import make_server
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.company.name = '天池科技有限公司'
        order = env['test.report.order'].create({
            'name': 'HT-7 人民币', 'customer': '<b>西湖</b>',
            'line_ids': [(0, 0, {'name': '服务费', 'quantity': 2, 'price': 50})]})
        env['ir.ui.view'].create({
            'name': 'broken report', 'type': 'qweb', 'key': 'test_report_j.report_broken',
            'arch': '<t t-name="test_report_j.report_broken">\n<p t-out="docs.name / 0"/></t>'})
        env['ir.actions.report'].create({
            'name': 'Broken', 'model': 'test.report.order', 'report_type': 'qweb-html',
            'report_name': 'test_report_j.report_broken'})
        cr.commit()
        order_id = order.id
    saved_filter = config['dbfilter']
    config['dbfilter'] = f'^{registry.db_name}$'
    forget_listing()
    server = make_server('127.0.0.1', 0, root, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name='report-routes', daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}", order_id
    finally:
        server.shutdown()
        server.server_close()
        config['dbfilter'] = saved_filter
        forget_listing()


def opener() -> urllib.request.OpenerDirector:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)


def get(client, url: str) -> tuple[int, dict, bytes]:
    try:
        with client.open(url, timeout=60) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def logged_in(base: str, db: str):
    client = opener()
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                       'params': {'db': db, 'login': 'admin', 'password': 'admin'}}).encode()
    request = urllib.request.Request(f'{base}/web/session/authenticate', data=body,
                                     headers={'Content-Type': 'application/json'})
    with client.open(request, timeout=30) as reply:
        assert json.loads(reply.read())['result']['uid']
    return client


def test_pdf_route(served, registry):
    base, order_id = served
    client = logged_in(base, registry.db_name)
    status, headers, body = get(client, f'{base}/report/pdf/test_report_j.report_order/{order_id}')
    assert status == 200, body[:500]
    assert headers['Content-Type'] == 'application/pdf' and body.startswith(b'%PDF')
    assert 'inline' in headers['Content-Disposition']
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(body)
        file.flush()
        text = subprocess.run(['pdftotext', file.name, '-'], capture_output=True, check=True).stdout.decode()
    assert 'HT-7 人民币' in text and '天池科技有限公司' in text


def test_html_route_escapes(served, registry):
    base, order_id = served
    client = logged_in(base, registry.db_name)
    status, _headers, body = get(client, f'{base}/report/html/test_report_j.report_order/{order_id}')
    assert status == 200
    assert '&lt;b&gt;西湖&lt;/b&gt;' in body.decode()


def test_bad_ids_and_converter_are_refused(served, registry):
    base, _order_id = served
    client = logged_in(base, registry.db_name)
    status, _headers, body = get(client, f'{base}/report/pdf/test_report_j.report_order/1,abc')
    assert status == 400 and b'1,abc' in body
    status, _headers, body = get(client, f'{base}/report/doc/test_report_j.report_order/1')
    assert status == 400 and b'doc' in body


def test_reports_need_a_session(served):
    base, order_id = served
    status, _headers, _body = get(opener(), f'{base}/report/pdf/test_report_j.report_order/{order_id}')
    assert status in (303, 401, 403)


def test_barcode_route(served):
    base, _order_id = served
    status, headers, body = get(opener(), f'{base}/report/barcode/?barcode_type=QR&value=%E5%A4%A9%E6%B1%A0&width=100')
    assert status == 200 and headers['Content-Type'] == 'image/png' and body.startswith(b'\x89PNG')
    status, _headers, _body = get(opener(), f'{base}/report/barcode/?barcode_type=Code128&value=x')
    assert status == 400


def test_download_route_gives_an_attachment(served, registry):
    base, order_id = served
    client = logged_in(base, registry.db_name)
    data = urllib.parse.quote(json.dumps([f'/report/pdf/test_report_j.report_order/{order_id}', 'qweb-pdf']))
    status, headers, body = get(client, f'{base}/report/download?data={data}')
    assert status == 200 and body.startswith(b'%PDF')
    disposition = urllib.parse.unquote(headers['Content-Disposition'])
    assert disposition.startswith('attachment') and '报价单 - HT-7 人民币.pdf' in disposition
    data = urllib.parse.quote(json.dumps(['/report/pdf/test_report_j.nowhere/1', 'qweb-pdf']))
    _status, _headers, body = get(client, f'{base}/report/download?data={data}')
    # as in Odoo: the error travels as JSON in the body the web client reads
    assert b'Odoo Server Error' in body and b'nowhere' in body


def test_a_template_that_raises_is_a_clear_error(served, registry):
    base, order_id = served
    client = logged_in(base, registry.db_name)
    status, _headers, _body = get(client, f'{base}/report/html/test_report_j.report_broken/{order_id}')
    assert status == 500
    # the server goes on answering
    status, _headers, _body = get(client, f'{base}/report/html/test_report_j.report_order/{order_id}')
    assert status == 200
