"""``mail.thread.main.attachment``: threads remembering their main attached
document (the first PDF, else the first file posted)."""
from __future__ import annotations

from odoo import fields, models


class MailThreadMainAttachment(models.AbstractModel):
    _name = 'mail.thread.main.attachment'
    _inherit = 'mail.thread'
    _description = 'Mail Main Attachment management'

    message_main_attachment_id = fields.Many2one(string='Main Attachment', comodel_name='ir.attachment',
                                                 copy=False, index='btree_not_null')

    def _message_post_after_hook(self, message, msg_values):
        self._message_set_main_attachment_id(message.attachment_ids)
        return super()._message_post_after_hook(message, msg_values)

    def _message_set_main_attachment_id(self, attachments, force=False, filter_xml=True):
        """Pick the main attachment among ``attachments`` when none is set:
        a PDF first, then an image, then any file (XML files excepted)."""
        if not attachments or (self.message_main_attachment_id and not force):
            return
        candidates = attachments.filtered(lambda a: not (filter_xml and (a.mimetype or '').endswith('xml')))
        if not candidates:
            return
        ranked = sorted(candidates, key=lambda a: (
            0 if (a.mimetype or '').endswith('pdf') else 1 if (a.mimetype or '').startswith('image') else 2, a.id))
        self.with_context(tracking_disable=True).sudo().write({'message_main_attachment_id': ranked[0].id})
