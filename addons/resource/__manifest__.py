{
    'name': 'Resource',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'summary': 'Working schedules, time off and resources',
    'description': "Resources (people or things) with their working schedule, time zone and time off; "
                   "the working intervals and hours of a period.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['base', 'web'],
    'data': [
        'security/ir.model.access.csv',
        'security/resource_security.xml',
        'data/resource_data.xml',
        'views/resource_resource_views.xml',
        'views/resource_calendar_leaves_views.xml',
        'views/resource_calendar_attendance_views.xml',
        'views/resource_calendar_views.xml',
        'views/resource_menus.xml',
    ],
    'installable': True,
    'auto_install': False,
}
