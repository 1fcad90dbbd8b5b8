{
    'name': 'Test loading: a many2many relation table owned by the module',
    'version': '1.0',
    'depends': ['base'],
    'license': 'LGPL-3',
}
