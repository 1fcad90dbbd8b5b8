"""Tags and the records that carry them: a many2many_tags field whose
comodel has more records than one page of suggestions, with colours, a
live onchange counting the tags, an image and a kanban grouped by kind."""
from odoo import api, fields, models


class TestWebTag(models.Model):
    _name = 'test_web_l.tag'
    _description = 'Label'
    _order = 'name, id'

    name = fields.Char(required=True)
    color = fields.Integer()

    @api.depends_context('show_label_color')
    @api.depends('name', 'color')
    def _compute_display_name(self):
        # the form's field asks for the colour in the suggestions through its context
        for tag in self:
            tag.display_name = f"{tag.name} · {tag.color}" if self.env.context.get('show_label_color') else tag.name


class TestWebLabelled(models.Model):
    _name = 'test_web_l.labelled'
    _description = 'Labelled Record'
    _order = 'id'

    name = fields.Char(required=True)
    kind = fields.Selection([('a', 'Kind A'), ('b', 'Kind B')], default='a', required=True)
    tag_ids = fields.Many2many('test_web_l.tag', string='Labels')
    tag_count = fields.Integer()
    image_128 = fields.Image(max_width=128, max_height=128)

    @api.onchange('tag_ids')
    def _onchange_tag_ids(self):
        self.tag_count = len(self.tag_ids)
