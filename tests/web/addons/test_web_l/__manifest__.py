{
    "name": "Web client browser-test fixture",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "summary": "Tasks with stages, lines, list/form/kanban/graph/pivot/search views and chatter",
    "license": "LGPL-3",
    "author": "Tianchi",
    "depends": ["mail"],
    "data": [
        "security/ir.model.access.csv",
        "views/test_web_task_views.xml",
        "report/test_web_task_reports.xml",
        "data/res_users_data.xml",
        "data/test_web_task_data.xml",
        "views/test_web_meeting_views.xml",
    ],
    "installable": True,
    "application": True,
}
