"""The public product catalogue (产品发布): a company's published products, a
product's page and its image, opened by a signed link anyone can be sent.

Every route answers 404 alike for an unknown id, a wrong signature and an
unpublished product, so a visitor learns nothing about what exists.
"""
import base64

from odoo import http
from odoo.http import request

from ..models.product_template_publish import catalog_token, check_token, product_token

IMAGE_FIELDS = {'1024': 'image_1024', '512': 'image_512', '256': 'image_256'}
_MAGIC = ((b'\x89PNG\r\n\x1a\n', 'image/png'), (b'\xff\xd8\xff', 'image/jpeg'),
          (b'GIF8', 'image/gif'), (b'RIFF', 'image/webp'))


def _image_type(data: bytes) -> str:
    for magic, mimetype in _MAGIC:
        if data.startswith(magic):
            return mimetype
    return 'application/octet-stream'


class TianchiProductCatalog(http.Controller):

    def _use_company_lang(self, company):
        """Pages speak the company's language (its partner's), when installed."""
        lang = company.partner_id.lang
        if lang and request.env['res.lang'].sudo()._lang_get(lang):
            request.update_context(lang=lang)

    def _published_product(self, product_id: int, token):
        product = request.env['product.template'].sudo().browse(product_id).exists()
        if (not product or not product.active or not product.tianchi_published or not product.company_id
                or not check_token(product_token(request.env, product.id), token)):
            raise request.not_found()
        return product

    def _product_values(self, product) -> dict:
        return {
            'product': product,
            'name': product.name,
            'price': product.currency_id.format(product.list_price),
            'url': product._tianchi_product_path(),
            'image_url': product._tianchi_image_path() if product.image_1920 else False,
        }

    @http.route('/tianchi/catalog/<int:company_id>', type='http', auth='public', methods=['GET'],
                readonly=True, sitemap=False)
    def catalog(self, company_id, token=None, **kwargs):
        company = request.env['res.company'].sudo().browse(company_id).exists()
        if not company or not check_token(catalog_token(request.env, company.id), token):
            raise request.not_found()
        self._use_company_lang(company)
        templates = request.env['product.template'].sudo()
        products = templates.search(templates._tianchi_catalog_domain(company.id),
                                    order='tianchi_publish_sequence, name, id')
        return request.render('tianchi_pipeline.product_catalog_page', {
            'company': company,
            'products': [self._product_values(product) for product in products],
        })

    @http.route('/tianchi/catalog/product/<int:product_id>', type='http', auth='public', methods=['GET'],
                readonly=True, sitemap=False)
    def product_page(self, product_id, token=None, **kwargs):
        product = self._published_product(product_id, token)
        company = product.company_id
        self._use_company_lang(company)
        product = product.with_env(request.env(su=True))
        values = self._product_values(product)
        values.update({
            'company': company,
            'catalog_url': '/tianchi/catalog/%d?token=%s' % (company.id, catalog_token(request.env, company.id)),
            'qr_src': product._tianchi_share_qr_src(),
            'description': product.tianchi_publish_description,
        })
        return request.render('tianchi_pipeline.product_catalog_product_page', values)

    @http.route('/tianchi/catalog/product/<int:product_id>/image', type='http', auth='public', methods=['GET'],
                readonly=True, sitemap=False)
    def product_image(self, product_id, token=None, size='1024', **kwargs):
        product = self._published_product(product_id, token)
        field = IMAGE_FIELDS.get(size)
        data = field and product[field]
        if not data:
            raise request.not_found()
        raw = base64.b64decode(data)
        return request.make_response(raw, headers=[
            ('Content-Type', _image_type(raw)), ('Content-Length', str(len(raw))),
            ('Cache-Control', 'public, max-age=3600'), ('X-Content-Type-Options', 'nosniff')])
