"""Version information of the runtime: it mimics Odoo 18.0 Community."""
from __future__ import annotations

RELEASE_LEVELS = [ALPHA, BETA, RELEASE_CANDIDATE, FINAL] = ['alpha', 'beta', 'candidate', 'final']
RELEASE_LEVELS_DISPLAY = {ALPHA: 'alpha', BETA: 'beta', RELEASE_CANDIDATE: 'rc', FINAL: ''}

version_info = (18, 0, 0, FINAL, 0, '')
series = serie = major_version = '.'.join(str(part) for part in version_info[:2])
version = series + RELEASE_LEVELS_DISPLAY[version_info[3]] + version_info[5]

product_name = 'Odoo'
description = 'Odoo Server (Tianchi runtime)'
long_desc = 'Odoo-18-compatible runtime that carries the Tianchi addons.'
classifiers = ''
url = ''
author = 'Tianchi'
author_email = ''
license = 'LGPL-3'
nt_service_name = 'odoo-server-' + series.replace('~', '-')

# Oldest PostgreSQL the runtime accepts, as (major, minor).
MIN_PG_VERSION = 12
MAX_PY_VERSION = (3, 13)
MIN_PY_VERSION = (3, 10)
