"""``ir.actions.report``: report actions rendered from QWeb templates to HTML
and to PDF. The PDF goes through one function, ``_run_pdf_engine``, which
prints with headless Chromium (running header and footer, "1 / 2" page
numbers); the report HTML keeps Odoo's structure (``div.header``,
``div.article``, ``div.footer``) so the same templates print under
wkhtmltopdf on Odoo 18."""
from __future__ import annotations

import base64
import io
import logging
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from lxml import etree
from lxml import html as lxml_html
from markupsafe import escape
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import chromium_pdf
from odoo.tools.mail import is_html_empty
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

_logger = logging.getLogger(__name__)
_BARCODE_SRC = re.compile(r'(src=["\'])((?:https?://[^/"\']+)?/report/barcode[^"\']*)(["\'])')

# CSS of Chromium's header and footer templates: they see none of the page's
# styles, and their text is tiny unless told otherwise
_MARGIN_CSS = """<style>
* { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; -webkit-print-color-adjust: exact; }
.o_pdf_margin { font-size: 9pt; width: 100%%; margin: 0 %(left)smm 0 %(right)smm; color: #333; }
.o_pdf_margin img { max-height: 12mm; }
.o_pdf_margin .row { display: flex; } .o_pdf_margin .col-6, .o_pdf_margin .col-9 { flex: 1; }
.o_pdf_margin .col-3 { flex: 0 0 25%%; } .o_pdf_margin .text-end { text-align: right; }
.o_pdf_margin .text-center { text-align: center; } .o_pdf_margin .text-muted { color: #777; }
</style>"""


