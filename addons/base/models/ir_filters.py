"""Saved searches (``ir.filters``): the favourites of the web client's search
panel — a name, a domain, a context (group-bys) and a sort, private to a user
or shared, for one model and optionally one action."""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class IrFilters(models.Model):
    _name = 'ir.filters'
    _description = 'Filters'
    _order = 'model_id, name, id desc'

    name = fields.Char(string='Filter Name', required=True)
    user_id = fields.Many2one('res.users', string='User', ondelete='cascade', default=lambda self: self.env.user,
                              help="Owner of the filter; empty makes it shared with everyone.")
    domain = fields.Text(default='[]', required=True)
    context = fields.Text(default='{}', required=True)
    sort = fields.Char(default='[]', required=True)
    model_id = fields.Selection(selection='_list_all_models', string='Model', required=True)
    is_default = fields.Boolean(string='Default Filter')
    action_id = fields.Many2one('ir.actions.actions', string='Action', ondelete='cascade',
                                help="Only shown with this action; empty shows it with every action of the model.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_model_uid_unique', 'unique (model_id, user_id, action_id, name)', 'Filter names must be unique'),
    ]

    @api.model
    def _list_all_models(self) -> list[tuple[str, str]]:
        return [(model['model'], model['name']) for model in
                self.env['ir.model'].sudo().search_read([], ['model', 'name'], order='model')]

    @api.model
    def _get_action_domain(self, action_id: int | None = None) -> list:
        """The filters usable with ``action_id``: its own and the action-less ones."""
        return [('action_id', 'in', [action_id, False])] if action_id else [('action_id', '=', False)]

    @api.model
    def get_filters(self, model: str, action_id: int | None = None, embedded_action_id=None,
                    embedded_parent_res_id=None) -> list[dict]:
        """The current user's and the shared filters of ``model`` for ``action_id``."""
        domain = [*self._get_action_domain(action_id), ('model_id', '=', model), ('user_id', 'in', [self.env.uid, False])]
        return self.with_context(self.env['res.users'].context_get()).search_read(
            domain, ['name', 'is_default', 'domain', 'context', 'user_id', 'sort'])

    @api.model
    def create_or_replace(self, vals: dict):
        """Create the filter, or overwrite the one of the same name, model and owner."""
        existing = [found for found in self.get_filters(vals['model_id'], vals.get('action_id'))
                    if found['name'].lower() == vals['name'].lower()
                    and (found['user_id'] and found['user_id'][0]) == vals.get('user_id')]
        if vals.get('is_default'):
            defaults = self.search([*self._get_action_domain(vals.get('action_id')), ('model_id', '=', vals['model_id']),
                                    ('user_id', '=', vals.get('user_id') or False), ('is_default', '=', True)])
            if vals.get('user_id'):
                defaults.write({'is_default': False})
            elif defaults and not (existing and existing[0]['id'] == defaults.id):
                raise UserError(_("A shared default filter already exists for %(model)s: remove it or make it "
                                  "non-default first.", model=vals['model_id']))
        if existing:
            record = self.browse(existing[0]['id'])
            record.write(vals)
            return record
        return self.create(vals)
