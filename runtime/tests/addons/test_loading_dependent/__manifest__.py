{
    'name': 'Test loading: a module depending on base',
    'version': '1.0',
    'depends': ['base'],
    'license': 'LGPL-3',
    'data': [
        'security/ir.model.access.csv',
        'data/test_loading_data.xml',
        'views/test_loading_item_views.xml',
    ],
    'demo': ['demo/test_loading_demo.xml'],
}
