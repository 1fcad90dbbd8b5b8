{
    "name": "Two-Factor Authentication (TOTP)",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "Tianchi",
    "category": "Extra Tools",
    "summary": "Time-based one-time codes (RFC 6238) as a second login factor, with Odoo 18's auth_totp names",
    "depends": ["web"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/auth_totp_wizard_views.xml",
        "views/res_users_views.xml",
        "views/templates.xml",
    ],
    "installable": True,
    "auto_install": True,
}
