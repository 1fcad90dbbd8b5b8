"""Users: password hashing, credentials, authentication, groups."""
from unittest.mock import patch

from odoo import Command
from odoo.addons.base.models import res_users
from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger
from passlib.context import CryptContext
from psycopg2 import IntegrityError


@tagged('at_install', '-post_install')
class TestUsers(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.group_user = cls.env.ref('base.group_user')
        cls.group_portal = cls.env.ref('base.group_portal')
        cls.user = cls.Users.create({
            'name': '李雷',
            'login': 'li.lei',
            'password': 'correct horse',
            'groups_id': [Command.set([cls.group_user.id])],
        })

    def _stored_hash(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    def test_password_hashed_like_odoo(self):
        # the admin password was hashed by the installation with the real work factor
        admin = self.env.ref('base.user_admin')
        self.assertTrue(self._stored_hash(admin).startswith('$pbkdf2-sha512$600000$'), self._stored_hash(admin))
        self.assertEqual(res_users.MIN_ROUNDS, 600_000)
        # test users are hashed with 1 round (TransactionCase patches the context, as Odoo's does)
        stored = self._stored_hash(self.user)
        self.assertTrue(stored.startswith('$pbkdf2-sha512$'), stored)
        self.assertNotIn('correct horse', stored)
        self.assertTrue(CryptContext(['pbkdf2_sha512']).verify('correct horse', stored))
        self.assertEqual(self.user.password, '', "the password is never read back")

    def test_check_credentials(self):
        as_user = self.user.with_user(self.user)
        info = as_user._check_credentials({'type': 'password', 'login': 'li.lei', 'password': 'correct horse'},
                                          {'interactive': True})
        self.assertEqual(info, {'uid': self.user.id, 'auth_method': 'password', 'mfa': 'default'})
        with self.assertRaises(AccessDenied):
            as_user._check_credentials({'type': 'password', 'login': 'li.lei', 'password': 'wrong'},
                                       {'interactive': True})
        with self.assertRaises(AccessDenied):
            as_user._check_credentials({'type': 'password', 'login': 'li.lei', 'password': ''},
                                       {'interactive': True})

    def test_plaintext_hash_upgraded_on_login(self):
        # a password written in plain text by SQL is accepted once, then hashed
        # (with the production context, where plaintext is a deprecated scheme)
        production_like = CryptContext(['pbkdf2_sha512', 'plaintext'], deprecated=['auto'], pbkdf2_sha512__rounds=1)
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_users SET password = %s WHERE id = %s", ['plain-secret', self.user.id])
        with patch.object(res_users.Users, '_crypt_context', lambda self: production_like):
            self.user.with_user(self.user)._check_credentials(
                {'type': 'password', 'login': 'li.lei', 'password': 'plain-secret'}, {'interactive': True})
        self.assertTrue(self._stored_hash(self.user).startswith('$pbkdf2-sha512$'))

    def test_change_password(self):
        as_user = self.user.with_user(self.user)
        with self.assertRaises(AccessDenied):
            as_user.change_password('not the old one', 'new secret')
        as_user.change_password('correct horse', 'new secret')
        as_user._check_credentials({'type': 'password', 'login': 'li.lei', 'password': 'new secret'},
                                   {'interactive': True})
        with self.assertRaises(UserError):
            self.user._change_password('   ')

    def test_user_is_a_partner(self):
        partner = self.user.partner_id
        self.assertEqual(partner.name, '李雷')
        self.user.name = '韩梅梅'
        self.assertEqual(partner.name, '韩梅梅', "name is delegated to the partner")
        self.assertFalse(self.user.share)
        self.assertFalse(partner.partner_share)

    def test_implied_groups_added(self):
        # group_user implies group_no_one in base
        self.assertIn(self.env.ref('base.group_no_one'), self.user.groups_id)
        admin_group = self.env.ref('base.group_system')
        self.user.write({'groups_id': [Command.link(admin_group.id)]})
        self.assertIn(self.env.ref('base.group_erp_manager'), self.user.groups_id,
                      "group_system implies group_erp_manager")
        self.assertTrue(self.user.has_group('base.group_erp_manager'))

    def test_has_group_and_has_groups(self):
        user = self.user.with_user(self.user)
        self.assertTrue(user.has_group('base.group_user'))
        self.assertFalse(user.has_group('base.group_system'))
        self.assertFalse(user.has_group('base.no_such_group'))
        self.assertTrue(user.has_groups('base.group_system,base.group_user'))
        self.assertTrue(user.has_groups('base.group_user,!base.group_system'))
        self.assertFalse(user.has_groups('base.group_system,!base.group_user'))
        self.assertFalse(user.has_groups('!base.group_user'))
        self.assertTrue(user.has_groups('!base.group_system'))
        self.assertFalse(user.has_groups('.'))

    def test_has_group_refreshed_after_write(self):
        self.assertFalse(self.user.has_group('base.group_multi_company'))
        self.user.write({'groups_id': [Command.link(self.env.ref('base.group_multi_company').id)]})
        self.assertTrue(self.user.has_group('base.group_multi_company'))

    def test_default_groups_from_template(self):
        user = self.Users.create({'name': '新员工', 'login': 'new.employee'})
        self.assertIn(self.group_user, user.groups_id)
        self.assertIn(self.env.ref('base.group_partner_manager'), user.groups_id)
        self.assertFalse(user.share)

    def test_one_user_type_only(self):
        with self.assertRaises(ValidationError):
            self.user.write({'groups_id': [Command.link(self.group_portal.id)]})

    def test_portal_user_is_share(self):
        portal = self.Users.create({'name': '客户门户', 'login': 'portal.customer',
                                    'groups_id': [Command.set([self.group_portal.id])]})
        self.assertTrue(portal.share)
        self.assertTrue(portal._is_portal())
        self.assertFalse(portal._is_internal())

    def test_login_unique(self):
        with self.assertRaises(IntegrityError), mute_logger('odoo.sql_db'), self.cr.savepoint():
            self.Users.create({'name': '重名', 'login': 'li.lei'})
            self.env.flush_all()

    def test_company_must_be_allowed(self):
        other = self.env['res.company'].create({'name': '另一家公司'})
        with self.assertRaises(ValidationError):
            self.user.write({'company_id': other.id})
        self.user.write({'company_ids': [Command.link(other.id)], 'company_id': other.id})
        self.assertEqual(self.user.company_id, other)

    def test_cannot_delete_admin_or_root(self):
        with self.assertRaises(UserError):
            self.env.ref('base.user_admin').unlink()
        with self.assertRaises(UserError):
            self.env.ref('base.user_root').unlink()


@tagged('post_install', '-at_install')
class TestAuthenticate(TransactionCase):
    """authenticate() opens its own cursor: it sees committed data only, so
    it runs once the installation is committed."""

    def test_authenticate_admin(self):
        # the admin user and its password are committed by the installation
        db = get_db_name()
        info = self.registry['res.users'].authenticate(
            db, {'type': 'password', 'login': 'admin', 'password': 'admin'}, {'interactive': False})
        self.assertEqual(info['uid'], self.env.ref('base.user_admin').id)
        self.assertEqual(info['auth_method'], 'password')
        with self.assertRaises(AccessDenied):
            self.registry['res.users'].authenticate(
                db, {'type': 'password', 'login': 'admin', 'password': 'not-admin'}, {'interactive': False})
        with self.assertRaises(AccessDenied):
            self.registry['res.users'].authenticate(
                db, {'type': 'password', 'login': 'nobody-such', 'password': 'x'}, {'interactive': False})

    def test_check_password_of_uid(self):
        db = get_db_name()
        admin_id = self.env.ref('base.user_admin').id
        self.registry['res.users'].check(db, admin_id, 'admin')
        with self.assertRaises(AccessDenied):
            self.registry['res.users'].check(db, admin_id, 'not-admin')
        with self.assertRaises(AccessDenied):
            self.registry['res.users'].check(db, admin_id, '')


@tagged('at_install', '-post_install')
class TestSessionToken(TransactionCase):

    def test_token_changes_with_credentials(self):
        user = self.env['res.users'].create({'name': '令牌', 'login': 'token.user', 'password': 'first secret'})
        token = user._compute_session_token('d1-token-test-session-1')
        self.assertTrue(token)
        self.assertEqual(user._compute_session_token('d1-token-test-session-1'), token, "stable while nothing changes")
        self.assertNotEqual(user._compute_session_token('d1-token-test-session-2'), token, "bound to the session id")
        user.password = 'second secret'
        self.assertNotEqual(user._compute_session_token('d1-token-test-session-1'), token,
                            "a new password logs the existing sessions out")
