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
    def _tianchi_region_address_vals(self, vals):
        """Complete ``vals`` so that regions, ``state_id`` and ``city`` agree.

        Lower levels fill in the upper ones; the province gives the state and
        country, the city gives the city name. A value given explicitly for
        ``state_id`` or ``city`` is kept.
        """
        if not any(vals.get(name) for name in REGION_FIELDS):
            return vals
        has = {name for name in (*REGION_FIELDS, 'state_id', 'city') if name in vals}
        if (vals.get('region_district_id') and 'region_city_id' not in has) \
                or (vals.get('region_city_id') and not {'region_province_id', 'city'} <= has) \
                or (vals.get('region_province_id') and 'state_id' not in has):
            self._tianchi_complete_region_vals(vals)
        return vals

    @api.model
    def _tianchi_complete_region_vals(self, vals):
        regions = self.env['tianchi.region'].browse(
            [vals[name] for name in REGION_FIELDS if vals.get(name)]).sudo()
        by_id = {region.id: region for region in regions}
        district = by_id.get(vals.get('region_district_id'))
        if district and not vals.get('region_city_id'):
            vals['region_city_id'] = district.parent_id.id
        city = by_id.get(vals.get('region_city_id')) or (district and district.parent_id)
        if city and not vals.get('region_province_id'):
            vals['region_province_id'] = city.parent_id.id
        province = by_id.get(vals.get('region_province_id')) or (city and city.parent_id)
        if 'state_id' not in vals and province and province.state_id:
            vals['state_id'] = province.state_id.id
            vals.setdefault('country_id', province.state_id.country_id.id)
        if city and 'city' not in vals:
            vals['city'] = city.name
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._tianchi_region_address_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._tianchi_region_address_vals(vals)
        return super().write(vals)
