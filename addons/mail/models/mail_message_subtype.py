"""Kinds of messages (note, discussion, activity, stage change...) that
followers subscribe to."""
from __future__ import annotations

from odoo import api, fields, models, tools


class MailMessageSubtype(models.Model):
    _name = 'mail.message.subtype'
    _description = 'Message subtypes'
    _order = 'sequence, id'

    name = fields.Char('Message Type', required=True, translate=True,
                       help="Shown in the follow options; a subtype with a description also "
                            "prints it at the top of the messages posted with it.")
    description = fields.Text('Description', translate=True,
                              help="Text added to the messages of this subtype.")
    internal = fields.Boolean('Internal Only',
                              help="Messages of internal subtypes reach employees only.")
    parent_id = fields.Many2one('mail.message.subtype', string='Parent', ondelete='set null',
                                help="Following a record through the relation field subscribes "
                                     "to this subtype on the parent record.")
    relation_field = fields.Char('Relation field',
                                 help="Field linking the related model to the subtype's model.")
    res_model = fields.Char('Model', help="Model the subtype belongs to; none means every model.")
    default = fields.Boolean('Default', default=True, help="Chosen by default for new followers.")
    sequence = fields.Integer('Sequence', default=1, help="Order of the subtypes.")
    hidden = fields.Boolean('Hidden', help="Not offered in the follower options.")
    track_recipients = fields.Boolean('Track Recipients',
                                      help="Show the recipients of the messages of this subtype.")

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @tools.ormcache('model_name')
    def _get_auto_subscription_subtypes(self, model_name):
        """Subtypes that ``model_name`` gets from its parents through
        relation fields: (child ids, {child_id: parent_id}, relation fields,
        all ids, default ids, internal ids, external ids)."""
        subtypes = self.sudo().search([
            '|', ('res_model', '=', False), ('parent_id.res_model', '=', model_name),
        ])
        child_ids, def_ids, all_int_ids, all_ext_ids = [], [], [], []
        parent, relation = {}, set()
        for subtype in subtypes:
            if subtype.parent_id.res_model == model_name:
                child_ids.append(subtype.id)
                parent[subtype.id] = subtype.parent_id.id
                relation.add(subtype.relation_field)
            if subtype.default:
                def_ids.append(subtype.id)
            (all_int_ids if subtype.internal else all_ext_ids).append(subtype.id)
        return child_ids, parent, relation, subtypes.ids, def_ids, all_int_ids, all_ext_ids

    @api.model
    def default_subtypes(self, model_name):
        """(all default, internal default, external default) subtypes of a model."""
        subtypes = self._default_subtypes(model_name)
        return subtypes, subtypes.filtered('internal'), subtypes.filtered(lambda s: not s.internal)

    @tools.ormcache('self.env.uid', 'self.env.su', 'model_name')
    def _default_subtypes_ids(self, model_name):
        domain = [('default', '=', True),
                  '|', ('res_model', '=', model_name), ('res_model', '=', False)]
        return tuple(self.search(domain).ids)

    def _default_subtypes(self, model_name):
        return self.browse(self._default_subtypes_ids(model_name))
