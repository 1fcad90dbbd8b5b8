"""Tests of the repository's own contracts: the README's two commands, pinned
requirements, and a test run that runs nothing counting as a failure."""
from __future__ import annotations

import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(name: str) -> str:
    with open(os.path.join(REPO, name), encoding='utf-8') as handle:
        return handle.read()


def test_readme_has_two_commands_matching_make_targets():
    block = re.search(r"```sh\n(.*?)```", read('README.md'), re.DOTALL).group(1)
    commands = [line.split('#')[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ['make run', 'make test']
    makefile = read('Makefile')
    assert re.search(r'^run:', makefile, re.MULTILINE) and re.search(r'^test:', makefile, re.MULTILINE)
    assert 'make test' in read('.ci/run')


def test_requirements_are_pinned():
    lines = [line.strip() for line in read('requirements.txt').splitlines()]
    packages = [line for line in lines if line and not line.startswith('#')]
    assert packages
    assert all(re.fullmatch(r'[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.\-+]+', line) for line in packages), packages


def test_a_run_without_tests_fails():
    result = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider',
                             '-k', 'no_test_has_this_name', 'runtime/tests/tools/test_float_utils.py'],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 5, result.stdout + result.stderr
