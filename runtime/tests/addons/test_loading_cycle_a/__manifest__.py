{
    'name': 'Test loading: cycle A',
    'depends': ['test_loading_cycle_b'],
    'license': 'LGPL-3',
}
