"""The online quotation opened from the PDF's QR code: shown with the right
token only, its values escaped, readable on a phone."""
from odoo.tests import HttpCase, tagged

from .common_quote import TianchiQuoteCase


@tagged('post_install', '-at_install')
class TestQuotePage(HttpCase, TianchiQuoteCase):

    def test_page_with_token_shows_the_quotation_escaped(self):
        self.customer.name = '恒远<script>alert(1)</script>机电'
        order = self.make_quotation()
        token = order._portal_ensure_token()
        self.env.flush_all()
        page = self.url_open(f'/tianchi/quote/{order.id}?access_token={token}')
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, page.text)
        self.assertIn('三相异步电机 YE3-132M', page.text)
        self.assertIn('14,000.50', page.text)
        self.assertIn('壹万肆仟元伍角', page.text)
        self.assertIn('恒远&lt;script&gt;alert(1)&lt;/script&gt;机电', page.text)
        self.assertNotIn('<script>alert(1)</script>', page.text)
        self.assertIn('name="viewport"', page.text)

    def test_wrong_missing_token_or_unknown_order_not_found(self):
        order = self.make_quotation()
        order._portal_ensure_token()
        other = self.make_quotation()
        other_token = other._portal_ensure_token()
        self.env.flush_all()
        for url in (f'/tianchi/quote/{order.id}?access_token=wrong',
                    f'/tianchi/quote/{order.id}',
                    f'/tianchi/quote/{order.id}?access_token={other_token}',
                    f'/tianchi/quote/999999999?access_token={other_token}'):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 404)
                self.assertNotIn('三相异步电机', page.text)
        # an order that never had a token is never shown
        fresh = self.make_quotation()
        self.assertEqual(self.url_open(f'/tianchi/quote/{fresh.id}?access_token=').status_code, 404)
