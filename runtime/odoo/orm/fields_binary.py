"""Binary field types: ``Binary`` (base64 values; ``attachment=True``, the
default, stores them in ``ir.attachment`` through hooks of ``base``) and ``Image``."""
from __future__ import annotations

import base64
from typing import Any

from .fields import Field


class Binary(Field):
    """Binary data, read and written as base64 ``bytes``."""

    type = 'binary'
    prefetch = False
    attachment = True

    @property
    def column_type(self):  # type: ignore[override]
        # attachment-stored values have no column in the model's table
        if self.attachment:
            return None
        return ('bytea', 'bytea')

    def _get_attrs(self, model_class, name: str) -> dict:
        result = super()._get_attrs(model_class, name)
        if not result.get('store', True):
            # a non-stored binary lives in the cache only
            result['attachment'] = False
        return result

    def convert_to_column(self, value: Any, record, values=None, validate: bool = True) -> Any:
        if not value:
            return None
        import psycopg2
        if isinstance(value, str):
            value = value.encode('ascii')
        return psycopg2.Binary(value)

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        if isinstance(value, memoryview):
            return bytes(value)
        if isinstance(value, str):
            return value.encode('ascii')
        if isinstance(value, int) and (record.env.context.get('bin_size') or record.env.context.get('bin_size_' + self.name)):
            return f"{value} bytes".encode()
        return value or None

    def convert_to_read(self, value: Any, record, use_display_name: bool = True) -> Any:
        if value is None:
            return False
        return value.decode('ascii', errors='replace') if isinstance(value, bytes) else value

    def convert_to_export(self, value: Any, record) -> Any:
        return value.decode() if isinstance(value, bytes) else (value or '')

    def _extra_description(self, env) -> dict:
        return {'attachment': self.attachment}

    def write(self, records, value) -> None:
        # attachment-stored binaries go to ``ir.attachment`` right away
        if not (self.attachment and self.store):
            super().write(records, value)
            return
        env = records.env
        env.remove_to_compute(self, records)
        new_value = self.convert_to_cache(value, records)
        field_cache = env.cache._field_values(records, self)
        missing = object()
        changed = [rid for rid in records._ids if field_cache.get(rid, missing) != new_value]
        if not changed:
            return
        # records known to have no attachment need no lookup when the value is emptied
        known_empty = all(field_cache.get(rid, ...) is None for rid in changed)
        real = records.browse([rid for rid in changed if isinstance(rid, int)])
        if real and (new_value or not known_empty):
            self.write_attachments(real, new_value, known_empty)
        field_cache.update(dict.fromkeys(changed, new_value))

    # attachment storage: ``base`` provides ``ir.attachment``; without it
    # (bare test registries) the value only lives in the cache
    def read_attachments(self, records) -> dict:
        if 'ir.attachment' not in records.env:
            return {}
        atts = records.env['ir.attachment'].sudo().search([
            ('res_model', '=', records._name), ('res_field', '=', self.name),
            ('res_id', 'in', [id_ for id_ in records._ids if isinstance(id_, int)])])
        return {att.res_id: att.datas for att in atts}

    def write_attachments(self, records, value: Any, known_empty: bool = False) -> None:
        if 'ir.attachment' not in records.env:
            return
        Attachment = records.env['ir.attachment'].sudo().with_context(
            {key: val for key, val in records.env.context.items() if not key.startswith('default_')})
        atts = Attachment.browse() if known_empty else Attachment.search([
            ('res_model', '=', records._name), ('res_field', '=', self.name), ('res_id', 'in', list(records._ids))])
        if value:
            existing = {att.res_id: att for att in atts}
            to_create = []
            for id_ in records._ids:
                if id_ in existing:
                    existing[id_].write({'datas': value})
                else:
                    to_create.append({'name': self.name, 'res_name': False, 'res_model': records._name,
                                      'res_field': self.name, 'res_id': id_, 'type': 'binary', 'datas': value})
            if to_create:
                Attachment.create(to_create)
        else:
            atts.unlink()


class Image(Binary):
    """An image; ``max_width``/``max_height`` resize it when written."""

    type = 'binary'
    _type_variant = True
    max_width = 0
    max_height = 0
    verify_resolution = True

    def _image_process(self, value: Any) -> Any:
        if not value or not (self.max_width or self.max_height):
            return value
        try:
            import io

            from PIL import Image as PILImage
            raw = base64.b64decode(value)
            if raw[:1] == b'<':
                # SVG (e.g. the generated initial avatars of users): kept as is, as Odoo does
                return value
            image = PILImage.open(io.BytesIO(raw))
            if image.width <= (self.max_width or image.width) and image.height <= (self.max_height or image.height):
                return value
            image.thumbnail((self.max_width or image.width, self.max_height or image.height))
            resized = io.BytesIO()
            image.save(resized, format=image.format or 'PNG')
            return base64.b64encode(resized.getbuffer())
        except Exception as exc:  # noqa: BLE001 - report any undecodable image as a user error
            from ..exceptions import UserError
            raise UserError(f"This file could not be decoded as an image file ({self}): {exc}") from None

    def convert_to_cache(self, value: Any, record, validate: bool = True) -> Any:
        value = super().convert_to_cache(value, record, validate)
        if validate and value and not (isinstance(value, bytes) and value.endswith(b' bytes')):
            value = self._image_process(value)
        return value

