"""``avatar.mixin``: computed avatars that fall back to a coloured initial
(an SVG) or to a placeholder picture when a record has no image."""
from __future__ import annotations

from base64 import b64encode
from hashlib import sha512

from odoo import api, fields, models
from odoo.tools import file_open, html_escape

_PLACEHOLDER = "base/static/img/avatar_grey.png"


def get_hsl_from_seed(seed: str) -> str:
    """Derive a stable, readable background colour from ``seed``."""
    digest = sha512(seed.encode()).hexdigest()
    hue = int(digest[0:2], 16) * 360 / 255
    # saturation kept between 40% and 70%: colourful without glare
    saturation = int(digest[2:4], 16) * (30 / 255) + 40
    return f'hsl({hue:.0f}, {saturation:.0f}%, 45%)'


class AvatarMixin(models.AbstractModel):
    _name = 'avatar.mixin'
    _inherit = ['image.mixin']
    _description = "Avatar Mixin"
    _avatar_name_field = "name"

    avatar_1920 = fields.Image("Avatar", compute="_compute_avatar_1920")
    avatar_1024 = fields.Image("Avatar 1024", compute="_compute_avatar_1024")
    avatar_512 = fields.Image("Avatar 512", compute="_compute_avatar_512")
    avatar_256 = fields.Image("Avatar 256", compute="_compute_avatar_256")
    avatar_128 = fields.Image("Avatar 128", compute="_compute_avatar_128")

    def _compute_avatar(self, avatar_field, image_field):
        for record in self:
            picture = record[image_field]
            if not picture:
                named = record.id and record[record._avatar_name_field]
                # saved records with a name get their initial, others a placeholder
                picture = record._avatar_generate_svg() if named else b64encode(record._avatar_get_placeholder())
            record[avatar_field] = picture

    @api.depends(lambda self: [self._avatar_name_field, 'image_1920'])
    def _compute_avatar_1920(self):
        self._compute_avatar(avatar_field='avatar_1920', image_field='image_1920')

    @api.depends(lambda self: [self._avatar_name_field, 'image_1024'])
    def _compute_avatar_1024(self):
        self._compute_avatar(avatar_field='avatar_1024', image_field='image_1024')

    @api.depends(lambda self: [self._avatar_name_field, 'image_512'])
    def _compute_avatar_512(self):
        self._compute_avatar(avatar_field='avatar_512', image_field='image_512')

    @api.depends(lambda self: [self._avatar_name_field, 'image_256'])
    def _compute_avatar_256(self):
        self._compute_avatar(avatar_field='avatar_256', image_field='image_256')

    @api.depends(lambda self: [self._avatar_name_field, 'image_128'])
    def _compute_avatar_128(self):
        self._compute_avatar(avatar_field='avatar_128', image_field='image_128')

    def _avatar_generate_svg(self):
        name = self[self._avatar_name_field]
        initial = html_escape(name[0].upper())
        # the creation date salts the colour so namesakes look different
        stamp = str(self.create_date.timestamp()) if self.create_date else ""
        colour = get_hsl_from_seed(name + stamp)
        svg = (
            "<?xml version='1.0' encoding='UTF-8' ?>"
            "<svg height='180' width='180' xmlns='http://www.w3.org/2000/svg'>"
            f"<rect fill='{colour}' height='180' width='180'/>"
            "<text fill='#ffffff' font-size='96' text-anchor='middle' x='90' y='125' "
            f"font-family='sans-serif'>{initial}</text>"
            "</svg>"
        )
        return b64encode(svg.encode())

    def _avatar_get_placeholder_path(self):
        return _PLACEHOLDER

    def _avatar_get_placeholder(self):
        with file_open(self._avatar_get_placeholder_path(), 'rb') as placeholder:
            return placeholder.read()
