"""Install the conformance addon with ./odoo-bin and run its Odoo-style tests.

The addon under ``addons/test_conformance`` is written only against Odoo 18's
public API and its tests pass on a real Odoo 18 server; here they must pass
unchanged on our runtime, driven exactly as an integrator would drive Odoo.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CONFORMANCE_ADDONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'addons')
SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


@pytest.mark.slow
def test_conformance_addon_passes(pg_server, db_name, tmp_path):
    command = [
        sys.executable, os.path.join(ROOT, 'odoo-bin'),
        f"--addons-path={os.path.join(ROOT, 'addons')},{CONFORMANCE_ADDONS}",
        f"--data-dir={tmp_path}",
        f"--db_host={pg_server['host']}", f"--db_port={pg_server['port']}",
        f"--db_user={pg_server['user']}",
        '-d', db_name, '-i', 'test_conformance',
        '--test-enable', '--test-tags', '/test_conformance',
        '--stop-after-init', '--without-demo=all',
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    log = run.stdout + run.stderr
    summary = SUMMARY.findall(log)
    assert run.returncode == 0, log[-6000:]
    assert summary, f"no test summary in the log:\n{log[-3000:]}"
    failed, errors, total = map(int, summary[-1])
    assert (failed, errors) == (0, 0), log[-6000:]
    assert total >= 23, f"only {total} conformance tests ran"
