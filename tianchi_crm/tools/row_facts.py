"""The normalised values of a customer sheet row, worked out without the ORM.

Checking a row turns its cells into the values a customer gets (a name with
its blanks folded, a credit code and whether its check characters hold, a
mainland mobile number, an e-mail address, a date). That part needs no
database, so for big sheets the reading process does it beside the import
(``sheet_process``); the import then only builds the values and messages.
"""

import datetime
import re
import unicodedata

from .contact_values import is_valid_email, normalize_email, normalize_mobile
from .credit_code import is_valid_credit_code, normalize_credit_code
from .import_reader import cell_text

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%d/%m/%Y")
# the first three formats, read without strptime (slow, and met on most rows of big sheets)
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_LANDLINE = re.compile(r"\+?[0-9][0-9\- ()]{5,}[0-9](?:\s*(?:转|ext\.?|x)\s*[0-9]+)?")
_BLANKS = re.compile(r"\s+")


def parse_date(value):
    """A date from a cell: a date/datetime, an Excel serial number or a text in a usual format."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:
        # spreadsheets count days from 1899-12-30
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", cell_text(value))
    if found := _YEAR_FIRST.fullmatch(text):
        year, _separator, month, day = found.groups()
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def row_facts(values, columns):
    """``{target: normalised value}`` of a row's cells; ``columns`` is ``{column_index: target}``.

    'cells' is ``{target: cell}`` of the row's non-empty cells; 'name' the
    folded name ('' when missing); 'credit_code' and 'email' are
    ``(normalised text, valid)``; 'mobile' the 11-digit number or None;
    'phone' ``(text, valid)``; 'next_contact_date' a date or None. A target
    whose cell is empty is left out (but for 'name').
    """
    raw = {target: values[index] for index, target in columns.items()
           if index < len(values) and values[index] not in (None, "")}
    facts = {'cells': raw,
             'name': _BLANKS.sub(" ", unicodedata.normalize("NFKC", cell_text(raw.get('name')))).strip()}
    if 'credit_code' in raw:
        code = normalize_credit_code(raw['credit_code'])
        facts['credit_code'] = (code, is_valid_credit_code(code))
    if 'mobile' in raw:
        facts['mobile'] = normalize_mobile(raw['mobile'])
    if 'phone' in raw:
        phone = unicodedata.normalize("NFKC", cell_text(raw['phone']))
        facts['phone'] = (phone, bool(_LANDLINE.fullmatch(phone)))
    if 'email' in raw:
        email = normalize_email(raw['email'])
        facts['email'] = (email, is_valid_email(email))
    if 'next_contact_date' in raw:
        facts['next_contact_date'] = parse_date(raw['next_contact_date'])
    return facts
