"""The shipped administrative divisions, their name resolution and the partner's region fields."""

from odoo.tests import Form, TransactionCase


class TestRegion(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Region = cls.env['tianchi.region']
        cls.guangdong = cls.env.ref('tianchi_crm.region_440000')
        cls.guangzhou = cls.env.ref('tianchi_crm.region_440100')
        cls.tianhe = cls.env.ref('tianchi_crm.region_440106')
        cls.shenzhen = cls.env.ref('tianchi_crm.region_440300')

    def test_shipped_tree(self):
        counts = dict((level, count) for level, count in self.Region._read_group(
            [], ['level'], ['__count']))
        self.assertEqual(counts['province'], 34)
        self.assertGreater(counts['city'], 330)
        self.assertGreater(counts['district'], 2700)
        self.assertEqual(self.tianhe.parent_id, self.guangzhou)
        self.assertEqual(self.guangzhou.parent_id, self.guangdong)
        self.assertEqual(self.tianhe.complete_name, "广东省 / 广州市 / 天河区")
        self.assertEqual(self.tianhe.code, "440106")
        self.assertIn(self.tianhe, self.Region.search([('id', 'child_of', self.guangdong.id)]))
        # every province of base's China is linked
        provinces = self.Region.search([('level', '=', 'province')])
        self.assertEqual(provinces.state_id, self.env['res.country.state'].search(
            [('country_id.code', '=', 'CN')]))
        self.assertEqual(self.guangdong.state_id, self.env.ref('base.state_cn_GD'))
        # municipalities: the city level carries the municipality's name
        shanghai_city = self.env.ref('tianchi_crm.region_310100')
        self.assertEqual(shanghai_city.name, "上海市")
        self.assertEqual(self.env.ref('tianchi_crm.region_310115').complete_name, "上海市 / 浦东新区")

    def test_region_labels_are_distinct(self):
        """Odoo warns at every registry load about two fields of a model with
        one label (base's ``city`` is "City"), and the user cannot tell the
        columns apart in lists, filters and exports."""
        for model in ('res.partner', 'res.users'):
            fields_ = self.env[model]._fields
            for name in ('region_province_id', 'region_city_id', 'region_district_id'):
                label = fields_[name].string
                twins = [other for other, field in fields_.items() if other != name and field.string == label]
                with self.subTest(model=model, field=name):
                    self.assertFalse(twins, f"{model}.{name} shares its label {label!r} with {twins}")

    def test_resolve_names(self):
        resolve = self.Region.tianchi_resolve_names
        for province in ("广东", "广东省", "广东 省"):
            self.assertEqual(resolve(province)['province'], self.guangdong, province)
        for city in ("广州", "广州市"):
            found = resolve(None, city)
            self.assertEqual((found['province'], found['city']), (self.guangdong, self.guangzhou))
        found = resolve(None, None, "天河区")
        self.assertEqual((found['province'], found['city'], found['district']),
                         (self.guangdong, self.guangzhou, self.tianhe))
        self.assertEqual(resolve("广东", "广州", "天河")['district'], self.tianhe)
        self.assertEqual(resolve("湖北", "恩施州")['city'].code, "422800")
        self.assertEqual(resolve("北京", None, "朝阳区")['district'].code, "110105")

    def test_resolve_problems(self):
        resolve = self.Region.tianchi_resolve_names
        self.assertEqual(resolve("火星省")['problems'], ['province'])
        # a city of another province is not found inside the given one
        self.assertEqual(resolve("浙江省", "广州市")['problems'], ['city'])
        # 朝阳区 exists in Beijing and 朝阳市 has districts too: ambiguous alone
        found = resolve(None, None, "朝阳区")
        self.assertEqual(found['problems'], ['district'])
        self.assertFalse(found['district'])

    def test_partner_sync(self):
        partner = self.env['res.partner'].create({'name': "广州星辰软件有限公司",
                                                  'region_district_id': self.tianhe.id})
        self.assertEqual(partner.region_city_id, self.guangzhou)
        self.assertEqual(partner.region_province_id, self.guangdong)
        self.assertEqual(partner.state_id, self.env.ref('base.state_cn_GD'))
        self.assertEqual(partner.country_id, self.env.ref('base.cn'))
        self.assertEqual(partner.city, "广州市")
        partner.write({'region_city_id': self.shenzhen.id, 'region_district_id': False})
        self.assertEqual(partner.city, "深圳市")
        self.assertEqual(partner.region_province_id, self.guangdong)

    def test_onchange_clears_lower_levels(self):
        form = Form(self.env['res.partner'].with_context(default_tianchi_is_customer=True),
                    view='tianchi_crm.tianchi_customer_view_form')
        form.name = "杭州恒通建材有限公司"
        form.region_district_id = self.tianhe
        self.assertEqual(form.region_city_id, self.guangzhou)
        self.assertEqual(form.region_province_id, self.guangdong)
        self.assertEqual(form.city, "广州市")
        form.region_province_id = self.env.ref('tianchi_crm.region_330000')
        self.assertFalse(form.region_city_id)
        self.assertFalse(form.region_district_id)
        self.assertEqual(form.state_id, self.env.ref('base.state_cn_ZJ'))
        form.region_city_id = self.env.ref('tianchi_crm.region_330100')
        form.region_district_id = self.env.ref('tianchi_crm.region_330106')
        form.region_city_id = self.env.ref('tianchi_crm.region_330200')
        self.assertFalse(form.region_district_id)
        partner = form.save()
        self.assertEqual(partner.city, "宁波市")
