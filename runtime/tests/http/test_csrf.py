"""CSRF tokens: bound to the session, the secret and an expiry."""
from __future__ import annotations

import pytest
from odoo.httpd import csrf

SID = 'a' * 84


def test_token_is_valid_for_its_session():
    token = csrf.make_token('s3cret', SID, now=1_000_000)
    assert csrf.check_token('s3cret', SID, token, now=1_000_100)


def test_token_has_odoo_shape():
    token = csrf.make_token('s3cret', SID, time_limit=3600, now=1_000_000)
    signature, sep, expiry = token.rpartition('o')
    assert sep == 'o' and expiry == str(1_003_600) and len(signature) == 40


@pytest.mark.parametrize('forged', ['', None, 'o', 'deadbeef' * 5 + 'o9999999999', 'abco', 'xyzonotanumber'])
def test_forged_tokens_are_refused(forged):
    assert not csrf.check_token('s3cret', SID, forged, now=1_000_000)


def test_token_of_another_session_or_secret_is_refused():
    token = csrf.make_token('s3cret', SID, now=1_000_000)
    assert not csrf.check_token('s3cret', 'b' * 84, token, now=1_000_000)
    assert not csrf.check_token('other', SID, token, now=1_000_000)


def test_expired_token_is_refused():
    token = csrf.make_token('s3cret', SID, time_limit=60, now=1_000_000)
    assert csrf.check_token('s3cret', SID, token, now=1_000_059)
    assert not csrf.check_token('s3cret', SID, token, now=1_000_061)


def test_tampered_expiry_is_refused():
    token = csrf.make_token('s3cret', SID, time_limit=60, now=1_000_000)
    signature, _sep, expiry = token.rpartition('o')
    assert not csrf.check_token('s3cret', SID, f"{signature}o{int(expiry) + 10_000}", now=1_000_100)


def test_missing_secret_is_an_error_naming_the_parameter():
    with pytest.raises(ValueError, match='database.secret'):
        csrf.make_token('', SID)
