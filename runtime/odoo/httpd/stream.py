"""``Stream``: a file to send back — bytes in memory, a file on disk or a
redirection — with the caching headers Odoo gives them (ETag, max-age,
``immutable`` for URLs that change with the content) and a strict
Content-Security-Policy (a served file must never run scripts)."""
from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import os
from datetime import UTC, datetime
from typing import Any

import werkzeug.utils

from .local import request
from .request import STATIC_CACHE, STATIC_CACHE_LONG
from .response import Response

_SIGNATURES = (
    (b'\x89PNG\r\n\x1a\n', 'image/png'),
    (b'\xff\xd8\xff', 'image/jpeg'),
    (b'GIF8', 'image/gif'),
    (b'%PDF-', 'application/pdf'),
    (b'PK\x03\x04', 'application/zip'),
)


def sniff_mimetype(data: bytes) -> str:
    """The type of ``data`` from its first bytes (images, PDF, zip, SVG, text)."""
    for signature, mimetype in _SIGNATURES:
        if data.startswith(signature):
            return mimetype
    if data[:4] == b'RIFF' and data[8:12] == b'WEBP':
        return 'image/webp'
    head = data[:512].lstrip().lower()
    if head.startswith(b'<svg') or (head.startswith(b'<?xml') and b'<svg' in head):
        return 'image/svg+xml'
    try:
        data[:1024].decode('utf-8')
    except UnicodeDecodeError:
        return 'application/octet-stream'
    return 'text/plain' if data else 'application/octet-stream'


class Stream:
    """What to send and how; build it with ``from_path`` or
    ``from_binary_field``, answer with ``get_response()``."""

    type: str = ''  # 'data', 'path' or 'url'
    data: bytes | None = None
    path: str | None = None
    url: str | None = None
    mimetype: str | None = None
    as_attachment: bool = False
    download_name: str | None = None
    conditional: bool = True
    etag: bool | str = True
    last_modified: datetime | float | None = None
    max_age: int | None = None
    immutable: bool = False
    size: int | None = None
    public: bool = False

    def __init__(self, **kwargs: Any) -> None:
        for key, value in kwargs.items():
            if not hasattr(type(self), key):
                raise TypeError(f"Stream has no attribute {key!r}")
            setattr(self, key, value)

    @classmethod
    def from_path(cls, path: str, filter_ext: tuple[str, ...] = ('',), public: bool = False) -> Stream:
        """The file at ``path`` (absolute, or ``module/path`` inside an addon)."""
        from ..tools.misc import file_path
        full = file_path(path, filter_ext=filter_ext) if not os.path.isabs(path) else path
        if not os.path.isfile(full):
            raise FileNotFoundError(f"no file {path!r} to stream")
        info = os.stat(full)
        return cls(
            type='path', path=full, mimetype=mimetypes.guess_type(full)[0] or 'application/octet-stream',
            download_name=os.path.basename(full), etag=f"{int(info.st_mtime)}-{info.st_size}",
            last_modified=info.st_mtime, size=info.st_size, public=public,
        )

    @classmethod
    def from_binary_field(cls, record: Any, field_name: str) -> Stream:
        """The content of binary field ``field_name`` of ``record`` (one record)."""
        record.ensure_one()
        value = record[field_name] or b''
        data = base64.b64decode(value) if value else b''
        return cls(
            type='data', data=data, mimetype=sniff_mimetype(data),
            download_name=f"{record._name}-{record.id}-{field_name}", etag=hashlib.sha1(data).hexdigest(),
            last_modified=record.write_date if 'write_date' in record._fields else None, size=len(data),
        )

    def read(self) -> bytes:
        """The whole content, in memory."""
        if self.type == 'data':
            return self.data or b''
        if self.type == 'path':
            with open(self.path, 'rb') as file:
                return file.read()
        raise ValueError(f"a {self.type!r} stream has no content to read")

    def get_response(self, as_attachment: bool | None = None, immutable: bool | None = None,
                     content_security_policy: str | None = "default-src 'none'", **send_file_kwargs: Any) -> Any:
        """The HTTP response sending this stream (a redirection for ``url`` streams)."""
        if self.type == 'url':
            return request.redirect(self.url, code=302, local=False)
        forever = self.immutable if immutable is None else immutable
        last_modified = self.last_modified
        if isinstance(last_modified, datetime) and last_modified.tzinfo is None:
            last_modified = last_modified.replace(tzinfo=UTC)
        options = {
            'mimetype': self.mimetype,
            'as_attachment': self.as_attachment if as_attachment is None else as_attachment,
            'download_name': self.download_name,
            'conditional': self.conditional,
            'etag': self.etag,
            'last_modified': last_modified,
            'max_age': STATIC_CACHE_LONG if forever else (self.max_age if self.max_age is not None else STATIC_CACHE),
            'environ': request.httprequest.environ,
            'response_class': Response,
            **send_file_kwargs,
        }
        source = io.BytesIO(self.data or b'') if self.type == 'data' else self.path
        response = werkzeug.utils.send_file(source, **options)
        if content_security_policy:
            response.headers['Content-Security-Policy'] = content_security_policy
        if forever:
            response.cache_control.immutable = True
        if not self.public:
            response.cache_control.private = True
        return response
