"""Trusted browsers of a user: keys kept in the API keys' table under the
scope 'browser', that let a remembered device skip the second factor."""
from __future__ import annotations

from odoo import models


class AuthTotpDevice(models.Model):
    _name = 'auth_totp.device'
    _inherit = 'res.users.apikeys'
    _description = 'Authentication Device'
    # the rows live in res_users_apikeys, created by that model
    _auto = False

    def _check_credentials_for_uid(self, *, scope: str, key: str, uid: int) -> bool:
        """Whether ``key`` is a device key of ``uid`` for ``scope``."""
        if not uid:
            raise ValueError("auth_totp.device: a user id is needed to check a device key")
        return self._check_credentials(scope=scope, key=key) == uid
