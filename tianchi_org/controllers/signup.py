"""The public company sign-up page (注册企业账号): ask for a code, then
register the company and sign its HQ head in."""
from __future__ import annotations

import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

_logger = logging.getLogger(__name__)

FORM_FIELDS = ('company_name', 'admin_name', 'mobile', 'email')


class TianchiSignup(http.Controller):

    def _env(self):
        """The page is written in Chinese: its messages follow when zh_CN is installed."""
        env = request.env
        if env['res.lang'].sudo()._lang_get('zh_CN'):
            return env(context=dict(env.context, lang='zh_CN'))
        return env

    def _render(self, values: dict, error: str = '', message: str = ''):
        context = {field: values.get(field, '') for field in FORM_FIELDS}
        context.update(error=error, message=message)
        return request.render('tianchi_org.tianchi_org_signup_page', context)

    @http.route('/tianchi/signup', type='http', auth='public', methods=['GET'], sitemap=False)
    def signup_page(self, **values):
        return self._render(values)

    @http.route('/tianchi/signup/code', type='http', auth='public', methods=['POST'], sitemap=False)
    def signup_code(self, **values):
        try:
            self._env()['tianchi.signup.code'].sudo()._tianchi_request_code(
                values.get('mobile'), values.get('email'), request.httprequest.remote_addr,
                channel=values.get('channel') or 'email')
        except UserError as error:
            return self._render(values, error=error.args[0])
        return self._render(values, message=self._env()._(
            "A verification code was sent: it is valid for 10 minutes."))

    @http.route('/tianchi/signup', type='http', auth='public', methods=['POST'], sitemap=False)
    def signup_submit(self, **values):
        if values.get('password') != values.get('confirm_password'):
            return self._render(values, error=self._env()._("The two passwords differ."))
        try:
            user = self._env()['res.company'].sudo()._tianchi_register(
                values.get('company_name'), values.get('admin_name'), values.get('mobile'),
                values.get('email'), values.get('password'), values.get('code'))
        except UserError as error:
            # the wrong-code counter written before the refusal is kept
            return self._render(values, error=error.args[0])
        login = user.login
        request.env.cr.commit()
        request.session.authenticate(request.db, {
            'login': login, 'password': values.get('password'), 'type': 'password'})
        _logger.info("company %s registered by %s", values.get('company_name'), login)
        return request.redirect('/odoo')
