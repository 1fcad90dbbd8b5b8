"""Report routes: ``/report/<converter>/<reportname>/<docids>`` prints a
report as PDF, HTML or text; ``/report/barcode`` draws a QR code."""
from __future__ import annotations

import json

from odoo import http
from odoo.http import content_disposition, request
from werkzeug.exceptions import BadRequest


class ReportController(http.Controller):

    @http.route([
        '/report/<converter>/<reportname>',
        '/report/<converter>/<reportname>/<docids>',
    ], type='http', auth='user', website=True, readonly=True)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        report = request.env['ir.actions.report']
        context = dict(request.env.context)
        try:
            ids = [int(i) for i in docids.split(',') if i] if docids else []
        except ValueError as e:
            raise BadRequest(f"Report {reportname}: document ids must be numbers separated by commas, "
                             f"not {docids!r}") from e
        if data.get('options'):
            data.update(json.loads(data.pop('options')))
        if data.get('context'):
            data['context'] = json.loads(data['context'])
            context.update(data['context'])
        report = report.with_context(context)
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
