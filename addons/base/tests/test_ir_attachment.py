"""Attachments: sha1 filestore, content fields, mimetypes, access by linked record."""
import base64
import hashlib
import os

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

PNG = base64.b64decode(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==')


@tagged('at_install', '-post_install')
class TestAttachment(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Attachment = cls.env['ir.attachment']

    def test_filestore_path_is_sha1(self):
        content = '发票 2026-0001'.encode()
        att = self.Attachment.create({'name': 'invoice.txt', 'raw': content})
        sha = hashlib.sha1(content).hexdigest()
        self.assertEqual(att.checksum, sha)
        self.assertEqual(att.store_fname, f'{sha[:2]}/{sha}')
        self.assertEqual(att.file_size, len(content))
        path = att._full_path(att.store_fname)
        self.assertTrue(path.startswith(att._filestore()))
        self.assertTrue(att._filestore().endswith(os.path.join('filestore', self.env.cr.dbname)))
        with open(path, 'rb') as handle:
            self.assertEqual(handle.read(), content)
        self.assertFalse(att.db_datas)

    def test_raw_and_datas_agree(self):
        att = self.Attachment.create({'name': 'a.bin', 'datas': base64.b64encode(b'abc')})
        self.assertEqual(att.raw, b'abc')
        att.write({'raw': b'defg'})
        self.assertEqual(base64.b64decode(att.datas), b'defg')
        self.assertEqual(att.file_size, 4)

    def test_same_content_shares_file(self):
        first = self.Attachment.create({'name': 'one.txt', 'raw': b'same bytes'})
        second = self.Attachment.create({'name': 'two.txt', 'raw': b'same bytes'})
        self.assertEqual(first.store_fname, second.store_fname)
        first.unlink()
        self.assertEqual(second.raw, b'same bytes')

    def test_mimetype_guessed(self):
        by_name = self.Attachment.create({'name': 'report.pdf', 'raw': b'%PDF-1.4 ...'})
        self.assertEqual(by_name.mimetype, 'application/pdf')
        by_content = self.Attachment.create({'name': 'noextension', 'raw': PNG})
        self.assertEqual(by_content.mimetype, 'image/png')
        text = self.Attachment.create({'name': 'notes', 'raw': b'plain words here'})
        self.assertEqual(text.mimetype, 'text/plain')
        self.assertIn('plain words here', text.index_content)

    def test_database_storage(self):
        self.env['ir.config_parameter'].set_param('ir_attachment.location', 'db')
        att = self.Attachment.create({'name': 'in_db.txt', 'raw': b'kept in the database'})
        self.assertFalse(att.store_fname)
        self.assertEqual(att.raw, b'kept in the database')

    def test_bin_size_context(self):
        att = self.Attachment.create({'name': 'sized.txt', 'raw': b'12345'})
        att.invalidate_recordset()
        self.assertIn('5', str(att.with_context(bin_size=True).datas))

    def test_access_follows_linked_record(self):
        user = new_test_user(self.env, login='d2_att_user', groups='base.group_user')
        partner = self.env['res.partner'].create({'name': '客户甲'})
        att = self.Attachment.create({'name': 'contract.txt', 'raw': b'x', 'res_model': 'res.partner',
                                      'res_id': partner.id})
        # users read partners, so they read their attachments
        self.assertEqual(self.Attachment.with_user(user).search([('id', '=', att.id)]), att)
        att.with_user(user).check('read')
        # a record the user cannot read hides its attachments
        sequence = self.env['ir.config_parameter'].create({'key': 'd2.secret', 'value': 'v'})
        hidden = self.Attachment.create({'name': 'secret.txt', 'raw': b'y', 'res_model': 'ir.config_parameter',
                                         'res_id': sequence.id})
        self.assertFalse(self.Attachment.with_user(user).search([('id', '=', hidden.id)]))
        with self.assertRaises(AccessError):
            hidden.with_user(user).check('read')

    def test_field_attachments_hidden_from_searches(self):
        att = self.Attachment.create({'name': 'image_1920', 'raw': PNG, 'res_model': 'res.partner',
                                      'res_id': 1, 'res_field': 'image_1920'})
        self.assertFalse(self.Attachment.search([('name', '=', 'image_1920'), ('res_id', '=', 1)]))
        self.assertEqual(self.Attachment.search([('res_field', '=', 'image_1920'), ('res_id', '=', 1),
                                                 ('id', '=', att.id)]), att)

    def test_binary_field_stored_as_attachment(self):
        partner = self.env['res.partner'].create({'name': '带头像', 'image_1920': base64.b64encode(PNG)})
        stored = self.Attachment.search([('res_model', '=', 'res.partner'), ('res_id', '=', partner.id),
                                         ('res_field', '=', 'image_1920')])
        self.assertEqual(len(stored), 1)
        self.assertEqual(stored.mimetype, 'image/png')
