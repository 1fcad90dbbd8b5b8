{
    'name': 'Test loading: a manifest that is not a literal dict',
    'depends': ['base'],
    'data': sorted(['views/a.xml', 'data/b.xml']),
    'license': 'LGPL-3',
}
