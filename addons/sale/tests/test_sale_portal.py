"""The portal fields of sale.order (portal.mixin): a token made once, on
need, never copied, and the order's share links built from it."""
from .common import SaleCommon


class TestSalePortal(SaleCommon):

    def test_token_made_once_and_not_copied(self):
        order = self.make_quotation()
        self.assertFalse(order.access_token)
        token = order.with_user(self.seller)._portal_ensure_token()
        self.assertTrue(token)
        self.assertEqual(order.access_token, token)
        self.assertEqual(order._portal_ensure_token(), token)
        self.assertFalse(order.copy().access_token)

    def test_share_urls(self):
        order = self.make_quotation()
        self.assertEqual(order.access_url, f'/my/orders/{order.id}')
        url = order.get_portal_url(suffix='/accept', report_type='pdf', download=True, anchor='top')
        self.assertEqual(url, f'/my/orders/{order.id}/accept?access_token={order.access_token}'
                              f'&report_type=pdf&download=true#top')
        self.assertEqual(order._get_share_url(), f'/my/orders/{order.id}?access_token={order.access_token}')
        self.assertEqual(order._get_share_url(redirect=True, share_token=False),
                         f'/mail/view?model=sale.order&res_id={order.id}')
