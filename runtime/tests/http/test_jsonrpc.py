"""JSON-RPC messages: parsing requests and shaping answers (no server)."""
from __future__ import annotations

import datetime
import json

import pytest
from odoo.exceptions import AccessError
from odoo.httpd import jsonrpc
from odoo.tools.func import lazy


def test_parse_request_returns_id_and_params():
    body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'params': {'a': 1}, 'id': 7})
    assert jsonrpc.parse_request(body.encode()) == (7, {'a': 1})


def test_parse_request_without_params_gives_empty_params():
    assert jsonrpc.parse_request(b'{"jsonrpc": "2.0", "id": null}') == (None, {})


@pytest.mark.parametrize(('body', 'reply'), [
    (b'{"jsonrpc": "2.0", "params": ', "Invalid JSON data"),
    (b'\xff\xfe', "Invalid JSON data"),
    (b'[1, 2]', "Invalid JSON-RPC data"),
    (b'"call"', "Invalid JSON-RPC data"),
    (b'{"params": [1, 2]}', "Invalid JSON-RPC data"),
])
def test_parse_request_refuses_malformed_bodies(body, reply):
    with pytest.raises(jsonrpc.MalformedRequest) as caught:
        jsonrpc.parse_request(body)
    assert caught.value.reply == reply
    assert str(caught.value).startswith(reply)


def test_response_leaves_out_a_none_result():
    assert jsonrpc.response_message(3, None) == {'jsonrpc': '2.0', 'id': 3}
    assert jsonrpc.response_message(3, False) == {'jsonrpc': '2.0', 'id': 3, 'result': False}


def _raised(exc):
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return caught


def test_error_object_describes_the_exception_like_odoo():
    exc = _raised(AccessError("You are not allowed to modify 'Contact' (res.partner) records."))
    error = jsonrpc.error_object(exc)
    assert error['code'] == 200
    assert error['message'] == "Odoo Server Error"
    data = error['data']
    assert data['name'] == 'odoo.exceptions.AccessError'
    assert data['message'] == "You are not allowed to modify 'Contact' (res.partner) records."
    assert data['arguments'] == ["You are not allowed to modify 'Contact' (res.partner) records."]
    assert data['context'] == {}
    assert 'Traceback' in data['debug'] and 'AccessError' in data['debug']


def test_traceback_names_every_frame_and_chained_exception_without_markers():
    def inner():
        raise KeyError('missing')

    def outer():
        try:
            inner()
        except KeyError as exc:
            raise AccessError("refused") from exc

    text = jsonrpc.format_traceback(_raised_by(outer))
    assert text.count('Traceback (most recent call last):') == 2
    assert 'direct cause of the following exception' in text
    assert "KeyError: 'missing'" in text and text.rstrip().endswith('odoo.exceptions.AccessError: refused')
    for name in ('inner', 'outer'):
        assert f', in {name}\n' in text
    assert "raise KeyError('missing')" in text
    assert '^^^' not in text


def _raised_by(function):
    try:
        function()
    except Exception as caught:  # noqa: BLE001
        return caught
    raise AssertionError("nothing raised")


def test_error_codes_for_session_expired_and_not_found():
    exc = _raised(RuntimeError("gone"))
    assert jsonrpc.error_object(exc, session_expired=True)['code'] == 100
    assert jsonrpc.error_object(exc, session_expired=True)['message'] == "Odoo Session Expired"
    assert jsonrpc.error_object(exc, not_found=True)['code'] == 404
    assert jsonrpc.error_object(exc, not_found=True)['message'] == "404: Not Found"


def test_builtin_exception_names_are_dotted_with_builtins():
    assert jsonrpc.exception_name(KeyError('x')) == 'builtins.KeyError'


def test_dumps_keeps_chinese_and_formats_dates_as_odoo():
    text = jsonrpc.dumps({
        'name': '杭州西湖',
        'when': datetime.datetime(2024, 5, 1, 8, 30, 0, 123),
        'day': datetime.date(2024, 5, 1),
        'raw': b'aGVsbG8=',
        'label': lazy(lambda: '客户'),
    })
    assert json.loads(text) == {'name': '杭州西湖', 'when': '2024-05-01 08:30:00', 'day': '2024-05-01',
                                'raw': 'aGVsbG8=', 'label': '客户'}
    assert '杭州西湖' in text
