"""Record rules (ir.rule): the domain the ORM adds to every search and
checks on every write, per model and operation, for the current user.
"""
from __future__ import annotations

import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval, time

from .ir_model_access import user_group_ids

_logger = logging.getLogger(__name__)


class IrRule(models.Model):
    _name = 'ir.rule'
    _description = 'Record Rule'
    _order = 'model_id DESC,id'
    _MODES = ('read', 'write', 'create', 'unlink')
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
                                        help="If no group is specified the rule is global and applied to everyone")

    _sql_constraints = [
        ('no_access_rights',
         'CHECK (perm_read!=False or perm_write!=False or perm_create!=False or perm_unlink!=False)',
         'Rule must have at least one checked access right!'),
    ]

    @api.model
    def _eval_context(self) -> dict:
        """ Names a ``domain_force`` may use. ``company_ids`` are the companies
        active in the context, already checked against the user's. """
        return {
            'user': self.env.user.with_context({}),
            'time': time,
            'company_ids': self.env.companies.ids,
            'company_id': self.env.company.id,
        }

    @api.depends('groups')
    def _compute_global(self):
        for rule in self:
            rule['global'] = not rule.groups

    @api.constrains('model_id')
    def _check_model_name(self):
        if any(rule.model_id.model == self._name for rule in self):
            raise ValidationError(_('Rules can not be applied on the Record Rules model.'))

    @api.constrains('active', 'domain_force', 'model_id')
    def _check_domain(self):
        eval_context = self._eval_context()
        for rule in self:
            if rule.active and rule.domain_force:
                try:
                    domain = safe_eval(rule.domain_force, eval_context)
                    expression.expression(domain, self.env[rule.model_id.model].sudo())
                except Exception as e:  # noqa: BLE001 - any failure means an invalid domain
                    raise ValidationError(_('Invalid domain: %s', e)) from e

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
        if mode not in self._MODES:
            raise ValueError('Invalid mode: %r' % (mode,))
        if self.env.su:
            return self.browse(())
        self.env.cr.execute("""
            SELECT r.id FROM ir_rule r
              JOIN ir_model m ON (r.model_id = m.id)
             WHERE m.model = %%s AND r.active AND r.perm_%s
               AND (r.global OR r.id IN (
                    SELECT rule_group_id FROM rule_group_rel rg WHERE rg.group_id IN %%s))
          ORDER BY r.id
        """ % mode, [model_name, user_group_ids(self.env) or (None,)])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    @tools.ormcache('self.env.uid', 'self.env.su', 'model_name', 'mode',
                    'tuple(self._compute_domain_context_values())')
    def _compute_domain(self, model_name: str, mode: str = "read") -> list:
        """ The domain that restricts ``model_name`` for ``mode``: global
        rules ANDed, the user's group rules ORed together, and the rules of
        ``_inherits`` parents reached through their link field. """
        global_domains = []
        for parent_name, parent_field in self.env[model_name]._inherits.items():
            domain = self._compute_domain(parent_name, mode)
            if domain:
                global_domains.append([(parent_field, 'any', domain)])

        rules = self._get_rules(model_name, mode=mode)
        if not rules:
            return expression.AND(global_domains) if global_domains else []

        eval_context = self._eval_context()
        user_groups = set(user_group_ids(self.env))
        group_domains = []
        for rule in rules.sudo():
            domain = safe_eval(rule.domain_force, eval_context) if rule.domain_force else []
            domain = expression.normalize_domain(domain)
            if not rule.groups:
                global_domains.append(domain)
            elif set(rule.groups.ids) & user_groups:
                group_domains.append(domain)
        if not group_domains:
            return expression.AND(global_domains)
        return expression.AND(global_domains + [expression.OR(group_domains)])

    def _get_failing(self, for_records, mode: str = 'read'):
        """ The rules of ``mode`` that exclude some of ``for_records``: each
        failing global rule, or all the user's group rules when together
        they fail. """
        Model = for_records.browse(()).sudo()
        eval_context = self._eval_context()
        all_rules = self._get_rules(Model._name, mode=mode).sudo()
        user_groups = set(user_group_ids(self.env))
        group_rules = all_rules.filtered(lambda r: r.groups and set(r.groups.ids) & user_groups)
        group_domains = expression.OR([
            safe_eval(r.domain_force, eval_context) if r.domain_force else []
            for r in group_rules
        ])
        ids = for_records.ids
        if Model.search_count(expression.AND([[('id', 'in', ids)], group_domains])) == len(ids):
            group_rules = self.browse(())

        def is_failing(rule):
            domain = safe_eval(rule.domain_force, eval_context) if rule.domain_force else []
            return Model.search_count(expression.AND([
                [('id', 'in', ids)], expression.normalize_domain(domain),
            ])) < len(ids)

        return all_rules.filtered(
            lambda r: r in group_rules or (not r.groups and is_failing(r))
        ).with_user(self.env.user)

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
        _logger.info('Access Denied by record rules for operation: %s on record ids: %r, uid: %s, model: %s',
                     operation, records.ids[:6], self.env.uid, records._name)
        model = records._name
        self.env.cr.execute("SELECT COALESCE(name->>%s, name->>'en_US') FROM ir_model WHERE model = %s",
                            [self.env.lang or 'en_US', model])
        row = self.env.cr.fetchone()
        description = (row and row[0]) or model
        operations = {
            'read': _("read"),
            'write': _("write"),
            'create': _("create"),
            'unlink': _("unlink"),
        }
        user = self.env.user.sudo()
        operation_error = _(
            "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n"
            "Sorry, %(user)s doesn't have '%(operation)s' access to:",
            user=f"{user.name} (id={user.id})", operation=operations[operation])
        failing_model = _("- %(description)s (%(model)s)", description=description, model=model)
        resolution_info = _("If you really, really need access, perhaps you can win over your friendly "
                            "administrator with a batch of freshly baked cookies.")
        debug = user.has_group('base.group_no_one') and user.has_group('base.group_user')
        if not debug:
            return AccessError(f"{operation_error}\n{failing_model}\n\n{resolution_info}")
        rules = self._get_failing(records, mode=operation).sudo()
        failing_records = '\n'.join(
            f'- {description}, {rec.display_name} ({model}: {rec.id})' for rec in records[:6].sudo())
        failing_rules = _("Blame the following rules:\n%s", '\n'.join(f'- {rule.name}' for rule in rules))
        return AccessError(f"{operation_error}\n{failing_records}\n\n{failing_rules}\n\n{resolution_info}")
