"""``res.users``: the people (and the system) that log in. A user is a
partner (``_inherits``) plus a login, a password hashed with passlib's
pbkdf2_sha512, companies and access groups; groups imply other groups and a
user always holds the groups implied by the ones it has."""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import logging
from collections import defaultdict

import pytz
from markupsafe import Markup
from odoo import SUPERUSER_ID, Command, _, api, fields, models, tools
from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, is_html_empty
from passlib.context import CryptContext

try:
    from odoo.http import request
except ImportError:  # the kernel runs (install, tests, shell) without the HTTP layer
    request = None

_logger = logging.getLogger(__name__)

# Odoo 18's floor for the work factor of pbkdf2_sha512 password hashes.
MIN_ROUNDS = 600_000
DEFAULT_LANG = 'en_US'

# Fields users may read on their own record whatever their access rights.
_SELF_READABLE = (
    'action_id',
    'avatar_1024',
    'avatar_128',
    'avatar_1920',
    'avatar_256',
    'avatar_512',
    'company_id',
    'display_name',
    'email',
    'groups_id',
    'image_1024',
    'image_128',
    'image_1920',
    'image_256',
    'image_512',
    'lang',
    'login',
    'name',
    'partner_id',
    'share',
    'signature',
    'tz',
    'tz_offset',
    'write_date',
)
# ... and may write.
_SELF_WRITEABLE = (
    'action_id',
    'company_id',
    'email',
    'image_1920',
    'lang',
    'name',
    'signature',
    'tz',
)


def _remote_address() -> str:
    if request:
        return request.httprequest.environ.get('REMOTE_ADDR', 'n/a')
    return 'n/a'


def _password_credential(login: str, password: str) -> dict:
    return {'type': 'password', 'login': login, 'password': password}


