{
    "name": "Test report (fixture)",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "summary": "An order and its PDF report, for the runtime's report tests",
    "license": "LGPL-3",
    "author": "Tianchi",
    "depends": ["web"],
    "data": [
        "security/ir.model.access.csv",
        "report/test_report_order_templates.xml",
        "report/test_report_order_reports.xml",
    ],
    "installable": True,
}
