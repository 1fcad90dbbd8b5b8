"""Attachments (ir.attachment): files stored in the filestore (or in the
database), linked to a record and readable by whoever may read it.

Files live under ``<data_dir>/filestore/<db>/<sha1[:2]>/<sha1>``: identical
contents share one file. Binary fields declared with ``attachment=True``
are stored as attachments with ``res_field`` set; those stay hidden from
ordinary searches.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import mimetypes
import os
import re
import secrets
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import config

_logger = logging.getLogger(__name__)

# leading bytes of common formats: guessing from content beats trusting names
MAGIC_NUMBERS = [
    (b'%PDF-', 'application/pdf'),
    (b'\x89PNG\r\n\x1a\n', 'image/png'),
    (b'\xff\xd8\xff', 'image/jpeg'),
    (b'GIF87a', 'image/gif'),
    (b'GIF89a', 'image/gif'),
    (b'BM', 'image/bmp'),
    (b'RIFF', 'image/webp'),
    (b'PK\x03\x04', 'application/zip'),
    (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'application/msword'),
    (b'\x1f\x8b', 'application/gzip'),
]


def guess_mimetype(raw: bytes, default: str = 'application/octet-stream') -> str:
    """ The mimetype of ``raw`` by its content: magic numbers, then XML/SVG
    and plain text detection. """
    head = raw[:1024]
    for magic, mimetype in MAGIC_NUMBERS:
        if head.startswith(magic):
            if magic == b'RIFF' and head[8:12] != b'WEBP':
                continue
            return mimetype
    stripped = head.lstrip()
    if stripped.startswith(b'<'):
        if b'<svg' in head:
            return 'image/svg+xml'
        if stripped[:14].lower().startswith((b'<!doctype html', b'<html')):
            return 'text/html'
        if stripped.startswith(b'<?xml'):
            return 'text/xml'
    try:
        head.decode('utf-8')
    except UnicodeDecodeError:
        return default
    return 'text/plain' if head else default


class IrAttachment(models.Model):
    """ A file, possibly attached to a record (``res_model``, ``res_id``) or
    to a binary field of it (``res_field``). """
    _name = 'ir.attachment'
    _description = 'Attachment'
    _order = 'id desc'

    name = fields.Char('Name', required=True)
    description = fields.Text('Description')
    res_name = fields.Char('Resource Name', compute='_compute_res_name')
    res_model = fields.Char('Resource Model')
    res_field = fields.Char('Resource Field')
    res_id = fields.Many2oneReference('Resource ID', model_field='res_model')
    company_id = fields.Many2one('res.company', string='Company', change_default=True,
                                 default=lambda self: self.env.company)
    type = fields.Selection([('url', 'URL'), ('binary', 'File')], string='Type', required=True,
                            default='binary', change_default=True)
    url = fields.Char('Url', index='btree_not_null', size=1024)
    public = fields.Boolean('Is public document')
    access_token = fields.Char('Access Token', groups="base.group_user")
    raw = fields.Binary(string="File Content (raw)", compute='_compute_raw', inverse='_inverse_raw')
    datas = fields.Binary(string='File Content (base64)', compute='_compute_datas', inverse='_inverse_datas')
    db_datas = fields.Binary('Database Data', attachment=False)
    store_fname = fields.Char('Stored Filename', index=True)
    file_size = fields.Integer('File Size', readonly=True)
    checksum = fields.Char("Checksum/SHA1", size=40, readonly=True)
    mimetype = fields.Char('Mime Type', readonly=True)
    index_content = fields.Text('Indexed Content', readonly=True, prefetch=False)

    def _auto_init(self):
        res = super()._auto_init()
        self.env.cr.execute("""CREATE INDEX IF NOT EXISTS ir_attachment_res_idx
                               ON ir_attachment (res_model, res_id)""")
        return res

    @api.depends('res_model', 'res_id')
    def _compute_res_name(self):
        for att in self:
            linked = att.res_model in self.env and att.res_id and \
                self.env[att.res_model].browse(att.res_id).exists()
            att.res_name = linked.display_name if linked else False

    # ------------------------------------------------------------------
    # storage
    # ------------------------------------------------------------------

    @api.model
    def _storage(self) -> str:
        """ 'file' (the filestore, default) or 'db' (the db_datas column). """
        return self.env['ir.config_parameter'].sudo().get_param('ir_attachment.location', 'file')

    @api.model
    def _filestore(self) -> str:
        dbname = self.env.cr.dbname
        locate = getattr(config, 'filestore', None)
        if locate is not None:
            return locate(dbname)
        return os.path.join(config['data_dir'], 'filestore', dbname)

    @api.model
    def _full_path(self, path: str) -> str:
        """ Absolute path of a stored file name, refusing to leave the
        filestore whatever the name contains. """
        safe = re.sub(r'[.:]', '', path).strip('/\\')
        return os.path.join(self._filestore(), safe)

    @api.model
    def _get_path(self, bin_data: bytes, sha: str) -> tuple:
        """ ``(store_fname, full_path)`` of content with checksum ``sha``,
        creating its folder. """
        fname = f"{sha[:2]}/{sha}"
        full = self._full_path(fname)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return fname, full

    @api.model
    def _file_read(self, fname: str) -> bytes:
        if not fname:
            return b''
        try:
            with open(self._full_path(fname), 'rb') as handle:
                return handle.read()
        except OSError:
            _logger.info("Attachment file %s is missing from the filestore of %s", fname, self.env.cr.dbname)
            return b''

    @api.model
    def _file_write(self, bin_value: bytes, checksum: str) -> str:
        fname, full = self._get_path(bin_value, checksum)
        if not os.path.exists(full):
            # write then rename: a reader never sees half a file
            partial = f"{full}.{secrets.token_hex(4)}.tmp"
            with open(partial, 'wb') as handle:
                handle.write(bin_value)
            os.replace(partial, full)
            self._mark_for_gc(fname)
        return fname

    @api.model
    def _file_delete(self, fname: str) -> None:
        # other attachments may share the file: only the GC may remove it
        self._mark_for_gc(fname)

    def _mark_for_gc(self, fname: str) -> None:
        """ Note ``fname`` in the checklist the GC examines. """
        checklist = os.path.join(self._filestore(), 'checklist', fname)
        os.makedirs(os.path.dirname(checklist), exist_ok=True)
        open(checklist, 'ab').close()

    @api.autovacuum
    def _gc_file_store(self) -> None:
        """ Delete the checklisted files no attachment references any more.
        The table is locked so no transaction adds a reference meanwhile. """
        if self._storage() != 'file':
            return
        self.env.cr.commit()
        self.env.cr.execute("LOCK ir_attachment IN SHARE MODE")
        root = os.path.join(self._filestore(), 'checklist')
        listed = {}
        for folder, _dirs, names in os.walk(root):
            for name in names:
                fname = f"{os.path.basename(folder)}/{name}"
                listed[fname] = os.path.join(folder, name)
        if not listed:
            self.env.cr.commit()
            return
        self.env.cr.execute("SELECT store_fname FROM ir_attachment WHERE store_fname = ANY(%s)", [list(listed)])
        used = {row[0] for row in self.env.cr.fetchall()}
        removed = 0
        for fname, marker in listed.items():
            if fname not in used:
                try:
                    os.unlink(self._full_path(fname))
                    removed += 1
                except OSError:
                    pass
            try:
                os.unlink(marker)
            except OSError:
                pass
        self.env.cr.commit()
        _logger.info("filestore GC of %s: %d checked, %d removed", self.env.cr.dbname, len(listed), removed)

    # ------------------------------------------------------------------
    # content fields
    # ------------------------------------------------------------------

    @api.depends('store_fname', 'db_datas', 'file_size')
    @api.depends_context('bin_size')
    def _compute_datas(self):
        if self._context.get('bin_size'):
            for att in self:
                att.datas = f"{att.file_size} bytes" if att.file_size else False
            return
        for att in self:
            content = att.raw
            att.datas = base64.b64encode(content) if content else False

    @api.depends('store_fname', 'db_datas')
    def _compute_raw(self):
        for att in self:
            if att.store_fname:
                att.raw = self._file_read(att.store_fname)
            else:
                stored = att.db_datas
                att.raw = stored.encode() if isinstance(stored, str) else stored

    def _inverse_raw(self):
        self._set_attachment_data(lambda att: att.raw or b'')

    def _inverse_datas(self):
        self._set_attachment_data(lambda att: base64.b64decode(att.datas or b''))

    def _set_attachment_data(self, get_content) -> None:
        for att in self:
            content = get_content(att)
            values = self._get_datas_related_values(content, att.mimetype)
            previous = att.store_fname
            super(IrAttachment, att.sudo()).write(values)
            if previous:
                self._file_delete(previous)

    def _get_datas_related_values(self, data: bytes, mimetype) -> dict:
        """ Column values storing ``data``: file or db, size, checksum, index. """
        checksum = self._compute_checksum(data)
        values = {
            'file_size': len(data),
            'checksum': checksum,
            'index_content': self._index(data, mimetype, checksum=checksum),
            'store_fname': False,
            'db_datas': data,
        }
        if data and self._storage() != 'db':
            values['store_fname'] = self._file_write(data, checksum)
            values['db_datas'] = False
        return values

    def _compute_checksum(self, bin_data) -> str:
        return hashlib.sha1(bin_data or b'').hexdigest()

    def _compute_mimetype(self, values: dict) -> str:
        """ The mimetype of new content: given, else guessed from the name
        or url, else from the content itself. """
        given = values.get('mimetype')
        if given:
            return given.lower()
        for source in (values.get('name'), values.get('url')):
            if source:
                guessed = mimetypes.guess_type(source)[0]
                if guessed:
                    return guessed
        raw = values.get('raw')
        if not raw and values.get('datas'):
            try:
                raw = base64.b64decode(values['datas'])
            except (binascii.Error, TypeError, ValueError):
                raw = b''
        return guess_mimetype(raw) if raw else 'application/octet-stream'

    def _check_contents(self, values: dict) -> dict:
        """ Set the mimetype; users who may not write views cannot upload
        active content (HTML, SVG...): it is served as plain text. """
        mimetype = values['mimetype'] = self._compute_mimetype(values)
        active = 'ht' in mimetype or ('xml' in mimetype and 'openxmlformats' not in mimetype)
        if active and (self._context.get('attachments_mime_plainxml')
                       or not self.env['ir.ui.view'].sudo(False).has_access('write')):
            values['mimetype'] = 'text/plain'
        return values

    @api.model
    def _index(self, bin_data: bytes, file_type, checksum=None):
        """ Searchable text of text files: their runs of printable ASCII. """
        if not file_type:
            return False
        family = file_type.split('/')[0]
        if family != 'text':
            return family
        return "\n".join(chunk.decode('ascii') for chunk in re.findall(rb"[\x20-\x7E]{4,}", bin_data or b''))

    @api.model
    def get_serving_groups(self) -> list:
        return ['base.group_system']

    # ------------------------------------------------------------------
    # access
    # ------------------------------------------------------------------

    def check(self, mode: str, values=None) -> None:
        """ Access to attachments follows the record they are linked to
        (write access to it for create/unlink); unlinked ones belong to
        their creator. Raise AccessError naming the user otherwise. """
        if self.env.su:
            return
        user = self.env.user

        def refuse():
            raise AccessError(_("Sorry, %(user)s is not allowed to %(mode)s this document.",
                                user=user.sudo().name, mode=mode))

        if not (self.env.is_admin() or user._is_internal()):
            refuse()
        linked = defaultdict(set)
        if self:
            self.flush_model(['res_model', 'res_id', 'create_uid', 'public', 'res_field'])
            self.env.cr.execute("""SELECT res_model, res_id, create_uid, public, res_field
                                     FROM ir_attachment WHERE id = ANY(%s)""", [list(self.ids)])
            for res_model, res_id, creator, public, res_field in self.env.cr.fetchall():
                if public and mode == 'read':
                    continue
                if not self.env.is_system():
                    if not res_id and creator != self.env.uid:
                        refuse()
                    if res_field and res_model in self.env:
                        field = self.env[res_model]._fields.get(res_field)
                        if field is not None and field.groups and not user.has_groups(field.groups):
                            refuse()
                if res_model and res_id:
                    linked[res_model].add(res_id)
        if values and values.get('res_model') and values.get('res_id'):
            linked[values['res_model']].add(values['res_id'])
        needed = 'write' if mode in ('create', 'unlink') else mode
        for res_model, res_ids in linked.items():
            if res_model not in self.env:
                continue  # the linked model was uninstalled
            if res_model == 'res.users' and res_ids == {self.env.uid}:
                continue  # users may attach files to themselves
            self.env[res_model].browse(res_ids).exists().check_access(needed)

    def read(self, fields=None, load='_classic_read'):
        self.check('read')
        return super().read(fields, load=load)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """ Hide field attachments unless asked for (``res_field`` or ``id``
        in the domain), and attachments of records the user cannot read. """
        named = {item[0] for item in domain if isinstance(item, (list, tuple))}
        hide_fields = not self._context.get('skip_res_field_check') and not named & {'id', 'res_field'}
        if hide_fields:
            domain = [('res_field', '=', False)] + list(domain)
        if self.env.su:
            return super()._search(domain, offset, limit, order)
        found = super()._search(domain, offset, limit, order)
        ids = list(found)
        if not ids:
            return found
        system = self.env.is_system()
        self.flush_model(['res_model', 'res_id', 'public', 'create_uid'])
        self.env.cr.execute("""SELECT id, res_model, res_id, public, create_uid
                                 FROM ir_attachment WHERE id = ANY(%s)""", [ids])
        rows = self.env.cr.fetchall()
        allowed = set()
        by_record = defaultdict(lambda: defaultdict(set))
        for att_id, res_model, res_id, public, creator in rows:
            if public:
                allowed.add(att_id)
            elif not res_id:
                if system or creator == self.env.uid:
                    allowed.add(att_id)
            elif res_model:
                by_record[res_model][res_id].add(att_id)
        for res_model, targets in by_record.items():
            if res_model not in self.env:
                allowed.update(i for group in targets.values() for i in group)
                continue
            Target = self.env[res_model].with_context(active_test=False)
            if not Target.has_access('read'):
                continue
            for visible_id in Target.search([('id', 'in', list(targets))]).ids:
                allowed.update(targets[visible_id])
        kept = [i for i in ids if i in allowed]
        if len(kept) == len(ids):
            return found
        return super()._search([('id', 'in', kept)], order=order)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        prepared = []
        for values in vals_list:
            values = dict(values)
            for computed in ('file_size', 'checksum', 'store_fname'):
                values.pop(computed, None)
            if 'raw' in values or 'datas' in values:
                values = self._check_contents(values)
                content = values.pop('raw', None)
                encoded = values.pop('datas', None)
                if content is None:
                    try:
                        content = base64.b64decode(encoded or b'')
                    except (binascii.Error, TypeError, ValueError) as e:
                        raise ValidationError(_("Attachment %(name)s: its datas are not valid base64 (%(error)s).",
                                                name=values.get('name'), error=e)) from e
                elif isinstance(content, str):
                    content = content.encode()
                values.update(self._get_datas_related_values(content, values['mimetype']))
            elif 'mimetype' not in values and values.get('type', 'binary') == 'binary':
                values['mimetype'] = self._compute_mimetype(values)
            self.browse().check('create', values=values)
            prepared.append(values)
        return super().create(prepared)

    def write(self, vals):
        self.check('write', values=vals)
        vals = dict(vals)
        for computed in ('file_size', 'checksum', 'store_fname'):
            vals.pop(computed, None)
        if 'mimetype' in vals or 'datas' in vals or 'raw' in vals:
            vals = self._check_contents(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for att, values in zip(self, vals_list):
            if 'datas' not in default and 'raw' not in default:
                values['raw'] = att.raw
        return vals_list

    def unlink(self):
        if not self:
            return True
        self.check('unlink')
        stored = {att.store_fname for att in self if att.store_fname}
        result = super().unlink()
        for fname in stored:
            self._file_delete(fname)
        return result

    def generate_access_token(self) -> list:
        tokens = []
        for att in self:
            if not att.access_token:
                att.write({'access_token': secrets.token_urlsafe(24)})
            tokens.append(att.access_token)
        return tokens

    @api.model
    def action_get(self):
        return self.env['ir.actions.act_window']._for_xml_id('base.action_attachment')
