"""Shared set-up of the tianchi_crm tests: tianchi_org's organisation
(总部 > 销售中心 > 华南大区, 技术部; one user per role, tc_owner in 华南大区),
plus customers: one owned by tc_owner with a contact, one in the public
pool. Other test files of the addon build on TianchiCrmCase."""
from odoo.addons.tianchi_crm.tools.credit_code import credit_code_check_char, organization_code_check_char
from odoo.addons.tianchi_org.tests.common import ROLE_GROUPS, TianchiOrgCase

__all__ = ['ROLE_GROUPS', 'TianchiCrmCase', 'make_credit_code']


def make_credit_code(serial: int, division: str = '330106') -> str:
    """A valid unified social credit code (GB 32100-2015) for a legal
    person registered in ``division``, made unique by ``serial``."""
    body = f'MA{serial:06d}'
    organisation = body + organization_code_check_char(body)
    first17 = '91' + division + organisation
    return first17 + credit_code_check_char(first17)


class TianchiCrmCase(TianchiOrgCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner'].with_company(cls.company)
        cls.customer = cls.customer_of(cls.owner, '杭州西湖龙井茶业有限公司', vat=make_credit_code(1))
        cls.contact = cls.Partner.create({'name': '王建国', 'parent_id': cls.customer.id, 'function': '采购经理'})
        cls.pool_customer = cls.customer_of(False, '宁波海曙港口物流有限公司', vat=make_credit_code(2))

    @classmethod
    def customer_of(cls, user, name, **values):
        """A customer company of the test company owned by ``user`` (False:
        in the public pool), created as the superuser."""
        return cls.env['res.partner'].with_company(cls.company).create({
            'name': name, 'is_company': True, 'tianchi_is_customer': True,
            'user_id': user.id if user else False, 'company_id': cls.company.id, **values})
