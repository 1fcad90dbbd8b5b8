{
    "name": "Web",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "summary": "Web client (server-rendered views, menus and actions)",
    "license": "LGPL-3",
    "author": "Tianchi",
    "depends": ["base"],
    "data": [
        "views/report_templates.xml",
    ],
    "auto_install": True,
    "installable": True,
}
