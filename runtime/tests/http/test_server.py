"""The HTTP application end to end, served in-process on 127.0.0.1: the
external API (/jsonrpc, /xmlrpc/2, /web/session, /web/dataset) and its error
shapes, sessions, CSRF and one-transaction-per-request."""
from __future__ import annotations

import re
import xmlrpc.client

import pytest
from odoo import api
from odoo.modules.registry import Registry
from tests.http.rpc_client import Browser

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def clerk(http_db: str) -> dict:
    """A user with no group at all (so: no access to partners), committed."""
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 1, {})
        existing = env['res.users'].search([('login', '=', 'clerk')])
        user = existing or env['res.users'].create({
            'name': '张三', 'login': 'clerk', 'password': 'clerk-pw', 'groups_id': [(6, 0, [])]})
        return {'uid': user.id, 'login': 'clerk', 'password': 'clerk-pw'}


def _rpc(browser: Browser, service: str, method: str, *args):
    return browser.call('/jsonrpc', {'service': service, 'method': method, 'args': list(args)})


def _execute(browser: Browser, db: str, uid: int, password: str, model: str, method: str, args, kwargs=None):
    return _rpc(browser, 'object', 'execute_kw', db, uid, password, model, method, args, kwargs or {})


def test_jsonrpc_version_and_login(http_url, http_db):
    browser = Browser(http_url)
    version = _rpc(browser, 'common', 'version')['result']
    assert version['server_version'] == '18.0' and version['protocol_version'] == 1
    assert _rpc(browser, 'common', 'login', http_db, 'admin', 'admin')['result'] == 2
    assert _rpc(browser, 'common', 'login', http_db, 'admin', 'wrong')['result'] is False
    assert _rpc(browser, 'common', 'authenticate', http_db, 'admin', 'admin', {})['result'] == 2


def test_execute_kw_crud_on_partners(http_url, http_db):
    browser = Browser(http_url)
    call = lambda method, args, kw=None: _execute(browser, http_db, 2, 'admin', 'res.partner', method, args, kw)  # noqa: E731
    new_id = call('create', [{'name': '杭州测试客户', 'city': '杭州'}])['result']
    assert isinstance(new_id, int)
    assert call('search', [[('name', '=', '杭州测试客户')]])['result'] == [new_id]
    assert call('write', [[new_id], {'phone': '0571-1234'}])['result'] is True
    rows = call('read', [[new_id], ['name', 'phone', 'city']])['result']
    assert rows == [{'id': new_id, 'name': '杭州测试客户', 'phone': '0571-1234', 'city': '杭州'}]
    found = call('search_read', [[('id', '=', new_id)]], {'fields': ['name'], 'context': {'lang': 'zh_CN'}})['result']
    assert found == [{'id': new_id, 'name': '杭州测试客户'}]
    assert call('search_count', [[('id', '=', new_id)]])['result'] == 1
    assert call('unlink', [[new_id]])['result'] is True
    assert call('search_count', [[('id', '=', new_id)]])['result'] == 0


