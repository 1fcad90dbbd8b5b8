"""Web client information endpoints."""
from __future__ import annotations

from odoo import http
from odoo.service import common


class WebClient(http.Controller):

    @http.route('/web/webclient/version_info', type='json', auth='none')
    def version_info(self):
        return common.exp_version()
