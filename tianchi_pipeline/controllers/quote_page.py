"""The online quotation the PDF's QR code opens: /tianchi/quote/<id>, shown
to whoever holds the order's access token, without a login."""
import hmac

from odoo import http
from odoo.http import request


class TianchiQuotePage(http.Controller):

    @http.route('/tianchi/quote/<int:order_id>', type='http', auth='public', methods=['GET'], sitemap=False)
    def tianchi_quote_page(self, order_id, access_token=None, **kwargs):
        # an unknown order and a wrong token answer alike: the page does not
        # tell which orders exist
        order = request.env['sale.order'].sudo().browse(order_id).exists()
        if not order or not access_token or not order.access_token or \
                not hmac.compare_digest(order.access_token.encode(), str(access_token).encode()):
            raise request.not_found()
        return request.render('tianchi_pipeline.tianchi_quote_page', {
            'order': order.with_context(lang=order._get_lang()),
            'lines': order.order_line,
        })
