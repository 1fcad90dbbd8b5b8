"""Read-only display of the form widgets of issue 3 (``email``, ``phone``,
``url``, ``monetary``, dates), checked without a server: links that open
the mail client, the dialler and the site, amounts with their currency."""
from __future__ import annotations

import datetime
from types import SimpleNamespace

from odoo.modules import module

module.initialize_sys_path()    # odoo.addons spans the repository's addons/

from odoo.addons.web.client import fields_html  # noqa: E402

YUAN = SimpleNamespace(symbol='¥', name='CNY', decimal_places=2, position='before')
EURO = SimpleNamespace(symbol='€', name='EUR', decimal_places=2, position='after')


class _Record(dict):
    """Field values by name, as ``record[name]`` reads them."""

    @property
    def _fields(self) -> dict:
        return dict.fromkeys(self)


def test_contact_widgets_are_links():
    record = _Record(email='wang@example.com', phone='138 0013 8000', website='www.example.com', home='https://a.example')
    assert str(fields_html.display(record, 'email', {'type': 'char'}, 'email')) == '<a href="mailto:wang@example.com">wang@example.com</a>'
    assert 'href="tel:138 0013 8000"' in str(fields_html.display(record, 'phone', {'type': 'char'}, 'phone'))
    # an address without a scheme opens as https, in a new tab
    shown = str(fields_html.display(record, 'website', {'type': 'char'}, 'url'))
    assert 'href="https://www.example.com"' in shown and 'target="_blank"' in shown
    assert 'href="https://a.example"' in str(fields_html.display(record, 'home', {'type': 'char'}, 'url'))
    # the same text without a widget is plain
    assert str(fields_html.display(record, 'email', {'type': 'char'})) == 'wang@example.com'


def test_contact_widgets_escape_their_text():
    record = _Record(email='"><script>alert(1)</script>')
    shown = str(fields_html.display(record, 'email', {'type': 'char'}, 'email'))
    assert '<script>' not in shown and '&lt;script&gt;' in shown


def test_monetary_and_dates():
    record = _Record(amount=12800.5, currency_id=YUAN, price=3.2, deadline=datetime.date(2026, 3, 9))
    assert str(fields_html.display(record, 'amount', {'type': 'monetary', 'currency_field': 'currency_id'})) == '¥ 12,800.50'
    record['currency_id'] = EURO
    assert str(fields_html.display(record, 'amount', {'type': 'monetary', 'currency_field': 'currency_id'})) == '12,800.50 €'
    assert str(fields_html.display(record, 'deadline', {'type': 'date'})) == '2026-03-09'
    # a date is edited in the browser's date picker, posted back in ISO form
    control = str(fields_html.input_html(record, 'deadline', {'type': 'date'}, None, readonly=False, required=True))
    assert 'type="date"' in control and 'value="2026-03-09"' in control and 'required' in control
