{
    'name': 'Invoicing',
    'version': '18.0.1.0.0',
    'category': 'Accounting/Accounting',
    'summary': 'Taxes only: sales and purchase taxes and their computation',
    'description': "The tax half of Odoo's account module: account.tax (percentage, fixed, "
                   "tax-included division and groups, prices with or without tax) and "
                   "compute_all, the company's tax settings and the default taxes of products. "
                   "No journals, journal entries or payments.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['product'],
    'data': [
        'security/account_security.xml',
        'security/ir.model.access.csv',
        'views/account_tax_views.xml',
    ],
    'demo': [
        'data/account_tax_demo.xml',
    ],
    'installable': True,
}
