"""The second login step by e-mail: send a code to the user who gave the
right password, and open the session when they type it back."""
from __future__ import annotations

import time

from odoo import http
from odoo.exceptions import AccessDenied, UserError
from odoo.http import request

RESEND_DELAY = 60
LOGIN_PAGE = '/web/login'


def _open_session() -> None:
    """The code was right: the half-open session becomes a full one, and the
    rest of the request runs as its user."""
    session = request.session
    session.finalize(request.env)
    request.update_env(user=session.uid)
    request.update_context(**session.context)


class TianchiLoginCode(http.Controller):

    @http.route('/tianchi/login/code', type='http', auth='public', methods=['GET', 'POST'], sitemap=False)
    def login_code(self, redirect=None, **values):
        if request.session.uid:
            return request.redirect(redirect or '/odoo')
        pre_uid = request.session.get('pre_uid')
        if not pre_uid:
            return request.redirect(LOGIN_PAGE)
        user = request.env['res.users'].sudo().browse(pre_uid)
        error = message = ''
        submitted = request.httprequest.method == 'POST'
        if submitted:
            try:
                with user._assert_can_auth(user=user.id):
                    user._tianchi_check_login_code(values.get('code'))
            except AccessDenied as denied:
                error = str(denied)
            else:
                _open_session()
                return request.redirect(redirect or '/odoo')
        elif time.time() - request.session.get('tianchi_code_sent', 0) > RESEND_DELAY:
            try:
                user._tianchi_send_login_code()
            except UserError as failure:
                error = failure.args[0]
            else:
                request.session['tianchi_code_sent'] = time.time()
                message = request.env._("A code was sent to your e-mail address.")
        return request.render('tianchi_org.tianchi_org_login_code_page', {
            'error': error, 'message': message, 'redirect': redirect or ''})
