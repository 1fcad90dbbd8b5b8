"""The PDF engine (runtime/odoo/tools/chromium_pdf.py): real Chromium, the
PDF read back with pdftotext."""
from __future__ import annotations

import re
import shutil
import signal
import subprocess
import tempfile

import pytest
from odoo.tools import chromium_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which('pdftotext') or not shutil.which('chromium'),
                       reason="chromium and poppler-utils are needed"),
]

FONT = 'font-family: "WenQuanYi Micro Hei"; font-size: 9pt; width: 100%; text-align: center;'


@pytest.fixture(scope='module', autouse=True)
def browser():
    yield
    chromium_pdf.shutdown()


def text_of(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(['pdftotext', file.name, '-'], capture_output=True, check=True).stdout.decode()


def test_running_header_and_page_numbers():
    rows = ''.join(f'<p>第{i}行 人民币</p>' for i in range(80))
    pdf = chromium_pdf.html_to_pdf(
        f'<html><head><meta charset="utf-8"></head><body style="font-family: \'WenQuanYi Micro Hei\'">{rows}</body></html>',
        header_html=f'<div style=\'{FONT}\'>天池科技</div>',
        footer_html=f'<div style=\'{FONT}\'>第 <span class="pageNumber"></span> / <span class="totalPages"></span> 页</div>')
    text = text_of(pdf)
    total = len(re.findall(r'第\s*\d+\s*/\s*(\d+)\s*页', text))
    assert total >= 2
    assert text.count('天池科技') == total
    assert re.findall(r'第\s*(\d+)\s*/\s*\d+\s*页', text) == [str(n) for n in range(1, total + 1)]
    assert '第79行 人民币' in text and '⼈' not in text


def test_landscape_and_paper_size():
    page = chromium_pdf.PageSetup(width=148, height=210, landscape=True)
    pdf = chromium_pdf.html_to_pdf('<p>A5</p>', page=page)
    with tempfile.NamedTemporaryFile(suffix='.pdf') as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(['pdfinfo', file.name], capture_output=True, check=True).stdout.decode()
    width, height = map(float, re.search(r'Page size:\s+([\d.]+) x ([\d.]+)', info).groups())
    # points: 210 mm x 148 mm
    assert abs(width - 595.3) < 2 and abs(height - 419.5) < 2


def test_local_files_are_not_readable():
    with tempfile.NamedTemporaryFile('w', suffix='.html') as secret:
        secret.write('<p>TOP-SECRET-42</p>')
        secret.flush()
        pdf = chromium_pdf.html_to_pdf(f'<p>visible</p><iframe src="file://{secret.name}"></iframe>')
    text = text_of(pdf)
    assert 'visible' in text and 'TOP-SECRET-42' not in text


def test_browser_restarts_after_it_died():
    chromium_pdf.html_to_pdf('<p>one</p>')
    chromium_pdf._State.browser.process.kill()
    chromium_pdf._State.browser.process.wait()
    assert 'two' in text_of(chromium_pdf.html_to_pdf('<p>two</p>'))


def test_missing_chromium_is_named(monkeypatch):
    monkeypatch.delenv('CHROMIUM_BIN', raising=False)
    monkeypatch.setenv('PATH', '/nonexistent')
    with pytest.raises(chromium_pdf.PdfEngineError, match="install Debian's 'chromium'"):
        chromium_pdf.find_chromium()


def test_a_browser_that_hangs_is_reported_and_replaced(monkeypatch):
    chromium_pdf.html_to_pdf('<p>warm</p>')
    browser = chromium_pdf._State.browser
    monkeypatch.setattr(chromium_pdf, 'TIMEOUT', 1.0)
    # a stopped process answers nothing: the print must give up, not hang
    browser.process.send_signal(signal.SIGSTOP)
    try:
        with pytest.raises(chromium_pdf.PdfEngineError, match='did not answer'):
            chromium_pdf.html_to_pdf('<p>stuck</p>')
    finally:
        browser.process.send_signal(signal.SIGCONT)
    monkeypatch.setattr(chromium_pdf, 'TIMEOUT', 60.0)
    assert 'again' in text_of(chromium_pdf.html_to_pdf('<p>again</p>'))