def test_wrong_password_is_access_denied(http_url, http_db):
    answer = _execute(Browser(http_url), http_db, 2, 'nope', 'res.partner', 'search', [[]])
    assert answer['error']['code'] == 200
    assert answer['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
    assert answer['error']['data']['message'] == 'Access Denied'


def test_access_error_shape(http_url, http_db, clerk):
    answer = _execute(Browser(http_url), http_db, clerk['uid'], clerk['password'], 'res.partner', 'search_read',
                      [[]], {'fields': ['name']})
    error = answer['error']
    assert error['code'] == 200 and error['message'] == 'Odoo Server Error'
    assert error['data']['name'] == 'odoo.exceptions.AccessError'
    assert 'res.partner' in error['data']['message']
    assert error['data']['arguments'] == [error['data']['message']]
    assert error['data']['context'] == {}
    assert 'Traceback' in error['data']['debug']


def test_private_and_unknown_methods_are_refused(http_url, http_db):
    browser = Browser(http_url)
    private = _execute(browser, http_db, 2, 'admin', 'res.partner', '_compute_display_name', [[1]])
    assert private['error']['data']['name'] == 'odoo.exceptions.AccessError'
    assert "Private methods (such as 'res.partner._compute_display_name')" in private['error']['data']['message']
    unknown = _execute(browser, http_db, 2, 'admin', 'res.partner', 'no_such_method', [[1]])
    assert unknown['error']['data']['name'] == 'builtins.AttributeError'
    assert "res.partner.no_such_method" in unknown['error']['data']['message']
    model = _execute(browser, http_db, 2, 'admin', 'no.such.model', 'search', [[]])
    assert model['error']['data']['name'] == 'odoo.exceptions.UserError'
    assert "no.such.model" in model['error']['data']['message']


def test_api_private_methods_are_refused(http_url, http_db):
    # ir.cron's runner entry points are classmethods marked private by their underscore;
    # res.users.check is public in Python but Odoo exposes it: so we use _crypt_context
    answer = _execute(Browser(http_url), http_db, 2, 'admin', 'res.users', '_crypt_context', [])
    assert answer['error']['data']['name'] == 'odoo.exceptions.AccessError'


@pytest.mark.parametrize(('body', 'reply'), [
    (b'{"jsonrpc": "2.0", "params": {', "Invalid JSON data"),
    (b'[1, 2, 3]', "Invalid JSON-RPC data"),
])
def test_malformed_jsonrpc_is_a_clear_400(http_url, body, reply):
    answer = Browser(http_url).post_json('/jsonrpc', body)
    assert answer.status == 400
    assert answer.text.startswith(reply)


def test_unknown_service_and_missing_arguments(http_url):
    browser = Browser(http_url)
    unknown = browser.call('/jsonrpc', {'service': 'nope', 'method': 'x', 'args': []})
    assert "unknown RPC service 'nope'" in unknown['error']['data']['message']
    missing = browser.call('/jsonrpc', {'service': 'common'})
    assert missing['error']['data']['name'] == 'builtins.TypeError'


def test_unknown_route_is_a_404(http_url):
    # as Odoo: no route, no JSON-RPC dispatcher, a plain HTTP 404
    answer = Browser(http_url).post_json('/no/such/route', {'jsonrpc': '2.0', 'params': {}})
    assert answer.status == 404


def test_failed_request_leaves_the_database_unchanged(http_url, http_db):
    browser = Browser(http_url)
    # the batch's second record has an unknown field: the first one must not stay
    answer = _execute(browser, http_db, 2, 'admin', 'res.partner', 'create',
                      [[{'name': '回滚测试'}, {'name': '回滚测试', 'no_such_field': 1}]])
    assert 'error' in answer
    count = _execute(browser, http_db, 2, 'admin', 'res.partner', 'search_count', [[('name', '=', '回滚测试')]])
    assert count['result'] == 0


def test_xmlrpc_execute_kw_and_faults(http_url, http_db, clerk):
    common = xmlrpc.client.ServerProxy(f'{http_url}/xmlrpc/2/common')
    assert common.version()['server_serie'] == '18.0'
    uid = common.authenticate(http_db, 'admin', 'admin', {})
    assert uid == 2
    models = xmlrpc.client.ServerProxy(f'{http_url}/xmlrpc/2/object')
    partner_id = models.execute_kw(http_db, uid, 'admin', 'res.partner', 'create', [{'name': 'XML 客户'}])
    rows = models.execute_kw(http_db, uid, 'admin', 'res.partner', 'read', [[partner_id]], {'fields': ['name']})
    assert rows == [{'id': partner_id, 'name': 'XML 客户'}]
    assert models.execute_kw(http_db, uid, 'admin', 'res.partner', 'unlink', [[partner_id]]) is True
    faults = {
        3: (http_db, uid, 'bad password', 'res.partner', 'search', [[]]),
        4: (http_db, clerk['uid'], clerk['password'], 'res.partner', 'search', [[]]),
        1: (http_db, uid, 'admin', 'res.partner', 'no_such_method', [[]]),
    }
    for code, call in faults.items():
        with pytest.raises(xmlrpc.client.Fault) as caught:
            models.execute_kw(*call)
        assert caught.value.faultCode == code, caught.value.faultString[-300:]


def test_xmlrpc_malformed_body_is_a_fault(http_url):
    answer = Browser(http_url).request('/xmlrpc/2/object', b'<methodCall><broken', {'Content-Type': 'text/xml'})
    assert answer.status == 200
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.loads(answer.body)
    assert caught.value.faultCode == 1


def test_xmlrpc_db_list(http_url, http_db):
    # as in Odoo, the db service lists the server's databases (no --db-filter applied)
    assert http_db in xmlrpc.client.ServerProxy(f'{http_url}/xmlrpc/2/db').list()


def test_web_session_authenticate_then_call_kw(http_url, http_db):
    browser = Browser(http_url)
    info = browser.call('/web/session/authenticate', {'db': http_db, 'login': 'admin', 'password': 'admin'})['result']
    assert info['uid'] == 2 and info['db'] == http_db and info['username'] == 'admin'
    assert info['user_context']['uid'] == 2 and info['is_admin'] is True
    assert browser.session_id()
    again = browser.call('/web/session/get_session_info', {})['result']
    assert again['uid'] == 2
    rows = browser.call('/web/dataset/call_kw/res.partner/search_read', {
        'model': 'res.partner', 'method': 'search_read', 'args': [[('id', '=', 1)]],
        'kwargs': {'fields': ['name']}})['result']
    assert rows == [{'id': 1, 'name': rows[0]['name']}]
    private = browser.call('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': '_compute_display_name', 'args': [[1]], 'kwargs': {}})
    assert private['error']['data']['name'] == 'odoo.exceptions.AccessError'


