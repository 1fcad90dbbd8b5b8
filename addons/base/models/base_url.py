"""``get_base_url`` on every model: the root URL links to a record start
from (``web.base.url``; models served from another host override it)."""
from __future__ import annotations

from odoo import models


class BaseUrl(models.AbstractModel):
    _inherit = 'base'

    def get_base_url(self):
        if len(self) > 1:
            raise ValueError(f"Expected singleton or no record: {self}")
        return self.env['ir.config_parameter'].sudo().get_param('web.base.url')
