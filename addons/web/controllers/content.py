"""``/web/content/<id>``: the file of an attachment, read through the ORM as
the user of the request (so the attachment's access rules apply), shown
inline or, with ``download=true``, saved under its name. As in Odoo, a file
one may not read is simply not found."""
from __future__ import annotations

from urllib.parse import quote

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from werkzeug.exceptions import NotFound

# served as files, never rendered by the browser as pages of this site
ACTIVE_TYPES = ('text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml',
                'application/javascript', 'text/javascript')


class WebContent(http.Controller):

    @http.route(['/web/content/<int:id>', '/web/content/<int:id>/<string:filename>'],
                type='http', auth='public', methods=['GET'])
    def content_attachment(self, id: int, filename: str = '', download: str = '', **kw):
        try:
            attachment = request.env['ir.attachment'].browse(id).exists()
            if not attachment:
                raise NotFound()
            raw = attachment.raw or b''
            mimetype = attachment.mimetype or 'application/octet-stream'
            name = filename or attachment.name or f'attachment-{id}'
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        as_file = download.lower() in ('1', 'true') or mimetype in ACTIVE_TYPES
        if mimetype in ACTIVE_TYPES:
            mimetype = 'application/octet-stream'
        disposition = 'attachment' if as_file else 'inline'
        return request.make_response(raw, [
            ('Content-Type', mimetype),
            ('Content-Disposition', f"{disposition}; filename*=UTF-8''{quote(name)}"),
            ('Cache-Control', 'private, max-age=0'),
            ('X-Content-Type-Options', 'nosniff'),
        ])
