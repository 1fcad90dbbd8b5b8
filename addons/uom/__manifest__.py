{
    'name': 'Units of measure',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'summary': 'Units of measure grouped in categories, with conversions between them',
    'description': "Categories of units (unit, weight, time, length, surface, volume), "
                   "each with one reference unit, and the conversion of quantities and prices.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['base'],
    'data': [
        'security/uom_security.xml',
        'security/ir.model.access.csv',
        'data/uom_data.xml',
        'views/uom_uom_views.xml',
    ],
    'installable': True,
}
