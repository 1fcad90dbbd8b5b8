{
    "name": "Web",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "summary": "Web client (server-rendered views, menus and actions)",
    "license": "LGPL-3",
    "author": "Tianchi",
    "depends": ["base"],
    "data": [],
    "auto_install": True,
    "installable": True,
}
