"""Where a running customer import publishes its progress and reads a cancel request.

A row of its own, pointing to the import session (not the other way round:
writing the session would then check that key, locking this row): the
import's transaction never writes or locks it (a second cursor does), so a
poller sees the progress at once and a cancel committed by another request
never conflicts with the import's final write of its outcome.
"""

from odoo import fields, models


class TianchiCustomerImportProgress(models.TransientModel):
    _name = 'tianchi.customer.import.progress'
    _description = 'Customer Import Progress'

    import_id = fields.Many2one('tianchi.customer.import', string='Import', required=True, index=True,
                                ondelete='cascade')
    processed_rows = fields.Integer(string='Rows Processed', readonly=True)
    total_rows = fields.Integer(string='Rows to Import', readonly=True)
    progress = fields.Float(string='Progress', readonly=True)
    cancel_requested = fields.Boolean(string='Cancel Requested', readonly=True)
