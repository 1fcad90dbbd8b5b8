"""``res.users.log``: one row per successful login, from which the users'
latest login date is read."""
from __future__ import annotations

from odoo import api, models


class ResUsersLog(models.Model):
    _name = 'res.users.log'
    _description = 'Users Log'
    _order = 'id desc'
    # create_uid and create_date are all it records: who logged in, when

    @api.autovacuum
    def _gc_user_logs(self):
        # keep each user's latest login only
        self.env.cr.execute("""
            DELETE FROM res_users_log log
             WHERE log.id NOT IN (SELECT max(id) FROM res_users_log GROUP BY create_uid)
        """)
