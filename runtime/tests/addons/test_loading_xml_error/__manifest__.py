{
    'name': 'Test loading: a data file referring to an unknown record',
    'version': '18.0.1.0',
    'depends': ['base'],
    'license': 'LGPL-3',
    'data': ['data/broken_data.xml'],
}
