"""Transfers (转交) are logged in the chatter: who, from whom, to whom."""
from odoo.exceptions import AccessError, UserError

from .common import TianchiOrgCase


class TestTransfer(TianchiOrgCase):

    def test_transfer_is_logged(self):
        note = self.note_of(self.owner)
        head = self.users['department_head']
        transfer = self.env['tianchi.transfer'].with_user(head).with_context(
            active_model='tianchi.org.note', active_ids=note.ids).create({
                'user_id': self.users['sale'].id, 'reason': '客户转交'})
        self.assertEqual(transfer.res_model, 'tianchi.org.note')
        transfer.action_transfer()
        self.assertEqual(note.user_id, self.users['sale'])
        message = note.message_ids[:1]
        self.assertEqual(message.author_id, head.partner_id)
        for name in (head.name, self.owner.name, self.users['sale'].name, '客户转交'):
            self.assertIn(name, str(message.body))

    def test_head_without_email_transfers(self):
        note = self.note_of(self.owner)
        head = self.users['department_head']
        head.partner_id.email = False
        self.env['tianchi.transfer'].with_user(head).create({
            'res_model': 'tianchi.org.note', 'res_ids': note.ids,
            'user_id': self.users['sale'].id}).action_transfer()
        self.assertEqual(note.user_id, self.users['sale'])
        self.assertEqual(note.message_ids[:1].author_id, head.partner_id)

    def test_client_context_does_not_skip_the_owner_guard(self):
        note = self.note_of(self.owner)
        note.collaborator_ids = self.users['sale']
        for user in (self.users['sale'], self.owner):
            with self.assertRaises(AccessError):
                note.with_user(user).with_context(tianchi_transfer=True).write({'user_id': self.users['sale'].id})
        self.assertEqual(note.user_id, self.owner)

    def test_head_cannot_transfer_outside_their_branch(self):
        note = self.note_of(self.users['finance'])
        with self.assertRaises(AccessError):
            self.env['tianchi.transfer'].with_user(self.users['department_head']).create({
                'res_model': 'tianchi.org.note', 'res_ids': note.ids,
                'user_id': self.owner.id}).action_transfer()
        self.assertEqual(note.user_id, self.users['finance'])

    def test_models_without_owner_are_refused(self):
        with self.assertRaises(UserError):
            self.env['tianchi.transfer'].with_user(self.users['hq_head']).create({
                'res_model': 'res.partner', 'res_ids': self.users['sale'].partner_id.ids,
                'user_id': self.owner.id}).action_transfer()

    def test_only_the_hq_head_gives_an_ownerless_record_an_owner(self):
        note = self.env['tianchi.org.note'].with_company(self.company).create({
            'name': '无人备忘', 'user_id': False, 'company_id': self.company.id, 'date': '2026-03-01'})
        for role in ('department_head', 'hq_head'):
            transfer = self.env['tianchi.transfer'].with_user(self.users[role]).create({
                'res_model': 'tianchi.org.note', 'res_ids': note.ids, 'user_id': self.users['sale'].id})
            if role == 'hq_head':
                transfer.action_transfer()
            else:
                with self.assertRaises(AccessError):
                    transfer.action_transfer()
        self.assertEqual(note.user_id, self.users['sale'])
