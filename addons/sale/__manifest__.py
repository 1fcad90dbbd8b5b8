{
    'name': 'Sales',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'summary': 'Quotations, sales orders, sales teams and the quotation report',
    'description': "Quotations numbered from a sequence, sent by e-mail and confirmed into sales "
                   "orders; order lines with units, discounts and taxes; amounts from account.tax; "
                   "cancellation, locking, the printed quotation, and the sales analysis.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['sales_team', 'account', 'mail', 'portal', 'web'],
    'data': [
        'security/ir.model.access.csv',
        'security/res_groups.xml',
        'security/ir_rules.xml',
        'report/ir_actions_report.xml',
        'report/ir_actions_report_templates.xml',
        'data/ir_sequence_data.xml',
        'data/mail_template_data.xml',
        'views/sale_order_views.xml',
        'views/sale_order_line_views.xml',
        'views/crm_team_views.xml',
        'views/product_template_views.xml',
        'views/res_partner_views.xml',
        'views/sale_menus.xml',
    ],
    'demo': [
        'data/sale_demo.xml',
    ],
    'installable': True,
    'application': True,
}
