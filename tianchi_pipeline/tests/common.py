"""Shared set-up of the pipeline tests: a company of its own with a small
organisation (总部 > 销售中心 > 华南大区, 财务部), one user per role that
matters here, and a 销售型 order type whose stages cover every feature:
roles allowed to move, a grab pool staffed by a whole department, a stage
that notifies finance, and a closing stage. Tracking is off unless a test
turns it on; a test channel records every notification."""
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import TransactionCase, new_test_user

SALE = 'tianchi_org.tianchi_org_group_sale'
FINANCE = 'tianchi_org.tianchi_org_group_finance'
TECH = 'tianchi_org.tianchi_org_group_tech'
HEAD = 'tianchi_org.tianchi_org_group_department_head'
HQ = 'tianchi_org.tianchi_org_group_hq_head'


class TianchiPipelineCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.company = cls.env['res.company'].create({'name': '天池流程测试有限公司', 'tianchi_grab_limit': 2})
        Department = cls.env['hr.department']
        cls.dep_hq = Department.create({'name': '流程总部', 'company_id': cls.company.id})
        cls.dep_sales = Department.create({'name': '流程销售中心', 'parent_id': cls.dep_hq.id,
                                           'company_id': cls.company.id})
        cls.dep_south = Department.create({'name': '流程华南大区', 'parent_id': cls.dep_sales.id,
                                           'company_id': cls.company.id})
        cls.dep_finance = Department.create({'name': '流程财务部', 'parent_id': cls.dep_hq.id,
                                             'company_id': cls.company.id})
        cls.sale_a = cls._person('pl_sale_a', '孙一', SALE, cls.dep_south)
        cls.sale_b = cls._person('pl_sale_b', '周二', SALE, cls.dep_south)
        cls.sale_c = cls._person('pl_sale_c', '吴三', SALE, cls.dep_sales)
        cls.outsider = cls._person('pl_outsider', '郑四', SALE, cls.dep_hq)
        cls.tech = cls._person('pl_tech', '冯五', TECH, cls.dep_hq)
        cls.finance = cls._person('pl_finance', '蒋六', FINANCE, cls.dep_finance)
        cls.head = cls._person('pl_head', '李七', HEAD, cls.dep_sales)
        cls.hq = cls._person('pl_hq', '王八', HQ, cls.dep_hq)
        cls.dep_sales.manager_id = cls.employee_of(cls.head)
        cls.dep_hq.manager_id = cls.employee_of(cls.hq)

        cls.order_type = cls.env['tianchi.order.type'].create({'name': '销售型', 'company_id': cls.company.id})
        Stage = cls.env['tianchi.order.stage']
        sale_roles = [cls.env.ref(SALE).id, cls.env.ref(HQ).id]
        cls.stage_lead = Stage.create({'name': '线索确认', 'sequence': 1, 'order_type_id': cls.order_type.id})
        cls.stage_grab = Stage.create({
            'name': '抢单', 'sequence': 2, 'order_type_id': cls.order_type.id, 'allow_grab': True,
            'staff_department_ids': [cls.dep_sales.id], 'sla_hours': 4,
        })
        cls.stage_quote = Stage.create({
            'name': '报价', 'sequence': 3, 'order_type_id': cls.order_type.id, 'allowed_group_ids': sale_roles,
            'sla_hours': 48,
        })
        cls.stage_payment = Stage.create({
            'name': '回款', 'sequence': 4, 'order_type_id': cls.order_type.id,
            'staff_user_ids': [cls.finance.id], 'notify_group_ids': [cls.env.ref(FINANCE).id],
            'notify_note': '核对到账金额与合同一致',
            'allowed_group_ids': [cls.env.ref(FINANCE).id, cls.env.ref(SALE).id, cls.env.ref(HQ).id],
        })
        cls.stage_done = Stage.create({
            'name': '完成', 'sequence': 5, 'order_type_id': cls.order_type.id, 'is_closed': True, 'fold': True,
            'allowed_group_ids': [cls.env.ref(FINANCE).id, cls.env.ref(HQ).id],
        })
        cls.customer = cls.env['res.partner'].create({
            'name': '广州恒通贸易有限公司', 'is_company': True, 'company_id': cls.company.id,
            'email': 'buyer@hengtong.example.com'})

    @classmethod
    def _person(cls, login, name, groups, department):
        user = new_test_user(
            cls.env, login=login, groups=groups, name=name, email=f'{login}@pipeline.example.com',
            company_id=cls.company.id, company_ids=[cls.company.id])
        cls.env['hr.employee'].create({'name': name, 'user_id': user.id, 'company_id': cls.company.id,
                                       'department_id': department.id})
        return user

    @classmethod
    def employee_of(cls, user):
        # not user.employee_ids: hr limits it to the companies of the environment
        return cls.env['hr.employee'].search([('user_id', '=', user.id)])

    @classmethod
    def _order(cls, stage, owner=False, **values):
        return cls.env['sale.order'].with_company(cls.company).create({
            'partner_id': cls.customer.id, 'company_id': cls.company.id,
            'order_type_id': stage.order_type_id.id, 'stage_id': stage.id, 'user_id': owner.id if owner else False,
            **values,
        })

    def as_user(self, record, user):
        """``record`` as ``user`` would meet it in a request of their own: the
        cache shared with the other users of the test is dropped first."""
        self.env.invalidate_all()
        return record.with_user(user).with_company(self.company)

    @contextmanager
    def capture_notifications(self):
        """Record every _tianchi_notify call through an extra channel."""
        calls = []

        def channel(model, users, subject, body, record, event):
            calls.append({'users': users, 'subject': subject, 'body': body, 'record': record, 'event': event})
            return True

        Notification = type(self.env['tianchi.notification'])
        with patch.object(Notification, '_tianchi_notify_channel_test', channel, create=True):
            yield calls
