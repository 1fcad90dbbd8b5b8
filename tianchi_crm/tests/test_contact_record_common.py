"""Shared set-up of the contact and contact record tests (no tests here):
tianchi_org's organisation and role users, all in China's time zone, with
a customer of the owner in 华南大区 and one contact of it."""
from odoo.addons.tianchi_org.tests.common import TianchiOrgCase


class TianchiContactCase(TianchiOrgCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        people = cls.owner | cls.tech_head | cls.env['res.users'].concat(*cls.users.values())
        people.write({'tz': 'Asia/Shanghai'})
        for user in people:
            user.email = f'{user.login}@tianchi.example.com'
        cls.customer = cls.customer_of(cls.owner, '杭州西湖茶业有限公司')
        cls.contact = cls.contact_of(cls.customer, '王丽')

    @classmethod
    def customer_of(cls, user, name='客户'):
        return cls.env['res.partner'].with_company(cls.company).create({
            'name': name, 'is_company': True, 'tianchi_is_customer': True, 'user_id': user.id,
            'company_id': cls.company.id})

    @classmethod
    def contact_of(cls, customer, name='联系人', **values):
        return cls.env['res.partner'].create({'name': name, 'parent_id': customer.id, 'type': 'contact',
                                              **values})

    def record_of(self, user, customer=None, **values):
        """A contact record made by ``user`` (with their rights)."""
        customer = customer or self.customer
        return self.env['tianchi.contact.record'].with_user(user).with_company(self.company).create({
            'partner_id': customer.id, 'record_type': 'call', 'content': '电话沟通需求',
            'date': '2026-03-02 02:00:00', **values})

    def follow_ups(self, customer):
        activity_type = self.env.ref('tianchi_crm.mail_activity_type_follow_up')
        return self.env['mail.activity'].search([
            ('res_model', '=', 'res.partner'), ('res_id', '=', customer.id),
            ('activity_type_id', '=', activity_type.id)])
