"""``type='http'`` routes served with a database: authentication redirects,
CSRF on forms, errors turned into HTTP statuses, and one transaction per
request. The controller below extends the ``web`` module (installed in the
test database), so the database's URL map serves it."""
from __future__ import annotations

import re

import pytest
from odoo.exceptions import AccessError, UserError
from odoo.http import Controller, request, route
from odoo.modules.registry import Registry
from tests.http.rpc_client import Browser

pytestmark = pytest.mark.slow


class ScratchRoutes(Controller):
    __module__ = 'odoo.addons.web.controllers.i_scratch_routes'

    @route('/i_scratch/me', type='http', auth='user', methods=['GET'])
    def me(self):
        return f"user {request.env.user.login}"

    @route('/i_scratch/public', type='http', auth='public')
    def public(self):
        return f"public {request.env.user.login}"

    @route('/i_scratch/rename', type='http', auth='user', methods=['POST'])
    def rename(self, name):
        request.env['res.partner'].browse(1).name = name
        if name == 'fail':
            raise UserError("名称不能是 fail")
        return request.make_json_response({'name': request.env['res.partner'].browse(1).name})

    @route('/i_scratch/forbidden', type='http', auth='user')
    def forbidden(self):
        raise AccessError("not for you")

    @route('/i_scratch/crash', type='http', auth='none')
    def crash(self):
        raise ZeroDivisionError("secret detail")


@pytest.fixture(scope='module')
def url(http_url, http_db):
    Registry(http_db).clear_cache('routing')
    return http_url


def _logged_in(url, http_db):
    browser = Browser(url)
    browser.call('/web/session/authenticate', {'db': http_db, 'login': 'admin', 'password': 'admin'})
    return browser


def test_auth_user_redirects_anonymous_visitors_to_login(url):
    answer = Browser(url).get('/i_scratch/me')
    assert answer.status == 303
    assert '/web/login?redirect=%2Fi_scratch%2Fme' in answer.headers['Location']


def test_auth_user_serves_a_logged_in_user(url, http_db):
    assert _logged_in(url, http_db).get('/i_scratch/me').text == 'user admin'


def test_auth_public_uses_the_public_user(url):
    assert Browser(url).get('/i_scratch/public').text == 'public public'


def test_method_not_allowed(url, http_db):
    answer = _logged_in(url, http_db).post_form('/i_scratch/me', {})
    assert answer.status == 405


def _token(browser):
    return re.search(r'name="csrf_token" value="([^"]+)"', browser.get('/web/login').text).group(1)


def test_post_needs_the_csrf_token(url, http_db):
    browser = _logged_in(url, http_db)
    assert browser.post_form('/i_scratch/rename', {'name': 'x'}).status == 400
    answer = browser.post_form('/i_scratch/rename', {'name': '新名称', 'csrf_token': _token(browser)})
    assert answer.status == 200 and answer.json() == {'name': '新名称'}


def test_user_error_is_a_400_and_rolls_back(url, http_db):
    browser = _logged_in(url, http_db)
    browser.post_form('/i_scratch/rename', {'name': '保留', 'csrf_token': _token(browser)})
    answer = browser.post_form('/i_scratch/rename', {'name': 'fail', 'csrf_token': _token(browser)})
    assert answer.status == 400 and '名称不能是 fail' in answer.text
    rows = browser.call('/web/dataset/call_kw', {'model': 'res.partner', 'method': 'read',
                                                 'args': [[1], ['name']], 'kwargs': {}})['result']
    assert rows[0]['name'] == '保留'


def test_access_error_is_a_403(url, http_db):
    answer = _logged_in(url, http_db).get('/i_scratch/forbidden')
    assert answer.status == 403 and 'not for you' in answer.text


def test_unexpected_error_is_a_500_without_details(url):
    answer = Browser(url).get('/i_scratch/crash')
    assert answer.status == 500
    assert 'secret detail' not in answer.text and 'Traceback' not in answer.text
