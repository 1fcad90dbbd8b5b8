"""Product publishing (产品发布): which products a company shows on its public
catalogue page, in which order and with which description, and the link and
QR code staff send to customers.

The catalogue's URLs carry a signature (an HMAC under the database secret)
instead of relying on the ids alone: companies are tenants of one database,
so guessable ``/tianchi/catalog/<id>`` pages would let anyone walk through
every company's catalogue. The signature needs no stored token; it changes
only with the database secret.

QR codes are drawn with the qrcode library (a dependency of Odoo 18 too)
rather than through ``/report/barcode``, whose PNG renderer on Odoo needs
reportlab's optional Cairo backend.
"""
import base64
import io
from hmac import compare_digest
from urllib.parse import urlencode

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import hmac

try:
    import qrcode
except ImportError:  # declared in the manifest's external dependencies
    qrcode = None

CATALOG_SCOPE = 'tianchi_pipeline.catalog'
PRODUCT_SCOPE = 'tianchi_pipeline.catalog.product'


def catalog_token(env, company_id: int) -> str:
    """The signature that opens the catalogue of the company ``company_id``."""
    return hmac(env(su=True), CATALOG_SCOPE, company_id)[:32]


def product_token(env, product_id: int) -> str:
    """The signature that opens the page (and image) of product ``product_id``."""
    return hmac(env(su=True), PRODUCT_SCOPE, product_id)[:32]


def check_token(expected: str, given) -> bool:
    return isinstance(given, str) and compare_digest(expected, given)


def qr_png(value: str) -> bytes:
    """A PNG QR code of ``value``, sized for a phone screen or a printed flyer."""
    image = qrcode.make(value, box_size=6, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    output = io.BytesIO()
    image.save(output)
    return output.getvalue()


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    tianchi_published = fields.Boolean(
        string="Published", copy=False,
        help="Shown on the company's public product catalogue page.")
    tianchi_publish_description = fields.Html(
        string="Catalogue Description", sanitize=True,
        help="What the public catalogue page says about this product.")
    tianchi_publish_sequence = fields.Integer(
        string="Catalogue Sequence", default=10,
        help="Products with a lower sequence come first in the catalogue.")
    tianchi_share_url = fields.Char(
        string="Share Link", compute='_compute_tianchi_share_url',
        help="Public address of this product's catalogue page.")
    tianchi_catalog_url = fields.Char(
        string="Catalogue Link", compute='_compute_tianchi_share_url',
        help="Public address of the catalogue of this product's company.")
    tianchi_share_qr = fields.Binary(
        string="Share QR Code", compute='_compute_tianchi_share_qr', attachment=False,
        help="QR code of the share link, to print or scan with WeChat.")

    @api.depends('tianchi_published', 'company_id')
    def _compute_tianchi_share_url(self):
        base_url = self.env['ir.config_parameter'].sudo().get_param('web.base.url', '')
        for product in self:
            product_id = product._origin.id
            if product.tianchi_published and product_id:
                product.tianchi_share_url = base_url + product._tianchi_product_path()
            else:
                product.tianchi_share_url = False
            if product.company_id:
                product.tianchi_catalog_url = base_url + '/tianchi/catalog/%d?%s' % (
                    product.company_id.id, urlencode({'token': catalog_token(self.env, product.company_id.id)}))
            else:
                product.tianchi_catalog_url = False

    @api.depends('tianchi_share_url')
    def _compute_tianchi_share_qr(self):
        for product in self:
            if product.tianchi_share_url:
                product.tianchi_share_qr = base64.b64encode(qr_png(product.tianchi_share_url))
            else:
                product.tianchi_share_qr = False

    @api.constrains('tianchi_published', 'company_id')
    def _check_tianchi_published_company(self):
        for product in self:
            if product.tianchi_published and not product.company_id:
                raise ValidationError(_(
                    "Product “%s” has no company: set the company whose catalogue shows it before publishing it.",
                    product.display_name))

    def action_tianchi_publish(self):
        self.write({'tianchi_published': True})
        return True

    def action_tianchi_unpublish(self):
        self.write({'tianchi_published': False})
        return True

    def action_tianchi_share(self):
        """Open the share dialog: the link and its QR code."""
        self.ensure_one()
        if not self.tianchi_published:
            raise ValidationError(_(
                "Product “%s” is not published: publish it before sharing it.", self.display_name))
        return {
            'type': 'ir.actions.act_window',
            'name': _("Share %s", self.display_name),
            'res_model': 'product.template',
            'res_id': self.id,
            'view_mode': 'form',
            'views': [(self.env.ref('tianchi_pipeline.product_template_view_form_share').id, 'form')],
            'target': 'new',
        }

    def _tianchi_product_path(self) -> str:
        """The catalogue page of this product, relative to the server's base URL."""
        self.ensure_one()
        return '/tianchi/catalog/product/%d?%s' % (
            self._origin.id, urlencode({'token': product_token(self.env, self._origin.id)}))

    def _tianchi_image_path(self) -> str:
        self.ensure_one()
        return '/tianchi/catalog/product/%d/image?%s' % (
            self.id, urlencode({'token': product_token(self.env, self.id)}))

    def _tianchi_share_qr_src(self) -> str:
        """The share link's QR code as a data URI, for an ``<img>`` of a page."""
        self.ensure_one()
        data = self.tianchi_share_qr
        if not data:
            return ''
        return 'data:image/png;base64,' + (data.decode() if isinstance(data, bytes) else data)

    @api.model
    def _tianchi_catalog_domain(self, company_id: int) -> list:
        return [('tianchi_published', '=', True), ('company_id', '=', company_id)]
