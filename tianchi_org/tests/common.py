"""Shared set-up of the tianchi_org tests: a three-level organisation of
its own (总部 > 销售中心 > 华南大区, and 技术部), one user per role, each
with an employee, and tracking off; and a real SMTP server on 127.0.0.1
that receives the verification codes."""
import re
import socket
from contextlib import contextmanager
from email import message_from_bytes, policy
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

ROLE_GROUPS = {
    'marketing': 'tianchi_org.tianchi_org_group_marketing',
    'service': 'tianchi_org.tianchi_org_group_service',
    'tech': 'tianchi_org.tianchi_org_group_tech',
    'purchase': 'tianchi_org.tianchi_org_group_purchase',
    'sale': 'tianchi_org.tianchi_org_group_sale',
    'finance': 'tianchi_org.tianchi_org_group_finance',
    'stock': 'tianchi_org.tianchi_org_group_stock',
    'hr': 'tianchi_org.tianchi_org_group_hr',
    'project_manager': 'tianchi_org.tianchi_org_group_project_manager',
    'department_head': 'tianchi_org.tianchi_org_group_department_head',
    'hq_head': 'tianchi_org.tianchi_org_group_hq_head',
}
HEADS = {'department_head', 'hq_head'}


class TianchiOrgCase(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.company = cls.env['res.company'].create({'name': '天池测试有限公司'})
        Department = cls.env['hr.department'].with_company(cls.company)
        cls.dep_hq = Department.create({'name': '测试总部', 'company_id': cls.company.id})
        cls.dep_sales = Department.create({'name': '测试销售中心', 'parent_id': cls.dep_hq.id,
                                           'company_id': cls.company.id})
        cls.dep_south = Department.create({'name': '测试华南大区', 'parent_id': cls.dep_sales.id,
                                           'company_id': cls.company.id})
        cls.dep_tech = Department.create({'name': '测试技术部', 'parent_id': cls.dep_hq.id,
                                          'company_id': cls.company.id})
        cls.users = {}
        cls.employees = {}
        # the head heads 销售中心 (two levels above the owner); everyone else
        # sits in 技术部, away from the records under test
        for role, group in ROLE_GROUPS.items():
            department = cls.dep_sales if role == 'department_head' else \
                cls.dep_hq if role == 'hq_head' else cls.dep_tech
            cls.users[role], cls.employees[role] = cls._tianchi_person(f'tc_{role}', group, department)
        cls.owner, cls.owner_employee = cls._tianchi_person('tc_owner', 'base.group_user', cls.dep_south)
        cls.tech_head, cls.tech_head_employee = cls._tianchi_person(
            'tc_tech_head', ROLE_GROUPS['department_head'], cls.dep_tech)
        cls.dep_sales.head_ids = cls.employees['department_head']
        cls.dep_tech.manager_id = cls.tech_head_employee
        cls.dep_hq.manager_id = cls.employees['hq_head']

    @classmethod
    def _tianchi_person(cls, login, groups, department):
        user = new_test_user(cls.env, login=login, groups=groups, name=login,
                             company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)])
        employee = cls.env['hr.employee'].with_company(cls.company).create({
            'name': login, 'user_id': user.id, 'company_id': cls.company.id,
            'department_id': department.id})
        return user, employee

    def note_of(self, user, name='备忘'):
        return self.env['tianchi.org.note'].with_company(self.company).create({
            'name': name, 'user_id': user.id, 'company_id': self.company.id, 'date': '2026-03-01'})

    def assert_visibility_matrix(self, allowed, run):
        """The visibility matrix: for each ``(operation, target)`` of
        ``allowed``, ``run(operation, user, target)`` as every role's user
        must work for the roles in ``allowed[operation, target]`` and raise
        AccessError for every other role."""
        for (operation, target), allowed_roles in allowed.items():
            for role, user in self.users.items():
                with self.subTest(role=role, operation=operation, target=target):
                    if role in allowed_roles:
                        run(operation, user, target)
                    else:
                        with self.assertRaises(AccessError):
                            run(operation, user, target)


class SmtpInbox:
    """An SMTP server on 127.0.0.1 (aiosmtpd) keeping what it receives:
    ``messages`` (parsed e-mails) and ``recipients`` (one list per message)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        with socket.socket() as probe:
            probe.bind(('127.0.0.1', 0))
            self.port = probe.getsockname()[1]
        self.messages = []
        self.recipients = []
        self._controller = Controller(self, hostname='127.0.0.1', port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return '250 OK'

    def last_code(self) -> str:
        body = self.messages[-1].get_body(('html', 'plain')).get_content()
        return re.search(r'\b(\d{6})\b', body).group(1)


@contextmanager
def smtp_inbox(env):
    """Route outgoing mail of ``env`` to a fresh SmtpInbox while the block
    runs. Odoo does not talk to mail servers while tests run; the block
    lifts that for the codes to really travel over SMTP."""
    inbox = SmtpInbox()
    inbox._controller.start()
    try:
        env['ir.mail_server'].search([]).write({'active': False})
        env['ir.mail_server'].create({'name': '本机 SMTP', 'smtp_host': '127.0.0.1',
                                      'smtp_port': inbox.port, 'smtp_encryption': 'none'})
        with patch('odoo.modules.module.current_test', False):
            yield inbox
    finally:
        inbox._controller.stop()
