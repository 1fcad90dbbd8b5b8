"""The form's image widget, in Debian Chromium: a PNG chosen from the form
is previewed, saved as the field's base64 value, shown after a reload, and
the clear button empties the field on save."""
from __future__ import annotations

import base64
import struct
import zlib

import pytest

from .test_webclient import _rpc

pytestmark = pytest.mark.slow

LABELLED = '/odoo/action-test_web_l.test_web_labelled_action'


def _png(width: int = 2, height: int = 2) -> bytes:
    """A small red PNG, written by hand so the test needs no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b''.join(b'\x00' + b'\xff\x00\x00' * width for _row in range(height))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def test_image_upload_preview_save_clear(page, web_server):
    page.goto(f"{web_server.url}/odoo")
    record = _rpc(page, 'test_web_l.labelled', 'create', [{'name': '带图片的记录'}])
    page.goto(f"{web_server.url}{LABELLED}/{record}")
    widget = page.locator('.o_field_image')
    assert widget.locator('.o_image_placeholder').is_visible() and not widget.locator('img.o_image').is_visible()
    page.set_input_files('#o_field_image_128', files=[{'name': 'logo.png', 'mimeType': 'image/png', 'buffer': _png()}])
    # previewed before saving
    page.wait_for_function("document.querySelector('.o_field_image img.o_image').src.startsWith('data:image/png')")
    assert widget.locator('img.o_image').is_visible() and not widget.locator('.o_image_placeholder').is_visible()
    # a redraw by the live onchange keeps showing the chosen picture
    with page.expect_response(lambda reply: '/web/client/form/onchange' in reply.url):
        page.select_option('#o_field_kind', 'b')
    page.wait_for_timeout(200)
    page.wait_for_function("document.querySelector('.o_field_image img.o_image').src.startsWith('data:image/png')")
    assert widget.locator('img.o_image').is_visible()
    page.click('.o_form_button_save')
    page.wait_for_load_state('networkidle')
    stored = _rpc(page, 'test_web_l.labelled', 'read', [[record], ['image_128']])[0]['image_128']
    assert stored and base64.b64decode(stored).startswith(b'\x89PNG')
    page.reload()
    assert widget.locator('img.o_image').is_visible()
    assert stored[:40] in widget.locator('img.o_image').get_attribute('src')
    # cleared from the form
    widget.locator('.o_clear_file_button').click()
    assert widget.locator('.o_image_placeholder').is_visible()
    page.click('.o_form_button_save')
    page.wait_for_load_state('networkidle')
    assert _rpc(page, 'test_web_l.labelled', 'read', [[record], ['image_128']])[0]['image_128'] is False
    assert not page.js_errors
