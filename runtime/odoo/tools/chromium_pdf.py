"""The PDF engine of reports: headless Chromium printing HTML to PDF through
the DevTools protocol (``Page.printToPDF``), spoken over the pipe Chromium
opens with ``--remote-debugging-pipe`` (no port, no websocket). Running
headers and footers come from Chromium's header and footer templates, whose
``pageNumber`` / ``totalPages`` spans give "1 / 2" page numbers.

One browser is kept per process (started on first use, restarted if it
died); each print opens and closes its own page.
"""
from __future__ import annotations

import atexit
import base64
import fcntl
import json
import logging
import os
import select
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

_logger = logging.getLogger(__name__)

CHROMIUM_FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--disable-dev-shm-usage', '--hide-scrollbars', '--mute-audio',
    '--remote-debugging-pipe',
]
MM_PER_INCH = 25.4
TIMEOUT = 60.0


class PdfEngineError(RuntimeError):
    """Chromium is missing, failed to start, or failed to print."""


@dataclass
class PageSetup:
    """Paper and margins of a print, in millimetres."""
    width: float = 210.0
    height: float = 297.0
    margin_top: float = 40.0
    margin_bottom: float = 20.0
    margin_left: float = 7.0
    margin_right: float = 7.0
    landscape: bool = False


def find_chromium() -> str:
    """The Chromium executable (``CHROMIUM_BIN`` overrides the search)."""
    candidates = [os.environ.get('CHROMIUM_BIN'), 'chromium', 'chromium-browser', 'google-chrome']
    for candidate in candidates:
        if candidate:
            path = shutil.which(candidate)
            if path:
                return path
    raise PdfEngineError("No Chromium found to print PDF reports: install Debian's 'chromium' package "
                         "(or set CHROMIUM_BIN)")


def _move_up(fd: int) -> int:
    """``fd`` renumbered to 10 or more (the original is closed)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class _Browser:
    """One Chromium process and its DevTools pipe."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix='odoo-chromium-')
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # the child's ends are moved above 9 so that none already sits on 3 or 4
        to_browser_r, from_browser_w = (_move_up(to_browser_r), _move_up(from_browser_w))
        # Chromium reads commands on fd 3 and writes answers on fd 4: a shell
        # (bash: dash cannot name fds above 9) moves the pipes there, no preexec_fn
        wiring = f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        command = ['/bin/bash', '-c', wiring, 'chromium', find_chromium(), *CHROMIUM_FLAGS,
                   f'--user-data-dir={self.profile}', 'about:blank']
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(to_browser_r, from_browser_w))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.pid = os.getpid()
        self._buffer = b''
        self._next_id = 0

    def alive(self) -> bool:
        return self.process.poll() is None and self.pid == os.getpid()

    def _read_message(self, deadline: float) -> dict:
        while b'\0' not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise PdfEngineError(f"Chromium did not answer within {TIMEOUT:.0f} seconds")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise PdfEngineError("Chromium closed its DevTools pipe (it crashed or was killed)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b'\0', 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Run one DevTools command and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {'id': self._next_id, 'method': method, 'params': params or {}}
        if session:
            message['sessionId'] = session
        os.write(self._to_browser, json.dumps(message).encode() + b'\0')
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._read_message(deadline)
            if answer.get('id') == self._next_id:
                if 'error' in answer:
                    raise PdfEngineError(f"Chromium refused {method}: {answer['error'].get('message')}")
                return answer.get('result', {})
            # anything else is an event: no print waits for one

    def close(self) -> None:
        try:
            if self.alive():
                self.send('Browser.close')
                self.process.wait(timeout=5)
        except (PdfEngineError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            # Chromium's helper processes may still write into the profile for
            # a moment after the browser itself is gone
            for _attempt in range(10):
                shutil.rmtree(self.profile, ignore_errors=True)
                if not os.path.exists(self.profile):
                    break
                time.sleep(0.1)


class _State:
    """This process's browser, shared by its threads under ``lock``."""
    lock = threading.Lock()
    browser: _Browser | None = None


def _get_browser() -> _Browser:
    browser = _State.browser
    if browser is None or not browser.alive():
        _drop_browser()
        _State.browser = browser = _Browser()
    return browser


def _drop_browser() -> None:
    browser = _State.browser
    if browser is not None and browser.pid == os.getpid():
        browser.close()
    _State.browser = None


def shutdown() -> None:
    """Stop this process's Chromium, if one runs."""
    with _State.lock:
        _drop_browser()


# the browser is a child process: never leave it behind
atexit.register(shutdown)


# resolves once the document, its images and its fonts are loaded
_READY_SCRIPT = """new Promise(resolve => {
    if (document.readyState === 'complete') resolve(); else window.addEventListener('load', resolve);
}).then(() => Promise.all(Array.from(document.images).map(img => img.complete ? null
    : new Promise(done => { img.onload = img.onerror = done; }))))
  .then(() => document.fonts.ready).then(() => true)"""


def html_to_pdf(html: str, header_html: str = '', footer_html: str = '',
                page: PageSetup | None = None) -> bytes:
    """Print the document ``html`` to PDF; ``header_html`` / ``footer_html``
    are repeated on every page (they may hold ``<span class="pageNumber">``
    and ``<span class="totalPages">``). The document is written into a blank
    page, not opened from a file: it can then read no local file (an
    ``<img src="file:///...">`` stays empty)."""
    page = page or PageSetup()
    with _State.lock:
        try:
            return _print(_get_browser(), html, header_html, footer_html, page)
        except PdfEngineError:
            # a dead or confused browser is replaced on the next print
            _drop_browser()
            raise


def _print(browser: _Browser, html: str, header_html: str, footer_html: str, page: PageSetup) -> bytes:
    target = browser.send('Target.createTarget', {'url': 'about:blank'})['targetId']
    try:
        session = browser.send('Target.attachToTarget', {'targetId': target, 'flatten': True})['sessionId']
        frame = browser.send('Page.getFrameTree', session=session)['frameTree']['frame']['id']
        browser.send('Page.setDocumentContent', {'frameId': frame, 'html': html}, session=session)
        ready = browser.send('Runtime.evaluate', {'expression': _READY_SCRIPT, 'awaitPromise': True},
                             session=session)
        if 'exceptionDetails' in ready:
            raise PdfEngineError(f"The report page failed to load: {ready['exceptionDetails'].get('text')}")
        width, height = (page.height, page.width) if page.landscape else (page.width, page.height)
        params = {
            'paperWidth': width / MM_PER_INCH,
            'paperHeight': height / MM_PER_INCH,
            'marginTop': page.margin_top / MM_PER_INCH,
            'marginBottom': page.margin_bottom / MM_PER_INCH,
            'marginLeft': page.margin_left / MM_PER_INCH,
            'marginRight': page.margin_right / MM_PER_INCH,
            'printBackground': True,
            'displayHeaderFooter': bool(header_html or footer_html),
            # an empty template would print Chromium's default (date, title, URL)
            'headerTemplate': header_html or '<span></span>',
            'footerTemplate': footer_html or '<span></span>',
            'preferCSSPageSize': False,
        }
        result = browser.send('Page.printToPDF', params, session=session)
        return base64.b64decode(result['data'])
    finally:
        try:
            browser.send('Target.closeTarget', {'targetId': target})
        except PdfEngineError:
            _logger.debug("could not close the print page of Chromium", exc_info=True)

