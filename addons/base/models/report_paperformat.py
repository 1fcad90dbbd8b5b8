"""Paper formats (report.paperformat) used when reports are printed:
page size, orientation, margins and header spacing.
"""
from __future__ import annotations

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# key, label, width (mm), height (mm)
PAPER_SIZES = [
    ('A0', 'A0  5   841 x 1189 mm', 841.0, 1189.0),
    ('A1', 'A1  6   594 x 841 mm', 594.0, 841.0),
    ('A2', 'A2  7   420 x 594 mm', 420.0, 594.0),
    ('A3', 'A3  8   297 x 420 mm', 297.0, 420.0),
    ('A4', 'A4  0   210 x 297 mm, 8.26 x 11.69 inches', 210.0, 297.0),
    ('A5', 'A5  9   148 x 210 mm', 148.0, 210.0),
    ('A6', 'A6  10  105 x 148 mm', 105.0, 148.0),
    ('B4', 'B4  1   250 x 353 mm', 250.0, 353.0),
    ('B5', 'B5  1   176 x 250 mm, 6.93 x 9.84 inches', 176.0, 250.0),
    ('Legal', 'Legal  3   8.5 x 14 inches, 215.9 x 355.6 mm', 215.9, 355.6),
    ('Letter', 'Letter 2  8.5 x 11 inches, 215.9 x 279.4 mm', 215.9, 279.4),
    ('custom', 'Custom', None, None),
]


class ReportPaperformat(models.Model):
    _name = "report.paperformat"
    _description = "Paper Format Config"

    name = fields.Char('Name', required=True)
    default = fields.Boolean('Default paper format?')
    format = fields.Selection([(key, label) for key, label, _w, _h in PAPER_SIZES], 'Paper size', default='A4')
    margin_top = fields.Float('Top Margin (mm)', default=40)
    margin_bottom = fields.Float('Bottom Margin (mm)', default=20)
    margin_left = fields.Float('Left Margin (mm)', default=7)
    margin_right = fields.Float('Right Margin (mm)', default=7)
    page_height = fields.Integer('Page height (mm)', default=False)
    page_width = fields.Integer('Page width (mm)', default=False)
    orientation = fields.Selection([('Landscape', 'Landscape'), ('Portrait', 'Portrait')], 'Orientation',
                                   default='Landscape')
    header_line = fields.Boolean('Display a header line', default=False)
    header_spacing = fields.Integer('Header spacing', default=35)
    disable_shrinking = fields.Boolean('Disable smart shrinking')
    dpi = fields.Integer('Output DPI', required=True, default=90)
    print_page_width = fields.Float('Print page width (mm)', compute='_compute_print_page_size')
    print_page_height = fields.Float('Print page height (mm)', compute='_compute_print_page_size')
    css_margins = fields.Boolean('Use css margins', default=False)

    @api.constrains('format')
    def _check_format_or_page(self):
        for paper in self:
            if paper.format != 'custom' and (paper.page_width or paper.page_height):
                raise ValidationError(_("Paper format %s: give either a paper size or a custom page "
                                        "width and height, not both.", paper.name))

    @api.depends('format', 'page_width', 'page_height', 'orientation')
    def _compute_print_page_size(self):
        sizes = {key: (width, height) for key, _label, width, height in PAPER_SIZES}
        for paper in self:
            width, height = sizes.get(paper.format) or (None, None)
            if paper.format == 'custom' or width is None:
                width, height = paper.page_width or 0.0, paper.page_height or 0.0
            if paper.orientation == 'Landscape':
                width, height = height, width
            paper.print_page_width = width
            paper.print_page_height = height
