{
    'name': 'Test loading: cycle B',
    'depends': ['base', 'test_loading_cycle_a'],
    'license': 'LGPL-3',
}
