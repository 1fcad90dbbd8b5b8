{
    'name': 'Customer Portal',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'summary': 'The portal mixin: access tokens and share links of business documents',
    'description': "portal.mixin as in Odoo 18: a record's access URL, its access token and the "
                   "share link built from them, for pages that show a document to someone "
                   "without a login. The /my pages of Odoo's portal are not provided.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['web', 'mail'],
    'data': [],
    'installable': True,
}
