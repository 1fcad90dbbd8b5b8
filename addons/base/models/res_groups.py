"""``res.groups``: access groups, the groups they imply (transitively), and
the propagation of implied groups to the groups' users."""
from __future__ import annotations

from odoo import Command, _, api, fields, models
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
    implied_ids = fields.Many2many('res.groups', 'res_groups_implied_rel', 'gid', 'hid', string='Inherits', help='Groups that members of this group get as well.')
    trans_implied_ids = fields.Many2many('res.groups', string='Transitively inherits', compute='_compute_trans_implied', recursive=True)

    _sql_constraints = [
        ('name_uniq', 'unique (category_id, name)', 'Two groups of one application cannot share a name.'),
        ('check_api_key_duration', 'CHECK(api_key_duration >= 0)', 'An API key duration cannot be negative.'),
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
        many = not isinstance(operand, str)
        excluding = operator in expression.NEGATIVE_TERM_OPERATORS
        Category = self.env['ir.module.category'].sudo()
        pieces = []
        for text in (operand if many else [operand]):
            parts = [part.strip() for part in text.split('/') if part.strip()]
            group_part = parts[-1] if parts else ''
            category_part = ' / '.join(parts[:-1]) or group_part
            has_category = len(parts) > 1

            def term(value):
                return [value] if many else value
            on_group = [('name', operator, term(group_part))]
            on_category = [('category_id', 'in', Category._search([('name', operator, term(category_part))]))]
            if excluding and not has_category:
                # "not Sales": groups without any category qualify as well
                on_category = expression.OR([on_category, [('category_id', '=', False)]])
            # "A / B" needs both parts to match; a bare word either of them
            combine = expression.OR if excluding == has_category else expression.AND
            pieces.append(combine([on_group, on_category]))
        return (expression.AND if excluding else expression.OR)(pieces)

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
        sort_on_name = bool(order) and order.split()[0] == 'full_name'
        if not sort_on_name:
            return super()._search(domain, offset, limit, order)
        # full_name is not stored: sort on it in Python
        descending = order.upper().endswith('DESC')
        ordered = super().search(domain).sorted(key=lambda g: g.full_name or '', reverse=descending)
        window = ordered[offset:offset + limit] if limit else ordered[offset:]
        return window._as_query(order)

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
        new_name = vals.get('name') or ''
        if new_name.startswith('-'):
            # a leading '-' is how group specifications mean "not this group"
            raise UserError(_('Group names cannot start with "-": %(name)s', name=new_name))
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
        copies = super().copy_data(default=default)
        for original, copied in zip(self, copies):
            copied['name'] = default.get('name') or _('%s (copy)', original.name)
        return copies

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
        missing = self.filtered(lambda group: implied_group not in group.implied_ids)
        if missing:
            missing.write({'implied_ids': [Command.link(implied_group.id)]})

    def _remove_group(self, implied_group):
        """Stop ``self`` from implying ``implied_group``; users keep it only
        when another of their groups still implies it."""
        implying = self.filtered(lambda group: implied_group in group.implied_ids)
        if not implying:
            return
        implying.write({'implied_ids': [Command.unlink(implied_group.id)]})
        members = implying.with_context(active_test=False).users
        still_implied = members.filtered(
            lambda user: implied_group in (user.groups_id - implied_group).trans_implied_ids)
        losing = members - still_implied
        if losing:
            implied_group.with_context(active_test=False).write(
                {'users': [Command.unlink(user_id) for user_id in losing.ids]})

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
