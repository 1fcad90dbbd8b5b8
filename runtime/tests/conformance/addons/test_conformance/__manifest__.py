{
    "name": "ORM conformance",
    "version": "18.0.1.0.0",
    "summary": "Exercises the Odoo 18 API that Tianchi's addons rely on",
    "description": "Written only against Odoo 18's public API: its tests must "
    "pass on Odoo 18 and on the Tianchi runtime alike.",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Tianchi",
    "depends": ["base", "web"],
    "data": [
        "security/ir.model.access.csv",
        "security/conformance_order_security.xml",
        "data/conformance_order_sequence.xml",
        "data/conformance_functions.xml",
        "views/conformance_order_views.xml",
        "views/res_partner_views.xml",
    ],
    "installable": True,
}
