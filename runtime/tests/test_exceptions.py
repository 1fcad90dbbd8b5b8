"""Tests of odoo.exceptions: the hierarchy the RPC layer relies on."""
from __future__ import annotations

import pytest
from odoo import exceptions
from odoo.exceptions import (
    AccessDenied,
    AccessError,
    CacheMiss,
    LockError,
    MissingError,
    RedirectWarning,
    UserError,
    ValidationError,
)


@pytest.mark.parametrize('cls', [AccessDenied, AccessError, MissingError, ValidationError, LockError])
def test_user_error_family(cls):
    assert issubclass(cls, UserError)


def test_messages_and_arguments():
    assert str(UserError("Order S01 is done")) == "Order S01 is done"
    assert AccessDenied().args == ("Access Denied",)
    assert AccessDenied().traceback == ('', '', '')
    warning = RedirectWarning("Configure a journal", 42, "Go", {'default_type': 'sale'})
    assert warning.args == ("Configure a journal", 42, "Go", {'default_type': 'sale'})
    assert not issubclass(exceptions.ConcurrencyError, UserError)


def test_cache_miss_names_record_and_field():
    class Field:
        name = 'partner_id'
    error = CacheMiss('sale.order(1,)', Field())
    assert isinstance(error, KeyError)
    assert 'partner_id' in str(error) and 'sale.order(1,)' in str(error)
