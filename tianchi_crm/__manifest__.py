{
    "name": "Tianchi CRM",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "Tianchi",
    "category": "Sales/Tianchi",
    "summary": "Customer file, contacts, contact records, public pool, custom fields, bulk import and statistics",
    "depends": ["tianchi_org", "product"],
    "external_dependencies": {"python": ["openpyxl", "xlrd"]},
    "data": [
        "security/ir.model.access.csv",
        "data/tianchi.region.csv",
        "views/tianchi_crm_menus.xml",
        "views/tianchi_region_views.xml",
    ],
    "demo": [],
    "installable": True,
    "application": True,
}
