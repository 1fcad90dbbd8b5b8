"""Session endpoints: authenticate over JSON-RPC, session information,
logout."""
from __future__ import annotations

from odoo import api, http
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.modules.registry import Registry


def _session_info_of(env):
    return env['ir.http'].session_info()


class Session(http.Controller):

    @http.route('/web/session/get_session_info', type='json', auth='user', readonly=True)
    def get_session_info(self):
        # each call extends the session's life
        request.session.touch()
        return _session_info_of(request.env)

    @http.route('/web/session/authenticate', type='json', auth='none')
    def authenticate(self, db, login, password, base_location=None):
        if request.db:
            # this request's own transaction has nothing to keep
            if request.db == db:
                request.env.cr.rollback()
            else:
                request.env.cr.close()
        if db not in http.db_filter([db]):
            raise AccessError("Database not found.")
        session = request.session
        outcome = session.authenticate(db, {'type': 'password', 'login': login, 'password': password})
        if session.uid != outcome['uid']:
            # a second factor is still expected: not logged in through this endpoint
            return {'uid': None}
        session.db = db
        with Registry(db).cursor() as cr:
            env = api.Environment(cr, session.uid, session.context)
            if not request.db:
                # served without a database: no later step would rotate the session
                http.root.session_store.rotate(session, env)
                request.future_response.set_cookie('session_id', session.sid, httponly=True,
                                                   max_age=http.get_session_max_inactivity(env))
            return _session_info_of(env)

    @http.route('/web/session/get_lang_list', type='json', auth='none')
    def get_lang_list(self):
        return http.dispatch_rpc('db', 'list_lang', []) or []

    @http.route('/web/session/modules', type='json', auth='user', readonly=True)
    def modules(self):
        return sorted(request.env.registry._init_modules)

    @http.route('/web/session/check', type='json', auth='user', readonly=True)
    def check(self):
        # authentication of the route did the check
        return None

    @http.route('/web/session/destroy', type='json', auth='user', readonly=True)
    def destroy(self):
        request.session.logout()

    @http.route('/web/session/logout', type='http', auth='none', readonly=True)
    def logout(self, redirect='/odoo'):
        session = request.session
        session.logout(keep_db=True)
        return request.redirect(redirect, code=303)
