"""``res.users``: the people (and the system) that log in. A user is a
partner (``_inherits``) plus a login, a password hashed with passlib's
pbkdf2_sha512, companies and access groups; groups imply other groups and a
user always holds the groups implied by the ones it has."""
from __future__ import annotations

import collections
import contextlib
import datetime
import logging

import pytz
from markupsafe import Markup
from passlib.context import CryptContext

from odoo import api, fields, models, tools, SUPERUSER_ID, _, Command
from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty

try:
    from odoo.http import request
except ImportError:  # the kernel runs (install, tests, shell) without the HTTP layer
    request = None

_logger = logging.getLogger(__name__)

# Odoo 18's floor for the work factor of pbkdf2_sha512 password hashes.
MIN_ROUNDS = 600_000
DEFAULT_LANG = 'en_US'


class Users(models.Model):
    _name = "res.users"
    _description = 'User'
    _inherits = {'res.partner': 'partner_id'}
    _order = 'name, login'
    _allow_sudo_commands = False

    def _check_company_domain(self, companies):
        if not companies:
            return []
        return [('company_ids', 'in', models.to_company_ids(companies))]

    @property
    def SELF_READABLE_FIELDS(self):
        """Fields users may read on their own record whatever their rights."""
        return [
            'signature', 'company_id', 'login', 'email', 'name', 'image_1920',
            'image_1024', 'image_512', 'image_256', 'image_128', 'lang', 'tz',
            'tz_offset', 'groups_id', 'partner_id', 'write_date', 'action_id',
            'avatar_1920', 'avatar_1024', 'avatar_512', 'avatar_256', 'avatar_128',
            'share', 'display_name',
        ]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        """Fields users may write on their own record whatever their rights."""
        return ['signature', 'action_id', 'company_id', 'email', 'name', 'image_1920', 'lang', 'tz']

    def _default_groups(self):
        """New users get the groups of the template user ``base.default_user``."""
        default_user = self.env.ref('base.default_user', raise_if_not_found=False)
        return default_user.sudo().groups_id if default_user else []

    partner_id = fields.Many2one('res.partner', required=True, ondelete='restrict', auto_join=True, index=True,
                                 string='Related Partner', help='Partner-related data of the user')
    login = fields.Char(required=True, help="Used to log into the system")
    password = fields.Char(compute='_compute_password', inverse='_set_password', copy=False,
                           help="Keep empty if you don't want the user to be able to connect on the system.")
    new_password = fields.Char(string='Set Password', compute='_compute_password', inverse='_set_new_password',
                               help="Only when creating a user or changing their password; the user then has "
                                    "to log in again.")
    signature = fields.Html(string="Email Signature", compute='_compute_signature', readonly=False, store=True)
    active = fields.Boolean(default=True)
    active_partner = fields.Boolean(related='partner_id.active', readonly=True, string="Partner is Active")
    action_id = fields.Many2one('ir.actions.actions', string='Home Action',
                                help="If specified, this action will be opened at log on for this user, "
                                     "in addition to the standard menu.")
    groups_id = fields.Many2many('res.groups', 'res_groups_users_rel', 'uid', 'gid', string='Groups',
                                 default=lambda self: self._default_groups())
    log_ids = fields.One2many('res.users.log', 'create_uid', string='User log entries')
    login_date = fields.Datetime(related='log_ids.create_date', string='Latest authentication', readonly=False)
    share = fields.Boolean(compute='_compute_share', compute_sudo=True, string='Share User', store=True,
                           help="External user with limited access, created only for the purpose of sharing data.")
    companies_count = fields.Integer(compute='_compute_companies_count', string="Number of Companies")
    tz_offset = fields.Char(compute='_compute_tz_offset', string='Timezone offset')
    # the company switcher only lists the user's companies (user_preference)
    company_id = fields.Many2one('res.company', string='Company', required=True,
                                 default=lambda self: self.env.company.id,
                                 help='The default company for this user.', context={'user_preference': True})
    company_ids = fields.Many2many('res.company', 'res_company_users_rel', 'user_id', 'cid',
                                   string='Companies', default=lambda self: self.env.company.ids)
    # readable and writable through the user even without rights on partners
    name = fields.Char(related='partner_id.name', inherited=True, readonly=False)
    email = fields.Char(related='partner_id.email', inherited=True, readonly=False)
    accesses_count = fields.Integer('# Access Rights', compute='_compute_accesses_count', compute_sudo=True,
                                    help='Number of access rights that apply to the current user')
    rules_count = fields.Integer('# Record Rules', compute='_compute_accesses_count', compute_sudo=True,
                                 help='Number of record rules that apply to the current user')
    groups_count = fields.Integer('# Groups', compute='_compute_accesses_count', compute_sudo=True,
                                  help='Number of groups that apply to the current user')

    _sql_constraints = [
        ('login_key', 'UNIQUE (login)', 'You can not have two users with the same login!'),
    ]

    def init(self):
        cr = self.env.cr
        # The hash lives in a column that no stored field describes, so that
        # the ORM never reads it by accident.
        cr.execute("ALTER TABLE res_users ADD COLUMN IF NOT EXISTS password varchar")
        # Passwords set in plain text by SQL are hashed at the next start.
        cr.execute(r"""
            SELECT id, password FROM res_users
             WHERE password IS NOT NULL AND password !~ '^\$[^$]+\$[^$]+\$.'
        """)
        for uid, password in cr.fetchall():
            self.sudo().browse(uid).password = password

    # ------------------------------------------------------------------
    # passwords
    # ------------------------------------------------------------------

    @tools.ormcache()
    def _crypt_context(self):
        """The passlib context that hashes and verifies passwords; its work
        factor can be raised with the parameter ``password.hashing.rounds``."""
        rounds = int(self.env['ir.config_parameter'].sudo().get_param('password.hashing.rounds', 0))
        return CryptContext(
            ['pbkdf2_sha512', 'plaintext'],
            deprecated=['auto'],
            pbkdf2_sha512__rounds=max(MIN_ROUNDS, rounds),
        )

    def _compute_password(self):
        for user in self:
            user.password = ''
            user.new_password = ''

    def _set_password(self):
        ctx = self._crypt_context()
        for user in self:
            self._set_encrypted_password(user.id, ctx.hash(user.password))

    def _set_encrypted_password(self, uid, pw):
        assert self._crypt_context().identify(pw) != 'plaintext'
        self.env.cr.execute('UPDATE res_users SET password=%s WHERE id=%s', (pw, uid))
        self.browse(uid).invalidate_recordset(['password'])

    def _set_new_password(self):
        for user in self:
            if not user.new_password:
                # clients send False for every empty field: not a request to clear it
                continue
            if user == self.env.user:
                raise UserError(_('Please use the change password wizard (in User Preferences or User menu) '
                                  'to change your own password.'))
            user.password = user.new_password

    def _check_credentials(self, credential, env):
        """Check ``credential`` against the current user (``self.env.user``).

        :param dict credential: ``{'type': 'password', 'login': ..., 'password': ...}``
        :param dict env: the user agent environment (``interactive``...)
        :returns: auth_info ``{'uid', 'auth_method', 'mfa'}``
        :raises AccessDenied: when the credential does not match
        """
        if not (credential['type'] == 'password' and credential.get('password')):
            raise AccessDenied()
        self.env.cr.execute("SELECT COALESCE(password, '') FROM res_users WHERE id=%s", [self.env.user.id])
        [hashed] = self.env.cr.fetchone()
        valid, replacement = self._crypt_context().verify_and_update(credential['password'], hashed)
        if replacement is not None:
            # stored with an outdated scheme or work factor: upgrade it now
            self._set_encrypted_password(self.env.user.id, replacement)
        if not valid:
            raise AccessDenied()
        return {'uid': self.env.user.id, 'auth_method': 'password', 'mfa': 'default'}

    @api.model
    def change_password(self, old_passwd, new_passwd):
        """Change the current user's password; the old one must be given."""
        if not old_passwd:
            raise AccessDenied()
        credential = {'login': self.env.user.login, 'password': old_passwd, 'type': 'password'}
        self._check_credentials(credential, {'interactive': True})
        self.env.user._change_password(new_passwd)
        return True

    def _change_password(self, new_passwd):
        new_passwd = new_passwd.strip()
        if not new_passwd:
            raise UserError(_("Setting empty passwords is not allowed for security reasons!"))
        ip = request.httprequest.environ['REMOTE_ADDR'] if request else 'n/a'
        _logger.info("Password change for %r (#%d) by %r (#%d) from %s",
                     self.login, self.id, self.env.user.login, self.env.user.id, ip)
        self.password = new_passwd

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
        # a new row rather than an update: no conflict between concurrent logins
        self.env['res.users.log'].sudo().create({})

    @classmethod
    def _login(cls, db, credential, user_agent_env):
        login = credential['login']
        ip = request.httprequest.environ['REMOTE_ADDR'] if request else 'n/a'
        try:
            with cls.pool.cursor() as cr:
                self = api.Environment(cr, SUPERUSER_ID, {})[cls._name]
                with self._assert_can_auth(user=login):
                    user = self.search(self._get_login_domain(login), order=self._get_login_order(), limit=1)
                    if not user:
                        raise AccessDenied()
                    user = user.with_user(user)
                    auth_info = user._check_credentials(credential, user_agent_env)
                    user._update_last_login()
        except AccessDenied:
            _logger.info("Login failed for db:%s login:%s from %s", db, login, ip)
            raise
        _logger.info("Login successful for db:%s login:%s from %s", db, login, ip)
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
        if user_agent_env and user_agent_env.get('base_location'):
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, auth_info['uid'], {})
                if env.user.has_group('base.group_system'):
                    # an administrator logging in tells us the server's public URL
                    ICP = env['ir.config_parameter']
                    if not ICP.get_param('web.base.url.freeze'):
                        ICP.set_param('web.base.url', user_agent_env['base_location'])
        return auth_info

    @classmethod
    @tools.ormcache('uid', 'passwd')
    def check(cls, db, uid, passwd):
        """Raise AccessDenied unless ``passwd`` is the password of the
        active user ``uid`` on ``db``."""
        if not passwd:
            raise AccessDenied()
        with contextlib.closing(cls.pool.cursor()) as cr:
            self = api.Environment(cr, uid, {})[cls._name]
            with self._assert_can_auth(user=uid):
                if not self.env.user.active:
                    raise AccessDenied()
                credential = {'login': self.env.user.login, 'password': passwd, 'type': 'password'}
                self._check_credentials(credential, {'interactive': False})

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        """Refuse login attempts from an address that failed too often
        recently (``base.login_cooldown_after`` failures, then
        ``base.login_cooldown_duration`` seconds of cooldown)."""
        if not request:
            yield
            return
        registry = self.env.registry
        failures_map = getattr(registry, '_login_failures', None)
        if failures_map is None:
            failures_map = registry._login_failures = collections.defaultdict(lambda: (0, datetime.datetime.min))
        source = request.httprequest.remote_addr
        failures, previous = failures_map[source]
        if self._on_login_cooldown(failures, previous):
            _logger.warning("Login attempt ignored for %s (user %r) on %s: %d failures since last success",
                            source, user or "?", self.env.cr.dbname, failures)
            raise AccessDenied(_("Too many login failures, please wait a bit before trying again."))
        try:
            yield
        except AccessDenied:
            failures, __ = failures_map[source]
            failures_map[source] = (failures + 1, datetime.datetime.now())
            raise
        else:
            failures_map.pop(source, None)

    def _on_login_cooldown(self, failures, previous):
        cfg = self.env['ir.config_parameter'].sudo()
        min_failures = int(cfg.get_param('base.login_cooldown_after', 5))
        if min_failures == 0:
            return False
        delay = int(cfg.get_param('base.login_cooldown_duration', 60))
        return failures >= min_failures and (datetime.datetime.now() - previous) < datetime.timedelta(seconds=delay)

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
        for user in self.filtered(lambda u: u.name and is_html_empty(u.signature)):
            user.signature = Markup('<p>--<br />%s</p>') % user['name']

    @api.depends('groups_id')
    def _compute_share(self):
        user_group_id = self.env['ir.model.data']._xmlid_to_res_id('base.group_user', raise_if_not_found=False)
        for user in self:
            user.share = user_group_id not in user.groups_id.ids

    @api.depends('company_id')
    def _compute_companies_count(self):
        self.companies_count = self.env['res.company'].sudo().search_count([])

    @api.depends('tz')
    def _compute_tz_offset(self):
        for user in self:
            user.tz_offset = datetime.datetime.now(pytz.timezone(user.tz or 'GMT')).strftime('%z')

    @api.depends('groups_id')
    def _compute_accesses_count(self):
        for user in self:
            groups = user.groups_id
            user.accesses_count = len(groups.model_access)
            user.rules_count = len(groups.rule_groups)
            user.groups_count = len(groups)

    # ------------------------------------------------------------------
    # constraints and onchanges
    # ------------------------------------------------------------------

    @api.onchange('login')
    def on_change_login(self):
        if self.login and tools.single_email_re.match(self.login):
            self.email = self.login

    @api.onchange('parent_id')
    def onchange_parent_id(self):
        return self.partner_id.onchange_parent_id()

    @api.constrains('company_id', 'company_ids', 'active')
    def _check_company(self):
        for user in self.filtered(lambda u: u.active):
            if user.company_id not in user.company_ids:
                raise ValidationError(_(
                    'Company %(company_name)s is not in the allowed companies for user %(user_name)s '
                    '(%(company_allowed)s).',
                    company_name=user.company_id.name, user_name=user.name,
                    company_allowed=', '.join(user.mapped('company_ids.name'))))

    @api.constrains('action_id')
    def _check_action_id(self):
        for user in self.sudo():
            action = user.action_id
            if action.type == "ir.actions.act_window":
                window = self.env["ir.actions.act_window"].browse(action.id)
                if window.context and "active_id" in window.context:
                    raise ValidationError(_(
                        'The action "%s" cannot be set as the home action because it requires a record '
                        'to be selected beforehand.', window.name))

    @api.constrains('groups_id')
    def _check_one_user_type(self):
        """A user is exactly one of internal, portal or public."""
        category = self.env.ref('base.module_category_user_type', raise_if_not_found=False)
        if not category:
            return  # during the installation of base
        type_groups = self.env['res.groups'].search([('category_id', '=', category.id)])
        if self._has_multiple_groups(type_groups.ids):
            raise ValidationError(_('The user cannot have more than one user types.'))

    def _has_multiple_groups(self, group_ids):
        """Whether a user (of ``self`` when a single one, else any) is in
        two or more of ``group_ids``."""
        if not group_ids:
            return False
        self.flush_model(['groups_id'])
        query = """
            SELECT r.uid FROM res_groups_users_rel r
             WHERE r.gid IN %s {}
          GROUP BY r.uid HAVING COUNT(r.gid) > 1 LIMIT 1
        """
        if len(self.ids) == 1:
            self.env.cr.execute(query.format("AND r.uid = %s"), (tuple(group_ids), self.id))
        else:
            self.env.cr.execute(query.format(""), (tuple(group_ids),))
        return bool(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        for user, vals in zip(users, vals_list):
            if 'groups_id' in vals:
                implied = user.groups_id.trans_implied_ids - user.groups_id
                if implied:
                    super(Users, user).write({'groups_id': [Command.link(g.id) for g in implied]})
            # a partner bound to a company follows its user's company
            if user.partner_id.company_id:
                user.partner_id.company_id = user.company_id
            user.partner_id.active = user.active
            if not user.image_1920 and not user.share and user.name:
                user.image_1920 = user.partner_id._avatar_generate_svg()
        if any('groups_id' in vals for vals in vals_list):
            users._check_one_user_type()
        self.env.registry.clear_cache()
        return users

    def _apply_groups_to_existing_employees(self):
        """Whether groups added to ``self`` go to all internal users too:
        true for the template user."""
        default_user = self.env.ref('base.default_user', raise_if_not_found=False)
        return bool(default_user) and default_user in self

    def write(self, values):
        if values.get('active') and SUPERUSER_ID in self._ids:
            raise UserError(_("You cannot activate the superuser."))
        if values.get('active') is False and self._uid in self._ids:
            raise UserError(_("You cannot deactivate the user you're currently logged in as."))
        if values.get('active'):
            for user in self:
                if not user.active and not user.partner_id.active:
                    user.partner_id.toggle_active()
        if self == self.env.user:
            writeable = self.SELF_WRITEABLE_FIELDS
            if all(key in writeable or key.startswith('context_') for key in values):
                if 'company_id' in values and values['company_id'] not in self.env.user.company_ids.ids:
                    del values['company_id']
                # only harmless fields of one's own record: no rights needed
                self = self.sudo()

        # groups added to the template user are added to all internal users
        apply_to_all = 'groups_id' in values and self._apply_groups_to_existing_employees()
        old_default_groups = self._default_groups() if apply_to_all else None
        internal_before = self.filtered(lambda u: u._is_internal()) if values.get('groups_id') else self.browse()

        res = super().write(values)

        if values.get('groups_id'):
            demoted = internal_before.filtered(lambda u: not u._is_internal())
            if demoted:
                # a user leaving the internal group keeps only the groups given
                super(Users, demoted).write({'groups_id': [Command.clear()] + list(values['groups_id'])})
            self._add_implied_groups()
            if apply_to_all:
                added = self._default_groups() - old_default_groups
                if added:
                    internal_users = self.env.ref('base.group_user').users - self
                    internal_users.write({'groups_id': [Command.link(gid) for gid in added.ids]})
            self._check_one_user_type()

        if 'company_id' in values:
            for user in self:
                if user.partner_id.company_id and user.partner_id.company_id.id != values['company_id']:
                    user.partner_id.write({'company_id': user.company_id.id})

        if (self._get_invalidation_fields() & values.keys()) or any(k.startswith('context_') for k in values):
            self.env.registry.clear_cache()
        return res

    def _add_implied_groups(self):
        """Give every user the groups implied by the groups it has."""
        by_groups = collections.defaultdict(self.browse)
        for user in self:
            by_groups[user.groups_id] |= user
        for groups, users in by_groups.items():
            missing = groups.trans_implied_ids - groups
            if missing:
                super(Users, users).write({'groups_id': [Command.link(g.id) for g in missing]})

    @api.ondelete(at_uninstall=True)
    def _unlink_except_master_data(self):
        if SUPERUSER_ID in self.ids:
            raise UserError(_('You can not remove the admin user as it is used internally for resources '
                              'created by Odoo (updates, module installation, ...)'))
        user_admin = self.env.ref('base.user_admin', raise_if_not_found=False)
        if user_admin and user_admin in self:
            raise UserError(_('You cannot delete the admin user because it is utilized in various places '
                              '(such as security configurations,...). Instead, archive it.'))
        self.env.registry.clear_cache()
        templates = (self.env.ref('base.template_portal_user_id', raise_if_not_found=False),
                     self.env.ref('base.default_user', raise_if_not_found=False))
        if any(template and template in self for template in templates):
            raise UserError(_('Deleting the template users is not allowed. Deleting this profile will '
                              'compromise critical functionalities.'))

    def toggle_active(self):
        for user in self:
            if not user.active and not user.partner_id.active:
                user.partner_id.toggle_active()
        super().toggle_active()

    def read(self, fields=None, load='_classic_read'):
        if fields and self == self.env.user:
            readable = self.SELF_READABLE_FIELDS
            if all(key in readable or key.startswith('context_') for key in fields):
                self = self.sudo()
        return super().read(fields=fields, load=load)

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for user, vals in zip(self, vals_list):
            if 'name' not in default and 'partner_id' not in default:
                vals['name'] = _("%s (copy)", user.name)
            if 'login' not in default:
                vals['login'] = _("%s (copy)", user.login)
        return vals_list

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        # an exact login wins over name matches
        domain = args or []
        if name and operator not in expression.NEGATIVE_TERM_OPERATORS:
            user = self.search_fetch(expression.AND([[('login', '=', name)], domain]), ['display_name'])
            if user:
                return [(user.id, user.display_name)]
        return super().name_search(name, domain, operator, limit)

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if operator in ('=', 'ilike') and value:
            users = self.search([('login', '=', value)])
            if users:
                domain = [('id', 'in', users.ids)]
        return domain

    @api.model
    def _get_invalidation_fields(self):
        return {'groups_id', 'active', 'lang', 'tz', 'company_id', 'company_ids', 'id', 'login', 'password'}

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
        positives, negatives = [], []
        for ext_id in group_spec.split(','):
            ext_id = ext_id.strip()
            if ext_id.startswith('!'):
                negatives.append(ext_id[1:])
            else:
                positives.append(ext_id)
        if any(self.has_group(ext_id) for ext_id in negatives):
            return False
        if any(self.has_group(ext_id) for ext_id in positives):
            return True
        return not positives

    @api.readonly
    def has_group(self, group_ext_id: str) -> bool:
        """Whether the user is in the group of external id ``group_ext_id``
        (``base.group_no_one`` only counts in debug mode)."""
        self.ensure_one()
        if not (self.env.su or self == self.env.user or self.env.user._has_group('base.group_user')):
            # external users may not probe the groups of others
            raise AccessError(_("You can ony call user.has_group() with your current user."))
        result = self._has_group(group_ext_id)
        if group_ext_id == 'base.group_no_one':
            result = result and bool(request and request.session.debug)
        return result

    def _has_group(self, group_ext_id: str) -> bool:
        """Whether the user is in the group, without the debug-mode rule."""
        group_id = self.env['res.groups']._get_group_id(group_ext_id)
        if not group_id:
            return False
        # records being edited (new) must not fill the cache
        return group_id in (self._get_group_ids() if self.id else self.groups_id._origin._ids)

    @tools.ormcache('self.id')
    def _get_group_ids(self):
        """The user's group ids, as a tuple."""
        self.ensure_one()
        return self.groups_id._ids

    def _is_internal(self):
        self.ensure_one()
        return self.sudo().has_group('base.group_user')

    def _is_portal(self):
        self.ensure_one()
        return self.sudo().has_group('base.group_portal')

    def _is_public(self):
        self.ensure_one()
        return self.sudo().has_group('base.group_public')

    def _is_system(self):
        self.ensure_one()
        return self.sudo().has_group('base.group_system')

    def _is_admin(self):
        self.ensure_one()
        return self._is_superuser() or self.sudo().has_group('base.group_erp_manager')

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
        user = self.env.user
        name_to_key = {
            name: name[8:] if name.startswith('context_') else name
            for name in self._fields
            if name.startswith('context_') or name in ('lang', 'tz')
        }
        try:
            values = user.read(list(name_to_key), load=False)[0]
        except IndexError:
            return {}
        context = {key: values[name] for name, key in name_to_key.items()}
        installed = [code for code, __ in self.env['res.lang'].get_installed()]
        lang = context.get('lang')
        if lang not in installed:
            lang = user.company_id.partner_id.lang
            if lang not in installed:
                lang = DEFAULT_LANG if DEFAULT_LANG in installed or not installed else installed[0]
        context['lang'] = lang
        context['uid'] = self.env.uid
        return tools.frozendict(context)

    @tools.ormcache('self.id')
    def _get_company_ids(self):
        return self.env['res.company'].search([('active', '=', True), ('user_ids', 'in', self.id)])._ids

    @api.model
    def get_company_currency_id(self):
        return self.env.company.currency_id.id

    @api.model
    def action_get(self):
        return self.sudo().env.ref('base.action_res_users_my').read()[0]

    def preference_save(self):
        return {'type': 'ir.actions.client', 'tag': 'reload_context'}

    def _action_show(self):
        """Open the users of ``self``: the form for one, a list for several."""
        view_id = self.env.ref('base.view_users_form').id
        action = {'type': 'ir.actions.act_window', 'res_model': 'res.users', 'context': {'create': False}}
        if len(self) > 1:
            action.update({
                'name': _('Users'),
                'view_mode': 'list,form',
                'views': [[None, 'list'], [view_id, 'form']],
                'domain': [('id', 'in', self.ids)],
            })
        else:
            action.update({'view_mode': 'form', 'views': [[view_id, 'form']], 'res_id': self.id})
        return action

    def _action_show_related(self, name, model, ids):
        return {
            'name': name,
            'view_mode': 'list,form',
            'res_model': model,
            'type': 'ir.actions.act_window',
            'context': {'create': False, 'delete': False},
            'domain': [('id', 'in', ids)],
            'target': 'current',
        }

    def action_show_groups(self):
        self.ensure_one()
        return self._action_show_related(_('Groups'), 'res.groups', self.groups_id.ids)

    def action_show_accesses(self):
        self.ensure_one()
        return self._action_show_related(_('Access Rights'), 'ir.model.access', self.groups_id.model_access.ids)

    def action_show_rules(self):
        self.ensure_one()
        return self._action_show_related(_('Record Rules'), 'ir.rule', self.groups_id.rule_groups.ids)
