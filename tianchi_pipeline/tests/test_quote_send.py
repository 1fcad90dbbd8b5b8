"""Sending a quotation: a new revision (V1, V2…) holding the lines, amounts
and PDF each time, the PDF e-mailed to the customer through a real SMTP
server on 127.0.0.1, and refusals that change nothing."""
import base64
import json
import shutil
import subprocess

from odoo.addons.tianchi_org.tests.common import smtp_inbox
from odoo.addons.tianchi_pipeline.models.product_template_publish import qr_png
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_quote import TianchiQuoteCase

REPORT = 'tianchi_pipeline.action_report_tianchi_quotation'


def pdf_text(content: bytes) -> str:
    return subprocess.run(['pdftotext', '-layout', '-', '-'], input=content, capture_output=True,
                          check=True).stdout.decode()


@tagged('at_install', '-post_install')
class TestQuoteSend(TianchiQuoteCase):

    def setUp(self):
        super().setUp()
        inbox = smtp_inbox(self.env)
        self.smtp = inbox.__enter__()
        self.addCleanup(inbox.__exit__, None, None, None)
        # 2 x 3000.25 + 8000.00 = 14000.50, no taxes
        self.order = self.make_quotation()

    def _rendered_text(self, content: bytes, kind: str) -> str:
        """The report's text: pdftotext of the PDF on a server that prints,
        the HTML itself where Odoo renders HTML instead (tests on Odoo 18)."""
        if kind == 'pdf':
            self.assertTrue(content.startswith(b'%PDF'))
            if not shutil.which('pdftotext'):
                self.skipTest("pdftotext (poppler-utils) is not installed")
            return pdf_text(content)
        self.assertEqual(kind, 'html')
        return content.decode() if isinstance(content, bytes) else str(content)

    def test_quotation_report_holds_customer_amounts_words_and_qr(self):
        content, kind = self.env['ir.actions.report']._render_qweb_pdf(REPORT, self.order.ids)
        text = self._rendered_text(content, kind)
        self.assertIn('苏州恒远机电设备有限公司', text)
        self.assertIn(self.order.name, text)
        self.assertIn('三相异步电机 YE3-132M', text)
        self.assertIn('3,000.25', text)
        self.assertIn('14,000.50', text)
        self.assertIn('壹万肆仟元伍角', text)
        html = self.env['ir.actions.report']._render_qweb_html(REPORT, self.order.ids)[0]
        html = html.decode() if isinstance(html, bytes) else str(html)
        # the QR code links to the online quotation with the order's token
        self.assertTrue(self.order.access_token)
        # embedded as a PNG data URI (beside the layout's logo): nothing for the PDF engine to fetch
        url = self.order._tianchi_quote_url()
        self.assertIn(f'/tianchi/quote/{self.order.id}?access_token={self.order.access_token}', url)
        png = qr_png(url)
        self.assertTrue(png.startswith(b'\x89PNG'))
        self.assertIn('src="data:image/png;base64,%s"' % base64.b64encode(png).decode(), html)
        self.assertNotIn('/report/barcode', html)
        self.assertIn("WenQuanYi Micro Hei", html)

    def test_each_send_is_a_revision_mailed_with_its_pdf(self):
        order = self.order.with_user(self.seller)
        order.action_tianchi_send_quotation()
        self.assertEqual(self.order.state, 'sent')
        self.assertEqual(self.order.quote_revision, 'V1')
        [rcpt] = self.smtp.recipients
        self.assertEqual(rcpt, ['buyer@hengyuan.example'])
        message = self.smtp.messages[-1]
        self.assertIn(self.order.name, message['subject'])
        self.assertIn('V1', message['subject'])
        [attachment] = [part for part in message.iter_attachments()]
        # the raw bytes: an HTML part (Odoo 18 in tests) may not name its charset
        content = attachment.get_payload(decode=True)
        kind = 'pdf' if attachment.get_filename().endswith('.pdf') else 'html'
        self.assertIn('壹万肆仟元伍角', self._rendered_text(content, kind))

        # the customer asks for a discount: a second revision keeps both versions
        self.order.order_line[1].price_unit = 7000.0
        order.action_tianchi_send_quotation()
        self.assertEqual(len(self.smtp.messages), 2)
        self.assertEqual(self.order.quote_revision, 'V2')
        v2, v1 = self.order.quote_revision_ids
        self.assertEqual((v1.name, v2.name), ('V1', 'V2'))
        self.assertEqual((v1.user_id, v2.user_id), (self.seller, self.seller))
        self.assertAlmostEqual(v1.amount_total, 14000.5)
        self.assertAlmostEqual(v2.amount_total, 13000.5)
        snapshot = json.loads(v1.snapshot)
        self.assertEqual([line['price_unit'] for line in snapshot['lines']], [3000.25, 8000.0])
        self.assertEqual(snapshot['customer'], '苏州恒远机电设备有限公司')
        for revision in (v1, v2):
            self.assertEqual((revision.attachment_id.res_model, revision.attachment_id.res_id),
                             ('tianchi.quote.revision', revision.id))
        self.assertIn('壹万叁仟元伍角', self._rendered_text(
            v2.attachment_id.raw, 'pdf' if v2.attachment_id.name.endswith('.pdf') else 'html'))

    def test_quotation_without_lines_refused_nothing_changed(self):
        empty = self.make_quotation([])
        with self.assertRaisesRegex(UserError, 'no lines'):
            empty.with_user(self.seller).action_tianchi_send_quotation()
        self.assertEqual((empty.state, empty.quote_revision_ids.ids), ('draft', []))
        self.assertFalse(self.smtp.messages)

    def test_customer_without_email_refused_nothing_changed(self):
        self.customer.email = False
        with self.assertRaisesRegex(UserError, '苏州恒远机电设备有限公司.*e-mail'):
            self.order.with_user(self.seller).action_tianchi_send_quotation()
        self.assertEqual((self.order.state, self.order.quote_revision_ids.ids), ('draft', []))
        self.assertFalse(self.smtp.messages)

    def test_confirmed_order_is_not_sent_as_a_quotation(self):
        self.order.action_confirm()
        with self.assertRaisesRegex(UserError, 'no longer a quotation'):
            self.order.with_user(self.seller).action_tianchi_send_quotation()
        self.assertFalse(self.order.quote_revision_ids)
