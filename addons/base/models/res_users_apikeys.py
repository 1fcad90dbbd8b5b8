"""API keys: secrets a user generates to authenticate external API calls
(``execute_kw`` and friends) in place of the password. Only a hash of each
key is stored, in a column the ORM never reads; a key is found by its first
8 characters (``index``) and checked against the hashes of that index."""
from __future__ import annotations

import binascii
import logging
import os

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, UserError
from passlib.context import CryptContext

_logger = logging.getLogger(__name__)

API_KEY_SIZE = 20  # random bytes, 40 hexadecimal characters
INDEX_SIZE = 8  # leading characters stored in clear to find the key
# keys are long random strings: a light work factor is enough
KEY_CRYPT_CONTEXT = CryptContext(['pbkdf2_sha512'], pbkdf2_sha512__rounds=6000)


class APIKeys(models.Model):
    _name = 'res.users.apikeys'
    _description = 'Users API Keys'
    # the table has a secret column the ORM must never select: created by init()
    _auto = False
    _allow_sudo_commands = False

    name = fields.Char("Description", required=True, readonly=True)
    user_id = fields.Many2one('res.users', index=True, required=True, readonly=True, ondelete="cascade")
    scope = fields.Char("Scope", readonly=True)
    create_date = fields.Datetime("Creation Date", readonly=True)
    expiration_date = fields.Datetime("Expiration Date", readonly=True)

    def init(self):
        self.env.cr.execute(f"""
            CREATE TABLE IF NOT EXISTS {self._table} (
                id serial PRIMARY KEY,
                name varchar NOT NULL,
                user_id integer NOT NULL REFERENCES res_users(id) ON DELETE CASCADE,
                scope varchar,
                expiration_date timestamp without time zone,
                index varchar({INDEX_SIZE}) NOT NULL CHECK (char_length(index) = {INDEX_SIZE}),
                key varchar NOT NULL,
                create_date timestamp without time zone DEFAULT (now() at time zone 'utc')
            )
        """)
        self.env.cr.execute(f"CREATE INDEX IF NOT EXISTS {self._table}_user_id_index_idx "
                            f"ON {self._table} (user_id, index)")

    def remove(self):
        """Revoke the keys (their owner, or an administrator)."""
        if not self:
            return {'type': 'ir.actions.act_window_close'}
        owners = self.mapped('user_id')
        if not (self.env.is_system() or self.env.user == owners):
            raise AccessDenied(f"user {self.env.user.login!r} may only revoke their own API keys")
        logins = owners.mapped('login')
        self.env.cr.execute(f"DELETE FROM {self._table} WHERE id IN %s", [tuple(self.ids)])
        self.invalidate_model()
        # res.users.check caches accepted credentials: forget them
        self.env.registry.clear_cache()
        _logger.info("API keys %s of %s revoked by %r", self.ids, logins, self.env.user.login)
        return {'type': 'ir.actions.act_window_close'}

    def _check_credentials(self, *, scope, key):
        """The id of the user owning ``key`` for ``scope`` (a key without scope
        fits any), or None."""
        if not scope or not key:
            raise ValueError("an API key check needs a scope and a key")
        self.env.cr.execute(f"""
            SELECT user_id, key FROM {self._table}
             WHERE index = %s
               AND (scope IS NULL OR scope = %s)
               AND (expiration_date IS NULL OR expiration_date >= now() at time zone 'utc')
        """, [key[:INDEX_SIZE], scope])
        for user_id, hashed in self.env.cr.fetchall():
            if KEY_CRYPT_CONTEXT.verify(key, hashed):
                return user_id
        return None

    @api.model
    def _generate(self, scope, name, expiration_date=None):
        """A new key for the current user, returned in clear this once only."""
        if not name:
            raise UserError("An API key needs a description.")
        if expiration_date and fields.Datetime.to_datetime(expiration_date) < fields.Datetime.now():
            raise UserError("The expiration date of an API key must lie in the future.")
        key = binascii.hexlify(os.urandom(API_KEY_SIZE)).decode()
        self.env.cr.execute(f"""
            INSERT INTO {self._table} (name, user_id, scope, expiration_date, key, index)
            VALUES (%s, %s, %s, %s, %s, %s)
        """, [name, self.env.user.id, scope, expiration_date or None, KEY_CRYPT_CONTEXT.hash(key),
              key[:INDEX_SIZE]])
        _logger.info("API key %r (scope %s) generated for %r", name, scope, self.env.user.login)
        return key

    @api.autovacuum
    def _gc_user_apikeys(self):
        self.env.cr.execute(f"DELETE FROM {self._table} WHERE expiration_date < now() at time zone 'utc'")


class UsersApiKeys(models.Model):
    _inherit = 'res.users'

    api_key_ids = fields.One2many('res.users.apikeys', 'user_id', string="API Keys")

    def _rpc_api_keys_only(self):
        """Whether RPC must use an API key rather than the password (2FA addons say so)."""
        return False

    def _check_credentials(self, credential, env):
        # interactive logins (browser) take the password only
        if (env or {}).get('interactive', True):
            return super()._check_credentials(credential, env)
        user = self.env.user
        if not user._rpc_api_keys_only():
            try:
                return super()._check_credentials(credential, env)
            except AccessDenied:
                pass
        key = credential.get('password') if credential.get('type') == 'password' else None
        if key and self.env['res.users.apikeys']._check_credentials(scope='rpc', key=key) == user.id:
            return {'uid': user.id, 'auth_method': 'apikey', 'mfa': 'default'}
        raise AccessDenied()