class Users(models.Model):
    _name = "res.users"
    _description = 'User'
    _inherits = {'res.partner': 'partner_id'}
    _order = 'name, login'
    _allow_sudo_commands = False

    def _check_company_domain(self, companies):
        # a user is "of" a company when that company is among its allowed ones
        if not companies:
            return []
        if isinstance(companies, models.BaseModel):
            company_ids = companies.ids
        elif isinstance(companies, (list, tuple, str)):
            company_ids = companies
        else:
            company_ids = [companies]
        return [('company_ids', 'in', company_ids)]

    @property
    def SELF_READABLE_FIELDS(self):
        """Fields users may read on their own record whatever their rights."""
        return list(_SELF_READABLE)

    @property
    def SELF_WRITEABLE_FIELDS(self):
        """Fields users may write on their own record whatever their rights."""
        return list(_SELF_WRITEABLE)

    def _default_groups(self):
        """New users get the groups of the template user ``base.default_user``."""
        template = self.env.ref('base.default_user', raise_if_not_found=False)
        if not template:
            return []
        return template.sudo().groups_id

    partner_id = fields.Many2one('res.partner', required=True, ondelete='restrict', auto_join=True, index=True, string='Related Partner',
                                 help='The partner holding the name, address and picture of the user.')
    login = fields.Char(required=True, help="Used to log into the system")
    password = fields.Char(compute='_compute_password', inverse='_set_password', copy=False,
                           help="Leave empty for a user who must not log in.")
    new_password = fields.Char(string='Set Password', compute='_compute_password', inverse='_set_new_password',
                               help="Only when creating a user or changing their password; the user then has "
                                    "to log in again.")
    signature = fields.Html(string="Email Signature", compute='_compute_signature', readonly=False, store=True)
    active = fields.Boolean(default=True)
    active_partner = fields.Boolean(related='partner_id.active', readonly=True, string="Partner is Active")
    action_id = fields.Many2one('ir.actions.actions', string='Home Action',
                                help="Action opened after login, next to the menus.")
    groups_id = fields.Many2many('res.groups', 'res_groups_users_rel', 'uid', 'gid', string='Groups', default=lambda self: self._default_groups())
    log_ids = fields.One2many('res.users.log', 'create_uid', string='User log entries')
    login_date = fields.Datetime(related='log_ids.create_date', string='Latest authentication', readonly=False)
    share = fields.Boolean(compute='_compute_share', compute_sudo=True, string='Share User', store=True,
                           help="Portal or public user: sees only what is shared with them.")
    companies_count = fields.Integer(compute='_compute_companies_count', string="Number of Companies")
    tz_offset = fields.Char(compute='_compute_tz_offset', string='Timezone offset')
    # the company switcher only lists the user's companies (user_preference)
    company_id = fields.Many2one('res.company', string='Company', required=True, default=lambda self: self.env.company.id, context={'user_preference': True},
                                 help='Company the user works in by default.')
    company_ids = fields.Many2many('res.company', 'res_company_users_rel', 'user_id', 'cid', string='Companies', default=lambda self: self.env.company.ids)
    # readable and writable through the user even without rights on partners
    name = fields.Char(related='partner_id.name', inherited=True, readonly=False)
    email = fields.Char(related='partner_id.email', inherited=True, readonly=False)
    accesses_count = fields.Integer('# Access Rights', compute='_compute_accesses_count', compute_sudo=True,
                                    help='How many access rights apply to this user')
    rules_count = fields.Integer('# Record Rules', compute='_compute_accesses_count', compute_sudo=True,
                                 help='How many record rules apply to this user')
    groups_count = fields.Integer('# Groups', compute='_compute_accesses_count', compute_sudo=True,
                                  help='How many groups this user is in')

    _sql_constraints = [
        ('login_key', 'UNIQUE (login)', 'Another user already has this login.'),
    ]

    def init(self):
        cr = self.env.cr
        # The hash lives in a column that no stored field describes, so that
        # the ORM never reads it by accident.
        cr.execute("ALTER TABLE res_users ADD COLUMN IF NOT EXISTS password varchar")
        # Passwords written in plain text by SQL get hashed at the next start.
        cr.execute(r"SELECT id, password FROM res_users WHERE password IS NOT NULL AND password !~ '^\$[^$]+\$[^$]+\$.'")
        for user_id, clear in cr.fetchall():
            self.sudo().browse(user_id).password = clear

    # ------------------------------------------------------------------
    # passwords
    # ------------------------------------------------------------------

    @tools.ormcache()
    def _crypt_context(self):
        """The passlib context that hashes and verifies passwords; its work
        factor can be raised with the parameter ``password.hashing.rounds``."""
        configured = self.env['ir.config_parameter'].sudo().get_param('password.hashing.rounds', 0)
        return CryptContext(
            ['pbkdf2_sha512', 'plaintext'],
            deprecated=['auto'],
            pbkdf2_sha512__rounds=max(MIN_ROUNDS, int(configured)),
        )

    def _compute_password(self):
        # write-only fields: nothing is ever read back
        self.password = ''
        self.new_password = ''

    def _set_password(self):
        hasher = self._crypt_context()
        for user in self:
            self._set_encrypted_password(user.id, hasher.hash(user.password))

    def _set_encrypted_password(self, uid, pw):
        scheme = self._crypt_context().identify(pw)
        assert scheme != 'plaintext', "refusing to store a clear-text password"
        self.env.cr.execute("UPDATE res_users SET password = %s WHERE id = %s", (pw, uid))
        self.browse(uid).invalidate_recordset(['password'])

    def _set_new_password(self):
        for user in self.filtered('new_password'):  # clients send False for untouched fields
            if user == self.env.user:
                # one's own password changes through change_password(), which
                # checks the old one and keeps the session valid
                raise UserError(_('Change your own password from your preferences.'))
            user.password = user.new_password

    def _check_credentials(self, credential, env):
        """Check ``credential`` against the current user (``self.env.user``).

        :param dict credential: ``{'type': 'password', 'login': ..., 'password': ...}``
        :param dict env: the user agent environment (``interactive``...)
        :returns: auth_info ``{'uid', 'auth_method', 'mfa'}``
        :raises AccessDenied: when the credential does not match
        """
        given = credential.get('password') if credential.get('type') == 'password' else None
        if not given:
            raise AccessDenied()
        user_id = self.env.user.id
        self.env.cr.execute("SELECT COALESCE(password, '') FROM res_users WHERE id = %s", [user_id])
        stored = self.env.cr.fetchone()[0]
        ok, upgraded = self._crypt_context().verify_and_update(given, stored)
        if not ok:
            raise AccessDenied()
        if upgraded is not None:
            # stored with an outdated scheme or work factor: rehash it now
            self._set_encrypted_password(user_id, upgraded)
        return {'uid': user_id, 'auth_method': 'password', 'mfa': 'default'}

    @api.model
    def change_password(self, old_passwd, new_passwd):
        """Change the current user's password; the old one must be given."""
        if not old_passwd:
            raise AccessDenied()
        me = self.env.user
        self._check_credentials(_password_credential(me.login, old_passwd), {'interactive': True})
        me._change_password(new_passwd)
        return True

    def _change_password(self, new_passwd):
        cleaned = (new_passwd or '').strip()
        if not cleaned:
            raise UserError(_("A password cannot be empty."))
        _logger.info("Password of %r (#%d) changed by %r (#%d) from %s",
                     self.login, self.id, self.env.user.login, self.env.user.id, _remote_address())
        self.password = cleaned

    # ------------------------------------------------------------------
    # authentication
    # ------------------------------------------------------------------

    @api.model
    def _get_login_domain(self, login):
        return [('login', '=', login)]

    @api.model
    def _get_email_domain(self, email):
        return [('email', '=', email)]

    @api.model
    def _get_login_order(self):
        return self._order

    @api.model
    def _update_last_login(self):
        # a new row rather than an update: concurrent logins never conflict
        self.env['res.users.log'].sudo().create({})

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        login = credential['login']
        try:
            with cls.pool.cursor() as cr:
                Users = api.Environment(cr, SUPERUSER_ID, {})[cls._name]
                with Users._assert_can_auth(user=login):
                    found = Users.search(Users._get_login_domain(login), order=Users._get_login_order(), limit=1)
                    if not found:
                        raise AccessDenied()
                    as_user = found.with_user(found)
                    auth_info = as_user._check_credentials(credential, user_agent_env)
                    as_user._update_last_login()
        except AccessDenied:
            _logger.info("Refused login %r on database %s from %s", login, db, _remote_address())
            raise
        _logger.info("Login %r on database %s from %s", login, db, _remote_address())
        return auth_info

    @classmethod
    def authenticate(cls, db, credential, user_agent_env):
        """Check ``credential`` on database ``db`` and return the auth_info
        of the matching user (``{'uid': ..., 'auth_method': ..., 'mfa': ...}``).

        :param dict credential: e.g. ``{'type': 'password', 'login': 'admin', 'password': 'admin'}``
        :param dict user_agent_env: the client's environment (``base_location``...)
        :raises AccessDenied: unknown login or wrong password
        """
        auth_info = cls._login(db, credential, user_agent_env=user_agent_env)
        public_url = (user_agent_env or {}).get('base_location')
        if public_url:
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, auth_info['uid'], {})
                # an administrator's login tells the server its public URL
                params = env['ir.config_parameter']
                if env.user.has_group('base.group_system') and not params.get_param('web.base.url.freeze'):
                    params.set_param('web.base.url', public_url)
        return auth_info

    @classmethod
    @tools.ormcache('uid', 'passwd')
    def check(cls, db, uid, passwd):
        """Raise AccessDenied unless ``passwd`` is the password of the
        active user ``uid`` on ``db``."""
        if not passwd:
            raise AccessDenied()
        with contextlib.closing(cls.pool.cursor()) as cr:
            Users = api.Environment(cr, uid, {})[cls._name]
            with Users._assert_can_auth(user=uid):
                me = Users.env.user
                if not me.active:
                    raise AccessDenied()
                Users._check_credentials(_password_credential(me.login, passwd), {'interactive': False})

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        """Refuse login attempts from an address that failed too often
        recently (``base.login_cooldown_after`` failures, then
        ``base.login_cooldown_duration`` seconds of cooldown)."""
        if not request:
            yield
            return
        registry = self.env.registry
        if getattr(registry, '_login_failures', None) is None:
            registry._login_failures = defaultdict(lambda: (0, datetime.datetime.min))
        history = registry._login_failures
        address = request.httprequest.remote_addr
        count, last = history[address]
        if self._on_login_cooldown(count, last):
            _logger.warning("Ignored login attempt of %r on %s from %s after %d failures",
                            user or "?", self.env.cr.dbname, address, count)
            raise AccessDenied(_("Too many failed logins: wait a minute before trying again."))
        try:
            yield
        except AccessDenied:
            history[address] = (history[address][0] + 1, datetime.datetime.now())
            raise
        history.pop(address, None)

    def _on_login_cooldown(self, failures, previous):
        params = self.env['ir.config_parameter'].sudo()
        threshold = int(params.get_param('base.login_cooldown_after', 5))
        if not threshold or failures < threshold:
            return False
        pause = datetime.timedelta(seconds=int(params.get_param('base.login_cooldown_duration', 60)))
        return datetime.datetime.now() - previous < pause

    def _get_session_token_fields(self):
        """Fields whose change invalidates the sessions of a user."""
        return {'id', 'login', 'password', 'active'}

    @tools.ormcache('sid')
    def _compute_session_token(self, sid):
        """A token binding session ``sid`` to the user's current credentials:
        it no longer matches once the login, the password or the active flag
        change, which logs such sessions out. False if the user is gone."""
        self.ensure_one()
        self.flush_model(['login', 'active'])
        columns = sorted(self._get_session_token_fields())
        self.env.cr.execute(SQL(
            "SELECT (SELECT value FROM ir_config_parameter WHERE key = 'database.secret'), %s "
            "FROM res_users WHERE id = %s",
            SQL(", ").join(SQL.identifier('res_users', column) for column in columns), self.id,
        ))
        row = self.env.cr.fetchone()
        if row is None:
            self.env.registry.clear_cache()
            return False
        secret = repr(row).encode()
        return hmac.new(secret, sid.encode(), hashlib.sha256).hexdigest()

    def _should_alert_new_device(self):
        """Whether to warn the user of a login from an unknown device
        (second-factor modules decide)."""
        return False

    def _mfa_type(self):
        """The type of second factor enabled for the user, if any."""
        return None

    def _mfa_url(self):
        return None

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------

    @api.depends('name')
    def _compute_signature(self):
        for user in self:
            if user.name and is_html_empty(user.signature):
                user.signature = Markup('<p>--<br />%s</p>') % user.name

    @api.depends('groups_id')
    def _compute_share(self):
        internal_id = self.env['ir.model.data']._xmlid_to_res_id('base.group_user', raise_if_not_found=False)
        for user in self:
            user.share = internal_id not in user.groups_id.ids

    @api.depends('company_id')
    def _compute_companies_count(self):
        total = self.env['res.company'].sudo().search_count([])
        self.companies_count = total

    @api.depends('tz')
    def _compute_tz_offset(self):
        now = datetime.datetime.now(pytz.utc)
        for user in self:
            user.tz_offset = now.astimezone(pytz.timezone(user.tz or 'GMT')).strftime('%z')

    @api.depends('groups_id')
    def _compute_accesses_count(self):
        for user in self:
            held = user.groups_id
            user.groups_count = len(held)
            user.accesses_count = len(held.model_access)
            user.rules_count = len(held.rule_groups)

    # ------------------------------------------------------------------
    # constraints and onchanges
    # ------------------------------------------------------------------

    @api.onchange('login')
    def on_change_login(self):
        # a login that is an email address is the user's email too
        if self.login and tools.single_email_re.match(self.login):
            self.email = self.login

    @api.onchange('parent_id')
    def onchange_parent_id(self):
        return self.partner_id.onchange_parent_id()

    @api.constrains('company_id', 'company_ids', 'active')
    def _check_company(self):
        for user in self:
            if user.active and user.company_id not in user.company_ids:
                raise ValidationError(_(
                    'User %(user_name)s cannot have %(company_name)s as default company: it is not one of '
                    'their allowed companies (%(company_allowed)s).',
                    user_name=user.name, company_name=user.company_id.name,
                    company_allowed=', '.join(user.company_ids.mapped('name'))))

    @api.constrains('action_id')
    def _check_action_id(self):
        for user in self.sudo():
            if user.action_id.type != "ir.actions.act_window":
                continue
            window = self.env["ir.actions.act_window"].browse(user.action_id.id)
            if "active_id" in (window.context or ''):
                raise ValidationError(_('Action %(action)s needs a selected record: it cannot be a home action.',
                                        action=window.name))

    @api.constrains('groups_id')
    def _check_one_user_type(self):
        """A user is exactly one of internal, portal or public."""
        category = self.env.ref('base.module_category_user_type', raise_if_not_found=False)
        if not category:
            return  # during the installation of base
        type_groups = self.env['res.groups'].search([('category_id', '=', category.id)])
        if self._has_multiple_groups(type_groups.ids):
            raise ValidationError(_('A user is either internal, portal or public: never two of them.'))

    def _has_multiple_groups(self, group_ids):
        """Whether a user (of ``self`` when a single one, else any) is in
        two or more of ``group_ids``."""
        if not group_ids:
            return False
        self.flush_model(['groups_id'])
        params = [tuple(group_ids)]
        user_filter = ""
        if len(self.ids) == 1:
            user_filter = "AND rel.uid = %s"
            params.append(self.id)
        self.env.cr.execute(f"""
            SELECT rel.uid FROM res_groups_users_rel rel
             WHERE rel.gid IN %s {user_filter}
          GROUP BY rel.uid HAVING count(*) > 1 LIMIT 1
        """, params)
        return self.env.cr.rowcount > 0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        for user, vals in zip(users, vals_list):
            if 'groups_id' in vals:
                user._add_implied_groups()
            partner = user.partner_id
            if partner.company_id:
                # a company-bound partner follows its user's company
                partner.company_id = user.company_id
            partner.active = user.active
            if user.name and not user.share and not user.image_1920:
                user.image_1920 = partner._avatar_generate_svg()
        if any('groups_id' in vals for vals in vals_list):
            users._check_one_user_type()
        self.env.registry.clear_cache()
        return users

    def _apply_groups_to_existing_employees(self):
        """Whether groups added to ``self`` go to all internal users too:
        true for the template user."""
        template = self.env.ref('base.default_user', raise_if_not_found=False)
        return bool(template) and template in self

    def write(self, values):
        self._check_activation(values)
        if self == self.env.user and all(key in self.SELF_WRITEABLE_FIELDS or key.startswith('context_') for key in values):
            if 'company_id' in values and values['company_id'] not in self.company_ids.ids:
                values.pop('company_id')
            # only harmless fields of one's own record: no rights needed
            self = self.sudo()  # noqa: PLW0642 - Odoo idiom: the rest of write() runs as superuser

        groups_change = values.get('groups_id')
        # groups added to the template user are added to all internal users
        spread = bool(groups_change) and self._apply_groups_to_existing_employees()
        template_groups_before = self._default_groups() if spread else None
        internal_before = self.filtered(lambda u: u._is_internal()) if groups_change else self.browse()

        result = super().write(values)

        if groups_change:
            demoted = internal_before.filtered(lambda u: not u._is_internal())
            if demoted:
                # users leaving the internal group keep only the groups given
                super(Users, demoted).write({'groups_id': [Command.clear(), *groups_change]})
            self._add_implied_groups()
            if spread:
                new_groups = self._default_groups() - template_groups_before
                if new_groups:
                    others = self.env.ref('base.group_user').users - self
                    others.write({'groups_id': [Command.link(group.id) for group in new_groups]})
            self._check_one_user_type()
        if 'company_id' in values:
            for user in self:
                partner = user.partner_id
                if partner.company_id and partner.company_id != user.company_id:
                    partner.write({'company_id': user.company_id.id})
        if self._get_invalidation_fields() & values.keys() or any(key.startswith('context_') for key in values):
            self.env.registry.clear_cache()
        return result

    def _check_activation(self, values):
        if 'active' not in values:
            return
        if values['active']:
            if SUPERUSER_ID in self._ids:
                raise UserError(_("The superuser cannot be activated: it is not meant to log in."))
            # reactivating a user reactivates its partner
            self.filtered(lambda u: not u.active and not u.partner_id.active).partner_id.toggle_active()
        elif values['active'] is not None and self.env.uid in self._ids:
            raise UserError(_("You cannot archive yourself."))

    def _add_implied_groups(self):
        """Give every user the groups implied by the groups it has."""
        by_groups = defaultdict(self.browse)
        for user in self:
            by_groups[user.groups_id] |= user
        for held, users in by_groups.items():
            missing = held.trans_implied_ids - held
            if missing:
                super(Users, users).write({'groups_id': [Command.link(group.id) for group in missing]})

    @api.ondelete(at_uninstall=True)
    def _unlink_except_master_data(self):
        if SUPERUSER_ID in self.ids:
            raise UserError(_('The superuser (__system__) is needed for installs and cannot be deleted.'))
        protected = {
            'base.user_admin': _('The administrator cannot be deleted; archive it instead.'),
            'base.default_user': _('The template users cannot be deleted: new users are made from them.'),
            'base.template_portal_user_id': _('The template users cannot be deleted: new users are made from them.'),
        }
        for xmlid, message in protected.items():
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record and record in self:
                raise UserError(message)
        self.env.registry.clear_cache()

    def toggle_active(self):
        self.filtered(lambda u: not u.active and not u.partner_id.active).partner_id.toggle_active()
        super().toggle_active()

    def read(self, fields=None, load='_classic_read'):
        own_safe_fields = fields and self == self.env.user and all(
            name in self.SELF_READABLE_FIELDS or name.startswith('context_') for name in fields)
        target = self.sudo() if own_safe_fields else self
        return super(Users, target).read(fields=fields, load=load)

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for original, copied in zip(self, vals_list):
            if 'login' not in default:
                copied['login'] = _("%s (copy)", original.login)
            if 'name' not in default and 'partner_id' not in default:
                copied['name'] = _("%s (copy)", original.name)
        return vals_list

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        # an exact login wins over name matches
        domain = args or []
        if name and operator not in expression.NEGATIVE_TERM_OPERATORS:
            by_login = self.search_fetch(expression.AND([domain, [('login', '=', name)]]), ['display_name'])
            if by_login:
                return [(by_login.id, by_login.display_name)]
        return super().name_search(name, domain, operator, limit)

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if value and operator in ('=', 'ilike'):
            exact = self.search([('login', '=', value)])
            if exact:
                return [('id', 'in', exact.ids)]
        return domain

    @api.model
    def _get_invalidation_fields(self):
        return {'groups_id', 'active', 'lang', 'tz', 'company_id', 'company_ids', *self._get_session_token_fields()}

    # ------------------------------------------------------------------
    # groups
    # ------------------------------------------------------------------

    @api.readonly
    def has_groups(self, group_spec: str) -> bool:
        """Whether the user is in at least one of the groups of
        ``group_spec`` and in none of those preceded by ``!``.

        :param group_spec: comma-separated external ids, e.g.
            ``"base.group_user,base.group_portal,!base.group_system"``
        """
        if group_spec == '.':
            return False
        required, excluded = [], []
        for item in (part.strip() for part in group_spec.split(',')):
            (excluded if item.startswith('!') else required).append(item.lstrip('!'))
        # exclusions first: a single one decides
        for xmlid in excluded:
            if self.has_group(xmlid):
                return False
        return not required or any(self.has_group(xmlid) for xmlid in required)

    @api.readonly
    def has_group(self, group_ext_id: str) -> bool:
        """Whether the user is in the group of external id ``group_ext_id``
        (``base.group_no_one`` only counts in debug mode)."""
        self.ensure_one()
        caller = self.env.user
        if not self.env.su and self != caller and not caller._has_group('base.group_user'):
            # external users may not probe the groups of others
            raise AccessError(_("Only internal users may check the groups of another user."))
        member = self._has_group(group_ext_id)
        if member and group_ext_id == 'base.group_no_one':
            # technical features show in debug mode only
            member = bool(request and request.session.debug)
        return member

    def _has_group(self, group_ext_id: str) -> bool:
        """Whether the user is in the group, without the debug-mode rule."""
        group_id = self.env['res.groups']._get_group_id(group_ext_id)
        if not group_id:
            return False
        # a record being edited (new) must not fill the cache
        held = self._get_group_ids() if self.id else self.groups_id._origin.ids
        return group_id in held

    @tools.ormcache('self.id')
    def _get_group_ids(self):
        """The user's group ids, as a tuple."""
        self.ensure_one()
        return tuple(self.groups_id.ids)

    def _in_group(self, xmlid):
        self.ensure_one()
        return self.sudo().has_group(xmlid)

    def _is_internal(self):
        return self._in_group('base.group_user')

    def _is_portal(self):
        return self._in_group('base.group_portal')

    def _is_public(self):
        return self._in_group('base.group_public')

    def _is_system(self):
        return self._in_group('base.group_system')

    def _is_admin(self):
        return self._is_superuser() or self._in_group('base.group_erp_manager')

    def _is_superuser(self):
        self.ensure_one()
        return self.id == SUPERUSER_ID

    # ------------------------------------------------------------------
    # preferences and context
    # ------------------------------------------------------------------

    @api.model
    @tools.ormcache('self._uid')
    def context_get(self):
        """The user's context: lang (an installed one), tz, uid."""
        keys = {name: name.removeprefix('context_') for name in self._fields
                if name in ('lang', 'tz') or name.startswith('context_')}
        rows = self.env.user.read(list(keys), load=False)
        if not rows:
            return {}
        context = {key: rows[0][name] for name, key in keys.items()}
        installed = [code for code, _label in self.env['res.lang'].get_installed()]
        if context.get('lang') not in installed:
            company_lang = self.env.user.company_id.partner_id.lang
            if company_lang in installed:
                context['lang'] = company_lang
            elif DEFAULT_LANG in installed or not installed:
                context['lang'] = DEFAULT_LANG
            else:
                context['lang'] = installed[0]
        context['uid'] = self.env.uid
        return tools.frozendict(context)

    @tools.ormcache('self.id')
    def _get_company_ids(self):
        companies = self.env['res.company'].search([('user_ids', 'in', self.id), ('active', '=', True)])
        return tuple(companies.ids)

    @api.model
    def get_company_currency_id(self):
        currency = self.env.company.currency_id
        return currency.id

    @api.model
    def action_get(self):
        preferences = self.sudo().env.ref('base.action_res_users_my')
        return preferences.read()[0]

    def preference_save(self):
        return {'type': 'ir.actions.client', 'tag': 'reload_context'}

    def preference_change_password(self):
        # the web client opens its own change-password dialog
        return {'type': 'ir.actions.client', 'tag': 'change_password', 'target': 'new'}

    def _action_show(self):
        """Open the users of ``self``: the form for one, a list for several."""
        form_id = self.env.ref('base.view_users_form').id
        action = {'type': 'ir.actions.act_window', 'res_model': self._name, 'context': {'create': False}}
        if len(self) == 1:
            action.update(view_mode='form', views=[[form_id, 'form']], res_id=self.id)
        else:
            action.update(name=_('Users'), view_mode='list,form', domain=[('id', 'in', self.ids)],
                          views=[[None, 'list'], [form_id, 'form']])
        return action

    def _open_related(self, title, model, records):
        return {
            'type': 'ir.actions.act_window',
            'name': title,
            'res_model': model,
            'view_mode': 'list,form',
            'domain': [('id', 'in', records.ids)],
            'context': {'create': False, 'delete': False},
            'target': 'current',
        }

    def action_show_groups(self):
        self.ensure_one()
        return self._open_related(_('Groups'), 'res.groups', self.groups_id)

    def action_show_accesses(self):
        self.ensure_one()
        return self._open_related(_('Access Rights'), 'ir.model.access', self.groups_id.model_access)

    def action_show_rules(self):
        self.ensure_one()
        return self._open_related(_('Record Rules'), 'ir.rule', self.groups_id.rule_groups)
