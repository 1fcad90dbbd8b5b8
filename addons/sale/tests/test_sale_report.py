"""The printed quotation."""
from .common import SaleCommon


class TestSaleReport(SaleCommon):

    def test_quotation_html(self):
        order = self.make_quotation(client_order_ref='PO-778')
        html, _fmt = self.env['ir.actions.report']._render_qweb_html('sale.action_report_saleorder', order.ids)
        text = html.decode() if isinstance(html, bytes) else str(html)
        self.assertIn(order.name, text)
        self.assertIn('PO-778', text)
        self.assertIn('办公桌', text)
        self.assertIn('3,691.00', text)

    def test_report_name(self):
        report = self.env.ref('sale.action_report_saleorder')
        self.assertEqual(report.report_name, 'sale.report_saleorder')
        self.assertEqual(report.binding_model_id.model, 'sale.order')
