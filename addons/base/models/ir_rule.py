"""Record rules (ir.rule): the domain the ORM adds to every search and
checks on every write, per model and operation, for the current user.
"""
from __future__ import annotations

import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval, time

from .ir_model_access import MODES, user_group_ids

_logger = logging.getLogger(__name__)


class IrRule(models.Model):
    _name = 'ir.rule'
    _description = 'Record Rule'
    _order = 'model_id DESC,id'
    _MODES = MODES
    _allow_sudo_commands = False

    name = fields.Char(index=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one('ir.model', string='Model', index=True, required=True, ondelete="cascade")
    groups = fields.Many2many('res.groups', 'rule_group_rel', 'rule_group_id', 'group_id', ondelete='restrict')
    domain_force = fields.Text(string='Domain')
    perm_read = fields.Boolean(string='Read', default=True)
    perm_write = fields.Boolean(string='Write', default=True)
    perm_create = fields.Boolean(string='Create', default=True)
    perm_unlink = fields.Boolean(string='Delete', default=True)
    # 'global' is a Python keyword: the class namespace is the only way to name it
    locals()['global'] = fields.Boolean(compute='_compute_global', store=True,
                                        help="A rule without groups applies to every user.")

    _sql_constraints = [
        ('no_access_rights',
         'CHECK (perm_read!=False or perm_write!=False or perm_create!=False or perm_unlink!=False)',
         'A record rule must apply to at least one operation.'),
    ]

    @api.model
    def _eval_context(self) -> dict:
        """ Names a ``domain_force`` may use. ``company_ids`` are the companies
        active in the context, already checked against the user's. """
        env = self.env
        return {
            'time': time,
            'user': env.user.with_context({}),
            'company_id': env.company.id,
            'company_ids': env.companies.ids,
        }

    @api.depends('groups')
    def _compute_global(self):
        for rule in self:
            rule['global'] = not rule.groups

    @api.constrains('model_id')
    def _check_model_name(self):
        if self.filtered(lambda rule: rule.model_id.model == 'ir.rule'):
            raise ValidationError(_("Record rules cannot restrict the model ir.rule itself."))

    @api.constrains('active', 'domain_force', 'model_id')
    def _check_domain(self):
        names = self._eval_context()
        for rule in self.filtered(lambda r: r.active and r.domain_force):
            try:
                parsed = safe_eval(rule.domain_force, names)
                expression.expression(parsed, self.env[rule.model_id.model].sudo())
            except Exception as e:
                raise ValidationError(_("Record rule %(rule)s has an invalid domain: %(error)s",
                                        rule=rule.name or rule.id, error=e)) from e

    def _compute_domain_keys(self) -> list:
        """ Context keys that change the result of ``_compute_domain``. """
        return ['allowed_company_ids']

    def _compute_domain_context_values(self):
        for key in self._compute_domain_keys():
            value = self._context.get(key)
            yield tuple(value) if isinstance(value, list) else value

    def _get_rules(self, model_name: str, mode: str = 'read'):
        """ The active rules of ``model_name`` for ``mode`` that concern the
        current user: global ones and those of the user's groups. """
        if mode not in MODES:
            raise ValueError('Unknown access mode %r for the record rules of %s' % (mode, model_name))
        if self.env.su:
            return self.browse(())
        self.flush_model(['model_id', 'active', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink',
                          'groups', 'global'])
        self.env.cr.execute("""
            SELECT rl.id FROM ir_rule rl, ir_model im
             WHERE rl.model_id = im.id AND im.model = %%s AND rl.active AND rl.perm_%s
               AND (rl.global OR EXISTS (
                    SELECT 1 FROM rule_group_rel rel
                     WHERE rel.rule_group_id = rl.id AND rel.group_id = ANY(%%s)))
          ORDER BY rl.id
        """ % mode, [model_name, list(user_group_ids(self.env))])
        return self.browse([rid for (rid,) in self.env.cr.fetchall()])

    def _rule_domain(self, names: dict) -> list:
        """ The normalized domain of one rule, evaluated with ``names``. """
        if not self.domain_force:
            return []
        return expression.normalize_domain(safe_eval(self.domain_force, names))

    @api.model
    @tools.ormcache('self.env.uid', 'self.env.su', 'model_name', 'mode',
                    'tuple(self._compute_domain_context_values())')
    def _compute_domain(self, model_name: str, mode: str = "read") -> list:
        """ The domain that restricts ``model_name`` for ``mode``: global
        rules ANDed, the user's group rules ORed together, and the rules of
        ``_inherits`` parents reached through their link field. """
        mandatory = []
        for parent, link in self.env[model_name]._inherits.items():
            inherited = self._compute_domain(parent, mode)
            if inherited:
                mandatory.append([(link, 'any', inherited)])
        rules = self._get_rules(model_name, mode=mode).sudo()
        if not rules:
            return expression.AND(mandatory) if mandatory else []
        names = self._eval_context()
        mine = set(user_group_ids(self.env))
        alternatives = []
        for rule in rules:
            if not rule.groups:
                mandatory.append(rule._rule_domain(names))
            elif mine.intersection(rule.groups.ids):
                alternatives.append(rule._rule_domain(names))
        if alternatives:
            mandatory.append(expression.OR(alternatives))
        return expression.AND(mandatory)

    def _get_failing(self, for_records, mode: str = 'read'):
        """ The rules of ``mode`` that exclude some of ``for_records``: each
        failing global rule, or all the user's group rules when together
        they fail. """
        target = for_records.browse(()).sudo()
        names = self._eval_context()
        candidates = self._get_rules(target._name, mode=mode).sudo()
        mine = set(user_group_ids(self.env))
        wanted = len(for_records)
        in_records = [('id', 'in', for_records.ids)]

        def keeps_all(domain) -> bool:
            return target.search_count(expression.AND([in_records, domain])) == wanted

        own = candidates.filtered(lambda r: r.groups and mine.intersection(r.groups.ids))
        own_fail = bool(own) and not keeps_all(expression.OR([r._rule_domain(names) for r in own]))
        failing = candidates.filtered(
            lambda r: (own_fail and r in own) or (not r.groups and not keeps_all(r._rule_domain(names))))
        return failing.with_user(self.env.user)

    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        self.env.flush_all()
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        res = super().write(vals)
        self.env.flush_all()
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def _make_access_error(self, operation: str, records) -> AccessError:
        """ The error for ``operation`` denied by record rules on
        ``records``: names the user, the operation and the model (and, in
        debug mode for internal users, the records and the rules). """
        model = records._name
        _logger.info('Record rules refused %s on %s %r to uid %s', operation, model, records.ids[:6], self.env.uid)
        self.env.cr.execute("SELECT COALESCE(name->>%s, name->>'en_US') FROM ir_model WHERE model = %s",
                            [self.env.lang or 'en_US', model])
        found = self.env.cr.fetchone()
        label = found[0] if found and found[0] else model
        verbs = {'read': _("read"), 'write': _("write"), 'create': _("create"), 'unlink': _("unlink")}
        user = self.env.user.sudo()
        head = _(
            "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n"
            "Sorry, %(user)s doesn't have '%(operation)s' access to:",
            user=f"{user.name} (id={user.id})", operation=verbs[operation])
        advice = _("If you really, really need access, perhaps you can win over your friendly "
                   "administrator with a batch of freshly baked cookies.")
        if not (user.has_group('base.group_no_one') and user.has_group('base.group_user')):
            what = _("- %(description)s (%(model)s)", description=label, model=model)
            return AccessError(f"{head}\n{what}\n\n{advice}")
        listed = "\n".join(f"- {label}, {rec.display_name} ({model}: {rec.id})" for rec in records[:6].sudo())
        blamed = "\n".join(f"- {rule.name}" for rule in self._get_failing(records, mode=operation).sudo())
        return AccessError(f"{head}\n{listed}\n\n" + _("Blame the following rules:\n%s", blamed)
                           + f"\n\n{advice}")
