"""Tests of odoo.tools.image."""
from __future__ import annotations

import io

import pytest
from odoo.exceptions import UserError
from odoo.tools.image import image_guess_size_from_field_name, image_process
from PIL import Image


def png(width, height, mode='RGB'):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), 'red').save(buffer, 'PNG')
    return buffer.getvalue()


def size_of(data):
    return Image.open(io.BytesIO(data)).size


def test_resize_keeps_ratio_and_crop_fills():
    source = png(400, 200)
    assert size_of(image_process(source, size=(100, 100))) == (100, 50)
    assert size_of(image_process(source, size=(100, 100), crop='center')) == (100, 100)
    assert size_of(image_process(png(50, 20), size=(100, 100), expand=True)) == (100, 40)


def test_untouched_when_nothing_to_do():
    source = png(40, 40)
    assert image_process(source) is source
    assert image_process(source, size=(100, 100)) is source
    assert image_process(b'<svg/>', size=(10, 10)) == b'<svg/>'


def test_format_conversion():
    jpeg = image_process(png(10, 10, 'RGBA'), output_format='jpeg')
    assert Image.open(io.BytesIO(jpeg)).format == 'JPEG'


def test_not_an_image():
    with pytest.raises(UserError, match='could not be decoded as an image'):
        image_process(b'not an image', size=(10, 10))


def test_guess_size():
    assert image_guess_size_from_field_name('image_128') == (128, 128)
    assert image_guess_size_from_field_name('image') == (1024, 1024)
    assert image_guess_size_from_field_name('name') == (0, 0)
