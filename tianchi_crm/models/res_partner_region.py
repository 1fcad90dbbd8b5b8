"""Region of a partner as province / city / district (tianchi.region), kept in step with
Odoo's own address fields: the province sets ``state_id``, the city sets ``city``."""

from odoo import api, fields, models

REGION_FIELDS = ('region_province_id', 'region_city_id', 'region_district_id')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    region_province_id = fields.Many2one(
        'tianchi.region', string='Province', index=True, ondelete='restrict',
        domain="[('level', '=', 'province')]")
    region_city_id = fields.Many2one(
        'tianchi.region', string='City (Region)', index=True, ondelete='restrict',
        domain="[('level', '=', 'city'), ('parent_id', '=?', region_province_id)]")
    region_district_id = fields.Many2one(
        'tianchi.region', string='District', index=True, ondelete='restrict',
        domain="[('level', '=', 'district'), ('parent_id', '=?', region_city_id)]")

    @api.model
    def _address_fields(self):
        # contacts that share their company's address share its region too
        return super()._address_fields() + list(REGION_FIELDS)

    @api.onchange('region_province_id')
    def _onchange_region_province_id(self):
        for partner in self:
            province = partner.region_province_id
            if partner.region_city_id.parent_id != province:
                partner.region_city_id = False
                partner.region_district_id = False
            if province.state_id:
                partner.state_id = province.state_id
                partner.country_id = province.state_id.country_id

    @api.onchange('region_city_id')
    def _onchange_region_city_id(self):
        for partner in self:
            city = partner.region_city_id
            if partner.region_district_id.parent_id != city:
                partner.region_district_id = False
            if city:
                partner.region_province_id = city.parent_id
                partner.city = city.name
                if city.parent_id.state_id:
                    partner.state_id = city.parent_id.state_id
                    partner.country_id = city.parent_id.state_id.country_id

    @api.onchange('region_district_id')
    def _onchange_region_district_id(self):
        for partner in self.filtered('region_district_id'):
            city = partner.region_district_id.parent_id
            if partner.region_city_id != city:
                partner.region_city_id = city
                partner.region_province_id = city.parent_id
                partner.city = city.name

    @api.model
    def _tianchi_region_address_vals(self, vals_list):
        """Complete each of ``vals_list`` so that regions, ``state_id`` and ``city`` agree.

        Lower levels fill in the upper ones; the province gives the state and
        country, the city gives the city name. A value given explicitly for
        ``state_id`` or ``city`` is kept.
        """
        todo = []
        for vals in vals_list:
            # (imports give complete values: this runs for each of thousands)
            if (vals.get('region_district_id') and 'region_city_id' not in vals) \
                    or (vals.get('region_city_id') and ('region_province_id' not in vals or 'city' not in vals)) \
                    or (vals.get('region_province_id') and 'state_id' not in vals):
                todo.append(vals)
        if todo:
            self._tianchi_complete_region_vals(todo)
        return vals_list

    @api.model
    def _tianchi_complete_region_vals(self, vals_list):
        # imports complete thousands of values naming a few hundred regions:
        # each region (and the parents the values lack) is read once
        regions = self.env['tianchi.region'].sudo().browse(
            {vals[name] for vals in vals_list for name in REGION_FIELDS if vals.get(name)})
        regions |= regions.parent_id | regions.parent_id.parent_id
        known = {region.id: (region.parent_id.id, region.state_id.id, region.state_id.country_id.id, region.name)
                 for region in regions}
        for vals in vals_list:
            district = known.get(vals.get('region_district_id')) and vals['region_district_id']
            if district and not vals.get('region_city_id'):
                vals['region_city_id'] = known[district][0]
            city = (known.get(vals.get('region_city_id')) and vals['region_city_id']) \
                or (district and known[district][0])
            if city and not vals.get('region_province_id'):
                vals['region_province_id'] = known[city][0]
            province = (known.get(vals.get('region_province_id')) and vals['region_province_id']) \
                or (city and known[city][0])
            if 'state_id' not in vals and province and known[province][1]:
                vals['state_id'] = known[province][1]
                vals.setdefault('country_id', known[province][2])
            if city and 'city' not in vals:
                vals['city'] = known[city][3]
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        self._tianchi_region_address_vals(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._tianchi_region_address_vals([vals])
        return super().write(vals)
