{
    'name': 'Employees',
    'version': '18.0.1.0.0',
    'category': 'Human Resources/Employees',
    'summary': 'Departments, job positions and employee files',
    'description': "The department tree with managers, job positions, employee tags, work locations "
                   "and the employee files (work contact, manager, coach, private data for HR).",
    'author': 'Tianchi',
    'license': 'LGPL-3',
    'depends': ['base', 'resource', 'mail', 'web'],
    'data': [
        'security/hr_security.xml',
        'security/ir.model.access.csv',
        'data/hr_data.xml',
        'views/hr_department_views.xml',
        'views/hr_job_views.xml',
        'views/hr_employee_category_views.xml',
        'views/hr_work_location_views.xml',
        'views/hr_employee_views.xml',
        'views/hr_employee_public_views.xml',
        'views/res_users_views.xml',
        'views/hr_menus.xml',
    ],
    'demo': [
        'data/hr_demo.xml',
    ],
    'installable': True,
    'application': True,
}
