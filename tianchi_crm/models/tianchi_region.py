"""Administrative divisions of China (行政区划): provinces, prefecture-level cities and
county-level districts with their GB/T 2260 codes, shipped as data."""

from odoo import api, fields, models

from ..tools.region_names import RegionIndex

REGION_LEVELS = [
    ('province', 'Province'),
    ('city', 'City'),
    ('district', 'District'),
]


class TianchiRegion(models.Model):
    _name = 'tianchi.region'
    _description = 'Administrative Region'
    _parent_store = True
    _order = 'code'
    _rec_names_search = ['name', 'code']

    name = fields.Char(required=True, index=True)
    code = fields.Char(
        required=True, index=True, size=6,
        help="The 6-digit administrative division code (GB/T 2260), e.g. 440106 for 天河区.")
    level = fields.Selection(REGION_LEVELS, required=True, index=True)
    parent_id = fields.Many2one('tianchi.region', string='Parent Region', index=True, ondelete='restrict')
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many('tianchi.region', 'parent_id', string='Subdivisions')
    complete_name = fields.Char(
        compute='_compute_complete_name', store=True, recursive=True,
        help="The region with its parents, e.g. 广东省 / 广州市 / 天河区.")
    state_id = fields.Many2one(
        'res.country.state', string='State', ondelete='set null',
        help="The state of China in the address book matching this province.")

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'Two regions cannot share an administrative division code.'),
    ]

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id and region.parent_id.name != region.name:
                region.complete_name = f"{region.parent_id.complete_name} / {region.name}"
            else:
                # a municipality's city (北京市 / 北京市) reads once
                region.complete_name = region.parent_id.complete_name or region.name

    @api.model
    def _tianchi_region_index(self):
        """A RegionIndex over every region, for resolving many names without a query each."""
        self.flush_model(['name', 'level', 'parent_id'])
        self.env.cr.execute("SELECT id, name, level, parent_id FROM tianchi_region")
        return RegionIndex(self.env.cr.fetchall())

    @api.model
    def tianchi_resolve_names(self, province=None, city=None, district=None):
        """Resolve typed names ("广东", "广州市", "天河区") to regions.

        Returns ``{'province': region, 'city': region, 'district': region,
        'problems': [...]}``, the regions possibly empty, ``problems`` naming
        the levels that were given but not found.
        """
        province_id, city_id, district_id, problems = self._tianchi_region_index().resolve(
            province, city, district)
        return {
            'province': self.browse(province_id),
            'city': self.browse(city_id),
            'district': self.browse(district_id),
            'problems': problems,
        }