def test_wrong_credentials_on_session_authenticate(http_url, http_db):
    answer = Browser(http_url).call('/web/session/authenticate',
                                    {'db': http_db, 'login': 'admin', 'password': 'nope'})
    assert answer['error']['data']['name'] == 'odoo.exceptions.AccessDenied'


def test_call_kw_without_session_is_session_expired(http_url):
    answer = Browser(http_url).call('/web/dataset/call_kw', {
        'model': 'res.partner', 'method': 'search', 'args': [[]], 'kwargs': {}})
    assert answer['error']['code'] == 100
    assert answer['error']['message'] == 'Odoo Session Expired'
    assert answer['error']['data']['name'] == 'odoo.http.SessionExpiredException'


def test_logout_ends_the_session(http_url, http_db):
    browser = Browser(http_url)
    browser.call('/web/session/authenticate', {'db': http_db, 'login': 'admin', 'password': 'admin'})
    answer = browser.get('/web/session/logout?redirect=/web/login')
    assert answer.status == 303 and answer.headers['Location'].endswith('/web/login')
    assert browser.call('/web/session/get_session_info', {})['error']['code'] == 100


def test_changed_password_expires_open_sessions(http_url, http_db):
    browser = Browser(http_url)
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 1, {})
        user = env['res.users'].search([('login', '=', 'rotating')]) or env['res.users'].create({
            'name': '李四', 'login': 'rotating', 'password': 'first-pw', 'groups_id': [(6, 0, [])]})
        user.password = 'first-pw'
    browser.call('/web/session/authenticate', {'db': http_db, 'login': 'rotating', 'password': 'first-pw'})
    assert browser.call('/web/session/get_session_info', {})['result']['username'] == 'rotating'
    with Registry(http_db).cursor() as cr:
        api.Environment(cr, 1, {})['res.users'].search([('login', '=', 'rotating')]).password = 'second-pw'
    assert browser.call('/web/session/get_session_info', {})['error']['code'] == 100


def test_sessions_survive_a_new_session_store(http_url, http_db):
    from odoo.http import root
    from odoo.httpd.sessions import FilesystemSessionStore
    browser = Browser(http_url)
    browser.call('/web/session/authenticate', {'db': http_db, 'login': 'admin', 'password': 'admin'})
    stored = FilesystemSessionStore(root.session_store.path).get(browser.session_id())
    assert not stored.is_new and stored.uid == 2 and stored.db == http_db


