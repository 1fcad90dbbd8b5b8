"""XML-RPC: Odoo's marshalling and fault codes (no server)."""
from __future__ import annotations

import datetime
import xmlrpc.client

import pytest
from odoo import exceptions
from odoo.httpd import xmlrpc as marshalling
from odoo.tools.misc import frozendict


def _roundtrip(value):
    return xmlrpc.client.loads(marshalling.dumps_result(value).encode())[0][0]


def test_result_marshals_dates_as_strings_and_bytes_as_text():
    value = {
        'when': datetime.datetime(2024, 5, 1, 8, 30, 5),
        'day': datetime.date(2024, 5, 1),
        'data': b'aGVsbG8=',
        'frozen': frozendict({'a': 1}),
        'name': '客户\x01',
    }
    assert _roundtrip(value) == {'when': '2024-05-01 08:30:05', 'day': '2024-05-01', 'data': 'aGVsbG8=',
                                 'frozen': {'a': 1}, 'name': '客户'}


def test_none_is_not_marshallable_as_in_odoo():
    with pytest.raises(TypeError):
        marshalling.dumps_result(None)


@pytest.mark.parametrize(('exc', 'code'), [
    (exceptions.AccessDenied(), 3),
    (exceptions.AccessError("no"), 4),
    (exceptions.UserError("bad"), 2),
    (exceptions.ValidationError("bad"), 2),
    (exceptions.MissingError("gone"), 2),
    (exceptions.RedirectWarning("go", 1, "Go"), 2),
    (ZeroDivisionError("division by zero"), 1),
])
def test_fault_codes_follow_odoo(exc, code):
    fault = marshalling.fault_with_code(exc)
    assert fault.faultCode == code
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.loads(marshalling.dumps_fault(fault).encode())
    assert caught.value.faultCode == code


def test_fault_documents_raise_on_the_client_side():
    document = marshalling.dumps_fault(marshalling.fault_with_code(exceptions.AccessDenied()))
    with pytest.raises(xmlrpc.client.Fault) as caught:
        xmlrpc.client.loads(document.encode())
    assert caught.value.faultCode == 3
    assert caught.value.faultString == "Access Denied"


def test_application_error_carries_the_traceback():
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError as exc:
        fault = marshalling.fault_with_code(exc)
    assert fault.faultCode == 1
    assert 'Traceback' in fault.faultString and 'ZeroDivisionError' in fault.faultString


def test_string_faults_of_the_historical_endpoint():
    assert marshalling.fault_with_string(exceptions.AccessDenied()).faultCode == 'AccessDenied'
    assert marshalling.fault_with_string(exceptions.AccessError("no")).faultCode == 'warning -- AccessError\n\nno'
    assert marshalling.fault_with_string(exceptions.UserError("bad")).faultCode == 'warning -- UserError\n\nbad'
    assert marshalling.fault_with_string(exceptions.MissingError("x")).faultCode == 'warning -- MissingError\n\nx'


def test_loads_reads_a_call():
    body = xmlrpc.client.dumps(('db', 2, 'pw'), 'execute_kw')
    assert marshalling.loads(body) == (('db', 2, 'pw'), 'execute_kw')
