"""The public catalogue over HTTP: only the company's published products,
signed links, 404 for anything else, escaped output, images and QR code."""
import base64
import io
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

PNG_MAGIC = b'\x89PNG\r\n\x1a\n'


def _png(colour):
    from PIL import Image
    output = io.BytesIO()
    Image.new('RGB', (32, 32), colour).save(output, format='PNG')
    return base64.b64encode(output.getvalue())


@tagged('post_install', '-at_install')
class TestProductCatalogPage(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Company = cls.env['res.company']
        cls.company = Company.create({'name': '杭州天池样品有限公司', 'currency_id': cls.env.ref('base.CNY').id})
        cls.other_company = Company.create({'name': '别家公司'})
        Product = cls.env['product.template']
        cls.lock = Product.create({
            'name': '智能门锁 <script>alert(1)</script>', 'list_price': 12345.5, 'company_id': cls.company.id,
            'tianchi_published': True, 'tianchi_publish_sequence': 2, 'image_1920': _png('red'),
            'tianchi_publish_description': '<p>指纹 <b>解锁</b></p><script>alert(2)</script>'})
        cls.camera = Product.create({'name': '家用摄像头', 'list_price': 399.0, 'company_id': cls.company.id,
                                     'tianchi_published': True, 'tianchi_publish_sequence': 1})
        cls.draft = Product.create({'name': '未发布的样品', 'list_price': 10.0, 'company_id': cls.company.id})
        cls.foreign = Product.create({'name': '别家的产品', 'list_price': 10.0, 'company_id': cls.other_company.id,
                                      'tianchi_published': True})

    def _catalog_path(self):
        url = urlsplit(self.lock.tianchi_catalog_url)
        return f'{url.path}?{url.query}'

    def _get(self, path):
        return self.url_open(path)

    def test_catalog_lists_the_company_published_products_in_order(self):
        page = self._get(self._catalog_path())
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn('杭州天池样品有限公司', text)
        self.assertIn('家用摄像头', text)
        self.assertLess(text.index('家用摄像头'), text.index('智能门锁'))
        self.assertNotIn('未发布的样品', text)
        self.assertNotIn('别家的产品', text)
        self.assertIn('¥', text)
        self.assertIn('12,345.50', text)
        self.assertIn(self.lock._tianchi_product_path().replace('&', '&amp;'), text)

    def test_output_is_escaped(self):
        catalog = self._get(self._catalog_path()).text
        self.assertNotIn('<script>alert(1)', catalog)
        self.assertIn('&lt;script&gt;alert(1)', catalog)
        page = self._get(self.lock._tianchi_product_path())
        self.assertEqual(page.status_code, 200)
        self.assertIn('&lt;script&gt;alert(1)', page.text)
        self.assertIn('<b>解锁</b>', page.text)
        self.assertNotIn('alert(2)', page.text)

    def test_unknown_unpublished_or_unsigned_is_not_found(self):
        self.assertEqual(self._get('/tianchi/catalog/%d' % self.company.id).status_code, 404)
        self.assertEqual(self._get('/tianchi/catalog/%d?token=forged' % self.company.id).status_code, 404)
        self.assertEqual(self._get('/tianchi/catalog/product/%d' % self.lock.id).status_code, 404)
        self.assertEqual(self._get(self.draft._tianchi_product_path()).status_code, 404)
        path = self.camera._tianchi_product_path()
        self.assertEqual(self._get(path).status_code, 200)
        self.camera.action_tianchi_unpublish()
        self.env.flush_all()
        self.assertEqual(self._get(path).status_code, 404)
        self.assertEqual(self._get('/tianchi/catalog/product/%d?token=%s' % (
            self.foreign.id, path.split('token=')[1])).status_code, 404)

    def test_image_and_qr_code(self):
        image = self._get(self.lock._tianchi_image_path())
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers['Content-Type'], 'image/png')
        self.assertTrue(image.content.startswith(PNG_MAGIC))
        self.assertEqual(self._get(self.camera._tianchi_image_path()).status_code, 404)
        self.assertEqual(self._get(self.draft._tianchi_image_path()).status_code, 404)
        page = self._get(self.lock._tianchi_product_path()).text
        self.assertIn(self.lock._tianchi_share_qr_src(), page)
        self.assertIn(self.lock.tianchi_share_url.replace('&', '&amp;'), page)
