"""Fixture wizard: a note appended to the tasks it was opened for
(``active_ids``), its task filled from ``default_task_id``."""
from odoo import fields, models


class TestWebTaskNoteWizard(models.TransientModel):
    _name = 'test_web_l.task.note.wizard'
    _description = 'Add a Note'

    task_id = fields.Many2one('test_web_l.task', string='Task', required=True)
    note = fields.Char(required=True)

    def action_apply(self):
        tasks = self.env['test_web_l.task'].browse(self.env.context.get('active_ids') or [])
        for task in tasks:
            task.notes = '\n'.join(filter(None, [task.notes, self.note]))
        return {'type': 'ir.actions.act_window_close'}
