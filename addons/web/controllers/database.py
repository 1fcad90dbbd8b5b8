"""The database list (mobile apps and clients ask it before logging in)."""
from __future__ import annotations

from odoo import http


class Database(http.Controller):

    @http.route('/web/database/list', type='json', auth='none')
    def list(self):
        return http.db_list()