def test_login_page_is_chinese_with_a_csrf_token(http_url):
    page = Browser(http_url).get('/web/login')
    assert page.status == 200
    assert '登录' in page.text and 'lang="zh-CN"' in page.text
    assert re.search(r'name="csrf_token" value="[0-9a-f]{40}o\d+"', page.text)


def _login_form(browser: Browser) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', browser.get('/web/login').text).group(1)


def test_login_form_logs_in(http_url):
    browser = Browser(http_url)
    token = _login_form(browser)
    answer = browser.post_form('/web/login', {'csrf_token': token, 'login': 'admin', 'password': 'admin',
                                              'redirect': '/odoo'})
    assert answer.status == 303 and answer.headers['Location'].endswith('/odoo')
    assert browser.call('/web/session/get_session_info', {})['result']['uid'] == 2
    # the web client of the logged-in user, in their language, with a way out
    page = browser.get('/odoo').text
    assert 'href="/web/session/logout"' in page and '/web/login' not in page


def test_login_form_wrong_password_shows_an_error(http_url):
    browser = Browser(http_url)
    answer = browser.post_form('/web/login', {'csrf_token': _login_form(browser), 'login': 'admin',
                                              'password': 'bad'})
    assert answer.status == 200 and '账号或密码错误' in answer.text


@pytest.mark.parametrize('token', [None, 'forged', 'deadbeef' * 5 + 'o9999999999'])
def test_forged_or_missing_csrf_token_is_refused(http_url, token):
    browser = Browser(http_url)
    _login_form(browser)
    fields = {'login': 'admin', 'password': 'admin'}
    if token:
        fields['csrf_token'] = token
    answer = browser.post_form('/web/login', fields)
    assert answer.status == 400
    assert 'invalid CSRF token' in answer.text
    assert browser.call('/web/session/get_session_info', {})['error']['code'] == 100


def test_csrf_token_of_another_session_is_refused(http_url):
    first, second = Browser(http_url), Browser(http_url)
    token = _login_form(first)
    _login_form(second)
    answer = second.post_form('/web/login', {'csrf_token': token, 'login': 'admin', 'password': 'admin'})
    assert answer.status == 400


def test_version_info_and_database_list(http_url, http_db):
    browser = Browser(http_url)
    assert ['zh_CN', 'Chinese (Simplified) / 简体中文'] in browser.call('/web/session/get_lang_list', {})['result']
    assert browser.call('/web/webclient/version_info', {})['result']['server_version_info'][0] == 18
    assert browser.call('/web/database/list', {})['result'] == [http_db]


def test_http_route_with_json_body_mismatch_is_a_bad_request(http_url):
    answer = Browser(http_url).post_json('/web/session/logout', {'jsonrpc': '2.0', 'params': {}})
    assert answer.status == 400


def test_api_key_authenticates_rpc_but_not_the_login_form(http_url, http_db):
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 2, {})
        key = env['res.users.apikeys']._generate(None, '对账脚本', None)
    browser = Browser(http_url)
    assert len(key) == 40
    assert _rpc(browser, 'common', 'login', http_db, 'admin', key)['result'] == 2
    rows = _execute(browser, http_db, 2, key, 'res.partner', 'search_read', [[('id', '=', 1)]], {'fields': ['id']})
    assert rows['result'] == [{'id': 1}]
    wrong = _execute(browser, http_db, 2, key[:-1] + ('0' if key[-1] != '0' else '1'), 'res.partner', 'search', [[]])
    assert wrong['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
    # an API key is no browser password
    answer = browser.call('/web/session/authenticate', {'db': http_db, 'login': 'admin', 'password': key})
    assert answer['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
    with Registry(http_db).cursor() as cr:
        env = api.Environment(cr, 2, {})
        env['res.users.apikeys'].search([('user_id', '=', 2)]).remove()
    revoked = _execute(Browser(http_url), http_db, 2, key, 'res.partner', 'search', [[]])
    assert revoked['error']['data']['name'] == 'odoo.exceptions.AccessDenied'
