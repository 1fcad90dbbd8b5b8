"""``Stream``: files and binary data sent with caching and safety headers."""
from __future__ import annotations

import base64

import pytest
from odoo.httpd.local import _request_stack
from odoo.httpd.request import HTTPRequest
from odoo.httpd.stream import Stream, sniff_mimetype
from werkzeug.test import EnvironBuilder

PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 16


class FakeRequest:
    def __init__(self, headers=None):
        self.httprequest = HTTPRequest(EnvironBuilder(path='/file', headers=headers or {}).get_environ())


@pytest.fixture
def fake_request():
    def push(headers=None):
        _request_stack.push(FakeRequest(headers))
    yield push
    while _request_stack.top is not None:
        _request_stack.pop()


@pytest.mark.parametrize(('data', 'mimetype'), [
    (PNG, 'image/png'), (b'\xff\xd8\xff\xe0', 'image/jpeg'), (b'%PDF-1.7', 'application/pdf'),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'), ('报价单'.encode(), 'text/plain'),
    (b'\x00\xff\xfe\x80', 'application/octet-stream'), (b'', 'application/octet-stream'),
])
def test_sniff_mimetype(data, mimetype):
    assert sniff_mimetype(data) == mimetype


def test_data_stream_response_headers(fake_request):
    fake_request()
    stream = Stream(type='data', data=PNG, mimetype='image/png', download_name='logo.png', etag='abc')
    response = stream.get_response(as_attachment=True)
    response.direct_passthrough = False
    assert response.status_code == 200
    assert response.get_data() == PNG
    assert response.headers['Content-Type'] == 'image/png'
    assert response.headers['Content-Security-Policy'] == "default-src 'none'"
    assert 'attachment' in response.headers['Content-Disposition']
    assert response.headers['ETag'] == '"abc"'
    assert response.cache_control.private


def test_conditional_request_gets_304(fake_request):
    fake_request({'If-None-Match': '"abc"'})
    response = Stream(type='data', data=PNG, mimetype='image/png', etag='abc').get_response()
    assert response.status_code == 304


def test_path_stream_and_immutable_cache(fake_request, tmp_path):
    fake_request()
    target = tmp_path / '合同.pdf'
    target.write_bytes(b'%PDF-1.7 test')
    stream = Stream.from_path(str(target), public=True)
    assert stream.mimetype == 'application/pdf' and stream.size == 13
    response = stream.get_response(immutable=True)
    response.direct_passthrough = False
    try:
        assert response.get_data() == b'%PDF-1.7 test'
        assert response.cache_control.immutable and response.cache_control.max_age == 365 * 24 * 3600
    finally:
        response.close()


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match='nothing.txt'):
        Stream.from_path(str(tmp_path / 'nothing.txt'))


def test_unknown_attribute_is_refused():
    with pytest.raises(TypeError, match="no attribute 'colour'"):
        Stream(colour='blue')


def _png() -> bytes:
    import io

    from PIL import Image
    buffer = io.BytesIO()
    Image.new('RGB', (2, 2), (200, 30, 30)).save(buffer, format='PNG')
    return buffer.getvalue()


def test_binary_field_stream(base_db):
    from odoo import api
    from odoo.modules.registry import Registry
    cr = Registry(base_db).cursor()
    try:
        env = api.Environment(cr, 1, {})
        partner = env['res.partner'].create({'name': '带图片的客户', 'image_1920': base64.b64encode(_png())})
        stream = Stream.from_binary_field(partner, 'image_1920')
        assert stream.type == 'data' and stream.mimetype == 'image/png'
        assert stream.read() == base64.b64decode(partner.image_1920)
        assert stream.download_name == f'res.partner-{partner.id}-image_1920'
    finally:
        cr.rollback()
        cr.close()
