{
    'name': 'Sales Teams',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'summary': 'Sales teams, their leaders and members, and the sales access groups',
    'description': "Sales teams with a leader and members (one team per salesperson unless "
                   "multiple memberships are allowed), and the sales groups: own documents, "
                   "all documents, administrator.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['base', 'mail'],
    'data': [
        'security/sales_team_security.xml',
        'security/ir.model.access.csv',
        'data/crm_team_data.xml',
        'views/crm_team_views.xml',
        'views/crm_team_member_views.xml',
    ],
    'demo': [
        'data/crm_team_demo.xml',
    ],
    'installable': True,
}
