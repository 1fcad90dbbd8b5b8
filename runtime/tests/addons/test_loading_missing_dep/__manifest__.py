{
    'name': 'Test loading: a module depending on a module that does not exist',
    'depends': ['base', 'test_loading_no_such_module'],
    'license': 'LGPL-3',
}
