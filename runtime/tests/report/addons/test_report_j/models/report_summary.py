"""``report.test_report_j.report_summary``: values of the summary report
computed in Python, as reports with a custom model provide them."""
from __future__ import annotations

from odoo import api, models


class ReportSummary(models.AbstractModel):
    _name = 'report.test_report_j.report_summary'
    _description = 'Order summary report'

    @api.model
    def _get_report_values(self, docids, data=None):
        orders = self.env['test.report.order'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'test.report.order',
            'docs': orders,
            'grand_total': sum(orders.mapped('amount_total')),
            'title': (data or {}).get('title') or '汇总',
        }
