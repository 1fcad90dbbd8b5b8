{
    'name': 'Products & Pricelists',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'summary': 'Products, variants, categories, tags, prices and units',
    'description': "Product templates and their variants (one variant per template), the "
                   "category tree, tags, sales price and cost, barcodes unique per company, "
                   "internal references, units of measure and product images.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['base', 'mail', 'uom'],
    'data': [
        'data/product_data.xml',
        'security/product_security.xml',
        'security/ir.model.access.csv',
        'views/product_tag_views.xml',
        'views/product_views.xml',
        'views/product_template_views.xml',
        'views/product_category_views.xml',
    ],
    'demo': [
        'data/product_demo.xml',
    ],
    'installable': True,
}
