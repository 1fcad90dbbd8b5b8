{
    'name': 'Test loading: a manifest with a syntax error',
    'depends': ['base'
    'license': 'LGPL-3',
