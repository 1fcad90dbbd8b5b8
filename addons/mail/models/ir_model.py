"""Tell which models have a chatter and which have activities."""
from __future__ import annotations

from odoo import api, fields, models


class IrModel(models.Model):
    _inherit = 'ir.model'

    is_mail_thread = fields.Boolean('Has Mail Thread', compute='_compute_is_mail',
                                    search='_search_is_mail_thread',
                                    help="Whether the model's records have a chatter.")
    is_mail_activity = fields.Boolean('Has Mail Activity', compute='_compute_is_mail',
                                      search='_search_is_mail_activity',
                                      help="Whether activities can be scheduled on the model's records.")

    def _models_inheriting(self, mixin):
        registry = self.env.registry
        base = registry[mixin] if mixin in registry else None
        if base is None:
            return []
        return [name for name in registry if issubclass(registry[name], base) and name != mixin]

    @api.depends('model')
    def _compute_is_mail(self):
        threads = set(self._models_inheriting('mail.thread'))
        activities = set(self._models_inheriting('mail.activity.mixin'))
        for model in self:
            model.is_mail_thread = model.model in threads
            model.is_mail_activity = model.model in activities

    def _search_is_mail_thread(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [('model', 'in' if positive else 'not in', self._models_inheriting('mail.thread'))]

    def _search_is_mail_activity(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [('model', 'in' if positive else 'not in', self._models_inheriting('mail.activity.mixin'))]
