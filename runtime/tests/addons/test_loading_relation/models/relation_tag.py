"""A model of the fixture addon whose many2many fields create relation tables."""
from __future__ import annotations

from odoo import fields, models


class RelationTag(models.Model):
    _name = 'test.loading.relation.tag'
    _description = 'Test loading relation tag'

    name = fields.Char()
    partner_ids = fields.Many2many('res.partner', 'test_loading_relation_partner_rel', 'tag_id', 'partner_id')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # a relation table of the module on a model of another module
    loading_tag_ids = fields.Many2many('test.loading.relation.tag', 'test_loading_relation_partner_tag_rel',
                                       'partner_id', 'tag_id')
