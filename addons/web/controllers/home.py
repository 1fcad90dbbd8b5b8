"""Entry pages: ``/`` and ``/odoo``, the login page, and a health check."""
from __future__ import annotations

import json

from odoo import http
from odoo.exceptions import AccessDenied
from odoo.http import request

from .login_page import render_database_choice, render_landing, render_login
from .utils import ensure_db, login_redirect_url


def _html(body, status=200):
    return request.make_response(body, [
        ('Content-Type', 'text/html; charset=utf-8'),
        ('Cache-Control', 'no-cache'),
        ('X-Frame-Options', 'SAMEORIGIN'),
        ('Content-Security-Policy', "frame-ancestors 'self'"),
    ], status=status)


class Home(http.Controller):

    @http.route('/', type='http', auth='none')
    def index(self, s_action=None, db=None, **kw):
        return request.redirect_query('/odoo', query=dict(request.params))

    @http.route(['/web', '/odoo', '/odoo/<path:subpath>'], type='http', auth='none')
    def web_client(self, s_action=None, **kw):
        """Until the web client is installed: a landing page for logged-in users."""
        db = ensure_db()
        uid = request.session.uid
        if not db or not uid:
            return request.redirect_query('/web/login', query={'redirect': request.httprequest.full_path})
        request.update_env(user=uid)
        return _html(render_landing(request.env.user.name, db))

    def _try_login(self, db, redirect):
        """Log in with the posted credential: a redirection, or the error to show."""
        params = request.params
        credential = {key: params[key] for key in ('login', 'password', 'type') if params.get(key)}
        if not credential.get('login') or not credential.get('password'):
            return None, "请输入账号和密码 · Enter your login and password"
        credential['type'] = credential.get('type') or 'password'
        try:
            outcome = request.session.authenticate(db, credential)
        except AccessDenied as exc:
            generic = exc.args == AccessDenied().args
            return None, "账号或密码错误 · Wrong login/password" if generic else exc.args[0]
        return request.redirect(login_redirect_url(outcome['uid'], redirect=redirect)), ''

    @http.route('/web/login', type='http', auth='none', readonly=False)
    def web_login(self, redirect=None, **kw):
        db = ensure_db()
        if not db:
            try:
                databases = http.db_list()
            except AccessDenied:
                databases = []
            return _html(render_database_choice(databases))
        method = request.httprequest.method
        session_uid = request.session.uid
        if redirect and session_uid and method == 'GET':
            return request.redirect(redirect)
        if request.env.uid is None:
            if session_uid is None:
                request.env['ir.http']._auth_method_public()
            else:
                request.update_env(user=session_uid)

        error = ''
        if method == 'POST':
            done, error = self._try_login(db, redirect)
            if done is not None:
                return done
        try:
            databases = http.db_list()
        except AccessDenied:
            databases = None
        body = render_login(csrf_token=request.csrf_token(), db=db, databases=databases,
                            login=request.params.get('login') or '', redirect=redirect or '', error=error)
        return _html(body)

    @http.route('/web/health', type='http', auth='none', save_session=False)
    def health(self, db_server_status=False):
        return request.make_response(json.dumps({'status': 'pass'}), [
            ('Content-Type', 'application/json'), ('Cache-Control', 'no-store')])
