"""Access rights per model and group (ir.model.access) and the check the
ORM runs before every operation: ``check(model, mode)``.
"""
from __future__ import annotations

import logging

from odoo import _, _lt, api, fields, models, tools
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

MODES = ('read', 'write', 'create', 'unlink')

ACCESS_ERROR_HEADER = {
    'read': _lt("You are not allowed to access '%(document_kind)s' (%(document_model)s) records."),
    'write': _lt("You are not allowed to modify '%(document_kind)s' (%(document_model)s) records."),
    'create': _lt("You are not allowed to create '%(document_kind)s' (%(document_model)s) records."),
    'unlink': _lt("You are not allowed to delete '%(document_kind)s' (%(document_model)s) records."),
}
ACCESS_ERROR_GROUPS = _lt("This operation is allowed for the following groups:\n%(groups_list)s")
ACCESS_ERROR_NOGROUP = _lt("No group currently allows this operation.")
ACCESS_ERROR_RESOLUTION = _lt("Contact your administrator to request access if necessary.")


def user_group_ids(env) -> tuple:
    """ Ids of the groups of ``env.user``, implied groups included (they are
    materialised in res_groups_users_rel when groups are written). """
    user = env.user
    getter = getattr(type(user), '_get_group_ids', None)
    if getter is not None:
        return tuple(getter(user))
    env['res.users'].flush_model(['groups_id'])
    env.cr.execute("SELECT gid FROM res_groups_users_rel WHERE uid = %s", [env.uid])
    return tuple(row[0] for row in env.cr.fetchall())


class IrModelAccess(models.Model):
    _name = 'ir.model.access'
    _description = 'Model Access'
    _order = 'model_id,group_id,name,id'
    _allow_sudo_commands = False

    name = fields.Char(required=True, index=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one('ir.model', string='Model', required=True, index=True, ondelete='cascade')
    group_id = fields.Many2one('res.groups', string='Group', ondelete='restrict', index=True)
    perm_read = fields.Boolean(string='Read Access')
    perm_write = fields.Boolean(string='Write Access')
    perm_create = fields.Boolean(string='Create Access')
    perm_unlink = fields.Boolean(string='Delete Access')

    @api.model
    def group_names_with_access(self, model_name: str, access_mode: str) -> list:
        """ Names (``Category/Group``) of the groups granted ``access_mode``
        on ``model_name``. """
        if access_mode not in MODES:
            raise ValueError('Invalid access mode: %r' % (access_mode,))
        lang = self.env.lang or 'en_US'
        self.env.cr.execute("""
            SELECT COALESCE(cat.name->>%%(lang)s, cat.name->>'en_US'),
                   COALESCE(grp.name->>%%(lang)s, grp.name->>'en_US')
              FROM ir_model_access acl
              JOIN ir_model im ON im.id = acl.model_id AND im.model = %%(model)s
              JOIN res_groups grp ON grp.id = acl.group_id
              LEFT JOIN ir_module_category cat ON cat.id = grp.category_id
             WHERE acl.active AND acl.perm_%s
          ORDER BY cat.name, grp.name NULLS LAST
        """ % access_mode, {'lang': lang, 'model': model_name})
        return [f"{cat}/{grp}" if cat else grp for cat, grp in self.env.cr.fetchall()]

    @tools.ormcache('self.env.uid', 'mode')
    def _get_allowed_models(self, mode: str = 'read') -> frozenset:
        """ Names of the models the current user may access in ``mode``:
        those with an active ACL for everyone or for one of their groups. """
        if mode not in MODES:
            raise ValueError('Invalid access mode: %r' % (mode,))
        groups = list(user_group_ids(self.env))
        self.flush_model(['model_id', 'group_id', 'active', 'perm_' + mode])
        self.env.cr.execute("""
            SELECT DISTINCT im.model
              FROM ir_model_access acl, ir_model im
             WHERE im.id = acl.model_id AND acl.active AND acl.perm_%s
               AND (acl.group_id IS NULL OR acl.group_id = ANY(%%s))
        """ % mode, [groups])
        return frozenset(name for (name,) in self.env.cr.fetchall())

    @api.model
    def check(self, model: str, mode: str = 'read', raise_exception: bool = True) -> bool:
        """ Whether the current user may perform ``mode`` on ``model``; with
        ``raise_exception``, refuse with an AccessError naming the model, the
        operation and the user. """
        if self.env.su:
            return True
        if not isinstance(model, str):
            raise TypeError('Not a model name: %r' % (model,))
        if model not in self.env:
            _logger.error('ACL check on %s, which is not a model of this registry', model)
        if model in self._get_allowed_models(mode):
            return True
        if raise_exception:
            raise self._make_access_error(model, mode) from None
        return False

    def _make_access_error(self, model: str, mode: str) -> AccessError:
        """ The AccessError for ``mode`` on ``model``: what was refused, to
        whom, and which groups would allow it. """
        _logger.info('ACL refused %s on %s to uid %s', mode, model, self.env.uid)
        self.env.cr.execute("SELECT COALESCE(name->>%s, name->>'en_US') FROM ir_model WHERE model = %s",
                            [self.env.lang or 'en_US', model])
        found = self.env.cr.fetchone()
        kind = found[0] if found and found[0] else model
        user = self.env.user.sudo()
        parts = [
            str(ACCESS_ERROR_HEADER[mode]) % {'document_kind': kind, 'document_model': model},
            _("Sorry, %(user)s doesn't have '%(operation)s' access to:",
              user=f"{user.name} (id={user.id})", operation=mode) + f" {model}",
        ]
        names = self.group_names_with_access(model, mode)
        listing = str(ACCESS_ERROR_GROUPS) % {'groups_list': "\n".join(f"\t- {name}" for name in names)} \
            if names else str(ACCESS_ERROR_NOGROUP)
        message = "\n".join(str(p) for p in parts) + "\n\n" + listing + "\n\n" + str(ACCESS_ERROR_RESOLUTION)
        return AccessError(message)

    @api.model
    def call_cache_clearing_methods(self) -> None:
        self.env.invalidate_all()
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        self.call_cache_clearing_methods()
        return super().create(vals_list)

    def write(self, vals):
        self.call_cache_clearing_methods()
        return super().write(vals)

    def unlink(self):
        self.call_cache_clearing_methods()
        return super().unlink()
