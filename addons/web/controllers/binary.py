"""``/web/image/<model>/<id>/<field>``: the image of a record's binary field
(avatars and pictures of kanban cards), read through the ORM so access
rights and record rules apply; a missing image answers the placeholder."""
from __future__ import annotations

import base64
import binascii
import hashlib

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

PLACEHOLDER = '/web/static/img/placeholder.svg'
SIGNATURES = ((b'\x89PNG', 'image/png'), (b'\xff\xd8\xff', 'image/jpeg'), (b'GIF8', 'image/gif'),
              (b'RIFF', 'image/webp'), (b'<svg', 'image/svg+xml'), (b'<?xml', 'image/svg+xml'))


def image_type(data: bytes) -> str | None:
    head = data[:256].lstrip()
    for signature, mimetype in SIGNATURES:
        if head.startswith(signature):
            return mimetype
    return None


class WebImage(http.Controller):

    @http.route(['/web/image/<string:model>/<int:id>/<string:field>',
                 '/web/image/<string:model>/<int:id>/<string:field>/<int:width>x<int:height>'],
                type='http', auth='user', methods=['GET'])
    def content_image(self, model: str, id: int, field: str, width: int = 0, height: int = 0, **kw):
        env = request.env
        if model not in env or field not in env[model]._fields or env[model]._fields[field].type != 'binary':
            return request.redirect(PLACEHOLDER)
        try:
            record = env[model].browse(id).exists()
            raw = record[field] if record else False
        except (AccessError, MissingError):
            raw = False
        if not raw:
            return request.redirect(PLACEHOLDER)
        try:
            data = base64.b64decode(raw if isinstance(raw, (bytes, str)) else b'')
        except (binascii.Error, ValueError):
            return request.redirect(PLACEHOLDER)
        mimetype = image_type(data)
        if mimetype is None:
            return request.redirect(PLACEHOLDER)
        etag = hashlib.sha1(data).hexdigest()
        if request.httprequest.headers.get('If-None-Match') == etag:
            return request.make_response(b'', status=304, headers=[('ETag', etag)])
        return request.make_response(data, [
            ('Content-Type', mimetype), ('Cache-Control', 'private, max-age=600'), ('ETag', etag),
            # an uploaded SVG may hold scripts: never let it run as a page
            ('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox"),
            ('X-Content-Type-Options', 'nosniff'),
        ])
