"""Tests of odoo.netsvc: Odoo's log line format and levels."""
from __future__ import annotations

import logging
import os
import re

from odoo import netsvc
from odoo.tools import config


def test_log_format_and_levels(monkeypatch, tmp_path):
    logfile = tmp_path / 'odoo.log'
    monkeypatch.setitem(config.options, 'logfile', str(logfile))
    monkeypatch.setitem(config.options, 'log_level', 'warn')
    monkeypatch.setitem(config.options, 'log_handler', ['odoo.netsvc_probe:DEBUG'])
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    monkeypatch.setattr(netsvc, '_handler', None)
    try:
        netsvc.init_logger()
        logging.getLogger('odoo.netsvc_probe').debug('probe %s', 1)
        logging.getLogger('odoo.other').info('hidden by warn')
        netsvc._handler.flush()
    finally:
        if netsvc._handler is not None:
            root.removeHandler(netsvc._handler)
            netsvc._handler.close()
        logging.captureWarnings(False)
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name in ('odoo', 'odoo.netsvc_probe', 'werkzeug'):
            logging.getLogger(name).setLevel(logging.NOTSET)
    lines = logfile.read_text().splitlines()
    assert len(lines) == 1
    assert re.match(rf"^\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d,\d{{3}} {os.getpid()} DEBUG \? odoo.netsvc_probe: probe 1$",
                    lines[0])
