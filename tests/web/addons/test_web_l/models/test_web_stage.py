"""Stages of the fixture tasks (kanban columns; ``fold`` folds a column)."""
from odoo import fields, models


class TestWebStage(models.Model):
    _name = 'test_web_l.stage'
    _description = 'Task Stage'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean()
