"""The visibility matrix of the owner mixin: every role by read / write /
create / delete / transfer, on the user's own memo and on the memo of a
person two levels below the department head, run as the real users;
each cell is either allowed or an AccessError."""
from odoo.exceptions import AccessError

from .common import HEADS, ROLE_GROUPS, TianchiOrgCase

ALLOWED = {
    # operation on the role's own memo: who may
    ('read', 'own'): set(ROLE_GROUPS),
    ('write', 'own'): set(ROLE_GROUPS),
    ('create', 'own'): set(ROLE_GROUPS),
    ('delete', 'own'): {'hq_head'},
    ('transfer', 'own'): HEADS,
    # operation on the memo of the owner in 华南大区, under 销售中心
    ('read', 'other'): HEADS,
    ('write', 'other'): HEADS,
    ('create', 'other'): HEADS,
    ('delete', 'other'): {'hq_head'},
    ('transfer', 'other'): HEADS,
}


class TestOwnerMatrix(TianchiOrgCase):

    def _run(self, operation, user, target):
        Note = self.env['tianchi.org.note'].with_user(user).with_company(self.company)
        owner = user if target == 'own' else self.owner
        if operation == 'create':
            note = Note.create({'name': '新备忘', 'user_id': owner.id, 'date': '2026-03-02',
                                'company_id': self.company.id})
            note.read(['name'])
            return
        note = self.note_of(owner).with_user(user)
        if operation == 'read':
            note.read(['name', 'user_id'])
            self.assertEqual(Note.search([('id', '=', note.id)]), note)
        elif operation == 'write':
            note.write({'name': '已修改'})
        elif operation == 'delete':
            note.unlink()
        elif operation == 'transfer':
            self.env['tianchi.transfer'].with_user(user).create({
                'res_model': 'tianchi.org.note', 'res_ids': note.ids,
                'user_id': self.users['tech'].id}).action_transfer()
            self.assertEqual(note.sudo().user_id, self.users['tech'])

    def test_matrix(self):
        self.assert_visibility_matrix(ALLOWED, self._run)

    def test_hidden_memo_is_not_listed(self):
        note = self.note_of(self.owner)
        for role in set(ROLE_GROUPS) - HEADS:
            found = self.env['tianchi.org.note'].with_user(self.users[role]).search([('id', '=', note.id)])
            self.assertFalse(found, role)

    def test_head_of_another_branch_sees_nothing(self):
        note = self.note_of(self.owner)
        with self.assertRaises(AccessError):
            note.with_user(self.tech_head).read(['name'])
        self.assertIn(self.users['tech'], self.tech_head.tianchi_managed_user_ids)
        self.note_of(self.users['tech']).with_user(self.tech_head).write({'name': '技术部备忘'})

    def test_collaborator_sees_and_edits(self):
        note = self.note_of(self.owner)
        note.collaborator_ids = self.users['project_manager']
        note.with_user(self.users['project_manager']).write({'name': '协作修改'})
        with self.assertRaises(AccessError):
            note.with_user(self.users['project_manager']).unlink()

    def test_owner_cannot_give_away_by_writing(self):
        note = self.note_of(self.users['sale'])
        with self.assertRaises(AccessError):
            note.with_user(self.users['sale']).write({'user_id': self.users['tech'].id})

    def test_hq_head_deletes_in_bulk(self):
        notes = self.note_of(self.owner) | self.note_of(self.users['tech']) | self.note_of(self.users['sale'])
        Note = self.env['tianchi.org.note'].with_user(self.users['hq_head'])
        Note.search([('id', 'in', notes.ids)]).unlink()
        self.assertFalse(notes.exists())

    def test_new_head_sees_at_once(self):
        note = self.note_of(self.owner)
        with self.assertRaises(AccessError):
            note.with_user(self.users['finance']).read(['name'])
        self.dep_south.head_ids = self.employees['finance']
        note.with_user(self.users['finance']).read(['name'])

    def test_other_company_is_invisible_to_its_hq_head(self):
        other = self.env['res.company'].create({'name': '别家公司'})
        note = self.env['tianchi.org.note'].create({'name': '别家备忘', 'user_id': self.env.user.id,
                                                    'company_id': other.id})
        found = self.env['tianchi.org.note'].with_user(self.users['hq_head']).search([('id', '=', note.id)])
        self.assertFalse(found)
