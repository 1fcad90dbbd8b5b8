"""The printed quotation."""
import shutil
import subprocess

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

    def test_quotation_pdf(self):
        if self.env['ir.actions.report'].get_wkhtmltopdf_state() != 'ok':
            self.skipTest("no PDF engine (Chromium) on this machine")
        if not shutil.which('pdftotext'):
            self.skipTest("pdftotext (poppler-utils) is not installed")
        self.env['res.lang']._activate_lang('zh_CN')
        self.customer.lang = 'zh_CN'
        order = self.make_quotation()
        pdf, fmt = self.env['ir.actions.report']._render_qweb_pdf('sale.action_report_saleorder', order.ids)
        self.assertEqual(fmt, 'pdf')
        text = subprocess.run(['pdftotext', '-layout', '-', '-'], input=pdf, capture_output=True, check=True).stdout.decode()
        self.assertIn(order.name, text)
        self.assertIn('办公桌', text)
        self.assertIn('3,691.00', text)
        # the running footer of web.external_layout numbers the pages
        self.assertIn('1/1', text.replace(' ', ''))
        # dates follow the customer's language
        self.assertIn('年', text)
