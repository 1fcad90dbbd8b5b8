"""``res.groups``: access groups, the groups they imply (transitively), and
the propagation of implied groups to the groups' users."""
from __future__ import annotations

from odoo import api, fields, models, _, Command
from odoo.exceptions import UserError
from odoo.osv import expression


class Groups(models.Model):
    _name = "res.groups"
    _description = "Access Groups"
    _rec_name = 'full_name'
    _order = 'name'
    _allow_sudo_commands = False

    name = fields.Char(required=True, translate=True)
    users = fields.Many2many('res.users', 'res_groups_users_rel', 'gid', 'uid')
    model_access = fields.One2many('ir.model.access', 'group_id', string='Access Controls', copy=True)
    rule_groups = fields.Many2many('ir.rule', 'rule_group_rel', 'group_id', 'rule_group_id',
                                   string='Rules', domain="[('global', '=', False)]")
    menu_access = fields.Many2many('ir.ui.menu', 'ir_ui_menu_group_rel', 'gid', 'menu_id', string='Access Menu')
    view_access = fields.Many2many('ir.ui.view', 'ir_ui_view_group_rel', 'group_id', 'view_id', string='Views')
    comment = fields.Text(translate=True)
    category_id = fields.Many2one('ir.module.category', string='Application', index=True)
    color = fields.Integer(string='Color Index')
    full_name = fields.Char(compute='_compute_full_name', string='Group Name', search='_search_full_name')
    share = fields.Boolean(string='Share Group',
                           help="Group created to set access rights for sharing data with some users.")
    api_key_duration = fields.Float(string='API Keys maximum duration days',
                                    help="Determines the maximum duration of an api key created by a user "
                                         "belonging to this group.")
    implied_ids = fields.Many2many('res.groups', 'res_groups_implied_rel', 'gid', 'hid', string='Inherits',
                                   help='Users of this group automatically inherit those groups')
    trans_implied_ids = fields.Many2many('res.groups', string='Transitively inherits',
                                         compute='_compute_trans_implied', recursive=True)

    _sql_constraints = [
        ('name_uniq', 'unique (category_id, name)', 'The name of the group must be unique within an application!'),
        ('check_api_key_duration', 'CHECK(api_key_duration >= 0)', 'The api key duration cannot be a negative value.'),
    ]

    @api.depends('category_id.name', 'name')
    def _compute_full_name(self):
        # the value is assigned on the original records, read through sudo
        for group, group_sudo in zip(self, self.sudo()):
            if group_sudo.category_id:
                group.full_name = f'{group_sudo.category_id.name} / {group_sudo.name}'
            else:
                group.full_name = group_sudo.name

    def _search_full_name(self, operator, operand):
        """'Category / Group' searches the group name and the category name."""
        if isinstance(operand, bool):
            return [('name', operator, operand)]
        as_list = not isinstance(operand, str)
        operands = operand if as_list else [operand]
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        domains = []
        for item in operands:
            parts = [part for part in item.split('/') if part]
            group_name = parts.pop().strip() if parts else ''
            category_name = '/'.join(parts).strip() if parts else group_name
            group_domain = [('name', operator, [group_name] if as_list else group_name)]
            category_ids = self.env['ir.module.category'].sudo()._search(
                [('name', operator, [category_name] if as_list else category_name)])
            category_domain = [('category_id', 'in', category_ids)]
            if negative and not parts:
                category_domain = expression.OR([category_domain, [('category_id', '=', False)]])
            if negative == (not parts):
                domains.append(expression.AND([group_domain, category_domain]))
            else:
                domains.append(expression.OR([group_domain, category_domain]))
        return expression.AND(domains) if negative else expression.OR(domains)

    @api.depends('implied_ids.trans_implied_ids')
    def _compute_trans_implied(self):
        # walked breadth-first so that a cycle in the data cannot loop
        for group in self:
            seen = self.browse()
            todo = group.implied_ids
            while todo:
                seen |= todo
                todo = todo.implied_ids - seen
            group.trans_implied_ids = seen

    @api.constrains('users')
    def _check_one_user_type(self):
        self.users._check_one_user_type()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # full_name is not stored: sort on it in Python
        if order and order.startswith('full_name'):
            groups = super().search(domain).sorted('full_name', reverse=order.endswith('DESC'))
            groups = groups[offset:offset + limit] if limit else groups[offset:]
            return groups._as_query(order)
        return super()._search(domain, offset, limit, order)

    @api.model_create_multi
    def create(self, vals_list):
        # users are added afterwards so that they also get the implied groups
        users_list = [vals.pop('users', None) for vals in vals_list]
        groups = super().create(vals_list)
        for group, users in zip(groups, users_list):
            if users:
                group.write({'users': users})
        self.env.registry.clear_cache()
        return groups

    def write(self, vals):
        if 'name' in vals and vals['name'] and vals['name'].startswith('-'):
            raise UserError(_('The name of the group can not start with "-"'))
        res = super().write(vals)
        if vals.get('users') or vals.get('implied_ids'):
            self._propagate_implied_groups()
        # has_group() and access checks are cached per registry
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for group, vals in zip(self, vals_list):
            vals['name'] = default.get('name') or _('%s (copy)', group.name)
        return vals_list

    def _propagate_implied_groups(self):
        """Add the users of each group to every group it implies, directly
        or not (archived users included: the template users are archived)."""
        for group in self.with_context(active_test=False):
            users = group.users
            if not users:
                continue
            for implied in group.trans_implied_ids:
                missing = users - implied.users
                if missing:
                    super(Groups, implied).write({'users': [Command.link(user.id) for user in missing]})
        self.with_context(active_test=False).users._check_one_user_type()

    def _apply_group(self, implied_group):
        """Make ``self`` imply ``implied_group`` (and give it to their users)."""
        groups = self.filtered(lambda g: implied_group not in g.implied_ids)
        groups.write({'implied_ids': [Command.link(implied_group.id)]})

    def _remove_group(self, implied_group):
        """Stop ``self`` from implying ``implied_group``; users keep it only
        when another of their groups still implies it."""
        groups = self.filtered(lambda g: implied_group in g.implied_ids)
        if not groups:
            return
        groups.write({'implied_ids': [Command.unlink(implied_group.id)]})
        to_unlink = [
            user for user in groups.with_context(active_test=False).users
            if implied_group not in (user.groups_id - implied_group).trans_implied_ids
        ]
        if to_unlink:
            implied_group.with_context(active_test=False).write(
                {'users': [Command.unlink(user.id) for user in to_unlink]})

    @api.model
    def _get_group_id(self, xmlid):
        """Id of the group of external id ``xmlid``, or None when there is
        no such group (``has_group`` then answers False)."""
        model, res_id = self.env['ir.model.data']._xmlid_to_res_model_res_id(xmlid, raise_if_not_found=False)
        return res_id if model == self._name else None

    def _ensure_xml_id(self):
        """{group id: external id}, giving an id in '__custom__' to groups without one."""
        result = self.get_external_id()
        missing = {gid: f'__custom__.group_{gid}' for gid, xmlid in result.items() if not xmlid}
        if missing:
            self.env['ir.model.data'].sudo().create([{
                'module': '__custom__',
                'name': xmlid.split('.')[1],
                'model': 'res.groups',
                'res_id': gid,
            } for gid, xmlid in missing.items()])
            result.update(missing)
        return result
