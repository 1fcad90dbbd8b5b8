"""Routes: the decorator, merging along controller extensions, URL maps."""
from __future__ import annotations

import pytest
from odoo.http import Controller, Response, route
from odoo.httpd.routing import build_map, generate_routing_rules
from werkzeug.exceptions import MethodNotAllowed, NotFound


class Shop(Controller):
    __module__ = 'odoo.addons.i_fake_shop.controllers.main'

    @route('/shop', type='http', auth='public')
    def shop(self, page=1):
        return f"page {page}"

    @route(['/shop/cart', '/shop/basket'], type='json', auth='user', methods=['POST'])
    def cart(self, product_id):
        return {'product': product_id}

    def helper(self):
        return 'not routed'


class ShopExtended(Shop):
    __module__ = 'odoo.addons.i_fake_shop_plus.controllers.main'

    @route(auth='user')
    def shop(self, page=1):
        # as in Odoo, the parent route already answers with a Response
        return super().shop(page).get_data(as_text=True) + ' (members)'


def _rules(modules):
    return {url: endpoint for url, endpoint in generate_routing_rules(modules, nodb_only=False)}


def test_routes_of_a_module():
    rules = _rules(['i_fake_shop'])
    assert set(rules) >= {'/shop', '/shop/cart', '/shop/basket'}
    assert rules['/shop'].routing['auth'] == 'public'
    assert rules['/shop'].routing['type'] == 'http'
    assert rules['/shop/cart'].routing['methods'] == ['POST']


def test_extension_merges_routing_and_overrides_code_only_when_installed():
    alone = _rules(['i_fake_shop'])
    assert alone['/shop']().get_data(as_text=True) == 'page 1'
    both = _rules(['i_fake_shop', 'i_fake_shop_plus'])
    endpoint = both['/shop']
    # the URL and type come from the base, auth from the extension
    assert endpoint.routing['auth'] == 'user' and endpoint.routing['type'] == 'http'
    assert endpoint(page=2).get_data(as_text=True) == 'page 2 (members)'


def test_http_routes_return_responses_and_drop_unknown_parameters():
    endpoint = _rules(['i_fake_shop'])['/shop']
    response = endpoint(page=3, unexpected='x')
    assert isinstance(response, Response)
    assert response.get_data(as_text=True) == 'page 3'


def test_json_routes_return_plain_values():
    endpoint = _rules(['i_fake_shop'])['/shop/cart']
    assert endpoint(product_id=5) == {'product': 5}


def test_nodb_only_keeps_auth_none_routes():
    assert _rules(['i_fake_shop']) and not {
        url for url, _e in generate_routing_rules(['i_fake_shop'], nodb_only=True)}


def test_url_map_matches_and_adds_options_to_restricted_methods():
    url_map = build_map(generate_routing_rules(['i_fake_shop'], nodb_only=False))
    adapter = url_map.bind('localhost')
    rule, _args = adapter.match('/shop/basket', method='POST', return_rule=True)
    assert rule.endpoint.routing['type'] == 'json'
    assert 'OPTIONS' in rule.methods
    with pytest.raises(MethodNotAllowed):
        adapter.match('/shop/cart', method='GET')
    with pytest.raises(NotFound):
        adapter.match('/nowhere')


def test_route_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="type must be one of"):
        route('/x', type='soap')
