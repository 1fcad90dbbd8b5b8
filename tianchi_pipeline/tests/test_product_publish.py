"""Product publishing (产品发布) on the model: publish and unpublish, the
company a published product needs, the signed share links and their QR code."""
import base64
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user

from ..models.product_template_publish import catalog_token, product_token, qr_png

PNG_MAGIC = b'\x89PNG\r\n\x1a\n'


class TestProductPublish(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.company = cls.env['res.company'].create({'name': '发布测试科技有限公司'})
        cls.env['ir.config_parameter'].sudo().set_param('web.base.url', 'http://catalog.test')
        cls.manager = new_test_user(cls.env, login='tc_publisher', groups='sales_team.group_sale_manager',
                                    company_id=cls.company.id, company_ids=[cls.company.id])
        Product = cls.env['product.template'].with_user(cls.manager)
        cls.product = Product.create({'name': '智能门锁 A1', 'list_price': 1299.0, 'company_id': cls.company.id})

    def test_publish_and_unpublish(self):
        product = self.product.with_user(self.manager)
        self.assertFalse(product.tianchi_share_url)
        self.assertFalse(product.tianchi_share_qr)
        product.action_tianchi_publish()
        self.assertTrue(product.tianchi_published)
        domain = product._tianchi_catalog_domain(self.company.id)
        self.assertIn(product, self.env['product.template'].search(domain))
        product.action_tianchi_unpublish()
        self.assertFalse(product.tianchi_published)
        self.assertFalse(product.tianchi_share_url)
        self.assertNotIn(product, self.env['product.template'].search(domain))

    def test_published_product_needs_a_company(self):
        shared = self.env['product.template'].create({'name': '通用配件', 'company_id': False})
        with self.assertRaises(ValidationError) as refusal:
            shared.action_tianchi_publish()
        self.assertIn('通用配件', str(refusal.exception))
        self.assertFalse(shared.tianchi_published)

    def test_share_needs_publication(self):
        with self.assertRaisesRegex(ValidationError, '智能门锁 A1'):
            self.product.with_user(self.manager).action_tianchi_share()
        self.product.action_tianchi_publish()
        action = self.product.with_user(self.manager).action_tianchi_share()
        self.assertEqual(action['res_id'], self.product.id)
        self.assertEqual(action['target'], 'new')
        self.assertEqual(action['views'][0][0], self.env.ref('tianchi_pipeline.product_template_view_form_share').id)

    def test_share_links_are_signed(self):
        self.product.action_tianchi_publish()
        url = urlsplit(self.product.tianchi_share_url)
        self.assertEqual((url.scheme, url.netloc, url.path),
                         ('http', 'catalog.test', '/tianchi/catalog/product/%d' % self.product.id))
        token = parse_qs(url.query)['token'][0]
        self.assertEqual(token, product_token(self.env, self.product.id))
        self.assertNotEqual(token, product_token(self.env, self.product.id + 1))
        catalog = urlsplit(self.product.tianchi_catalog_url)
        self.assertEqual(catalog.path, '/tianchi/catalog/%d' % self.company.id)
        self.assertEqual(parse_qs(catalog.query)['token'][0], catalog_token(self.env, self.company.id))
        # a product signature does not open a catalogue, nor the reverse
        self.assertNotEqual(catalog_token(self.env, self.product.id), product_token(self.env, self.product.id))

    def test_qr_code_is_a_png_of_the_share_link(self):
        self.product.action_tianchi_publish()
        png = base64.b64decode(self.product.tianchi_share_qr)
        self.assertTrue(png.startswith(PNG_MAGIC))
        # the same drawing as the share link's, and not another link's
        self.assertEqual(png, qr_png(self.product.tianchi_share_url))
        self.assertNotEqual(png, qr_png(self.product.tianchi_catalog_url))
        self.assertEqual(base64.b64decode(self.product._tianchi_share_qr_src().split(',', 1)[1]), png)
