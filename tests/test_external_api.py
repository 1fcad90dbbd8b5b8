"""Odoo's external API driven by real clients — odoorpc, odooly and
``xmlrpc.client`` — against a real ``./odoo-bin`` process, as an integrator
would use it."""
from __future__ import annotations

import json
import urllib.request
import xmlrpc.client

import odooly
import odoorpc
import pytest

pytestmark = pytest.mark.slow


def _jsonrpc(url: str, params: dict) -> dict:
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': 1}).encode()
    request = urllib.request.Request(f'{url}/jsonrpc', body, {'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


@pytest.fixture
def odoo(odoo_server):
    client = odoorpc.ODOO('127.0.0.1', port=int(odoo_server.url.rsplit(':', 1)[1]), timeout=60)
    client.login(odoo_server.db, 'admin', 'admin')
    return client


def test_server_answers_login_page_quickly(odoo_server):
    # generous bound for CI; bench/http.py measures the real figure
    assert odoo_server.ready_after < 60


def test_odoorpc_partner_lifecycle(odoo):
    partners = odoo.env['res.partner']
    partner_id = partners.create({'name': '宁波海曙贸易有限公司', 'city': '宁波', 'is_company': True})
    assert partners.search([('name', '=', '宁波海曙贸易有限公司')]) == [partner_id]
    record = partners.browse(partner_id)
    assert record.city == '宁波' and record.is_company
    record.write({'phone': '0574-8888'})
    assert partners.read([partner_id], ['phone'])[0]['phone'] == '0574-8888'
    contact_id = partners.create({'name': '赵敏', 'parent_id': partner_id})
    assert partners.browse(contact_id).commercial_partner_id.id == partner_id
    partners.browse([contact_id, partner_id]).unlink()
    assert partners.search_count([('id', 'in', [partner_id, contact_id])]) == 0


def test_odoorpc_calls_model_methods(odoo):
    partners = odoo.env['res.partner']
    found = partners.name_search('My Company')
    assert found and found[0][1] == 'My Company'
    fields = partners.fields_get(['name', 'parent_id'], attributes=['type', 'relation'])
    assert fields == {'name': {'type': 'char'}, 'parent_id': {'type': 'many2one', 'relation': 'res.partner'}}
    assert odoo.env.user.login == 'admin'
    assert odoo.env['res.users'].context_get()['lang'] == 'en_US'


def test_odoorpc_access_error(odoo_server, odoo):
    users = odoo.env['res.users']
    clerk_id = users.create({'name': '员工甲', 'login': 'api_clerk', 'password': 'clerk-pw',
                             'groups_id': [(6, 0, [])]})
    clerk = odoorpc.ODOO('127.0.0.1', port=int(odoo_server.url.rsplit(':', 1)[1]))
    clerk.login(odoo_server.db, 'api_clerk', 'clerk-pw')
    assert clerk.env.uid == clerk_id
    with pytest.raises(odoorpc.error.RPCError) as caught:
        clerk.env['res.partner'].search([])
    info = caught.value.info
    assert info['code'] == 200 and info['message'] == 'Odoo Server Error'
    assert info['data']['name'] == 'odoo.exceptions.AccessError'
    assert 'res.partner' in info['data']['message']


def test_odoorpc_wrong_password(odoo_server):
    client = odoorpc.ODOO('127.0.0.1', port=int(odoo_server.url.rsplit(':', 1)[1]))
    with pytest.raises(odoorpc.error.RPCError) as caught:
        client.login(odoo_server.db, 'admin', 'not the password')
    # common.login answers False, which odoorpc reports itself
    assert 'Wrong login' in str(caught.value)


def test_odooly_over_xmlrpc_and_jsonrpc(odoo_server):
    for protocol in ('xmlrpc', 'jsonrpc'):
        client = odooly.Client(f'{odoo_server.url}/{protocol}', odoo_server.db, 'admin', 'admin')
        partners = client.env['res.partner']
        record = partners.create({'name': f'odooly {protocol} 客户'})
        assert partners.search([('name', '=', f'odooly {protocol} 客户')]).ids == [record.id]
        record.write({'city': '苏州'})
        assert record.read(['city'])['city'] == '苏州'
        record.unlink()
        assert not partners.search([('id', '=', record.id)])


def test_xmlrpc_client_execute_kw(odoo_server):
    url, db = odoo_server.url, odoo_server.db
    common = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/common')
    assert common.version()['server_version'] == '18.0'
    uid = common.authenticate(db, 'admin', 'admin', {})
    models = xmlrpc.client.ServerProxy(f'{url}/xmlrpc/2/object')
    call = lambda model, method, args, kw=None: models.execute_kw(db, uid, 'admin', model, method, args, kw or {})  # noqa: E731
    partner_id = call('res.partner', 'create', [{'name': '无锡客户'}])
    assert call('res.partner', 'search', [[('id', '=', partner_id)]]) == [partner_id]
    assert call('res.partner', 'write', [[partner_id], {'email': 'wx@example.com'}]) is True
    row = call('res.partner', 'search_read', [[('id', '=', partner_id)]], {'fields': ['email', 'create_date']})[0]
    assert row['email'] == 'wx@example.com' and isinstance(row['create_date'], str)
    assert call('res.partner', 'unlink', [[partner_id]]) is True
    with pytest.raises(xmlrpc.client.Fault) as caught:
        models.execute_kw(db, uid, 'bad password', 'res.partner', 'search', [[]])
    assert caught.value.faultCode == 3 and caught.value.faultString == 'Access Denied'
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('res.partner', '_compute_display_name', [[1]])
    assert caught.value.faultCode == 4
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('res.partner', 'create', [{'name': False}])
    assert caught.value.faultCode in (1, 2)


def test_jsonrpc_unknown_method_is_clear(odoo_server):
    answer = _jsonrpc(odoo_server.url, {'service': 'object', 'method': 'execute_kw', 'args': [
        odoo_server.db, 2, 'admin', 'res.partner', 'frobnicate', [[]], {}]})
    assert answer['error']['data']['name'] == 'builtins.AttributeError'
    assert "res.partner.frobnicate" in answer['error']['data']['message']
    # the server is still fine afterwards
    assert _jsonrpc(odoo_server.url, {'service': 'common', 'method': 'version', 'args': []})['result']
