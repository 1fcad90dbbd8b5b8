{
    'name': 'Test loading: installed automatically with test_loading_dependent',
    'version': '1.0',
    'depends': ['test_loading_dependent'],
    'auto_install': True,
    'license': 'LGPL-3',
}
