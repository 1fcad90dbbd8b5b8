"""The customer import page (批量导入客户名单): runs an import session prepared in the
wizard while the page polls its progress, offers cancel, and serves the error sheet.

The page starts the import with one request that lasts as long as the import
(one transaction) and reads the progress with other, short requests: the
import publishes it through a cursor of its own. Everything is done as the
signed-in user; a session of someone else is not found.
"""

import base64

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request
from werkzeug.exceptions import NotFound


def _session(import_id):
    session = request.env['tianchi.customer.import'].search([
        ('id', '=', import_id), ('create_uid', '=', request.env.uid)])
    if not session:
        raise NotFound()
    return session


def _outcome(session):
    return {
        'state': session.state,
        'message': session.message or '',
        'created': session.created_count,
        'updated': session.updated_count,
        'errors': session.error_count,
        'duplicates': session.duplicate_count,
        'error_sheet': bool(session.error_file),
    }


class TianchiCustomerImportPage(http.Controller):

    @http.route('/tianchi_crm/import/<int:import_id>', type='http', auth='user', methods=['GET'],
                sitemap=False)
    def import_page(self, import_id):
        session = _session(import_id)
        if session.state == 'upload':
            session.action_parse()
        return request.render('tianchi_crm.tianchi_customer_import_page', {
            'session': session,
            'columns': session.column_ids.filtered('target'),
            'targets': dict(session._selection_target()),
            'duplicate_label': dict(session._fields['duplicate_mode']._description_selection(request.env))
                               .get(session.duplicate_mode),
            'csrf_token': request.csrf_token(),
        })

    @http.route('/tianchi_crm/import/<int:import_id>/start', type='http', auth='user', methods=['POST'],
                sitemap=False)
    def import_start(self, import_id, dry_run=None, **kw):
        session = _session(import_id)
        if session.state not in ('preview', 'done', 'cancelled', 'failed'):
            return request.make_json_response({'state': session.state, 'message': _("Upload a file first.")})
        try:
            # this request writes the session's row; the progress lives on a
            # row of its own, committed with the preview, that the import
            # updates through a second cursor
            session.write({'dry_run': bool(dry_run), 'state': 'preview'})
            session._tianchi_import()
        except UserError as error:
            request.env.cr.rollback()
            return request.make_json_response({'state': 'failed', 'message': error.args[0]})
        return request.make_json_response(_outcome(session))

    @http.route('/tianchi_crm/import/<int:import_id>/progress', type='http', auth='user', methods=['GET'],
                sitemap=False)
    def import_progress(self, import_id):
        session = _session(import_id)
        progress = session.progress_ids[:1]
        return request.make_json_response({
            'progress': round(progress.progress, 1),
            'processed': progress.processed_rows,
            'total': progress.total_rows,
            'cancel_requested': progress.cancel_requested,
        })

    @http.route('/tianchi_crm/import/<int:import_id>/cancel', type='http', auth='user', methods=['POST'],
                sitemap=False)
    def import_cancel(self, import_id, **kw):
        _session(import_id).action_request_cancel()
        return request.make_json_response({'cancel_requested': True})

    @http.route('/tianchi_crm/import/<int:import_id>/errors', type='http', auth='user', methods=['GET'],
                sitemap=False)
    def import_errors(self, import_id):
        session = _session(import_id)
        if not session.error_file:
            raise NotFound()
        return request.make_response(base64.b64decode(session.error_file), [
            ('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
            ('Content-Disposition', http.content_disposition(session.error_filename)),
        ])
