"""Which databases a request may use (the pure filter)."""
from __future__ import annotations

from odoo.httpd.databases import filter_names

NAMES = ['acme', 'acme_test', 'beta', 'www_shop']


def test_without_configuration_every_database_is_allowed():
    assert filter_names(NAMES) == NAMES


def test_db_name_lists_the_exposed_databases_that_exist():
    assert filter_names(NAMES, db_name='beta, acme,missing') == ['acme', 'beta']


def test_dbfilter_wins_over_db_name():
    assert filter_names(NAMES, dbfilter='^acme', db_name='beta') == ['acme', 'acme_test']


def test_dbfilter_host_and_domain_placeholders():
    assert filter_names(NAMES, host='www.acme.example.com:8069', dbfilter='^%d$') == ['acme']
    assert filter_names(['acme.example.com', 'x'], host='acme.example.com', dbfilter='^%h$') == ['acme.example.com']


def test_dbfilter_escapes_the_host():
    # a dot in the host is literal, never "any character"
    assert filter_names(['aXb'], host='a.b', dbfilter='^%h$') == []
