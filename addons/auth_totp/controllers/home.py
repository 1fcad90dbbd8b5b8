"""The second step of the login: the code page between the password and
the session, and remembered browsers that skip it."""
from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from odoo import _, http
from odoo.exceptions import AccessDenied
from odoo.http import request

TRUSTED_DEVICE_COOKIE = 'td_id'
TRUSTED_DEVICE_AGE = 90 * 86400
LOGIN_PAGE = '/web/login'


def _landing(redirect: str | None) -> str:
    return redirect or '/odoo'


class TotpLogin(http.Controller):

    def _finalize(self) -> None:
        session = request.session
        session.finalize(request.env)
        # the rest of the request runs as the user who passed both steps
        request.update_env(user=session.uid)
        request.update_context(**session.context)

    @http.route('/web/login/totp', type='http', auth='public', methods=['GET', 'POST'], sitemap=False)
    def web_totp(self, redirect=None, **kwargs):
        if request.session.uid:
            return request.redirect(_landing(redirect))
        pre_uid = request.session.get('pre_uid')
        if not pre_uid:
            return request.redirect(LOGIN_PAGE)
        user = request.env['res.users'].sudo().browse(pre_uid)
        error = None
        if request.httprequest.method == 'GET':
            key = request.httprequest.cookies.get(TRUSTED_DEVICE_COOKIE)
            if key and request.env['auth_totp.device'].sudo()._check_credentials_for_uid(
                    scope='browser', key=key, uid=user.id):
                self._finalize()
                return request.redirect(_landing(redirect))
        elif kwargs.get('totp_token'):
            typed = ''.join(kwargs['totp_token'].split())
            try:
                # a malformed code counts as a failed attempt too
                with user._assert_can_auth(user=user.id):
                    user._totp_check(int(typed))
            except AccessDenied as denied:
                error = str(denied)
            except ValueError:
                error = _("Invalid authentication code format.")
            else:
                self._finalize()
                response = request.redirect(_landing(redirect))
                if kwargs.get('remember'):
                    agent = request.httprequest.user_agent
                    name = _("%(browser)s on %(platform)s", browser=(agent.browser or '?').capitalize(),
                             platform=(agent.platform or '?').capitalize())
                    expiration = datetime.now() + timedelta(seconds=TRUSTED_DEVICE_AGE)
                    key = request.env['auth_totp.device'].with_user(user)._generate('browser', name, expiration)
                    response.set_cookie(TRUSTED_DEVICE_COOKIE, key, max_age=TRUSTED_DEVICE_AGE, httponly=True,
                                        samesite='Lax')
                return response
        values = {'user': user, 'error': error, 'redirect': redirect, 'url_quote': quote}
        return request.render('auth_totp.auth_totp_form', values)
