"""Report routes: ``/report/<converter>/<reportname>/<docids>`` prints a
report as PDF, HTML or text; ``/report/download`` gives it as a file (what
the web client asks for); ``/report/barcode`` draws a QR code."""
from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl, urlsplit

from markupsafe import escape as html_escape
from odoo import http
from odoo.http import content_disposition, request, serialize_exception
from werkzeug.exceptions import BadRequest, InternalServerError

_logger = logging.getLogger(__name__)


class ReportController(http.Controller):

    @http.route([
        '/report/<converter>/<reportname>',
        '/report/<converter>/<reportname>/<docids>',
    ], type='http', auth='user', website=True, readonly=True)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        context = dict(request.env.context)
        try:
            ids = [int(i) for i in docids.split(',') if i] if docids else []
        except ValueError as e:
            raise BadRequest(f"Report {reportname}: document ids must be numbers separated by commas, "
                             f"not {docids!r}") from e
        # options and context come JSON-encoded in the query string
        if data.get('options'):
            options = json.loads(data.pop('options'))
            data.update(options)
        if data.get('context'):
            extra_context = json.loads(data['context'])
            data['context'] = extra_context
            context.update(extra_context)
        report = request.env['ir.actions.report'].with_context(context)
        if converter == 'html':
            html = report._render_qweb_html(reportname, ids, data=data)[0]
            return request.make_response(html)
        if converter == 'pdf':
            pdf = report._render_qweb_pdf(reportname, ids, data=data)[0]
            action = report._get_report(reportname)
            records = request.env[action.model].browse(ids)
            filename = f"{action._get_report_filename(records)}.pdf"
            return request.make_response(pdf, headers=[
                ('Content-Type', 'application/pdf'), ('Content-Length', len(pdf)),
                ('Content-Disposition', content_disposition(filename, 'inline'))])
        if converter == 'text':
            text = report._render_qweb_text(reportname, ids, data=data)[0]
            return request.make_response(text, headers=[('Content-Type', 'text/plain; charset=utf-8')])
        raise BadRequest(f"Report {reportname}: unknown converter {converter!r} (pdf, html or text)")

    @http.route([
        '/report/barcode',
        '/report/barcode/<barcode_type>/<path:value>',
    ], type='http', auth='public', readonly=True)
    def report_barcode(self, barcode_type='QR', value='', **kwargs):
        try:
            png = request.env['ir.actions.report'].barcode(barcode_type, value, **kwargs)
        except (ValueError, AttributeError) as e:
            raise BadRequest(f"Cannot draw a {barcode_type} barcode of {value!r}: {e}") from e
        return request.make_response(png, headers=[('Content-Type', 'image/png'),
                                                   ('Cache-Control', 'public, max-age=604800')])

    @http.route(['/report/download'], type='http', auth='user')
    def report_download(self, data, context=None, token=None, readonly=True):
        """ The report of ``data`` (a JSON ``[url, report type]``) as an
        attachment; a failure answers Odoo's JSON error shape. """
        url, report_type = json.loads(data)[:2]
        reportname = '???'
        try:
            if report_type not in ('qweb-pdf', 'qweb-text'):
                raise BadRequest(f"Report type {report_type!r} cannot be downloaded (qweb-pdf or qweb-text)")
            converter, extension = ('pdf', 'pdf') if report_type == 'qweb-pdf' else ('text', 'txt')
            parts = urlsplit(url)
            reportname = parts.path.split(f'/report/{converter}/', 1)[1]
            docids = None
            if '/' in reportname:
                reportname, docids = reportname.split('/', 1)
            if docids:
                response = self.report_routes(reportname, docids, converter, context=context)
            else:
                query = dict(parse_qsl(parts.query))
                if 'context' in query:
                    merged = {**json.loads(context or '{}'), **json.loads(query.pop('context'))}
                    context = json.dumps(merged)
                response = self.report_routes(reportname, converter=converter, context=context, **query)
            Report = request.env['ir.actions.report']
            report = Report._get_report_from_name(reportname)
            filename = f"{report.name}.{extension}"
            if docids:
                records = request.env[report.model].browse([int(i) for i in docids.split(',') if i.isdigit()])
                if report.print_report_name and len(records) <= 1:
                    filename = f"{report._get_report_filename(records)}.{extension}"
            response.headers['Content-Disposition'] = content_disposition(filename)
            return response
        except Exception as e:
            _logger.warning("Error while printing report %s", reportname, exc_info=True)
            error = {'code': 200, 'message': "Odoo Server Error", 'data': serialize_exception(e)}
            raise InternalServerError(response=request.make_response(html_escape(json.dumps(error)))) from e

    @http.route(['/report/check_wkhtmltopdf'], type='json', auth='user', readonly=True)
    def check_wkhtmltopdf(self):
        """ The PDF engine's state, as the web client asks for it ('ok'
        when Chromium is there, 'install' otherwise). """
        Report = request.env['ir.actions.report']
        return Report.get_wkhtmltopdf_state()
