"""Image helpers of ``odoo.tools.image``: resize, crop, re-encode (Pillow).

Sources are raw bytes (not base64). SVG and WebP sources are passed through
untouched, as Odoo does; undecodable data raises a UserError.
"""
from __future__ import annotations

import base64
import binascii
import io
from typing import Any

from PIL import Image, ImageOps

from ..exceptions import UserError

# Above this many pixels an image is refused when the resolution is verified (Odoo's limit).
IMAGE_MAX_RESOLUTION = 50e6
FILETYPE_BASE64_MAGICWORD = {
    b'/': 'jpg', b'R': 'gif', b'i': 'png', b'P': 'svg+xml', b'U': 'webp',
}
_OUTPUT_FORMATS = ('PNG', 'JPEG', 'GIF', 'ICO')


def _is_passthrough(source: bytes) -> bool:
    return source[:1] == b'<' or (source[:4] == b'RIFF' and source[8:15] == b'WEBPVP8')


def image_fix_orientation(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation to the pixels (and drop it)."""
    try:
        return ImageOps.exif_transpose(image)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
        return image


def binary_to_image(source: bytes) -> Image.Image:
    """A Pillow image from raw bytes; UserError when it is not an image."""
    try:
        return Image.open(io.BytesIO(source))
    except (OSError, binascii.Error):
        raise UserError("This file could not be decoded as an image file.") from None


def base64_to_image(base64_source: str | bytes) -> Image.Image:
    """A Pillow image from base64 data."""
    if isinstance(base64_source, str):
        base64_source = base64_source.encode('ascii')
    try:
        return binary_to_image(base64.b64decode(base64_source))
    except binascii.Error:
        raise UserError("This file could not be decoded as an image file.") from None


def image_apply_opt(image: Image.Image, output_format: str, **params: Any) -> bytes:
    """Encode ``image`` in ``output_format`` (JPEG drops the alpha channel)."""
    output_format = output_format.upper()
    if output_format == 'JPEG' and image.mode not in ('1', 'L', 'RGB'):
        image = image.convert('RGB')
    stream = io.BytesIO()
    image.save(stream, format=output_format, **params)
    return stream.getvalue()


def image_to_base64(image: Image.Image, output_format: str, **params: Any) -> bytes:
    return base64.b64encode(image_apply_opt(image, output_format, **params))


def image_process(source: bytes, size: tuple[int, int] = (0, 0), verify_resolution: bool = False,
                  quality: int = 0, expand: bool = False, crop: str | bool | None = None,
                  colorize: Any = False, output_format: str = '', padding: Any = False) -> bytes:
    """``source`` resized to fit ``size`` (0 = free), optionally cropped ('center',
    'top', 'bottom') to exactly that size, and re-encoded in ``output_format``
    (default: its own format; BMP becomes PNG, others JPEG)."""
    nothing_to_do = not (size and (size[0] or size[1])) and not (verify_resolution or quality or crop
                                                                  or colorize or output_format or padding)
    if not source or nothing_to_do or _is_passthrough(source):
        return source
    image = binary_to_image(source)
    original_format = (image.format or '').upper()
    image = image_fix_orientation(image)
    if verify_resolution and image.width * image.height > IMAGE_MAX_RESOLUTION:
        raise UserError(f"Too large image (above {IMAGE_MAX_RESOLUTION / 1e6}Mpx), reduce the image size.")
    changed = False
    width, height = size if size else (0, 0)
    if width or height:
        target = (width or image.width, height or image.height)
        if crop:
            centering = {'top': (0.5, 0.0), 'bottom': (0.5, 1.0)}.get(crop, (0.5, 0.5))
            if image.size != target:
                image = ImageOps.fit(image, target, Image.LANCZOS, centering=centering)
                changed = True
        elif image.width > target[0] or image.height > target[1] or expand:
            if expand:
                ratio = min(target[0] / image.width, target[1] / image.height)
                image = image.resize((max(1, round(image.width * ratio)), max(1, round(image.height * ratio))),
                                     Image.LANCZOS)
            else:
                image.thumbnail(target, Image.LANCZOS)
            changed = True
    if padding:
        image = ImageOps.expand(image, border=int(padding), fill=(0, 0, 0, 0) if image.mode == 'RGBA' else 0)
        changed = True
    output_format = (output_format or original_format).upper()
    if output_format == 'BMP':
        output_format = 'PNG'
    elif output_format not in _OUTPUT_FORMATS:
        output_format = 'JPEG'
    if not changed and not quality and output_format == original_format:
        return source
    params: dict[str, Any] = {}
    if output_format == 'JPEG':
        params['quality'] = quality or 95
    elif output_format == 'PNG':
        params['optimize'] = True
    return image_apply_opt(image, output_format, **params)


def image_data_uri(base64_source: bytes) -> str:
    """A ``data:image/...;base64,`` URI, the type guessed from the first base64 character."""
    kind = FILETYPE_BASE64_MAGICWORD.get(base64_source[:1], 'png')
    return f"data:image/{kind};base64,{base64_source.decode()}"


def image_guess_size_from_field_name(field_name: str) -> tuple[int, int]:
    """``image_128`` -> (128, 128); ``image`` -> (1024, 1024); others (0, 0)."""
    if field_name == 'image':
        return (1024, 1024)
    suffix = field_name.rsplit('_', 1)[-1]
    if field_name.startswith(('image_', 'avatar_')) and suffix.isdigit():
        return (int(suffix), int(suffix))
    return (0, 0)


def is_image_size_above(base64_source_1: str | bytes | None, base64_source_2: str | bytes | None) -> bool:
    """Whether the first image (base64) is wider or taller than the second; False when
    either is missing or is an SVG, whose size means nothing in pixels."""
    if not base64_source_1 or not base64_source_2:
        return False
    sources = [s.encode('ascii') if isinstance(s, str) else s for s in (base64_source_1, base64_source_2)]
    if any(s[:1] == b'P' for s in sources):  # base64 of '<' opens an SVG
        return False
    first, second = (base64_to_image(s) for s in sources)
    return first.width > second.width or first.height > second.height
