"""The front-end libraries of the web client, served from the repository's
``node_modules`` (installed from the npm registry by ``scripts/setup.sh``;
no CDN). Only the packages listed here and only their distributed files."""
from __future__ import annotations

import os

from odoo import http
from odoo.http import Stream
from werkzeug.exceptions import NotFound

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
NODE_MODULES = os.path.join(REPOSITORY, 'node_modules')

# package -> folders of it that may be served
SERVED = {
    'bootstrap': ('dist/',),
    'bootstrap-icons': ('font/',),
    'htmx.org': ('dist/',),
    'chart.js': ('dist/',),
    'sortablejs': ('Sortable.min.js', 'Sortable.js'),
}
EXTENSIONS = ('.js', '.css', '.map', '.woff', '.woff2', '.svg')


def library_file(path: str) -> str:
    """The absolute file behind ``/web/lib/<path>``; NotFound outside the served folders."""
    package, _sep, inner = path.partition('/')
    allowed = SERVED.get(package)
    if not allowed or not inner.endswith(EXTENSIONS) or not inner.startswith(allowed):
        raise NotFound(f"/web/lib/{path}: not a served front-end file")
    root = os.path.realpath(os.path.join(NODE_MODULES, package))
    full = os.path.realpath(os.path.join(root, inner))
    if not full.startswith(root + os.sep) or not os.path.isfile(full):
        raise NotFound(f"/web/lib/{path}: missing (run scripts/setup.sh to install the npm packages)")
    return full


class WebClientAssets(http.Controller):

    @http.route('/web/lib/<path:path>', type='http', auth='none', save_session=False)
    def library(self, path: str, **kw):
        stream = Stream.from_path(library_file(path), public=True)
        stream.max_age = 86400
        return stream.get_response(content_security_policy=None)

    @http.route('/web/static/lib/Chart/Chart.js', type='http', auth='none', save_session=False)
    def odoo_chart_js(self, **kw):
        """Chart.js where Odoo 18's web addon serves its UMD build: pages
        written for Odoo (addons' own dashboards) load it from there."""
        return self.library('chart.js/dist/chart.umd.js')
