{
    "name": "Tianchi Pipeline",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "Tianchi",
    "category": "Sales/Tianchi",
    "summary": "Order stages designed by each company, grab-order, quotations, contracts and their PDFs",
    "depends": ["sale", "tianchi_crm"],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "views/tianchi_pipeline_menus.xml",
        "views/product_template_publish_views.xml",
        "views/product_catalog_templates.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
