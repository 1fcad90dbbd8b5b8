"""Helpers shared by the web controllers."""
from __future__ import annotations

from urllib.parse import urlencode

import werkzeug.exceptions
from odoo import http
from odoo.http import request


def ensure_db(redirect='/web/login'):
    """Make sure the request works on a database: the one of ``?db=`` (if the
    filter allows it), else the session's, else the only one there is.
    Switching databases starts a new session (the browser is redirected once
    so that the request is served with that database). Returns the database,
    or None when it has to be chosen (the caller shows a choice)."""
    wanted = (request.params.get('db') or '').strip() or None
    if wanted and wanted not in http.db_filter([wanted]):
        wanted = None
    current = request.session.db
    if wanted and wanted != current:
        request.session.logout(keep_db=False)
        request.session.db = wanted
        query = {key: value for key, value in request.httprequest.args.items() if key != 'db'}
        target = request.httprequest.path + (f'?{urlencode(query)}' if query else '')
        werkzeug.exceptions.abort(request.redirect(target, 302))
    if current and http.db_filter([current]):
        return current
    candidates = http.db_list(force=True)
    if len(candidates) == 1:
        if candidates[0] != current:
            request.session.db = candidates[0]
            werkzeug.exceptions.abort(request.redirect(request.httprequest.full_path, 302))
        return candidates[0]
    return None


def login_redirect_url(uid, redirect=None):
    """Where a user lands after logging in (the second-factor page while the
    session waits for it)."""
    if uid and not request.session.uid:
        mfa_url = request.env(user=uid)['res.users'].browse(uid)._mfa_url()
        if mfa_url:
            return f"{mfa_url}?{urlencode({'redirect': redirect})}" if redirect else mfa_url
    if redirect:
        return redirect
    return '/odoo'
