"""Tests of odoo.tools.mail address and HTML helpers."""
from __future__ import annotations

from odoo.tools import email_normalize, email_split, html2plaintext, html_sanitize, is_html_empty, plaintext2html
from odoo.tools.mail import formataddr


def test_addresses():
    assert email_normalize('Name <NaMe@DoMaIn.CoM>') == 'name@domain.com'
    assert email_normalize('a@b.com, c@d.com') is False
    assert email_normalize('a@b.com, c@d.com', strict=False) == 'a@b.com'
    assert email_split('"X" <x@y.org>, junk, z@w.cn') == ['x@y.org', 'z@w.cn']
    assert formataddr(('Zhang "San"', 'z@s.cn')) == '"Zhang \\"San\\"" <z@s.cn>'
    assert formataddr(('张三', 'z@s.cn'), 'ascii') == '=?utf-8?b?5byg5LiJ?= <z@s.cn>'


def test_sanitize_removes_code():
    clean = html_sanitize('<p onclick="steal()">Hi<script>alert(1)</script>'
                          '<a href="javascript:x()">link</a><img src="data:image/png;base64,AA"></p>')
    assert 'script' not in clean and 'onclick' not in clean and 'javascript' not in clean
    assert '<p>Hi' in clean and 'data:image/png' in clean


def test_text_html_conversions():
    assert plaintext2html('a & b\nc\n\nd') == '<p>a &amp; b<br/>c</p><p>d</p>'
    assert is_html_empty('<p><br></p>') and not is_html_empty('<p>x</p>')
    assert html2plaintext('<p>Hello <b>World</b></p><p><a href="http://x.cn">site</a></p>') == \
        'Hello *World*\nsite [1]\n\n\n[1] http://x.cn'


def test_parse_contact_from_email():
    from odoo.tools.mail import parse_contact_from_email
    assert parse_contact_from_email('"Raoul le Grand" <Raoul@Grosbedon.fr>') == ('Raoul le Grand', 'raoul@grosbedon.fr')
    assert parse_contact_from_email('Only a name') == ('Only a name', '')
    assert parse_contact_from_email('  ') == ('', '')
