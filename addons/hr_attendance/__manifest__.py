{
    'name': 'Attendances',
    'version': '18.0.1.0.0',
    'category': 'Human Resources/Attendances',
    'summary': 'Check-ins and check-outs of employees, worked and extra hours',
    'description': "Employees check in and out (manually, from the systray or a kiosk, with their position "
                   "and IP address); worked hours without the lunch break, extra hours against the working "
                   "schedule, and no overlapping attendances.",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['hr'],
    'data': [
        'security/hr_attendance_security.xml',
        'security/ir.model.access.csv',
        'data/hr_attendance_data.xml',
        'views/hr_attendance_views.xml',
        'views/hr_employee_views.xml',
    ],
    'demo': [
        'data/hr_attendance_demo.xml',
    ],
    'installable': True,
    'application': True,
}
