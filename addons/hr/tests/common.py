"""Users per HR role and a small organisation for the hr tests."""
from odoo.tests import TransactionCase, new_test_user


class HrCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.hr_manager = new_test_user(cls.env, login='hr_manager', groups='base.group_user,hr.group_hr_manager',
                                       name='人事经理')
        cls.hr_officer = new_test_user(cls.env, login='hr_officer', groups='base.group_user,hr.group_hr_user',
                                       name='人事专员')
        cls.employee_user = new_test_user(cls.env, login='hr_plain', groups='base.group_user', name='普通员工',
                                          email='plain@example.com', tz='Asia/Shanghai')
        Department = cls.env['hr.department'].with_user(cls.hr_manager)
        cls.dep_top = Department.create({'name': '总经办'})
        cls.dep_sales = Department.create({'name': '销售部', 'parent_id': cls.dep_top.id})
        cls.dep_east = Department.create({'name': '华东区', 'parent_id': cls.dep_sales.id})