class IrActionsReport(models.Model):
    _name = 'ir.actions.report'
    _description = 'Report Action'
    _inherit = 'ir.actions.actions'
    _table = 'ir_act_report_xml'
    _order = 'name, id'
    _allow_sudo_commands = False

    type = fields.Char(default='ir.actions.report')
    binding_type = fields.Selection(default='report')
    model = fields.Char(required=True, string='Model Name')
    model_id = fields.Many2one('ir.model', string='Model', compute='_compute_model_id', search='_search_model_id')
    report_type = fields.Selection([
        ('qweb-html', 'HTML'),
        ('qweb-pdf', 'PDF'),
        ('qweb-text', 'Text'),
    ], required=True, default='qweb-pdf', help="HTML opens in the browser; PDF is printed and downloaded.")
    report_name = fields.Char(string='Template Name', required=True)
    report_file = fields.Char(string='Report File', store=True,
                              help="Path of the report's main file, or empty when the content is elsewhere.")
    groups_id = fields.Many2many('res.groups', 'res_groups_report_rel', 'uid', 'gid', string='Groups')
    multi = fields.Boolean(string='On Multiple Doc.', help="Hide the action from the toolbar of a form view.")
    paperformat_id = fields.Many2one('report.paperformat', 'Paper Format')
    print_report_name = fields.Char('Printed Report Name', translate=True,
                                    help="Python expression giving the downloaded file's name; "
                                         "'object' and 'time' are available.")
    attachment_use = fields.Boolean(string='Reload from Attachment',
                                    help="Print again from the attachment saved the first time.")
    attachment = fields.Char(string='Save as Attachment Prefix',
                             help="Python expression naming the attachment that keeps the printed PDF; "
                                  "empty to keep none. 'object' and 'time' are available.")
    domain = fields.Char(string='Filter domain', help="The action only shows on records matching this domain.")

    @api.depends('model')
    def _compute_model_id(self):
        for action in self:
            action.model_id = self.env['ir.model']._get(action.model).id if action.model else False

    def _search_model_id(self, operator, value):
        models_found = self.env['ir.model'].search([('id', operator, value)]) if operator != 'ilike' \
            else self.env['ir.model'].search([('name', 'ilike', value)])
        return [('model', 'in', models_found.mapped('model'))]

    def _get_readable_fields(self):
        return super()._get_readable_fields() | {
            'report_name', 'report_type', 'target', 'context', 'data', 'close_on_report_download',
        }

    # lookups ----------------------------------------------------------

    @api.model
    def _get_report_from_name(self, report_name: str):
        """ The report action whose template is ``report_name``. """
        return self.search([('report_name', '=', report_name)], limit=1)

    @api.model
    def _get_report(self, report_ref):
        """ The report ``report_ref`` designates: a record, an id, an xml id
        or a template name. """
        if isinstance(report_ref, models.BaseModel) and report_ref._name == self._name:
            return report_ref.sudo()
        if isinstance(report_ref, int):
            return self.sudo().browse(report_ref)
        report = self.env.ref(report_ref, raise_if_not_found=False) if '.' in str(report_ref) else None
        if report is not None and report._name == self._name:
            return report.sudo()
        report = self.sudo()._get_report_from_name(report_ref)
        if not report:
            raise UserError(_("Report %s not found (no xml id or template name matches).", report_ref))
        return report

    @api.model
    def get_wkhtmltopdf_state(self) -> str:
        """ 'ok' when the PDF engine can print, 'install' when Chromium is
        missing (the states the web client knows). """
        try:
            chromium_pdf.find_chromium()
        except chromium_pdf.PdfEngineError:
            return 'install'
        return 'ok'

    def get_paperformat(self):
        return self.paperformat_id or self.env.company.paperformat_id

    def retrieve_attachment(self, record):
        """ The attachment a previous print saved for ``record``, if any. """
        name = safe_eval(self.attachment, {'object': record, 'time': safe_time})
        if not name:
            return None
        return self.env['ir.attachment'].search([
            ('name', '=', name), ('res_model', '=', self.model), ('res_id', '=', record.id)], limit=1)

    # rendering --------------------------------------------------------

    @api.model
    def _render_template(self, template, values: dict | None = None) -> bytes:
        """ The HTML of ``template`` rendered with the report's values. """
        values = dict(values or {})
        user = self.env.user
        values.update(
            time=safe_time,
            context_timestamp=lambda t: fields.Datetime.context_timestamp(self.with_context(tz=user.tz), t),
            user=user,
            res_company=values.get('res_company') or self.env.company,
            web_base_url=self.env['ir.config_parameter'].sudo().get_param('web.base.url', default=''),
            qr=self._qr_data_uri,
        )
        view = self.env['ir.ui.view'].with_context(inherit_branding=False)
        return view._render_template(template, values).encode()

    def _get_rendering_context_model(self, report):
        return self.env.get(f'report.{report.report_name}')

    def _get_rendering_context(self, report, docids, data):
        """ The values of the report's template: ``report.<name>._get_report_values``
        when that model exists, else the documents themselves. """
        values_model = self._get_rendering_context_model(report)
        values = dict(data or {})
        if values_model is None:
            values.update(doc_ids=docids, doc_model=report.model, docs=self.env[report.model].browse(docids))
        else:
            values.update(values_model._get_report_values(docids, data=values))
        values['is_html_empty'] = is_html_empty
        return values

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None) -> tuple:
        return self._render_qweb_markup(report_ref, docids, data, 'html')

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None) -> tuple:
        return self._render_qweb_markup(report_ref, docids, data, 'text')

    @api.model
    def _render_qweb_markup(self, report_ref, docids, data, output: str) -> tuple:
        """ (rendered template, ``output``) for the html and text reports; the
        template sees ``report_type`` unless ``data`` sets it. """
        target = self._get_report(report_ref)
        values = self._get_rendering_context(target, docids, {'report_type': output, **(data or {})})
        return self._render_template(target.report_name, values), output

    @api.model
    def _render(self, report_ref, res_ids, data=None) -> tuple:
        report = self._get_report(report_ref)
        kind = report.report_type.lower().replace('-', '_')
        method = getattr(self, f'_render_{kind}', None)
        if method is None:
            raise UserError(_("Report %(report)s has the unknown type %(type)s.", report=report.name,
                              type=report.report_type))
        return method(report_ref, res_ids, data=data)

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None) -> tuple:
        """ (PDF bytes, 'pdf') of the report on ``res_ids``; with an
        attachment name set, each record's PDF is saved (and reused when
        ``attachment_use``). """
        report = self._get_report(report_ref)
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        res_ids = list(res_ids or [])
        data = {'report_type': 'pdf', **(data or {})}
        records = self.env[report.model].browse(res_ids) if res_ids else None
        if not report.attachment or not records:
            return self._render_qweb_pdf_documents(report, res_ids, data), 'pdf'
        streams = []
        for record in records:
            attachment = report.retrieve_attachment(record) if report.attachment_use else None
            if attachment:
                streams.append(base64.b64decode(attachment.datas))
                continue
            content = self._render_qweb_pdf_documents(report, [record.id], dict(data))
            name = safe_eval(report.attachment, {'object': record, 'time': safe_time})
            if name:
                self.env['ir.attachment'].sudo().create({
                    'name': name, 'raw': content, 'res_model': report.model, 'res_id': record.id,
                    'type': 'binary', 'mimetype': 'application/pdf'})
            streams.append(content)
        return self._merge_pdfs(streams), 'pdf'

    def _render_qweb_pdf_documents(self, report, res_ids: list, data: dict) -> bytes:
        html = self.with_context(is_pdf=True)._render_qweb_html(report, res_ids, data=data)[0]
        bodies, _html_ids, header, footer, specific_args = self._prepare_html(html, report_model=report.model)
        page_format = report.get_paperformat()
        # the template's data-report-landscape wins over the paper format
        forced = specific_args.get('data-report-landscape')
        if forced is None:
            landscape = bool(page_format) and page_format.orientation == 'Landscape'
        else:
            landscape = forced.strip().lower() in ('true', '1')
        return self._run_pdf_engine(bodies, header, footer, page_format, landscape=landscape,
                                    specific_paperformat_args=specific_args)

    @api.model
    def _merge_pdfs(self, streams: list) -> bytes:
        if len(streams) == 1:
            return streams[0]
        from pypdf import PdfWriter
        writer = PdfWriter()
        for stream in streams:
            writer.append(io.BytesIO(stream))
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    @api.model
    def _prepare_html(self, html, report_model=False) -> tuple:
        """ Split the rendered report into (bodies, res_ids, header, footer,
        specific paper format arguments), as the report layouts mark them:
        ``div.header``, ``div.article`` (one per document), ``div.footer``. """
        root = lxml_html.fromstring(html.decode() if isinstance(html, bytes) else html)
        head = root.find('head')
        head_html = etree.tostring(head, encoding='unicode', method='html') if head is not None else ''

        def take(css_class: str) -> list:
            return root.xpath(f"//div[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]")

        header_nodes, footer_nodes, articles = take('header'), take('footer'), take('article')
        inner = lambda node: (node.text or '') + ''.join(  # noqa: E731
            etree.tostring(child, encoding='unicode', method='html') for child in node)
        header = inner(header_nodes[0]) if header_nodes else ''
        footer = inner(footer_nodes[0]) if footer_nodes else ''
        body_attrs = root.find('body').attrib if root.find('body') is not None else {}
        body_class = body_attrs.get('class', '')
        res_ids, bodies = [], []
        for article in articles or [root.find('body')]:
            if article is None:
                continue
            if article.get('data-oe-model') == report_model and article.get('data-oe-id'):
                res_ids.append(int(article.get('data-oe-id')))
            bodies.append(etree.tostring(article, encoding='unicode', method='html'))
        specific = {k: v for k, v in root.attrib.items() if k.startswith('data-report-')}
        head_html = self._inline_barcodes(head_html)
        bodies = [self._inline_barcodes(body) for body in bodies]
        header, footer = self._inline_barcodes(header), self._inline_barcodes(footer)
        # the language picks the right CJK glyphs (Chinese, not Japanese, forms)
        lang = root.get('lang')
        html_open = f'<html lang="{escape(lang)}">' if lang else '<html>'
        document = (f'<!DOCTYPE html>{html_open}{head_html}<body class="{escape(body_class)}">'
                    + '<div style="page-break-after: always;"></div>'.join(bodies) + '</body></html>')
        return [document], res_ids, header, footer, specific

    @api.model
    def _run_pdf_engine(self, bodies: list, header: str, footer: str, paperformat, landscape: bool = False,
                        specific_paperformat_args: dict | None = None) -> bytes:
        """ The one function behind which the PDF engine sits: print the
        HTML ``bodies`` with ``header`` and ``footer`` repeated on every page
        (``span.page`` / ``span.topage`` become the page numbers). """
        specific = specific_paperformat_args or {}
        page = chromium_pdf.PageSetup(landscape=landscape)
        if paperformat:
            if paperformat.format == 'custom' or not paperformat.print_page_width:
                page.width = float(paperformat.page_width or page.width)
                page.height = float(paperformat.page_height or page.height)
            elif paperformat.orientation == 'Landscape':
                # the print size is already turned; the engine turns the page itself
                page.width, page.height = paperformat.print_page_height, paperformat.print_page_width
            else:
                page.width, page.height = paperformat.print_page_width, paperformat.print_page_height
            page.margin_top = paperformat.margin_top
            page.margin_bottom = paperformat.margin_bottom
            page.margin_left = paperformat.margin_left
            page.margin_right = paperformat.margin_right
        if specific.get('data-report-margin-top'):
            page.margin_top = float(specific['data-report-margin-top'])
        css = _MARGIN_CSS % {'left': page.margin_left, 'right': page.margin_right}

        def margin_html(fragment: str) -> str:
            if not fragment.strip():
                return ''
            fragment = (fragment.replace('class="page"', 'class="pageNumber"')
                        .replace('class="topage"', 'class="totalPages"'))
            return f'{css}<div class="o_pdf_margin">{fragment}</div>'

        pdfs = [chromium_pdf.html_to_pdf(body, margin_html(header), margin_html(footer), page) for body in bodies]
        return self._merge_pdfs(pdfs)

    # barcodes ---------------------------------------------------------

    @api.model
    def barcode(self, barcode_type: str, value: str, **kwargs) -> bytes:
        """ A PNG image of ``value`` as a barcode; QR codes are drawn with
        the qrcode package. """
        if barcode_type.upper() not in ('QR', 'QRCODE'):
            raise ValueError(f"Barcode type {barcode_type!r} is not supported here: only QR codes are drawn")
        import qrcode
        image = qrcode.make(value, border=int((kwargs.get('quiet', True) and 4) or 0),
                            error_correction=qrcode.constants.ERROR_CORRECT_M)
        width = int(kwargs.get('width') or 0)
        height = int(kwargs.get('height') or 0)
        side = min(s for s in (width, height) if s) if (width or height) else 0
        pil = image.get_image()
        if side:
            pil = pil.resize((side, side))
        output = io.BytesIO()
        pil.save(output, format='PNG')
        return output.getvalue()

    @api.model
    def _qr_data_uri(self, value: str, size: int = 200) -> str:
        """ A QR code of ``value`` as a data URI, for ``<img t-att-src="qr(value)"/>``. """
        return 'data:image/png;base64,' + base64.b64encode(self.barcode('QR', value, width=size, height=size)).decode()

    def _inline_barcodes(self, html: str) -> str:
        """ ``/report/barcode`` image URLs (as Odoo's templates write them)
        replaced by data URIs: the PDF engine reads the report from a file,
        with no server to ask. """
        def replace(match: re.Match) -> str:
            url = unescape(match.group(2))
            parsed = urlsplit(url)
            args = dict(parse_qsl(parsed.query))
            path = parsed.path[len('/report/barcode'):].strip('/').split('/')
            kind = args.pop('barcode_type', None) or args.pop('type', None) or (path[0] if path[0] else 'QR')
            value = args.pop('value', None) or (path[1] if len(path) > 1 else '')
            try:
                png = self.barcode(kind, value, **args)
            except ValueError:
                _logger.warning("cannot draw the barcode of %s", url)
                return match.group(0)
            return f'{match.group(1)}data:image/png;base64,{base64.b64encode(png).decode()}{match.group(3)}'
        return _BARCODE_SRC.sub(replace, html)

    # actions ----------------------------------------------------------

    def report_action(self, docids, data=None, config=True) -> dict:
        """ The client action that prints this report on ``docids``. """
        self.ensure_one()
        context = self.env.context
        if docids:
            if isinstance(docids, models.BaseModel):
                active_ids = docids.ids
            elif isinstance(docids, int):
                active_ids = [docids]
            else:
                active_ids = list(docids)
            context = {**self.env.context, 'active_ids': active_ids}
        return {
            'context': context,
            'data': data,
            'type': 'ir.actions.report',
            'report_name': self.report_name,
            'report_type': self.report_type,
            'report_file': self.report_file,
            'name': self.name,
        }

    def _get_report_filename(self, records) -> str:
        """ The download name of the report printed on ``records``. """
        self.ensure_one()
        if self.print_report_name and len(records) == 1:
            return safe_eval(self.print_report_name, {'object': records, 'time': safe_time})
        return self.name


